/**
 * metadata.name of every object other charts refer to. ACK references (`xxxRef.from.name`)
 * name Kubernetes objects, so both sides use these functions and a reference cannot drift.
 */

/** "eu-west-1a" → "a". */
export function zoneSuffix(zone: string): string {
  return zone.slice(-1);
}

export type SubnetTier = 'public' | 'private' | 'database';

export const names = {
  vpc: 'vpc',
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
} as const;

/** AWS names of the seed's IAM roles: the same in every environment (each has its own account). */
export const roleNames = {
  taskExecution: 'ecsTaskExecutionRole',
  task: 'ecsTaskRole',
  lambdaExecution: 'lambdaExecutionRole',
  ec2Instance: 'ec2InstanceRole',
} as const;
