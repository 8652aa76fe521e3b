/**
 * ARNs (and ECR image names) of the estate's AWS resources, built from the environment's
 * account and region and the resources' AWS names. IAM policies and ECS task definitions need ARNs where ACK offers no
 * reference, and both sides use these functions so that an ARN cannot drift from its resource.
 */
import { EnvironmentConfig } from './environment/types';

/** Every account of the estate is in the commercial partition. */
export const PARTITION = 'aws';

/** Prefix of every Secrets Manager secret name of the project. */
const SECRET_NAME_PREFIX = 'mycomputer';

type Aws = Pick<EnvironmentConfig, 'aws'>;
type Named = Pick<EnvironmentConfig, 'name' | 'catalogue'>;

/** AWS name of a catalogue secret: `mycomputer/<env>/<secret.name>`. */
export function secretName(env: Named, catalogueKey: string): string {
  const secret = env.catalogue.secrets[catalogueKey];
  if (!secret) throw new Error(`secretName: no secret "${catalogueKey}" in environments/catalogue.yaml (have ${Object.keys(env.catalogue.secrets).join(', ')})`);
  return `${SECRET_NAME_PREFIX}/${env.name}/${secret.name}`;
}

/**
 * ARN pattern of a catalogue secret. Secrets Manager appends `-` and six random characters to
 * the name, so `-??????` matches exactly that secret and no other name that merely starts alike.
 */
export function secretArnPattern(env: Aws & Named, catalogueKey: string): string {
  return `arn:${PARTITION}:secretsmanager:${env.aws.region}:${env.aws.accountId}:secret:${secretName(env, catalogueKey)}-??????`;
}

/**
 * Partial ARN of a catalogue secret (without the random suffix), as ECS container `secrets`
 * take it: Secrets Manager resolves it to the one secret of that name, which is why no secret
 * name may end in `-` and six characters (charts/constructs/secret.ts refuses them).
 */
export function secretArn(env: Aws & Named, catalogueKey: string): string {
  return `arn:${PARTITION}:secretsmanager:${env.aws.region}:${env.aws.accountId}:secret:${secretName(env, catalogueKey)}`;
}

/** Every secret of the project in one environment: `...:secret:mycomputer/<env>/*`. */
export function environmentSecretsArnPattern(env: Aws & Pick<EnvironmentConfig, 'name'>): string {
  return `arn:${PARTITION}:secretsmanager:${env.aws.region}:${env.aws.accountId}:secret:${SECRET_NAME_PREFIX}/${env.name}/*`;
}

export function roleArn(env: Aws, roleName: string): string {
  return `arn:${PARTITION}:iam::${env.aws.accountId}:role/${roleName}`;
}

/** A customer-managed policy of the environment's account (path `/`). */
export function customerPolicyArn(env: Aws, policyName: string): string {
  return `arn:${PARTITION}:iam::${env.aws.accountId}:policy/${policyName}`;
}

/** An AWS managed policy, e.g. AmazonSSMManagedInstanceCore. */
export function awsManagedPolicyArn(policyName: string): string {
  return `arn:${PARTITION}:iam::aws:policy/${policyName}`;
}

/** A repository (`mycomputer/inventory`), or a name pattern (`mycomputer/*`). */
export function repositoryArn(env: Aws, repository: string): string {
  return `arn:${PARTITION}:ecr:${env.aws.region}:${env.aws.accountId}:repository/${repository}`;
}

/** An image in one of the environment's ECR repositories, as ECS and Kubernetes pull it (not an ARN). */
export function repositoryImage(env: Aws, repository: string, tag: string): string {
  return `${env.aws.accountId}.dkr.ecr.${env.aws.region}.amazonaws.com/${repository}:${tag}`;
}

/** A log group (`/ecs/inventory`), or a name pattern (`/aws/lambda/*`), in the environment's region or `region`. */
export function logGroupArn(env: Aws, logGroup: string, region: string = env.aws.region): string {
  return `arn:${PARTITION}:logs:${region}:${env.aws.accountId}:log-group:${logGroup}`;
}

/**
 * The log streams of a log group (or of a name pattern), in the `log-group:<name>:*` form the
 * CloudWatch Logs documentation uses for CreateLogStream and PutLogEvents.
 */
export function logStreamsArn(env: Aws, logGroup: string): string {
  return `${logGroupArn(env, logGroup)}:*`;
}

export function bucketArn(bucket: string): string {
  return `arn:${PARTITION}:s3:::${bucket}`;
}

/** Every object of a bucket. */
export function bucketObjectsArn(bucket: string): string {
  return `${bucketArn(bucket)}/*`;
}

/** Every KMS key of the account and region (narrow it with conditions). */
export function kmsKeysArn(env: Aws): string {
  return `arn:${PARTITION}:kms:${env.aws.region}:${env.aws.accountId}:key/*`;
}

/** SSM parameters whose name starts with `prefix`. */
export function ssmParametersArn(env: Aws, prefix: string): string {
  return `arn:${PARTITION}:ssm:${env.aws.region}:${env.aws.accountId}:parameter/${prefix}*`;
}

/** Anything of a service in the environment's account and region, e.g. `arn:aws:ecs:eu-west-1:1111:*`. */
export function serviceArnPattern(env: Aws, service: string): string {
  return `arn:${PARTITION}:${service}:${env.aws.region}:${env.aws.accountId}:*`;
}
