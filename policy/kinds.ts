/**
 * The one registry of the ACK kinds this project synthesizes or polices, keyed by `<group>/<Kind>`:
 * everything the charts, the synth checks, the diff, Argo CD's health checks and the reconciler
 * need to know about a kind. Adding a kind is one entry here (plus its construct); the views
 * (TAG_SHAPES, KIND_LOSSES, KIND_HEALTH, REFERENCE_KINDS, the per-kind sync waves) derive from it,
 * and tests hold every entry against the kind's CRD.
 */
import { A_PERSON, type KindHealth } from './kind-health';

export type TagShape =
  /** spec.tags: [{key, value}] */
  | 'keyValueList'
  /** spec.tagging.tagSet: [{key, value}] (S3 Bucket) */
  | 'tagSet'
  /** spec.tags: [{tagKey, tagValue}] (KMS Key) */
  | 'tagKeyValueList'
  /** spec.tags: {key: value} (CloudWatch Logs LogGroup) */
  | 'map'
  /** The kind has no tags in AWS. */
  | 'none';

/**
 * What removing an object of a kind costs that a re-create does not give back.
 *  - `stateful`: data or identity whose loss cannot be undone. These carry the ACK deletion
 *    policy `retain` and Argo CD's Prune=false,Delete=false, need backups, and the diff tool calls
 *    their removal or replacement DESTRUCTIVE in every environment.
 *  - `disruptive`: re-creatable, but removing one deletes records (a log group's logs) or takes
 *    traffic down (a service, a DNS record). The diff tool calls their removal or replacement
 *    DESTRUCTIVE in a protected environment (one Argo CD never prunes: production).
 */
export type KindRisk = 'stateful' | 'disruptive';

export interface KindLoss {
  /** What an object of the kind holds, in a reviewer's words ("database", "logs"). */
  readonly holds: string;
  readonly risk: KindRisk;
}

export interface KindFacts {
  /** Where the kind keeps its AWS tags. */
  readonly tags: TagShape;
  /** What removing one loses; 'none' when re-creating it gives everything back. Required, so a new kind cannot skip the question. */
  readonly loss: KindLoss | 'none';
  /**
   * Argo CD sync wave, when the kind's differs from its API group's (charts/lib/sync-waves.ts).
   * @default the group's wave
   */
  readonly wave?: number;
  /**
   * Its ACK reference fields (`xxxRef`, `xxxRefs`) and the `<group>/<Kind>` each must name (the
   * CRDs do not say: the target is in each controller's generator.yaml). Synth refuses a reference
   * field not listed here.
   * @default none
   */
  readonly references?: Readonly<Record<string, string>>;
  /**
   * The AWS resource's own state, for Argo CD health beyond ACK's conditions.
   * @default ACK's conditions only
   */
  readonly health?: KindHealth;
}

export const KINDS: Readonly<Record<string, KindFacts>> = {
  'acm.services.k8s.aws/Certificate': {
    tags: 'keyValueList',
    loss: 'none',
    health: {
      label: 'certificate status',
      path: ['status', 'status'],
      healthy: ['ISSUED'],
      degraded: ['FAILED', 'EXPIRED', 'REVOKED', 'VALIDATION_TIMED_OUT', 'INACTIVE'],
      // The ACM controller always requests DNS validation; the validation record is a Route 53
      // RecordSet, synced in a later wave (and only once bound, docs/edge.md).
      settled: {
        states: ['PENDING_VALIDATION'],
        waitsFor: 'route53.services.k8s.aws/RecordSet',
        reason: 'waits for its DNS validation record, which a later sync wave creates',
      },
    },
  },
  'applicationautoscaling.services.k8s.aws/ScalableTarget': {
    tags: 'none',
    loss: 'none',
  },
  'applicationautoscaling.services.k8s.aws/ScalingPolicy': {
    tags: 'none',
    loss: 'none',
  },
  'cloudfront.services.k8s.aws/Distribution': {
    tags: 'keyValueList',
    loss: 'none',
    references: { acmCertificateRef: 'acm.services.k8s.aws/Certificate' },
    health: {
      label: 'distribution status',
      path: ['status', 'status'],
      healthy: ['Deployed'],
      degraded: [],
    },
  },
  'cloudwatch.services.k8s.aws/MetricAlarm': {
    tags: 'keyValueList',
    loss: 'none',
  },
  'cloudwatchlogs.services.k8s.aws/LogGroup': {
    tags: 'map',
    loss: { holds: 'logs', risk: 'disruptive' },
    references: { kmsKeyRef: 'kms.services.k8s.aws/Key' },
  },
  'ec2.services.k8s.aws/ElasticIPAddress': {
    tags: 'keyValueList',
    loss: 'none',
  },
  'ec2.services.k8s.aws/FlowLog': {
    tags: 'keyValueList',
    // The records are in their destination (the logs bucket); a new flow log only misses the gap.
    loss: 'none',
    // After the S3 buckets (wave 2): CreateFlowLogs checks that the destination bucket accepts delivery.
    wave: 3,
    references: { deliverLogsPermissionRef: 'iam.services.k8s.aws/Role', logGroupRef: 'cloudwatchlogs.services.k8s.aws/LogGroup' },
  },
  'ec2.services.k8s.aws/InternetGateway': {
    tags: 'keyValueList',
    loss: 'none',
    references: { vpcRef: 'ec2.services.k8s.aws/VPC' },
  },
  'ec2.services.k8s.aws/NATGateway': {
    tags: 'keyValueList',
    loss: 'none',
    references: { allocationRef: 'ec2.services.k8s.aws/ElasticIPAddress', subnetRef: 'ec2.services.k8s.aws/Subnet' },
    health: {
      label: 'NAT gateway state',
      path: ['status', 'state'],
      healthy: ['available'],
      degraded: ['failed'],
    },
  },
  'ec2.services.k8s.aws/RouteTable': {
    tags: 'keyValueList',
    loss: 'none',
    references: { gatewayRef: 'ec2.services.k8s.aws/InternetGateway', natGatewayRef: 'ec2.services.k8s.aws/NATGateway', vpcRef: 'ec2.services.k8s.aws/VPC' },
  },
  'ec2.services.k8s.aws/SecurityGroup': {
    tags: 'keyValueList',
    loss: 'none',
    references: { groupRef: 'ec2.services.k8s.aws/SecurityGroup', vpcRef: 'ec2.services.k8s.aws/VPC' },
  },
  'ec2.services.k8s.aws/Subnet': {
    tags: 'keyValueList',
    loss: 'none',
    references: { routeTableRefs: 'ec2.services.k8s.aws/RouteTable', vpcRef: 'ec2.services.k8s.aws/VPC' },
    health: {
      label: 'subnet state',
      path: ['status', 'state'],
      healthy: ['available'],
      degraded: ['failed', 'failed-insufficient-capacity'],
    },
  },
  'ec2.services.k8s.aws/VPC': {
    tags: 'keyValueList',
    loss: 'none',
    health: {
      label: 'VPC state',
      path: ['status', 'state'],
      healthy: ['available'],
      degraded: [],
    },
  },
  'ecr.services.k8s.aws/Repository': {
    tags: 'keyValueList',
    loss: { holds: 'repository', risk: 'stateful' },
  },
  'ecs.services.k8s.aws/Cluster': {
    tags: 'keyValueList',
    loss: 'none',
    wave: 3,
    health: {
      label: 'cluster status',
      path: ['status', 'status'],
      healthy: ['ACTIVE'],
      degraded: ['FAILED', 'INACTIVE'],
    },
  },
  'ecs.services.k8s.aws/Service': {
    tags: 'keyValueList',
    loss: { holds: 'running service', risk: 'disruptive' },
    references: { clusterRef: 'ecs.services.k8s.aws/Cluster', securityGroupRefs: 'ec2.services.k8s.aws/SecurityGroup', subnetRefs: 'ec2.services.k8s.aws/Subnet', targetGroupRef: 'elbv2.services.k8s.aws/TargetGroup', taskDefinitionRef: 'ecs.services.k8s.aws/TaskDefinition' },
    health: {
      label: 'service status',
      path: ['status', 'status'],
      healthy: ['ACTIVE'],
      degraded: ['INACTIVE'],
      // The circuit breaker rolls a failed deployment back and the service stays ACTIVE.
      rollout: { path: ['status', 'deployments'], key: 'status', value: 'PRIMARY', field: 'rolloutState', degraded: ['FAILED'], progressing: ['IN_PROGRESS'] },
    },
  },
  'ecs.services.k8s.aws/TaskDefinition': {
    tags: 'keyValueList',
    loss: 'none',
    wave: 3,
    references: { taskRoleRef: 'iam.services.k8s.aws/Role' },
    health: {
      label: 'task definition status',
      path: ['status', 'status'],
      healthy: ['ACTIVE'],
      degraded: ['INACTIVE', 'DELETE_IN_PROGRESS'],
    },
  },
  'efs.services.k8s.aws/FileSystem': {
    tags: 'keyValueList',
    loss: { holds: 'file system', risk: 'stateful' },
    references: { kmsKeyRef: 'kms.services.k8s.aws/Key' },
    health: {
      label: 'file system life cycle state',
      path: ['status', 'lifeCycleState'],
      healthy: ['available'],
      degraded: ['error'],
    },
  },
  'efs.services.k8s.aws/MountTarget': {
    tags: 'none',
    loss: 'none',
    references: { fileSystemRef: 'efs.services.k8s.aws/FileSystem', securityGroupRefs: 'ec2.services.k8s.aws/SecurityGroup', subnetRef: 'ec2.services.k8s.aws/Subnet' },
    health: {
      label: 'mount target life cycle state',
      path: ['status', 'lifeCycleState'],
      healthy: ['available'],
      degraded: ['error'],
    },
  },
  'elasticache.services.k8s.aws/CacheSubnetGroup': {
    tags: 'keyValueList',
    loss: 'none',
    references: { subnetRefs: 'ec2.services.k8s.aws/Subnet' },
  },
  'elasticache.services.k8s.aws/ReplicationGroup': {
    tags: 'keyValueList',
    loss: { holds: 'cache', risk: 'stateful' },
    references: { cacheSubnetGroupRef: 'elasticache.services.k8s.aws/CacheSubnetGroup', kmsKeyRef: 'kms.services.k8s.aws/Key', securityGroupRefs: 'ec2.services.k8s.aws/SecurityGroup' },
    health: {
      label: 'replication group status',
      path: ['status', 'status'],
      healthy: ['available', 'snapshotting'],
      degraded: ['create-failed'],
    },
  },
  'elbv2.services.k8s.aws/Listener': {
    tags: 'keyValueList',
    loss: 'none',
    references: { loadBalancerRef: 'elbv2.services.k8s.aws/LoadBalancer', targetGroupRef: 'elbv2.services.k8s.aws/TargetGroup' },
  },
  'elbv2.services.k8s.aws/LoadBalancer': {
    tags: 'keyValueList',
    loss: 'none',
    references: { securityGroupRefs: 'ec2.services.k8s.aws/SecurityGroup', subnetRefs: 'ec2.services.k8s.aws/Subnet' },
    health: {
      label: 'load balancer state',
      path: ['status', 'state', 'code'],
      healthy: ['active'],
      degraded: ['failed', 'active_impaired'],
    },
  },
  'elbv2.services.k8s.aws/Rule': {
    tags: 'keyValueList',
    loss: 'none',
    references: { listenerRef: 'elbv2.services.k8s.aws/Listener', targetGroupRef: 'elbv2.services.k8s.aws/TargetGroup' },
  },
  'elbv2.services.k8s.aws/TargetGroup': {
    tags: 'keyValueList',
    loss: 'none',
    references: { vpcRef: 'ec2.services.k8s.aws/VPC' },
  },
  'iam.services.k8s.aws/InstanceProfile': {
    tags: 'keyValueList',
    loss: 'none',
    references: { roleRef: 'iam.services.k8s.aws/Role' },
  },
  'iam.services.k8s.aws/Policy': {
    tags: 'keyValueList',
    loss: 'none',
  },
  'iam.services.k8s.aws/Role': {
    tags: 'keyValueList',
    loss: 'none',
    references: { policyRefs: 'iam.services.k8s.aws/Policy' },
  },
  'kms.services.k8s.aws/Alias': {
    tags: 'none',
    loss: 'none',
    references: { targetKeyRef: 'kms.services.k8s.aws/Key' },
  },
  'kms.services.k8s.aws/Key': {
    tags: 'tagKeyValueList',
    loss: { holds: 'key', risk: 'stateful' },
    health: {
      label: 'key state',
      path: ['status', 'keyState'],
      healthy: ['Enabled'],
      degraded: ['Disabled', 'PendingDeletion', 'PendingReplicaDeletion', 'Unavailable'],
    },
  },
  'rds.services.k8s.aws/DBInstance': {
    tags: 'keyValueList',
    loss: { holds: 'database', risk: 'stateful' },
    references: { dbParameterGroupRef: 'rds.services.k8s.aws/DBParameterGroup', dbSubnetGroupRef: 'rds.services.k8s.aws/DBSubnetGroup', kmsKeyRef: 'kms.services.k8s.aws/Key', masterUserSecretKMSKeyRef: 'kms.services.k8s.aws/Key', vpcSecurityGroupRefs: 'ec2.services.k8s.aws/SecurityGroup' },
    health: {
      label: 'DB instance status',
      path: ['status', 'dbInstanceStatus'],
      // Backups and storage optimization run while the instance serves.
      healthy: ['available', 'backing-up', 'storage-optimization'],
      degraded: [
        'failed', 'inaccessible-encryption-credentials', 'inaccessible-encryption-credentials-recoverable',
        'incompatible-network', 'incompatible-option-group', 'incompatible-parameters', 'incompatible-restore',
        'restore-error', 'storage-full', 'stopped',
      ],
    },
  },
  'rds.services.k8s.aws/DBParameterGroup': {
    tags: 'keyValueList',
    loss: 'none',
  },
  'rds.services.k8s.aws/DBSubnetGroup': {
    tags: 'keyValueList',
    loss: 'none',
    references: { subnetRefs: 'ec2.services.k8s.aws/Subnet' },
  },
  'route53.services.k8s.aws/HealthCheck': {
    tags: 'keyValueList',
    loss: 'none',
  },
  'route53.services.k8s.aws/HostedZone': {
    tags: 'keyValueList',
    loss: 'none',
  },
  'route53.services.k8s.aws/RecordSet': {
    tags: 'none',
    loss: { holds: 'DNS record', risk: 'disruptive' },
    references: { healthCheckRef: 'route53.services.k8s.aws/HealthCheck', hostedZoneRef: 'route53.services.k8s.aws/HostedZone' },
    health: {
      label: 'record set change status',
      path: ['status', 'status'],
      healthy: ['INSYNC'],
      degraded: [],
    },
  },
  's3.services.k8s.aws/Bucket': {
    tags: 'tagSet',
    loss: { holds: 'bucket', risk: 'stateful' },
    references: { roleRef: 'iam.services.k8s.aws/Role' },
  },
  'secretsmanager.services.k8s.aws/Secret': {
    tags: 'keyValueList',
    loss: { holds: 'secret', risk: 'stateful' },
    references: { kmsKeyRef: 'kms.services.k8s.aws/Key' },
  },
  'sns.services.k8s.aws/Subscription': {
    tags: 'none',
    // A new subscription mails its owner a new confirmation link; nothing is delivered meanwhile.
    loss: { holds: "owner's confirmed email subscription", risk: 'disruptive' },
    references: { topicRef: 'sns.services.k8s.aws/Topic' },
    health: {
      label: 'subscription pending confirmation',
      path: ['status', 'pendingConfirmation'],
      healthy: ['false'],
      degraded: [],
      settled: {
        states: ['true'],
        waitsFor: A_PERSON,
        reason: 'AWS mailed the owner a confirmation link; notifications start once it is clicked (nothing later waits for it)',
      },
    },
  },
  'sns.services.k8s.aws/Topic': {
    tags: 'keyValueList',
    // Its subscriptions go with it: every owner would have to confirm again.
    loss: { holds: 'alarm topic and its confirmed subscriptions', risk: 'disruptive' },
    references: { kmsMasterKeyRef: 'kms.services.k8s.aws/Key' },
  },
  'wafv2.services.k8s.aws/WebACL': {
    tags: 'keyValueList',
    loss: 'none',
  },
};

/** A view of the registry: `<group>/<Kind>` → what `pick` gives, for the kinds where it gives something. */
export function kindView<T>(pick: (facts: KindFacts) => T | undefined): Readonly<Record<string, T>> {
  return Object.fromEntries(
    Object.entries(KINDS).flatMap(([kind, facts]) => {
      const value = pick(facts);
      return value === undefined ? [] : [[kind, value]];
    }),
  );
}
