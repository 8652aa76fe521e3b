import { Construct } from 'constructs';
import { Subnet as AckSubnet } from '../../imports/ec2-subnet-ec2.services.k8s.aws';
import { parseCidr } from '../lib/environment/cidr';

export interface SubnetProps {
  /** metadata.name; other objects reference the subnet by it. */
  readonly name: string;
  /** metadata.name of the VPC the subnet is carved from. */
  readonly vpcName: string;
  /** The subnet's IPv4 CIDR, inside the VPC's. */
  readonly cidr: string;
  /** Availability zone, e.g. eu-west-1a. */
  readonly availabilityZone: string;
  /**
   * metadata.name of the route table the subnet is associated with. ACK associates subnets
   * from the Subnet side (`routeTableRefs`); without one the subnet uses the VPC's main table.
   * @default none (the main route table)
   */
  readonly routeTableName?: string;
  /**
   * Value of the AWS `Name` tag.
   * @default the metadata name
   */
  readonly nameTag?: string;
}

/** An ACK ec2 Subnet in one availability zone. */
export class Subnet extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SubnetProps) {
    super(scope, id);
    if (!parseCidr(props.cidr)) throw new Error(`Subnet ${props.name}: cidr must be an IPv4 CIDR such as 10.0.1.0/24, got "${props.cidr}"`);
    if (!props.availabilityZone) throw new Error(`Subnet ${props.name}: availabilityZone must be set, got "${props.availabilityZone}"`);
    this.name = props.name;
    new AckSubnet(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        vpcRef: { from: { name: props.vpcName } },
        cidrBlock: props.cidr,
        availabilityZone: props.availabilityZone,
        // Nothing here needs an automatic public IP: NAT gateways get Elastic IPs, the ALB its own (Security Hub EC2.15).
        mapPublicIpOnLaunch: false,
        routeTableRefs: props.routeTableName ? [{ from: { name: props.routeTableName } }] : undefined,
        tags: [{ key: 'Name', value: props.nameTag ?? props.name }],
      },
    });
  }
}
