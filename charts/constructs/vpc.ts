import { Construct } from 'constructs';
import { Vpc as AckVpc } from '../../imports/ec2-vpc-ec2.services.k8s.aws';
import { parseCidr } from '../lib/environment/cidr';

export interface VpcProps {
  /** metadata.name; other objects reference the VPC by it. */
  readonly name: string;
  /** The VPC's IPv4 CIDR, e.g. 10.0.0.0/16. */
  readonly cidr: string;
  /**
   * Value of the AWS `Name` tag (what the console shows).
   * @default the metadata name
   */
  readonly nameTag?: string;
  /**
   * DNS host names for instances; needed for private endpoints and RDS host names.
   * @default true
   */
  readonly enableDnsHostnames?: boolean;
  /**
   * Strip every rule from the VPC's default security group, so that nothing attached to it by
   * mistake can talk to anything (CIS AWS Foundations 5.4).
   * @default true
   */
  readonly restrictDefaultSecurityGroup?: boolean;
}

/** An ACK ec2 VPC with DNS support on. */
export class Vpc extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    if (!parseCidr(props.cidr)) throw new Error(`Vpc ${props.name}: cidr must be an IPv4 CIDR such as 10.0.0.0/16, got "${props.cidr}"`);
    this.name = props.name;
    new AckVpc(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        cidrBlocks: [props.cidr],
        enableDnsSupport: true,
        enableDnsHostnames: props.enableDnsHostnames ?? true,
        disallowSecurityGroupDefaultRules: props.restrictDefaultSecurityGroup ?? true,
        tags: [{ key: 'Name', value: props.nameTag ?? props.name }],
      },
    });
  }
}
