/**
 * The AWS tags of one synced ACK object, read from the emulator with each service's own call
 * (by the id or ARN that ACK wrote into the object's status). One reader per tagged kind of
 * policy/tag-shapes.ts; a kind without a reader is an error, so a new kind cannot go unchecked.
 */
import { ManifestObject } from '../../../cli/diff/manifest-tree';
import { AwsCall } from './aws';

type Status = Record<string, any>;
type Spec = Record<string, any>;
type Reader = (spec: Spec, status: Status) => AwsCall;

const arn = (status: Status): string => status.ackResourceMetadata?.arn;
const ec2 = (id: (status: Status) => string): Reader => (_spec, status) => ({ service: 'ec2', operation: 'describe_tags', params: { Filters: [{ Name: 'resource-id', Values: [id(status)] }] } });

/** `<group>/<Kind>` → the call that lists its tags. */
const READERS: Readonly<Record<string, Reader>> = {
  'acm.services.k8s.aws/Certificate': (_s, st) => ({ service: 'acm', operation: 'list_tags_for_certificate', params: { CertificateArn: arn(st) } }),
  'cloudfront.services.k8s.aws/Distribution': (_s, st) => ({ service: 'cloudfront', operation: 'list_tags_for_resource', params: { Resource: arn(st) } }),
  // cloudwatch-controller writes no ARN into the status: the alarm's ARN is built as AWS documents it.
  'cloudwatch.services.k8s.aws/MetricAlarm': (s, st) => ({ service: 'cloudwatch', operation: 'list_tags_for_resource', params: { ResourceARN: `arn:aws:cloudwatch:${st.ackResourceMetadata.region}:${st.ackResourceMetadata.ownerAccountID}:alarm:${s.name}` } }),
  'cloudwatchlogs.services.k8s.aws/LogGroup': (s) => ({ service: 'logs', operation: 'list_tags_log_group', params: { logGroupName: s.name } }),
  'ec2.services.k8s.aws/ElasticIPAddress': ec2((st) => st.allocationID),
  'ec2.services.k8s.aws/FlowLog': ec2((st) => st.flowLogID),
  'ec2.services.k8s.aws/InternetGateway': ec2((st) => st.internetGatewayID),
  'ec2.services.k8s.aws/NATGateway': ec2((st) => st.natGatewayID),
  'ec2.services.k8s.aws/RouteTable': ec2((st) => st.routeTableID),
  // moto's DescribeTags leaves security groups out: read the group's own Tags.
  'ec2.services.k8s.aws/SecurityGroup': (_s, st) => ({ service: 'ec2', operation: 'describe_security_groups', params: { GroupIds: [st.id] } }),
  'ec2.services.k8s.aws/Subnet': ec2((st) => st.subnetID),
  'ec2.services.k8s.aws/VPC': ec2((st) => st.vpcID),
  'ecr.services.k8s.aws/Repository': (_s, st) => ({ service: 'ecr', operation: 'list_tags_for_resource', params: { resourceArn: arn(st) } }),
  'ecs.services.k8s.aws/Cluster': (_s, st) => ({ service: 'ecs', operation: 'list_tags_for_resource', params: { resourceArn: arn(st) } }),
  'ecs.services.k8s.aws/Service': (_s, st) => ({ service: 'ecs', operation: 'list_tags_for_resource', params: { resourceArn: arn(st) } }),
  'ecs.services.k8s.aws/TaskDefinition': (_s, st) => ({ service: 'ecs', operation: 'list_tags_for_resource', params: { resourceArn: arn(st) } }),
  'efs.services.k8s.aws/FileSystem': (_s, st) => ({ service: 'efs', operation: 'list_tags_for_resource', params: { ResourceId: st.fileSystemID } }),
  'elasticache.services.k8s.aws/CacheSubnetGroup': (_s, st) => ({ service: 'elasticache', operation: 'list_tags_for_resource', params: { ResourceName: arn(st) } }),
  'elasticache.services.k8s.aws/ReplicationGroup': (_s, st) => ({ service: 'elasticache', operation: 'list_tags_for_resource', params: { ResourceName: arn(st) } }),
  'elbv2.services.k8s.aws/Listener': (_s, st) => ({ service: 'elbv2', operation: 'describe_tags', params: { ResourceArns: [arn(st)] } }),
  'elbv2.services.k8s.aws/LoadBalancer': (_s, st) => ({ service: 'elbv2', operation: 'describe_tags', params: { ResourceArns: [arn(st)] } }),
  'elbv2.services.k8s.aws/Rule': (_s, st) => ({ service: 'elbv2', operation: 'describe_tags', params: { ResourceArns: [arn(st)] } }),
  'elbv2.services.k8s.aws/TargetGroup': (_s, st) => ({ service: 'elbv2', operation: 'describe_tags', params: { ResourceArns: [arn(st)] } }),
  'iam.services.k8s.aws/InstanceProfile': (s) => ({ service: 'iam', operation: 'list_instance_profile_tags', params: { InstanceProfileName: s.name } }),
  'iam.services.k8s.aws/Policy': (_s, st) => ({ service: 'iam', operation: 'list_policy_tags', params: { PolicyArn: arn(st) } }),
  'iam.services.k8s.aws/Role': (s) => ({ service: 'iam', operation: 'list_role_tags', params: { RoleName: s.name } }),
  'kms.services.k8s.aws/Key': (_s, st) => ({ service: 'kms', operation: 'list_resource_tags', params: { KeyId: st.keyID } }),
  'rds.services.k8s.aws/DBInstance': (_s, st) => ({ service: 'rds', operation: 'list_tags_for_resource', params: { ResourceName: arn(st) } }),
  'rds.services.k8s.aws/DBParameterGroup': (_s, st) => ({ service: 'rds', operation: 'list_tags_for_resource', params: { ResourceName: arn(st) } }),
  'rds.services.k8s.aws/DBSubnetGroup': (_s, st) => ({ service: 'rds', operation: 'list_tags_for_resource', params: { ResourceName: arn(st) } }),
  'route53.services.k8s.aws/HealthCheck': (_s, st) => ({ service: 'route53', operation: 'list_tags_for_resource', params: { ResourceType: 'healthcheck', ResourceId: st.healthCheckID ?? st.id } }),
  'route53.services.k8s.aws/HostedZone': (_s, st) => ({ service: 'route53', operation: 'list_tags_for_resource', params: { ResourceType: 'hostedzone', ResourceId: String(st.id).replace('/hostedzone/', '') } }),
  'sns.services.k8s.aws/Topic': (_s, st) => ({ service: 'sns', operation: 'list_tags_for_resource', params: { ResourceArn: arn(st) } }),
  's3.services.k8s.aws/Bucket': (s) => ({ service: 's3', operation: 'get_bucket_tagging', params: { Bucket: s.name } }),
  'secretsmanager.services.k8s.aws/Secret': (s) => ({ service: 'secretsmanager', operation: 'describe_secret', params: { SecretId: s.name } }),
  'wafv2.services.k8s.aws/WebACL': (_s, st) => ({ service: 'wafv2', operation: 'list_tags_for_resource', params: { ResourceARN: arn(st) } }),
};

/** The kinds with a tag reader (`<group>/<Kind>`). */
export const TAGGED_KINDS: readonly string[] = Object.keys(READERS);

/** The call that lists the object's tags in AWS (in the object's own region when annotated). */
export function tagCallOf(object: ManifestObject, status: Status, region: string): AwsCall {
  const key = `${object.apiVersion.split('/')[0]}/${object.kind}`;
  const reader = READERS[key];
  if (!reader) throw new Error(`tests/e2e/support/tags.ts has no tag reader for ${key}`);
  const annotations = (object.metadata.annotations ?? {}) as Record<string, string>;
  return { ...reader((object as unknown as { spec: Spec }).spec, status), region: annotations['services.k8s.aws/region'] ?? region };
}

/** The tags (key → value) in any of the services' answer shapes. */
export function tagsIn(result: unknown): Record<string, string> {
  if (Array.isArray(result)) {
    const pairs = result.map((t) => [t.Key ?? t.key ?? t.TagKey, t.Value ?? t.value ?? t.TagValue] as const).filter(([k]) => typeof k === 'string');
    if (pairs.length > 0 || result.length === 0) return Object.fromEntries(pairs);
    return Object.assign({}, ...result.map(tagsIn));
  }
  if (result && typeof result === 'object') {
    for (const name of ['Tags', 'TagSet', 'TagList', 'tags', 'TagDescriptions', 'ResourceTagSet', 'TagInfoForResource', 'Items', 'SecurityGroups']) {
      const value = (result as Record<string, unknown>)[name];
      if (value === undefined) continue;
      if (name === 'tags' && !Array.isArray(value)) return value as Record<string, string>; // CloudWatch Logs: a map
      return tagsIn(value);
    }
  }
  return {};
}
