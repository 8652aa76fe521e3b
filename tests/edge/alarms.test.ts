import { describe, expect, it } from 'vitest';
import { names } from '../../charts/lib/names';
import { REGION_ANNOTATION, TEAM_LABEL } from '../../policy/annotations';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, Obj } from '../support/estate';

const ENV = 'production';
/** The `app/<name>/<id>` suffix of the pinned load balancer ARN. */
const LOAD_BALANCER = [{ name: 'LoadBalancer', value: 'app/mycomputer-alb/0000000000000001' }];

describe('SLO alarms (production)', () => {
  it('alarm when the ALB p99 target response time exceeds 0.5 s', () => {
    const alarm = findObject(ENV, 'MetricAlarm', 'alarm-alb-p99-response-time').spec;
    expect(alarm).toMatchObject({
      name: 'mycomputer-alb-p99-target-response-time',
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions: LOAD_BALANCER,
      extendedStatistic: 'p99',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0.5,
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
    });
    expect(alarm.statistic).toBeUndefined();
  });

  it('alarm when 5XX responses exceed 0.1 % of requests (metric math)', () => {
    const alarm = findObject(ENV, 'MetricAlarm', 'alarm-alb-5xx-rate').spec;
    expect(alarm).toMatchObject({ name: 'mycomputer-alb-5xx-error-rate', comparisonOperator: 'GreaterThanThreshold', threshold: 0.1, evaluationPeriods: 5, datapointsToAlarm: 3 });
    const stat = (id: string, metricName: string) => ({ id, returnData: false, metricStat: { metric: { namespace: 'AWS/ApplicationELB', metricName, dimensions: LOAD_BALANCER }, stat: 'Sum', period: 60 } });
    expect(alarm.metrics).toEqual([
      stat('requests', 'RequestCount'),
      stat('targetErrors', 'HTTPCode_Target_5XX_Count'),
      stat('elbErrors', 'HTTPCode_ELB_5XX_Count'),
      { id: 'result', expression: 'IF(requests > 0, 100 * (FILL(targetErrors, 0) + FILL(elbErrors, 0)) / requests, 0)', label: '5XX error rate (%)', returnData: true },
    ]);
    // a metric-math alarm names no single metric
    expect([alarm.metricName, alarm.namespace, alarm.dimensions]).toEqual([undefined, undefined, undefined]);
  });
});

/** Where alarms notify, checked against the catalogue (teams, owners, workloads) in every environment. */
describe.each(ENVIRONMENT_NAMES)('%s: every alarm reaches the team that owns what it watches', (envName) => {
  const env = loadEnv(envName);
  const regionOf = (o: Obj) => o.metadata.annotations?.[REGION_ANNOTATION] ?? env.aws.region;
  const teamOf = (o: Obj) => o.metadata.labels![TEAM_LABEL];
  const topics = kindsOf(envName, 'Topic', 'sns.services.k8s.aws');
  const subscriptions = kindsOf(envName, 'Subscription', 'sns.services.k8s.aws');
  const alarms = kindsOf(envName, 'MetricAlarm');
  /** The ARN each topic will have: `arn:aws:sns:<its region>:<account>:<its name>`. */
  const topicByArn = new Map(topics.map((t) => [`arn:aws:sns:${regionOf(t)}:${env.aws.accountId}:${t.spec.name}`, t]));

  it('every team of the catalogue has a topic in the environment\'s region, with its owner\'s email subscribed', () => {
    for (const [team, { owner }] of Object.entries(env.catalogue.teams)) {
      const topic = topics.find((t) => teamOf(t) === team && regionOf(t) === env.aws.region);
      expect(topic, team).toBeDefined();
      const subscription = subscriptions.find((s) => s.spec.topicRef.from.name === topic!.metadata.name);
      expect(subscription?.spec, team).toEqual({ protocol: 'email', endpoint: owner, topicRef: { from: { name: topic!.metadata.name } } });
    }
  });

  it('every topic is encrypted with a key of its region and has exactly one subscription, to its team\'s owner', () => {
    const keys = kindsOf(envName, 'Key', 'kms.services.k8s.aws');
    for (const topic of topics) {
      const key = keys.find((k) => k.metadata.name === topic.spec.kmsMasterKeyRef.from.name);
      expect(key && regionOf(key), topic.metadata.name).toBe(regionOf(topic));
      // CloudWatch may use the key, for this account's alarms of that region only
      const grant = JSON.parse(key!.spec.policy).Statement.find((s: { Principal: { Service?: string } }) => s.Principal.Service === 'cloudwatch.amazonaws.com');
      expect(grant?.Condition, topic.metadata.name).toEqual({ StringEquals: { 'aws:SourceAccount': env.aws.accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${regionOf(topic)}:${env.aws.accountId}:alarm:*` } });
      const mine = subscriptions.filter((s) => s.spec.topicRef.from.name === topic.metadata.name);
      expect(mine.map((s) => [s.spec.endpoint, regionOf(s)]), topic.metadata.name).toEqual([[env.catalogue.teams[teamOf(topic)].owner, regionOf(topic)]]);
    }
    expect(subscriptions).toHaveLength(topics.length);
  });

  it('every topic lets CloudWatch publish for this account\'s alarms of its region, and nobody else', () => {
    for (const [arn, topic] of topicByArn) {
      expect(JSON.parse(topic.spec.policy).Statement, topic.metadata.name).toEqual([{
        Sid: 'AllowCloudWatchAlarms', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: arn,
        Condition: { StringEquals: { 'aws:SourceAccount': env.aws.accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${regionOf(topic)}:${env.aws.accountId}:alarm:*` } },
      }]);
    }
  });

  it('every alarm notifies, when it fires and when it clears, a topic of its own region and of its own team', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      const at = alarm.metadata.name;
      expect(alarm.spec.actionsEnabled, at).toBe(true);
      expect(alarm.spec.alarmActions, at).toHaveLength(1);
      expect(alarm.spec.oKActions, at).toEqual(alarm.spec.alarmActions);
      const topic = topicByArn.get(alarm.spec.alarmActions[0]);
      expect(topic, `${at} notifies ${alarm.spec.alarmActions[0]}, which is no topic of the environment`).toBeDefined();
      expect([regionOf(topic!), teamOf(topic!)], at).toEqual([regionOf(alarm), teamOf(alarm)]);
    }
  });

  it('an alarm on a workload\'s service or database belongs to the workload\'s team; the load balancer and health checks to the platform team', () => {
    const dimension = (alarm: Obj, name: string): string[] => [
      ...(alarm.spec.dimensions ?? []),
      ...(alarm.spec.metrics ?? []).flatMap((m: { metricStat?: { metric: { dimensions: unknown[] } } }) => m.metricStat?.metric.dimensions ?? []),
    ].filter((d: { name: string }) => d.name === name).map((d: { value: string }) => d.value);
    for (const alarm of alarms) {
      const services = dimension(alarm, 'ServiceName');
      const replicas = dimension(alarm, 'DBInstanceIdentifier');
      const workloads = Object.entries(env.catalogue.workloads).filter(([workload, w]) =>
        services.includes(findObject(envName, 'Service', `ecs-service-${workload}`).spec.name) || (w.database !== undefined && replicas.includes(names.dr.dbInstance(w.database!))));
      const expected = workloads.length > 0 ? [...new Set(workloads.map(([, w]) => w.team))] : ['platform'];
      expect([teamOf(alarm)], alarm.metadata.name).toEqual(expected);
    }
  });

  it('every ECS service has a running-below-desired alarm on Container Insights, which the cluster has on', () => {
    expect(findObject(envName, 'Cluster', 'ecs-cluster').spec.settings).toContainEqual({ name: 'containerInsights', value: 'enabled' });
    for (const service of kindsOf(envName, 'Service', 'ecs.services.k8s.aws')) {
      const alarm = alarms.find((a) => (a.spec.metrics ?? []).some((m: { metricStat?: { metric: { namespace: string; metricName: string; dimensions: { name: string; value: string }[] } } }) =>
        m.metricStat?.metric.namespace === 'ECS/ContainerInsights' && m.metricStat.metric.metricName === 'RunningTaskCount' && m.metricStat.metric.dimensions.some((d) => d.name === 'ServiceName' && d.value === service.spec.name)));
      expect(alarm?.spec.metrics.map((m: { id: string }) => m.id), service.metadata.name).toEqual(['desired', 'running', 'result']);
      expect(alarm!.spec.metrics[0].metricStat.metric.metricName).toBe('DesiredTaskCount');
      expect([alarm!.spec.comparisonOperator, alarm!.spec.threshold]).toEqual(['GreaterThanThreshold', 0]);
    }
  });

  it('every pinned Route 53 health check has an alarm in us-east-1, where its metric is', () => {
    const ids = Object.values(env.edge.assigned.healthCheckIds ?? {});
    if (envName === 'production') expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const alarm = alarms.find((a) => a.spec.namespace === 'AWS/Route53' && a.spec.dimensions[0].value === id);
      expect(alarm && [regionOf(alarm), alarm.spec.metricName, alarm.spec.comparisonOperator, alarm.spec.threshold], id).toEqual(['us-east-1', 'HealthCheckStatus', 'LessThanThreshold', 1]);
    }
  });
});
