import { Construct } from 'constructs';
import { InternetGateway as AckInternetGateway } from '../../imports/ec2-internetgateway-ec2.services.k8s.aws';

export interface InternetGatewayProps {
  /** metadata.name; route tables reference the gateway by it. */
  readonly name: string;
  /** metadata.name of the VPC the gateway is attached to. */
  readonly vpcName: string;
  /**
   * Value of the AWS `Name` tag.
   * @default the metadata name
   */
  readonly nameTag?: string;
}

/** An ACK ec2 InternetGateway, attached to its VPC through `vpcRef`. */
export class InternetGateway extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: InternetGatewayProps) {
    super(scope, id);
    this.name = props.name;
    new AckInternetGateway(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        vpcRef: { from: { name: props.vpcName } },
        tags: [{ key: 'Name', value: props.nameTag ?? props.name }],
      },
    });
  }
}
