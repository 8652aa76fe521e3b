import { Construct } from 'constructs';
import { NatGateway as AckNatGateway } from '../../imports/ec2-natgateway-ec2.services.k8s.aws';

export interface NatGatewayProps {
  /** metadata.name; route tables reference the gateway by it. */
  readonly name: string;
  /** metadata.name of the public subnet the gateway sits in. */
  readonly subnetName: string;
  /** metadata.name of the Elastic IP the gateway uses as its public address. */
  readonly elasticIpName: string;
  /**
   * Value of the AWS `Name` tag.
   * @default the metadata name
   */
  readonly nameTag?: string;
}

/** An ACK ec2 NATGateway with public connectivity in one subnet (so one zone). */
export class NatGateway extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: NatGatewayProps) {
    super(scope, id);
    this.name = props.name;
    new AckNatGateway(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        connectivityType: 'public',
        subnetRef: { from: { name: props.subnetName } },
        allocationRef: { from: { name: props.elasticIpName } },
        tags: [{ key: 'Name', value: props.nameTag ?? props.name }],
      },
    });
  }
}
