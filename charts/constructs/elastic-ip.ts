import { Construct } from 'constructs';
import { ElasticIpAddress as AckElasticIpAddress } from '../../imports/ec2-elasticipaddress-ec2.services.k8s.aws';

export interface ElasticIpProps {
  /** metadata.name; a NAT gateway references the address by it. */
  readonly name: string;
  /**
   * Value of the AWS `Name` tag.
   * @default the metadata name
   */
  readonly nameTag?: string;
}

/** An ACK ec2 ElasticIPAddress from Amazon's pool (VPC domain). */
export class ElasticIp extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ElasticIpProps) {
    super(scope, id);
    this.name = props.name;
    new AckElasticIpAddress(this, 'Resource', {
      metadata: { name: props.name },
      spec: { tags: [{ key: 'Name', value: props.nameTag ?? props.name }] },
    });
  }
}
