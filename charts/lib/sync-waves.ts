/**
 * Argo CD sync waves: created in ascending order, pruned in reverse. Argo CD waits for a wave
 * to be healthy before the next, so the order must follow what AWS needs to exist first:
 *
 *  -1  namespace, our policies and the policy reconciler
 *   0  keys and identity (KMS, IAM)
 *   1  network (EC2)
 *   2  data and storage (RDS, ElastiCache, S3, EFS, ECR, Secrets Manager, CloudWatch Logs), and
 *      the SNS topics alarms notify (before the alarms of wave 5)
 *   3  compute definitions, and the load balancing they attach to: ECS clusters and task
 *      definitions; ACM certificates and ELBv2 (ECS rejects a service whose target group has
 *      no load balancer, and a service must see the task definition revision it names); the VPC
 *      flow log, after the bucket it delivers to
 *   4  compute services (ECS services, autoscaling)
 *   5  the edge in front of them (Route 53, WAF, CloudFront, CloudWatch alarms)
 *   6  the policy reconciler's Deployment: its image lives in the ECR repository of wave 2, and a
 *      Deployment waiting for an image it cannot pull would hold every later wave
 *
 * finalize() writes the wave into each object's `argocd.argoproj.io/sync-wave` annotation.
 */
import { kindView } from '../../policy/kinds';

/** Wave of each API group. */
const SYNC_WAVES: Readonly<Record<string, number>> = {
  '': -1,
  'platform.mycomputer.com': -1,
  apps: -1,
  'rbac.authorization.k8s.io': -1,
  'coordination.k8s.io': -1,
  'kms.services.k8s.aws': 0,
  'iam.services.k8s.aws': 0,
  'ec2.services.k8s.aws': 1,
  'rds.services.k8s.aws': 2,
  'elasticache.services.k8s.aws': 2,
  's3.services.k8s.aws': 2,
  'efs.services.k8s.aws': 2,
  'ecr.services.k8s.aws': 2,
  'secretsmanager.services.k8s.aws': 2,
  'cloudwatchlogs.services.k8s.aws': 2,
  'sns.services.k8s.aws': 2,
  'acm.services.k8s.aws': 3,
  'elbv2.services.k8s.aws': 3,
  'ecs.services.k8s.aws': 4,
  'applicationautoscaling.services.k8s.aws': 4,
  'wafv2.services.k8s.aws': 5,
  'cloudfront.services.k8s.aws': 5,
  'route53.services.k8s.aws': 5,
  'cloudwatch.services.k8s.aws': 5,
};

/** ACK kinds whose wave differs from their group's (policy/kinds.ts `wave`): `<group>/<Kind>` → wave. */
const SYNC_WAVES_BY_KIND: Readonly<Record<string, number>> = kindView((facts) => facts.wave);

/** Kinds that sync later than their group: after everything, since nothing in AWS needs them. */
const LATE_SYNC_WAVES_BY_KIND: Readonly<Record<string, number>> = {
  'apps/Deployment': 6,
};

/** The wave of an object's kind, or undefined when its group has none. */
export function syncWaveOf(group: string, kind: string): number | undefined {
  const key = `${group}/${kind}`;
  return SYNC_WAVES_BY_KIND[key] ?? LATE_SYNC_WAVES_BY_KIND[key] ?? SYNC_WAVES[group];
}
