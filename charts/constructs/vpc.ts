import { Construct } from 'constructs';
import { Vpc as AckVpc } from '../../imports/ec2-vpc-ec2.services.k8s.aws';

export interface VpcProps {
  /** metadata.name; other objects reference the VPC by it. */
  readonly name: string;
  /** The VPC's IPv4 CIDR, e.g. 10.0.0.0/16. */
  readonly cidr: string;
  /**
   * DNS host names for instances; needed for private endpoints and RDS host names.
   * @default true
   */
  readonly enableDnsHostnames?: boolean;
}

/** An ACK ec2 VPC with DNS support on. */
export class Vpc extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    this.name = props.name;
    new AckVpc(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        cidrBlocks: [props.cidr],
        enableDnsSupport: true,
        enableDnsHostnames: props.enableDnsHostnames ?? true,
        tags: [{ key: 'Name', value: props.name }],
      },
    });
  }
}
