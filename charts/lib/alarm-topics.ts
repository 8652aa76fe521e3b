/**
 * Where alarms notify (docs/coverage/alarms.md): one SNS topic per team and region, named
 * `mycomputer-<env>-alarms-<team>`, encrypted with a key of that region that CloudWatch may use,
 * with the team owner's email (environments/catalogue.yaml) subscribed. CloudWatch notifies only
 * a topic of the alarm's own region, so a team gets a topic in the environment's region and in
 * every other region where something it owns is alarmed (the DR replicas' region, us-east-1 for
 * Route 53). The alarms chart builds the topics and the alarms from the same plan, so an alarm
 * cannot name a topic that is not built.
 */
import { PARTITION } from './arns';
import { EnvironmentConfig } from './environment/types';
import { ServiceGrant } from './kms-key-policy';

type Aws = Pick<EnvironmentConfig, 'aws'>;

/** The CloudWatch service principal, which publishes alarm notifications. */
export const CLOUDWATCH_SERVICE = 'cloudwatch.amazonaws.com';

/** AWS name of a team's alarm topic (the same in every region: the ARN tells them apart). */
export function alarmTopicName(env: Pick<EnvironmentConfig, 'name'>, team: string): string {
  return `mycomputer-${env.name}-alarms-${team}`;
}

/** `arn:aws:sns:<region>:<account>:<name>`: a topic's ARN is known before it exists. */
export function alarmTopicArn(env: Pick<EnvironmentConfig, 'name' | 'aws'>, team: string, region: string): string {
  return `arn:${PARTITION}:sns:${region}:${env.aws.accountId}:${alarmTopicName(env, team)}`;
}

/** Alias of the alarm topics' key in each region. */
export function alarmKeyAliasName(env: Pick<EnvironmentConfig, 'name'>): string {
  return `alias/mycomputer/${env.name}/alarms`;
}

/** Every alarm of the account in `region`: what the confused-deputy conditions allow. */
function alarmsArnPattern(env: Aws, region: string): string {
  return `arn:${PARTITION}:cloudwatch:${region}:${env.aws.accountId}:alarm:*`;
}

/** CloudWatch acting for this account's alarms of `region`, and nobody else's. */
function fromOwnAlarms(env: Aws, region: string) {
  return {
    StringEquals: { 'aws:SourceAccount': env.aws.accountId },
    ArnLike: { 'aws:SourceArn': alarmsArnPattern(env, region) },
  };
}

/**
 * The topic policy: CloudWatch may publish, on behalf of this account's alarms of the topic's
 * region only (aws:SourceAccount and aws:SourceArn, the SNS developer guide's confused-deputy
 * guard). The account's own principals need no statement: their IAM policies suffice.
 */
export function alarmTopicPolicy(env: Pick<EnvironmentConfig, 'name' | 'aws'>, team: string, region: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowCloudWatchAlarms',
        Effect: 'Allow',
        Principal: { Service: CLOUDWATCH_SERVICE },
        Action: 'sns:Publish',
        Resource: alarmTopicArn(env, team, region),
        Condition: fromOwnAlarms(env, region),
      },
    ],
  });
}

/**
 * CloudWatch publishes to a topic encrypted with a customer-managed key only if the key lets it
 * generate a data key and decrypt (SNS developer guide, "Enable compatibility between event
 * sources from AWS services and encrypted topics"); the same conditions as the topic policy.
 */
export function cloudWatchAlarmsGrant(env: Aws, region: string): ServiceGrant {
  const { StringEquals, ArnLike } = fromOwnAlarms(env, region);
  return {
    sid: 'AllowCloudWatchAlarms',
    service: CLOUDWATCH_SERVICE,
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    condition: { StringEquals, ArnLike },
  };
}
