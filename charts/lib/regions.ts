/**
 * Where an ACK object lives when it is not in the environment's own region (the namespace's
 * `services.k8s.aws/default-region`): CloudFront's certificate and web ACL in us-east-1, the alarms on Route 53 health checks there too, the
 * disaster-recovery replicas in aws.drRegion.
 */
import { REGION_ANNOTATION } from '../../policy/annotations';

/** CloudFront reads its certificate and web ACL from this region only. */
export const CLOUDFRONT_REGION = 'us-east-1';

/** Route 53 publishes its health checks' CloudWatch metrics in this region only. */
export const ROUTE53_METRICS_REGION = 'us-east-1';

/** metadata.annotations placing one object in `region`. */
export function inRegion(region: string): Record<string, string> {
  if (!/^[a-z]{2}-[a-z]+-\d$/.test(region)) throw new Error(`inRegion: expected an AWS region such as eu-central-1, got "${region}"`);
  return { [REGION_ANNOTATION]: region };
}
