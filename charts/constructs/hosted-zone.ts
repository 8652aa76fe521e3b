import { Construct } from 'constructs';
import { HostedZone as AckHostedZone } from '../../imports/route53-hostedzone-route53.services.k8s.aws';

export interface HostedZoneProps {
  /** metadata.name; record sets reference the zone by it (`hostedZoneRef`). */
  readonly name: string;
  /** The domain, e.g. mycomputer.com. */
  readonly zoneName: string;
  /** Why the zone exists (shown in the console). */
  readonly comment: string;
}

/** A public Route 53 hosted zone; its name servers are delegated to by the registrar. */
export class HostedZone extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: HostedZoneProps) {
    super(scope, id);
    if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(props.zoneName)) throw new Error(`HostedZone ${props.name}: zoneName must be a DNS name without the final dot, got "${props.zoneName}"`);
    this.name = props.name;
    new AckHostedZone(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.zoneName,
        hostedZoneConfig: { comment: props.comment, privateZone: false },
      },
    });
  }
}
