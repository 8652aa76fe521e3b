/**
 * metadata.name of every object other charts refer to. ACK references (`xxxRef.from.name`)
 * name Kubernetes objects, so both sides use these functions and a reference cannot drift.
 */

/** "eu-west-1a" → "a". */
function zoneSuffix(zone: string): string {
  return zone.slice(-1);
}

/** DBInstance of a database (DB_NAME) `inventory` → `inventory-db`, the seed's DB_HOST name (`_` → `-`). */
function dbInstance(database: string): string {
  return `${database.replace(/_/g, '-')}-db`;
}

export type SubnetTier = 'public' | 'private' | 'database';

export const names = {
  vpc: 'vpc',
  vpcFlowLog: 'vpc-flow-log',
  internetGateway: 'internet-gateway',
  subnet: (tier: SubnetTier, zone: string) => `subnet-${tier}-${zoneSuffix(zone)}`,
  natGateway: (zone: string) => `nat-gateway-${zoneSuffix(zone)}`,
  natElasticIp: (zone: string) => `nat-eip-${zoneSuffix(zone)}`,
  routeTable: (tier: SubnetTier, zone?: string) => (zone ? `rt-${tier}-${zoneSuffix(zone)}` : `rt-${tier}`),
  securityGroup: {
    alb: 'sg-alb-public',
    ecsTasks: 'sg-ecs-tasks',
    rds: 'sg-rds',
    cache: 'sg-elasticache',
    efs: 'sg-efs',
  },
  /** KMS keys by purpose ('secrets', 'logs', ...). */
  kmsKey: (purpose: string) => `kms-${purpose}`,
  /** KMS alias of a key, by the same purpose. */
  kmsAlias: (purpose: string) => `kms-alias-${purpose}`,
  /** Data (docs/coverage/data-storage.md): RDS subnet and parameter groups, one DBInstance per database. */
  dbSubnetGroup: 'db-subnet-group',
  dbParameterGroup: (family: string) => `db-parameter-group-${family}`,
  dbInstance,
  cacheSubnetGroup: 'cache-subnet-group',
  /** ElastiCache replication group of a workload (catalogue key): `inventory-cache`, the seed's REDIS_URL host. */
  cache: (workload: string) => `${workload}-cache`,
  /** Storage: S3 buckets by purpose (assets, backups, logs), the EFS file system and its mount targets. */
  bucket: (purpose: string) => `bucket-${purpose}`,
  fileSystem: 'efs-file-system',
  mountTarget: (zone: string) => `efs-mount-target-${zoneSuffix(zone)}`,
  /** The seed's IAM roles; their AWS names are in `roleNames`. */
  role: {
    taskExecution: 'ecs-task-execution-role',
    task: 'ecs-task-role',
    lambdaExecution: 'lambda-execution-role',
    ec2Instance: 'ec2-instance-role',
  },
  /** Customer-managed IAM policies, by purpose (attached by the roles' policyRefs). */
  iamPolicy: (purpose: string) => `iam-policy-${purpose}`,
  instanceProfile: { ec2Instance: 'ec2-instance-profile' },
  /** ECR repository `mycomputer/inventory` → `ecr-mycomputer-inventory`. */
  repository: (repository: string) => `ecr-${repository.replace(/\//g, '-')}`,
  /** Secrets Manager secret by its key in environments/catalogue.yaml `secrets`. */
  secret: (catalogueKey: string) => `secret-${catalogueKey}`,
  /** CloudWatch Logs group `/ecs/inventory` → `log-group-ecs-inventory`. */
  logGroup: (logGroup: string) => `log-group-${logGroup.replace(/^\//, '').replace(/\//g, '-')}`,
  /** Compute (docs/coverage/compute.md): the ECS cluster, and per workload (catalogue key) its task definition and service. */
  ecsCluster: 'ecs-cluster',
  taskDefinition: (workload: string) => `task-definition-${workload}`,
  ecsService: (workload: string) => `ecs-service-${workload}`,
  /** The edge (docs/edge.md): the load balancer, its listeners and one target group per workload. */
  loadBalancer: 'load-balancer',
  listener: { http: 'listener-http', https: 'listener-https' },
  /** Target group of a workload by its catalogue key; ECS services register with it. */
  targetGroup: (workload: string) => `tg-${workload}`,
  /** ACM certificates: the load balancer's (primary region) and CloudFront's (us-east-1). */
  certificate: { regional: 'certificate-regional', cloudFront: 'certificate-cloudfront' },
  hostedZone: 'hosted-zone',
  /** The private zone `<namespace>.internal` (charts/lib/endpoints.ts) and its CNAMEs, by host relative to it (`inventory-db`). */
  privateHostedZone: 'private-hosted-zone',
  privateRecord: (host: string) => `private-record-${host}`,
  /** Route 53 health check of a weighted origin record. */
  healthCheck: (setIdentifier: 'primary' | 'secondary') => `health-check-${setIdentifier}`,
  webAcl: 'web-acl',
  /** Where alarms notify (charts/lib/alarm-topics.ts): per region its key, per team and region a topic and the owner's email subscription. */
  alarms: {
    kmsKey: (region: string) => `kms-alarms-${region}`,
    kmsAlias: (region: string) => `kms-alias-alarms-${region}`,
    topic: (team: string, region: string) => `sns-topic-alarms-${team}-${region}`,
    subscription: (team: string, region: string) => `sns-subscription-alarms-${team}-${region}`,
  },
  distribution: 'distribution',
  /** Disaster recovery (docs/coverage/dr.md): what lives in aws.drRegion, and the replication role. */
  dr: {
    kmsKey: (purpose: string) => `kms-${purpose}-dr`,
    kmsAlias: (purpose: string) => `kms-alias-${purpose}-dr`,
    /** Read replica of a database: `payments` → `payments-db-dr`. */
    dbInstance: (database: string) => `${dbInstance(database)}-dr`,
    bucket: (purpose: string) => `bucket-${purpose}-dr`,
    replicationRole: 's3-replication-role',
  },
} as const;

/** AWS names of the seed's IAM roles: the same in every environment (each has its own account). */
export const roleNames = {
  taskExecution: 'ecsTaskExecutionRole',
  task: 'ecsTaskRole',
  lambdaExecution: 'lambdaExecutionRole',
  ec2Instance: 'ec2InstanceRole',
} as const;
