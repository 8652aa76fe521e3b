/**
 * Argo CD sync waves by API group: created in ascending order, pruned in reverse. The order is
 * keys and identity, then network, then data and storage, then compute, then the edge.
 */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

export const SYNC_WAVES: Readonly<Record<string, number>> = {
  // Namespace, policies and the platform's own controller come before anything they govern.
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
  'ecs.services.k8s.aws': 3,
  'applicationautoscaling.services.k8s.aws': 3,
  'acm.services.k8s.aws': 4,
  'elbv2.services.k8s.aws': 4,
  'wafv2.services.k8s.aws': 4,
  'cloudfront.services.k8s.aws': 4,
  'route53.services.k8s.aws': 4,
  'cloudwatch.services.k8s.aws': 4,
};
