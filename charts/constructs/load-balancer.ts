import { Construct } from 'constructs';
import { LoadBalancer as AckLoadBalancer } from '../../imports/elbv2-loadbalancer-elbv2.services.k8s.aws';

export interface LoadBalancerProps {
  /** metadata.name; listeners reference the load balancer by it. */
  readonly name: string;
  /** The AWS name (at most 32 letters, digits and hyphens). */
  readonly loadBalancerName: string;
  /** metadata.name of the subnets, one per availability zone (at least two). */
  readonly subnetNames: readonly string[];
  /** metadata.name of the security groups. */
  readonly securityGroupNames: readonly string[];
  /**
   * `internet-facing` or `internal`.
   * @default 'internet-facing'
   */
  readonly scheme?: 'internet-facing' | 'internal';
  /**
   * Access logs to an S3 bucket (same region, SSE-S3) under a prefix (ELB adds `AWSLogs/<account>/`).
   * @default no access logs
   */
  readonly accessLogs?: { readonly bucket: string; readonly prefix: string };
}

/**
 * An ACK Application Load Balancer on IPv4 that drops requests with malformed headers (a
 * request-smuggling guard) and, when given a bucket, writes its access logs there.
 */
export class LoadBalancer extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(props.loadBalancerName) || props.loadBalancerName.startsWith('internal-')) {
      throw new Error(`LoadBalancer ${props.name}: loadBalancerName must be 1-32 letters, digits or inner hyphens, not starting "internal-", got "${props.loadBalancerName}"`);
    }
    if (props.subnetNames.length < 2) throw new Error(`LoadBalancer ${props.name}: subnetNames must name subnets in at least two zones, got ${props.subnetNames.length}`);
    if (props.securityGroupNames.length === 0) throw new Error(`LoadBalancer ${props.name}: securityGroupNames must not be empty`);
    // ELB refuses a prefix that starts or ends with "/" or contains AWSLogs (it adds that part itself).
    if (props.accessLogs && (/^\/|\/$/.test(props.accessLogs.prefix) || props.accessLogs.prefix.includes('AWSLogs'))) {
      throw new Error(`LoadBalancer ${props.name}: accessLogs.prefix must not start or end with "/" nor contain AWSLogs, got "${props.accessLogs.prefix}"`);
    }
    this.name = props.name;
    new AckLoadBalancer(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.loadBalancerName,
        type: 'application',
        scheme: props.scheme ?? 'internet-facing',
        ipAddressType: 'ipv4',
        subnetRefs: props.subnetNames.map((name) => ({ from: { name } })),
        securityGroupRefs: props.securityGroupNames.map((name) => ({ from: { name } })),
        attributes: [
          { key: 'routing.http.drop_invalid_header_fields.enabled', value: 'true' },
          // Removing the load balancer takes the estate off the internet: a deliberate two-step change (Security Hub ELB.6).
          { key: 'deletion_protection.enabled', value: 'true' },
          ...(props.accessLogs
            ? [
                { key: 'access_logs.s3.enabled', value: 'true' },
                { key: 'access_logs.s3.bucket', value: props.accessLogs.bucket },
                { key: 'access_logs.s3.prefix', value: props.accessLogs.prefix },
              ]
            : []),
        ],
        tags: [{ key: 'Name', value: props.loadBalancerName }],
      },
    });
  }
}
