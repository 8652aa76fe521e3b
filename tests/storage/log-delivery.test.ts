/**
 * The logs bucket as the destination of the estate's access logs (charts/lib/log-delivery.ts):
 * every writer points into it under its own prefix, and its policy grants each delivery service
 * that prefix and nothing more. Expectations come from the environment data and the manifests.
 */
import { describe, expect, it } from 'vitest';
import { waitingObjects } from '../../charts/waiting';
import { FLOW_LOG_VPC_ANNOTATION, REGION_ANNOTATION } from '../../policy/annotations';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, Obj } from '../support/estate';

const statementsOf = (bucket: Obj) => JSON.parse(bucket.spec.policy).Statement as Record<string, any>[];
const grantsTo = (bucket: Obj, service: string) => statementsOf(bucket).filter((s) => s.Effect === 'Allow' && s.Principal?.Service === service);
const attributesOf = (lb: Obj) => Object.fromEntries((lb.spec.attributes as { key: string; value: string }[]).map((a) => [a.key, a.value]));

describe.each(ENVIRONMENT_NAMES)('%s: access logs into the logs bucket', (name) => {
  const env = loadEnv(name);
  const logsBucket = env.storage.buckets.logs;
  const account = env.aws.accountId;
  const logs = () => kindsOf(name, 'Bucket').find((b) => b.spec.name === logsBucket)!;

  it('the load balancer writes access logs to it under a prefix ELB log delivery may write, for this account only (ELB.5)', () => {
    const attributes = attributesOf(findObject(name, 'LoadBalancer', 'load-balancer'));
    expect(attributes['access_logs.s3.enabled']).toBe('true');
    expect(attributes['access_logs.s3.bucket']).toBe(logsBucket);
    const prefix = attributes['access_logs.s3.prefix'];
    expect(prefix).toMatch(/^[^/].*[^/]$/);
    expect(grantsTo(logs(), 'logdelivery.elasticloadbalancing.amazonaws.com')).toEqual([
      expect.objectContaining({ Action: 's3:PutObject', Resource: `arn:aws:s3:::${logsBucket}/${prefix}/AWSLogs/${account}/*` }),
    ]);
  });

  it('every other bucket of the region logs to it, each under a prefix only S3 logging for that bucket and account may write (S3.9)', () => {
    const region = env.aws.region;
    const sameRegion = kindsOf(name, 'Bucket').filter((b) => (b.metadata.annotations?.[REGION_ANNOTATION] ?? region) === region);
    const sources = sameRegion.filter((b) => b.spec.name !== logsBucket);
    expect(sources.length).toBeGreaterThan(0);
    const grants = grantsTo(logs(), 'logging.s3.amazonaws.com');
    for (const source of sources) {
      const { targetBucket, targetPrefix } = source.spec.logging.loggingEnabled;
      expect(targetBucket).toBe(logsBucket);
      const grant = grants.find((g) => g.Condition.ArnLike['aws:SourceArn'] === `arn:aws:s3:::${source.spec.name}`);
      expect(grant, source.spec.name).toMatchObject({ Action: 's3:PutObject', Resource: `arn:aws:s3:::${logsBucket}/${targetPrefix}*`, Condition: { StringEquals: { 'aws:SourceAccount': account } } });
    }
    expect(grants).toHaveLength(sources.length);
    // The logs bucket does not log into itself.
    expect(logs().spec.logging).toBeUndefined();
  });

  it('the VPC flow log records all traffic of the pinned VPC into it, under a prefix only this account\'s log delivery may write (EC2.6)', () => {
    const [flowLog] = kindsOf(name, 'FlowLog');
    expect(flowLog.spec).toMatchObject({ resourceType: 'VPC', resourceID: env.network.assigned.vpcId, trafficType: 'ALL', logDestinationType: 's3' });
    expect(flowLog.metadata.annotations![FLOW_LOG_VPC_ANNOTATION]).toBe(findObject(name, 'VPC', 'vpc').metadata.name);
    const destination: string = flowLog.spec.logDestination;
    expect(destination.startsWith(`arn:aws:s3:::${logsBucket}/`)).toBe(true);
    const write = grantsTo(logs(), 'delivery.logs.amazonaws.com').find((g) => g.Action === 's3:PutObject')!;
    expect(write.Resource).toBe(`${destination}AWSLogs/${account}/*`);
    expect(write.Condition.StringEquals['aws:SourceAccount']).toBe(account);
    expect(write.Condition.ArnLike['aws:SourceArn']).toBe(`arn:aws:logs:${env.aws.region}:${account}:*`);
  });

  it('the flow log waits on the VPC id while it is not pinned', () => {
    const unpinned = { ...env, network: { ...env.network, assigned: {} } };
    expect(waitingObjects(unpinned as typeof env)).toContainEqual({ kind: 'FlowLog', name: 'vpc-flow-log', waitsOn: ['network.assigned.vpcId'] });
  });
});

describe.each(ENVIRONMENT_NAMES)('%s: web ACL logs (WAF.11)', (name) => {
  const env = loadEnv(name);

  it('go to an aws-waf-logs- log group in the web ACL\'s region, with the environment\'s retention, under a key of that region', () => {
    const acl = findObject(name, 'WebACL', 'web-acl');
    const region = acl.metadata.annotations![REGION_ANNOTATION];
    const [destination] = acl.spec.loggingConfiguration.logDestinationConfigs as string[];
    const groupName = destination.split(':log-group:')[1];
    expect(destination).toBe(`arn:aws:logs:${region}:${env.aws.accountId}:log-group:${groupName}`);
    expect(groupName).toBe(`aws-waf-logs-${env.edge.webAclName}`);
    const group = kindsOf(name, 'LogGroup').find((g) => g.spec.name === groupName)!;
    expect(group.metadata.annotations![REGION_ANNOTATION]).toBe(region);
    expect(group.spec.retentionDays).toBe(env.logs.retentionDays);
    const key = findObject(name, 'Key', group.spec.kmsKeyRef.from.name);
    expect(key.metadata.annotations![REGION_ANNOTATION]).toBe(region);
    expect(key.spec.enableKeyRotation).toBe(true);
    // The key lets CloudWatch Logs of that region use it for this account's log groups there.
    const logsGrant = JSON.parse(key.spec.policy).Statement.find((s: Record<string, any>) => s.Principal?.Service === `logs.${region}.amazonaws.com`);
    expect(logsGrant.Condition.StringLike['kms:EncryptionContext:aws:logs:arn']).toBe(`arn:aws:logs:${region}:${env.aws.accountId}:log-group:*`);
  });
});
