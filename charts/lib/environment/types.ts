/**
 * The shape of the environment data. Three files feed it (README.md, "Architecture"):
 *  - environments/catalogue.yaml: what the estate is, identical in every environment;
 *  - environments/<env>/environment.yaml: what differs between environments;
 *  - environments/<env>/versions.yaml: the promotable version pins.
 * No key appears in more than one file, but for the variables of a workload, which
 * versions.yaml may layer over the catalogue's (docs/environments.md).
 */
import type { Tier } from '../../../policy/backup';

import type { SecurityBaselineException } from '../../../policy/security-baseline/types';
import type { LOG_RETENTION_DAYS } from './schema';

export interface TeamInfo {
  /** CostCenter tag value. */
  readonly costCenter: string;
  /** Owner tag value: the team's e-mail address. */
  readonly owner: string;
}

export interface WorkloadDefinition {
  /** Application tag value (inventory, customer-base, payments, locations). */
  readonly application: string;
  /** Team tag value; must name an entry of `teams`. */
  readonly team: string;
  /** Container port the service listens on (the seed's PORT). */
  readonly port: number;
  /** ECR repository the image comes from, e.g. `mycomputer/inventory`. */
  readonly repository: string;
  /** CloudWatch Logs group the containers log to, e.g. `/ecs/inventory`. */
  readonly logGroup: string;
  /** Path prefix on the load balancer, e.g. `/inventory`. */
  readonly pathPrefix: string;
  /**
   * Priority (1-99) of this workload's host rule on the HTTPS listener; its path rule takes this
   * plus 100. Declared, not derived from the order of names, so that adding or renaming another
   * workload never moves this one's rules. Unique; required unless pathPrefix is `/`.
   */
  readonly rulePriority?: number;
  /** Health check path of the container. */
  readonly healthCheckPath: string;
  /** Database (DB_NAME) this workload owns; omitted when it has none. */
  readonly database?: string;
  /** Has its own Redis cache `<workload>-cache` (REDIS_URL; the seed's `inventory-cache`). */
  readonly usesCache?: boolean;
  /** Service-specific plain environment variables (never secrets). */
  readonly variables: Readonly<Record<string, string>>;
  /**
   * Environment variable name → key of `secrets`. ECS reads the secret by ARN when the task
   * starts (container `secrets[].valueFrom`): the value never passes through git or the spec.
   */
  readonly secrets: Readonly<Record<string, string>>;
}

export interface SecretDefinition {
  /** Secret name suffix; the full name is `mycomputer/<env>/<name>`. */
  readonly name: string;
  readonly description: string;
  /** Team owning the secret (Team, CostCenter and Owner tags). */
  readonly team: string;
  /** Application tag value. */
  readonly application: string;
}

/** How Argo CD reaches this repository; the same for every environment. */
export interface CatalogueDelivery {
  /** Git URL Argo CD clones; the only source repository the AppProjects allow. */
  readonly repoURL: string;
  /** Namespace Argo CD runs in (its Applications, AppProjects and argocd-cm live there). */
  readonly argocdNamespace: string;
}

/** Where the ACK controllers run (docs/bootstrap.md); the same for every environment. */
export interface CatalogueControllers {
  /** Their namespace: ACK reads `ack-role-account-map` there (ACK_SYSTEM_NAMESPACE, default ack-system). */
  readonly namespace: string;
  /** The AWS account of their own identity (the cluster's), which every environment's account trusts. */
  readonly accountId: string;
  /** accountId is a placeholder of a test account (charts/lib/environment/placeholders.ts). @default false */
  readonly testAccount?: boolean;
}

export interface Catalogue {
  readonly delivery: CatalogueDelivery;
  readonly controllers: CatalogueControllers;
  readonly teams: Readonly<Record<string, TeamInfo>>;
  readonly workloads: Readonly<Record<string, WorkloadDefinition>>;
  readonly secrets: Readonly<Record<string, SecretDefinition>>;
}

export interface AwsAccount {
  /** 12-digit AWS account id the environment lives in. */
  readonly accountId: string;
  readonly region: string;
  /** Exactly three zones of `region`, in subnet order. */
  readonly availabilityZones: readonly string[];
  /** Secondary region for disaster recovery. */
  readonly drRegion: string;
  /**
   * accountId is a placeholder of a test account (the emulator, the test suite): allowed only
   * then, and only then (charts/lib/environment/placeholders.ts). @default false
   */
  readonly testAccount?: boolean;
}

/** A VPC and one subnet of each tier per availability zone: the primary region's and the DR region's. */
export interface NetworkLayout {
  readonly vpcCidr: string;
  /** One CIDR per availability zone, in zone order. */
  readonly publicSubnets: readonly string[];
  readonly privateSubnets: readonly string[];
  readonly databaseSubnets: readonly string[];
  /** 1 (shared, cheaper) or one per availability zone (highly available). */
  readonly natGateways: number;
}

export interface NetworkConfig extends NetworkLayout {
  /** Port range ECS tasks accept from the load balancer (the seed's 3000-3010). */
  readonly taskPortRange: { readonly from: number; readonly to: number };
  /** Values AWS assigned to the network; pinned like `edge.assigned` (docs/edge.md, "Bootstrap"). @default {} (nothing pinned) */
  readonly assigned: AssignedNetworkValues;
}

/**
 * The private zone `<namespace>.internal` (charts/estate/private-dns-chart.ts) is attached to the
 * VPC when it is created, by id: the HostedZone CRD has `vpc.vpcID` and no reference.
 */
export interface AssignedNetworkValues {
  /** status.vpcID of VPC `vpc`; until pinned, the private zone and its records are left out. */
  readonly vpcId?: string;
}

export interface TaggingConfig {
  /** Environment tag value. */
  readonly environment: string;
  /** ManagedBy tag value. */
  readonly managedBy: string;
}

/** How every database instance is sized, backed up and maintained (the DbInstance construct takes them as they are). */
export interface DatabaseInstanceSettings {
  /** Engine version, pinned (minor upgrades are off), e.g. `14.7`. */
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly multiAZ: boolean;
  readonly allocatedStorageGiB: number;
  /** Ceiling of storage autoscaling. */
  readonly maxAllocatedStorageGiB: number;
  /** Days of automated backups and point-in-time recovery (1-35). */
  readonly backupRetentionDays: number;
  /** Daily backup window, hh24:mi-hh24:mi UTC; must not overlap the maintenance window. */
  readonly backupWindow: string;
  /** Weekly maintenance window, ddd:hh24:mi-ddd:hh24:mi UTC. */
  readonly maintenanceWindow: string;
  readonly deletionProtection: boolean;
}

/** What one database may set differently from the environment's `database` settings. */
export type DatabaseOverride = Partial<Pick<DatabaseInstanceSettings, 'instanceClass' | 'allocatedStorageGiB' | 'maxAllocatedStorageGiB'>>;

export interface DatabaseConfig extends DatabaseInstanceSettings {
  /** max_connections of the postgres14 parameter group. */
  readonly maxConnections: number;
  /**
   * DBInstance metadata.name (`payments-db`) → the settings that database takes instead of the
   * ones above, e.g. a larger class for one busy database. @default none (every database alike)
   */
  readonly overrides?: Readonly<Record<string, DatabaseOverride>>;
  /** Values AWS assigned to the databases; pinned like `edge.assigned` (docs/edge.md, "Bootstrap"). @default {} (nothing pinned) */
  readonly assigned: AssignedDatabaseValues;
}

export interface AssignedDatabaseValues {
  /**
   * DBInstance metadata.name (`inventory-db`) → its status.endpoint.address
   * (`inventory-db.<random>.<region>.rds.amazonaws.com`): the value of the private CNAME
   * `inventory-db.<namespace>.internal` (DB_HOST). A database without one has no record yet.
   * After a DR failover, the promoted replica's address (`payments-db-dr.<random>.<drRegion>...`).
   */
  readonly endpoints?: Readonly<Record<string, string>>;
}

export interface CacheConfig {
  readonly nodeType: string;
  readonly engineVersion: string;
  readonly replicasPerNodeGroup: number;
  readonly snapshotRetentionDays: number;
  /** hh24:mi-hh24:mi UTC. */
  readonly snapshotWindow: string;
  /** ddd:hh24:mi-ddd:hh24:mi UTC. */
  readonly maintenanceWindow: string;
  /** Values AWS assigned to the caches; pinned like `edge.assigned` (docs/edge.md, "Bootstrap"). @default {} (nothing pinned) */
  readonly assigned: AssignedCacheValues;
}

export interface AssignedCacheValues {
  /**
   * Workload (catalogue key, `usesCache`) → status.nodeGroups[0].primaryEndpoint.address of its
   * ReplicationGroup (`master.inventory-cache.<random>.<region code>.cache.amazonaws.com`): the
   * value of the private CNAME `inventory-cache.<namespace>.internal` (REDIS_URL).
   */
  readonly primaryEndpoints?: Readonly<Record<string, string>>;
}

export interface LifecycleConfig {
  readonly infrequentAccessAfterDays: number;
  readonly glacierAfterDays: number;
  readonly expireAfterDays: number;
}

export interface StorageConfig {
  readonly buckets: { readonly assets: string; readonly backups: string; readonly logs: string };
  readonly lifecycle: LifecycleConfig;
  /** Name tag of the EFS file system (the seed's `fs-mycomputer`). */
  readonly fileSystemName: string;
}

export interface RecoveryObjective {
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
}

export interface WorkloadSizing {
  /** critical workloads fail over fast and run on on-demand capacity. */
  readonly tier: Tier;
  /** Fargate task CPU units (512-2048). */
  readonly cpu: number;
  /** Fargate task memory in MiB (1024-4096). */
  readonly memory: number;
  readonly desiredCount: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

export interface ComputeConfig {
  readonly clusterName: string;
  readonly containerInsights: boolean;
  /** Share of non-critical tasks on FARGATE_SPOT, in percent. */
  readonly spotPercentNonCritical: number;
  /**
   * Tasks of each non-critical service placed on on-demand FARGATE before the Spot split
   * applies (the capacity provider strategy's `base`): a Spot reclaim never takes the last task.
   */
  readonly onDemandBaseNonCritical: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly nodeEnv: string;
  /** X-Ray sampling rate, 0..1. */
  readonly tracingSamplingRate: number;
  readonly targetCpuPercent: number;
  readonly targetMemoryPercent: number;
}

export interface EdgeConfig {
  /** Route 53 hosted zone, e.g. mycomputer.com. */
  readonly zoneName: string;
  /** Host name of the API on the zone, e.g. api.mycomputer.com. */
  readonly apiHostName: string;
  readonly loadBalancerName: string;
  readonly webAclName: string;
  readonly rateLimitPerFiveMinutes: number;
  readonly geoRestriction: { readonly type: 'blacklist' | 'whitelist' | 'none'; readonly countries: readonly string[] };
  /** Route 53 offers 10 or 30 seconds. */
  readonly healthCheckIntervalSeconds: 10 | 30;
  readonly primaryWeight: number;
  readonly secondaryWeight: number;
  readonly sslPolicy: string;
  readonly mailExchangers: readonly string[];
  /** Values AWS assigns on creation that no ACK reference can carry (see docs/edge.md). @default {} (nothing pinned) */
  readonly assigned: AssignedEdgeValues;
}

/**
 * Identifiers AWS assigns when a resource is created and that the objects needing them cannot
 * reference in ACK (no `*Ref` field for them). Each is read from the created resource's status
 * after a first sync and pinned here (docs/edge.md, "Bootstrap"); until it is, the objects
 * that need it are left out of the manifests, never given a guessed value.
 */
export interface AssignedEdgeValues {
  /** ARN of Certificate `certificate-regional` (status.ackResourceMetadata.arn): the HTTPS listener's certificate. */
  readonly certificateArn?: string;
  /** The CNAME ACM asks for (Certificate status.domainValidations[].resourceRecord); validates both certificates. */
  readonly certificateValidation?: { readonly name: string; readonly value: string };
  /** ARN of LoadBalancer `load-balancer`; its `app/<name>/<id>` suffix is the CloudWatch dimension. */
  readonly loadBalancerArn?: string;
  /** status.dnsName of LoadBalancer `load-balancer`: alias target of the primary origin record. */
  readonly loadBalancerDnsName?: string;
  /** ARN of WebACL `web-acl`: the CloudFront distribution's webACLID. */
  readonly webAclArn?: string;
  /** status.domainName of Distribution `distribution`: alias target of the public host names. */
  readonly distributionDomainName?: string;
  /** status.dnsName of LoadBalancer `load-balancer-dr` (aws.drRegion): alias target of the weighted secondary. */
  readonly drLoadBalancerDnsName?: string;
  /** ARN of Certificate `certificate-regional-dr` (aws.drRegion): the DR HTTPS listener's certificate. */
  readonly drCertificateArn?: string;
  /**
   * status.id of HealthCheck `health-check-<side>`: the HealthCheckId dimension of its
   * AWS/Route53 HealthCheckStatus metric, which the alarms chart alarms on.
   */
  readonly healthCheckIds?: { readonly primary?: string; readonly secondary?: string };
}

export interface DisasterRecoveryConfig {
  /** Builds the secondary region's resources (aws.drRegion): replicas, failover records and its stack. */
  readonly enabled: boolean;
  /**
   * The region that takes the traffic: aws.region, or aws.drRegion after a failover
   * (`npx platform failover` writes it; docs/disaster-recovery.md).
   * @default aws.region
   */
  readonly activeRegion?: string;
  /** The DR region's zones, one subnet of each tier in each (required where DR is enabled). */
  readonly availabilityZones?: readonly string[];
  /** The DR region's network, laid out like `network` (its rules and task ports are the primary's). */
  readonly network?: DrNetworkConfig;
  /**
   * Tasks each workload runs in the DR region while it is passive (warm standby, at least 0,
   * at most the workload's maxCapacity); after a failover it runs the workload's full sizing.
   */
  readonly warmDesiredCount?: Readonly<Record<string, number>>;
  /**
   * Values AWS assigned in the DR region, pinned like `database.assigned`: each replica's
   * (`payments-db-dr`) status.endpoint.address, the target of DB_HOST in the DR region's private
   * zone. @default {}
   */
  readonly assigned?: AssignedDatabaseValues;
}

/** `network` of the DR region: its own CIDRs, which must not overlap the primary's. */
export interface DrNetworkConfig extends NetworkLayout {
  /** Pinned like `network.assigned`. @default {} */
  readonly assigned?: AssignedNetworkValues;
}

export interface SyncWindow {
  readonly kind: 'allow' | 'deny';
  /** Cron expression, UTC. */
  readonly schedule: string;
  /** Duration, e.g. 2h. */
  readonly duration: string;
  readonly manualSync: boolean;
}

export interface DeliveryConfig {
  /** Git branch Argo CD follows. */
  readonly targetRevision: string;
  /** Sync windows on this environment's AppProject; empty means unrestricted. */
  readonly syncWindows: readonly SyncWindow[];
  /** Whether Argo CD may prune objects removed from git. */
  readonly prune: boolean;
}

export interface PolicyConfig {
  readonly taggingMode: 'enforce' | 'audit';
  readonly backupMode: 'enforce' | 'audit';
}

/** The SecurityBaseline policy's environment data (policy/security-baseline-policy.ts). */
export interface SecurityBaselineConfig {
  /**
   * Failures of a Security Hub control this environment accepts, each with its reason and the
   * team accountable (a catalogue team): shown in the policy's status.accepted and as Events.
   */
  readonly exceptions: readonly SecurityBaselineException[];
}

/** environments/<env>/environment.yaml */
export interface EnvironmentFile {
  readonly name: string;
  /** Kubernetes namespace the environment's ACK resources live in. */
  readonly namespace: string;
  readonly aws: AwsAccount;
  readonly tagging: TaggingConfig;
  readonly network: NetworkConfig;
  readonly database: DatabaseConfig;
  readonly cache: CacheConfig;
  readonly storage: StorageConfig;
  readonly registry: { readonly keepImages: number };
  /** Retention of every log group: one of the periods CloudWatch Logs accepts. */
  readonly logs: { readonly retentionDays: (typeof LOG_RETENTION_DAYS)[number] };
  readonly secrets: { readonly rotationDays: number; readonly replicateToDrRegion: boolean };
  readonly recovery: { readonly critical: RecoveryObjective; readonly 'non-critical': RecoveryObjective };
  readonly compute: ComputeConfig;
  readonly workloads: Readonly<Record<string, WorkloadSizing>>;
  readonly edge: EdgeConfig;
  readonly disasterRecovery: DisasterRecoveryConfig;
  readonly delivery: DeliveryConfig;
  readonly policy: PolicyConfig;
  readonly securityBaseline: SecurityBaselineConfig;
  /** Where changes come from (kargo's stages); none for the first environment. */
  readonly promotion?: { readonly from: string };
}

/** environments/<env>/versions.yaml: everything here is promotable from staging to production. */
export interface VersionsFile {
  /** Workload name → container image tag. */
  readonly images: Readonly<Record<string, string>>;
  /**
   * Workload name → plain environment variables of this environment, over the catalogue's
   * `variables` of that workload. Here, next to the images, so that promotion carries them with
   * the release they belong to. @default none
   */
  readonly variables?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** What charts receive: the three files of one environment, validated and cross-checked. */
export interface EnvironmentConfig extends EnvironmentFile {
  readonly catalogue: Catalogue;
  readonly versions: VersionsFile;
}
