import { Construct } from 'constructs';
import { HostedZone as AckHostedZone } from '../../imports/route53-hostedzone-route53.services.k8s.aws';

export interface HostedZoneProps {
  /** metadata.name; record sets reference the zone by it (`hostedZoneRef`). */
  readonly name: string;
  /** The domain, e.g. mycomputer.com. */
  readonly zoneName: string;
  /** Why the zone exists (shown in the console). */
  readonly comment: string;
  /**
   * Makes the zone private, answering only inside this VPC. By id: the CRD has no VPC reference,
   * and a zone created without a VPC is public (privateZone is immutable).
   * @default none: a public zone
   */
  readonly vpc?: { readonly vpcId: string; readonly region: string };
}

/**
 * A Route 53 hosted zone: public (its name servers are delegated to by the registrar) or, with
 * `vpc`, private to that VPC.
 */
export class HostedZone extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: HostedZoneProps) {
    super(scope, id);
    if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(props.zoneName)) throw new Error(`HostedZone ${props.name}: zoneName must be a DNS name without the final dot, got "${props.zoneName}"`);
    const vpc = props.vpc;
    if (vpc !== undefined && !/^vpc-[0-9a-f]{8,17}$/.test(vpc.vpcId)) throw new Error(`HostedZone ${props.name}: vpc.vpcId must be a VPC id (vpc-<8 to 17 hex digits>), got "${vpc.vpcId}"`);
    if (vpc !== undefined && !/^[a-z]{2}-[a-z]+-\d$/.test(vpc.region)) throw new Error(`HostedZone ${props.name}: vpc.region must be an AWS region, got "${vpc.region}"`);
    this.name = props.name;
    new AckHostedZone(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.zoneName,
        hostedZoneConfig: { comment: props.comment, privateZone: vpc !== undefined },
        ...(vpc !== undefined ? { vpc: { vpcId: vpc.vpcId, vpcRegion: vpc.region } } : {}),
      },
    });
  }
}
