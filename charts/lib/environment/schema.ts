import { boolean, integer, integerOf, list, number, object, oneOf, record, string } from './schema-builders';
import { DAILY_WINDOW_PATTERN, WEEKLY_WINDOW_PATTERN } from './windows';

/** The retention periods (days) CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The largest task memory (MiB) an environment may give a workload. */
export const WORKLOAD_MAX_MEMORY_MIB = 4096;

const CIDR = '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}/\\d{1,2}$';
const EMAIL = '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$';
const REGION = '^[a-z]{2}-[a-z]+-\\d$';
const ZONE = '^[a-z]{2}-[a-z]+-\\d[a-z]$';
const DNS_NAME = '^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$';
const BUCKET = '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$';
const IMAGE_TAG = '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$';
const ENV_VAR = '^[A-Z][A-Z0-9_]*$';
const port = integer(1, 65535);

export const catalogueSchema = object({
  delivery: object({ repoURL: string('^(https://|ssh://|git@)\\S+$'), argocdNamespace: string('^[a-z0-9]([a-z0-9-]*[a-z0-9])?$') }),
  controllers: object({ namespace: string('^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'), accountId: string('^\\d{12}$'), testAccount: boolean() }, ['testAccount']),
  teams: record(object({ costCenter: string(), owner: string(EMAIL) })),
  workloads: record(
    object(
      {
        application: string(),
        team: string(),
        port,
        repository: string('^[a-z0-9]+([._/-][a-z0-9]+)*$'),
        logGroup: string('^/[A-Za-z0-9_./-]+$'),
        pathPrefix: string('^/[a-z0-9-]*$'),
        rulePriority: integer(1, 99),
        healthCheckPath: string('^/'),
        database: string('^[a-z][a-z0-9_]*$'),
        usesCache: boolean(),
        variables: record(string(), ENV_VAR),
        secrets: record(string(), ENV_VAR),
      },
      ['database', 'usesCache', 'rulePriority'],
    ),
  ),
  secrets: record(
    object({ name: string('^[a-z0-9][a-z0-9/_-]*$'), description: string(), team: string(), application: string() }),
  ),
});

// Values AWS assigns on creation (types.ts AssignedEdgeValues); each optional until pinned.
/** Route 53 health check ids are UUIDs. */
const HEALTH_CHECK_ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const CERTIFICATE_ARN = '^arn:aws:acm:[a-z]{2}-[a-z]+-\\d:\\d{12}:certificate/[0-9a-f-]{36}$';
const ELB_DNS = '^[A-Za-z0-9-]+\\.[a-z]{2}-[a-z]+-\\d\\.elb\\.amazonaws\\.com$';
const assignedEdgeValues = object(
  {
    certificateArn: string(CERTIFICATE_ARN),
    certificateValidation: object({ name: string('^_[0-9a-f]+\\.([a-z0-9-]+\\.)+$'), value: string('^_[0-9a-f]+\\.([a-z0-9-]+\\.)*acm-validations\\.aws\\.$') }),
    loadBalancerArn: string('^arn:aws:elasticloadbalancing:[a-z]{2}-[a-z]+-\\d:\\d{12}:loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$'),
    loadBalancerDnsName: string(ELB_DNS),
    webAclArn: string('^arn:aws:wafv2:us-east-1:\\d{12}:global/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36}$'),
    distributionDomainName: string('^d[a-z0-9]+\\.cloudfront\\.net$'),
    drLoadBalancerDnsName: string(ELB_DNS),
    drCertificateArn: string(CERTIFICATE_ARN),
    healthCheckIds: object({ primary: string(HEALTH_CHECK_ID), secondary: string(HEALTH_CHECK_ID) }, ['primary', 'secondary']),
  },
  ['certificateArn', 'certificateValidation', 'loadBalancerArn', 'loadBalancerDnsName', 'webAclArn', 'distributionDomainName', 'drLoadBalancerDnsName', 'drCertificateArn', 'healthCheckIds'],
);

// Values AWS assigns to the network and data stores (types.ts Assigned*Values); the shape here,
// the identifier and region in check-endpoints.ts.
const VPC_ID = '^vpc-[0-9a-f]{8,17}$';
const RDS_ENDPOINT = '^[a-z][a-z0-9-]*\\.[a-z0-9]{12}\\.[a-z]{2}-[a-z]+-\\d\\.rds\\.amazonaws\\.com$';
const CACHE_PRIMARY_ENDPOINT = '^master\\.[a-z][a-z0-9-]*\\.[a-z0-9]{6}\\.[a-z]+\\d\\.cache\\.amazonaws\\.com$';

const DB_INSTANCE_CLASS = '^db\\.[a-z0-9]+\\.[a-z0-9]+$';
const databaseOverride = object(
  { instanceClass: string(DB_INSTANCE_CLASS), allocatedStorageGiB: integer(20, 65536), maxAllocatedStorageGiB: integer(20, 65536) },
  ['instanceClass', 'allocatedStorageGiB', 'maxAllocatedStorageGiB'],
);

/** A VPC and one subnet of each tier per zone (the primary's `network` and the DR region's). */
const networkLayout = {
  vpcCidr: string(CIDR),
  publicSubnets: list(string(CIDR), 3, 3),
  privateSubnets: list(string(CIDR), 3, 3),
  databaseSubnets: list(string(CIDR), 3, 3),
  natGateways: integer(1, 3),
};
const assignedNetworkValues = object({ vpcId: string(VPC_ID) }, ['vpcId']);
const assignedDatabaseValues = object({ endpoints: record(string(RDS_ENDPOINT)) }, ['endpoints']);

const recoveryObjective = object({ rpoMinutes: integer(1, 1440), rtoMinutes: integer(1, 1440) });

export const environmentSchema = object({
  name: string('^[a-z][a-z0-9-]*$'),
  namespace: string('^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  aws: object({
    accountId: string('^\\d{12}$'),
    region: string(REGION),
    availabilityZones: list(string(ZONE), 3, 3),
    drRegion: string(REGION),
    testAccount: boolean(),
  }, ['testAccount']),
  tagging: object({ environment: string(), managedBy: string() }),
  network: object({ ...networkLayout, taskPortRange: object({ from: port, to: port }), assigned: assignedNetworkValues }, ['assigned']),
  database: object({
    engineVersion: string('^\\d+\\.\\d+$'),
    instanceClass: string(DB_INSTANCE_CLASS),
    multiAZ: boolean(),
    allocatedStorageGiB: integer(20, 65536),
    maxAllocatedStorageGiB: integer(20, 65536),
    backupRetentionDays: integer(1, 35),
    backupWindow: string(DAILY_WINDOW_PATTERN),
    maintenanceWindow: string(WEEKLY_WINDOW_PATTERN),
    deletionProtection: boolean(),
    maxConnections: integer(10, 5000),
    assigned: assignedDatabaseValues,
    overrides: record(databaseOverride),
  }, ['overrides', 'assigned']),
  cache: object({
    nodeType: string('^cache\\.[a-z0-9]+\\.[a-z0-9]+$'),
    engineVersion: string('^\\d+\\.\\d+$'),
    replicasPerNodeGroup: integer(0, 5),
    snapshotRetentionDays: integer(0, 35),
    snapshotWindow: string(DAILY_WINDOW_PATTERN),
    maintenanceWindow: string(WEEKLY_WINDOW_PATTERN),
    assigned: object({ primaryEndpoints: record(string(CACHE_PRIMARY_ENDPOINT)) }, ['primaryEndpoints']),
  }, ['assigned']),
  storage: object({
    buckets: object({ assets: string(BUCKET), backups: string(BUCKET), logs: string(BUCKET) }),
    lifecycle: object({
      infrequentAccessAfterDays: integer(30, 3650),
      glacierAfterDays: integer(1, 3650),
      expireAfterDays: integer(1, 3650),
    }),
    fileSystemName: string(),
  }),
  registry: object({ keepImages: integer(1, 1000) }),
  logs: object({ retentionDays: integerOf(...LOG_RETENTION_DAYS) }),
  secrets: object({ rotationDays: integer(1, 1000), replicateToDrRegion: boolean() }),
  recovery: object({ critical: recoveryObjective, 'non-critical': recoveryObjective }),
  compute: object({
    clusterName: string('^[A-Za-z0-9_-]{1,255}$'),
    containerInsights: boolean(),
    spotPercentNonCritical: integer(0, 100),
    onDemandBaseNonCritical: integer(0, 100000),
    logLevel: oneOf('debug', 'info', 'warn', 'error'),
    nodeEnv: string(),
    tracingSamplingRate: number(0, 1),
    targetCpuPercent: integer(10, 95),
    targetMemoryPercent: integer(10, 95),
  }),
  workloads: record(
    object({
      tier: oneOf('critical', 'non-critical'),
      cpu: integer(512, 2048),
      memory: integer(1024, WORKLOAD_MAX_MEMORY_MIB),
      desiredCount: integer(1, 1000),
      minCapacity: integer(1, 1000),
      maxCapacity: integer(1, 1000),
    }),
  ),
  edge: object({
    zoneName: string(DNS_NAME),
    apiHostName: string(DNS_NAME),
    loadBalancerName: string('^[A-Za-z0-9-]{1,32}$'),
    webAclName: string('^[A-Za-z0-9_-]{1,128}$'),
    rateLimitPerFiveMinutes: integer(10, 2000000000),
    geoRestriction: object({ type: oneOf('blacklist', 'whitelist', 'none'), countries: list(string('^[A-Z]{2}$')) }),
    healthCheckIntervalSeconds: integerOf(10, 30),
    primaryWeight: integer(0, 255),
    secondaryWeight: integer(0, 255),
    sslPolicy: string('^ELBSecurityPolicy-'),
    mailExchangers: list(string('^\\d+ [a-z0-9.-]+\\.$'), 1),
    assigned: assignedEdgeValues,
  }, ['assigned']),
  disasterRecovery: object({
    enabled: boolean(),
    activeRegion: string(REGION),
    availabilityZones: list(string(ZONE), 3, 3),
    network: object({ ...networkLayout, assigned: assignedNetworkValues }, ['assigned']),
    warmDesiredCount: record(integer(0, 100)),
    assigned: assignedDatabaseValues,
  }, ['activeRegion', 'availabilityZones', 'network', 'warmDesiredCount', 'assigned']),
  delivery: object({
    targetRevision: string(),
    syncWindows: list(
      object({ kind: oneOf('allow', 'deny'), schedule: string(), duration: string('^\\d+[hm]$'), manualSync: boolean() }),
    ),
    prune: boolean(),
  }),
  policy: object({ taggingMode: oneOf('enforce', 'audit'), backupMode: oneOf('enforce', 'audit') }),
  securityBaseline: object({
    exceptions: list(
      object({ control: string('^[A-Za-z0-9]+\\.\\d+$'), kind: string(), name: string(), reason: string(), owner: string('^[a-z][a-z0-9-]*$') }, ['kind']),
    ),
  }),
  promotion: object({ from: string('^[a-z][a-z0-9-]*$') }),
}, ['promotion']);

export const versionsSchema = object(
  {
    images: record(string(IMAGE_TAG)),
    variables: record(record(string(), ENV_VAR)),
  },
  ['variables'],
);
