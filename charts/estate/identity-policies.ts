/**
 * The permissions of the seed's four IAM roles, least privilege: every resource is an ARN built
 * from the environment's account, region and resource names; Resource "*" only for actions
 * without resource-level permissions (UNSCOPED_ACTIONS), narrowed by conditions where AWS has one.
 */
import {
  bucketArn,
  bucketObjectsArn,
  environmentSecretsArnPattern,
  kmsKeysArn,
  logGroupArn,
  logStreamsArn,
  repositoryArn,
  ssmParametersArn,
} from '../lib/arns';
import { EnvironmentConfig } from '../lib/environment/types';
import { Statement } from '../lib/iam-policy-document';

/** The seed's custom metric namespace, the only one the applications may write to. */
export const APPLICATION_METRIC_NAMESPACE = 'MyComputer/Application';
/** Namespace the CloudWatch agent publishes to by default. */
export const CLOUDWATCH_AGENT_NAMESPACE = 'CWAgent';
/** Log groups Lambda creates for its functions. */
export const LAMBDA_LOG_GROUPS = '/aws/lambda/*';
/** Log groups the CloudWatch agent of the EC2 instances writes to. */
export const EC2_LOG_GROUPS = '/ec2/*';
/** SSM parameters holding CloudWatch agent configurations (the agent's convention). */
export const CLOUDWATCH_AGENT_CONFIG_PREFIX = 'AmazonCloudWatch-';

/** Every ECR repository of the catalogue lives under this prefix. */
export const REPOSITORY_PREFIX = 'mycomputer/';
/** Every log group of the catalogue's workloads lives under this prefix. */
export const ECS_LOG_GROUP_PREFIX = '/ecs/';

/**
 * `<prefix>*`, after checking that every catalogue workload's `field` starts with `prefix`:
 * the policy then covers exactly the project's resources and stays one ARN long however many
 * workloads there are (a managed policy holds at most 6,144 characters).
 */
function workloadsPattern(env: EnvironmentConfig, field: 'repository' | 'logGroup', prefix: string): string {
  for (const [name, workload] of Object.entries(env.catalogue.workloads)) {
    if (!workload[field].startsWith(prefix)) {
      throw new Error(`environments/catalogue.yaml: workloads.${name}.${field} must start with "${prefix}" (the IAM policies grant ${prefix}*), got "${workload[field]}"`);
    }
  }
  return `${prefix}*`;
}

/** ECS pulls images, writes container logs and injects secrets for every task. */
export function taskExecutionStatements(env: EnvironmentConfig): Statement[] {
  const secrets = environmentSecretsArnPattern(env);
  const logGroups = workloadsPattern(env, 'logGroup', ECS_LOG_GROUP_PREFIX);
  return [
    { sid: 'RegistryLogin', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
    {
      sid: 'PullProjectImages',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      resources: [repositoryArn(env, workloadsPattern(env, 'repository', REPOSITORY_PREFIX))],
    },
    {
      sid: 'WriteServiceLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroupArn(env, logGroups), logStreamsArn(env, logGroups)],
    },
    { sid: 'ReadProjectSecrets', actions: ['secretsmanager:GetSecretValue'], resources: [secrets] },
    {
      // The key's id is unknown at synth time: any key of the account, but only when Secrets
      // Manager decrypts one of this environment's project secrets with it (encryption context).
      sid: 'DecryptProjectSecrets',
      actions: ['kms:Decrypt'],
      resources: [kmsKeysArn(env)],
      condition: {
        StringEquals: { 'kms:ViaService': `secretsmanager.${env.aws.region}.amazonaws.com` },
        StringLike: { 'kms:EncryptionContext:SecretARN': secrets },
      },
    },
  ];
}

/** What the application code in the containers may do. */
export function taskStatements(env: EnvironmentConfig): Statement[] {
  const assets = env.storage.buckets.assets;
  return [
    { sid: 'ListAssets', actions: ['s3:ListBucket'], resources: [bucketArn(assets)] },
    { sid: 'ReadWriteAssets', actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], resources: [bucketObjectsArn(assets)] },
    {
      sid: 'Tracing',
      actions: ['xray:GetSamplingRules', 'xray:GetSamplingStatisticSummaries', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      resources: ['*'],
    },
    {
      sid: 'ApplicationMetrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      condition: { StringEquals: { 'cloudwatch:namespace': APPLICATION_METRIC_NAMESPACE } },
    },
  ];
}

/** Lambda functions write their own logs, nothing else. */
export function lambdaExecutionStatements(env: EnvironmentConfig): Statement[] {
  return [
    { sid: 'CreateFunctionLogs', actions: ['logs:CreateLogGroup', 'logs:CreateLogStream'], resources: [logGroupArn(env, LAMBDA_LOG_GROUPS)] },
    { sid: 'WriteFunctionLogs', actions: ['logs:PutLogEvents'], resources: [logStreamsArn(env, LAMBDA_LOG_GROUPS)] },
  ];
}

/** The CloudWatch agent on EC2 instances, scoped (AWS's CloudWatchAgentServerPolicy grants "*"). */
export function cloudWatchAgentStatements(env: EnvironmentConfig): Statement[] {
  return [
    {
      sid: 'AgentMetrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      condition: { StringEquals: { 'cloudwatch:namespace': CLOUDWATCH_AGENT_NAMESPACE } },
    },
    { sid: 'AgentMetricDimensions', actions: ['ec2:DescribeTags', 'ec2:DescribeVolumes'], resources: ['*'] },
    {
      sid: 'AgentLogs',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resources: [logGroupArn(env, EC2_LOG_GROUPS)],
    },
    { sid: 'AgentConfiguration', actions: ['ssm:GetParameter'], resources: [ssmParametersArn(env, CLOUDWATCH_AGENT_CONFIG_PREFIX)] },
  ];
}
