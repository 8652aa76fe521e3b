import { Construct } from 'constructs';
import { KmsAlias } from '../constructs/kms-alias';
import { KmsKey } from '../constructs/kms-key';
import { MetricAlarm, MetricAlarmProps, Metric } from '../constructs/metric-alarm';
import { SnsEmailSubscription } from '../constructs/sns-subscription';
import { SnsTopic } from '../constructs/sns-topic';
import { alarmKeyAliasName, alarmTopicArn, alarmTopicName, alarmTopicPolicy, cloudWatchAlarmsGrant } from '../lib/alarm-topics';
import { ecsServiceName } from '../lib/compute';
import { drName } from '../lib/dr-site';
import { criticalDatabases } from '../lib/disaster-recovery';
import { loadBalancerArnSuffix } from '../lib/edge';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { keyPolicy } from '../lib/kms-key-policy';
import { names } from '../lib/names';
import { Owner, PLATFORM_OWNER } from '../lib/ownership';
import { ROUTE53_METRICS_REGION } from '../lib/regions';

/** The seed's service level objectives ("Performance Specifications"), the same everywhere. */
export const SLO = {
  /** API response time: p99 below 500 ms. */
  p99ResponseTimeSeconds: 0.5,
  /** Error rate below 0.1 % of requests. */
  errorRatePercent: 0.1,
  /** Database replication lag below 1 second ("Multi-Region Setup"). */
  replicaLagSeconds: 1,
} as const;

/** One-minute data points; three bad minutes out of five raise an alarm (no flapping on one spike). */
const EVALUATION = { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 } as const;

/** One alarm as planned: its props, who owns what it watches, and the region of its metric. */
interface PlannedAlarm {
  readonly props: Omit<MetricAlarmProps, 'notify' | 'region' | 'owner'>;
  readonly owner: Owner;
  readonly region: string;
}

/**
 * CloudWatch alarms, and who they reach (docs/coverage/alarms.md): the seed's SLOs at the load
 * balancer, the replication lag of the DR replicas, the Route 53 health checks of the weighted
 * origins, and ECS services running fewer tasks than desired. Every alarm notifies, when it fires
 * and when it clears, the SNS topic of the team that owns what it watches (the platform team for
 * shared infrastructure), in the alarm's region; every team has a topic in the environment's
 * region, with its owner's email subscribed. Alarms whose dimension AWS assigns (the load
 * balancer's ARN suffix, the health checks' ids) wait until the value is pinned (docs/edge.md, Bootstrap).
 */
export class AlarmsChart extends EstateChart {
  private readonly planned: PlannedAlarm[] = [];

  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { edge, disasterRecovery, compute } = this.env;
    if (edge.assigned.loadBalancerArn !== undefined) this.loadBalancerAlarms(loadBalancerArnSuffix(edge.assigned.loadBalancerArn));
    if (disasterRecovery.enabled) this.replicaLagAlarms();
    this.healthCheckAlarms();
    // RunningTaskCount and DesiredTaskCount exist only where Container Insights is on.
    if (compute.containerInsights) this.runningTaskAlarms();
    const topics = this.topics();
    for (const { props: alarm, owner, region } of this.planned) {
      const topic = topics.get(topicKey(owner.team, region));
      if (topic === undefined) throw new Error(`AlarmsChart: no alarm topic of team ${owner.team} in ${region} for ${alarm.name}`);
      new MetricAlarm(this, alarm.name, {
        ...alarm,
        notify: topic,
        ...(region !== this.env.aws.region ? { region } : {}),
        ...(owner.team !== PLATFORM_OWNER.team || owner.application !== PLATFORM_OWNER.application ? { owner } : {}),
      });
    }
  }

  private alarm(props: PlannedAlarm['props'], owner: Owner = PLATFORM_OWNER, region: string = this.env.aws.region): void {
    this.planned.push({ props, owner, region });
  }

  /**
   * Per region with alarms, a key CloudWatch may use; per team and region a topic and the
   * owner's email subscription: every team in the environment's region, and each team in the
   * other regions its alarms are in. Returns `team|region` → topic ARN.
   */
  private topics(): Map<string, string> {
    const env = this.env;
    const wanted = new Map<string, { team: string; region: string }>();
    for (const team of Object.keys(env.catalogue.teams).sort()) wanted.set(topicKey(team, env.aws.region), { team, region: env.aws.region });
    for (const { owner, region } of this.planned) wanted.set(topicKey(owner.team, region), { team: owner.team, region });
    const regions = [...new Set([...wanted.values()].map((w) => w.region))].sort();
    for (const region of regions) {
      const other = region !== env.aws.region ? { region } : {};
      new KmsKey(this, names.alarms.kmsKey(region), {
        name: names.alarms.kmsKey(region),
        description: `mycomputer ${env.name}: SNS alarm topics in ${region}`,
        policy: keyPolicy(env, [cloudWatchAlarmsGrant(env, region)]),
        ...other,
      });
      new KmsAlias(this, names.alarms.kmsAlias(region), {
        name: names.alarms.kmsAlias(region),
        aliasName: alarmKeyAliasName(env),
        keyName: names.alarms.kmsKey(region),
        ...other,
      });
    }
    const arns = new Map<string, string>();
    for (const [key, { team, region }] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
      const other = region !== env.aws.region ? { region } : {};
      const owner = { application: PLATFORM_OWNER.application, team };
      const topic = new SnsTopic(this, names.alarms.topic(team, region), {
        name: names.alarms.topic(team, region),
        topicName: alarmTopicName(env, team),
        displayName: `MyComputer ${env.name} alarms (${team})`,
        kmsKeyName: names.alarms.kmsKey(region),
        policy: alarmTopicPolicy(env, team, region),
        owner,
        ...other,
      });
      new SnsEmailSubscription(this, names.alarms.subscription(team, region), {
        name: names.alarms.subscription(team, region),
        topicName: topic.name,
        email: env.catalogue.teams[team].owner,
        owner,
        ...other,
      });
      arns.set(key, alarmTopicArn(env, team, region));
    }
    return arns;
  }

  /** The SLOs at the load balancer, whose CloudWatch dimension is `app/<name>/<id>`. */
  private loadBalancerAlarms(dimension: string): void {
    const { edge } = this.env;
    const elb = (metricName: string): Metric => ({ namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: dimension } });

    this.alarm({
      name: 'alarm-alb-p99-response-time',
      alarmName: `${edge.loadBalancerName}-p99-target-response-time`,
      description: `SLO: p99 target response time of ${edge.loadBalancerName} above ${SLO.p99ResponseTimeSeconds * 1000} ms`,
      source: { kind: 'metric', metric: elb('TargetResponseTime'), statistic: 'p99' },
      comparison: 'GreaterThanThreshold',
      threshold: SLO.p99ResponseTimeSeconds,
      ...EVALUATION,
    });

    // 5XX of the targets and of the load balancer itself (no healthy target, timeouts) are both
    // errors to a client; the counts are absent when zero, hence FILL.
    this.alarm({
      name: 'alarm-alb-5xx-rate',
      alarmName: `${edge.loadBalancerName}-5xx-error-rate`,
      description: `SLO: 5XX responses of ${edge.loadBalancerName} above ${SLO.errorRatePercent} % of requests`,
      source: {
        kind: 'expression',
        expression: 'IF(requests > 0, 100 * (FILL(targetErrors, 0) + FILL(elbErrors, 0)) / requests, 0)',
        label: '5XX error rate (%)',
        metrics: {
          requests: { metric: elb('RequestCount'), statistic: 'Sum' },
          targetErrors: { metric: elb('HTTPCode_Target_5XX_Count'), statistic: 'Sum' },
          elbErrors: { metric: elb('HTTPCode_ELB_5XX_Count'), statistic: 'Sum' },
        },
      },
      comparison: 'GreaterThanThreshold',
      threshold: SLO.errorRatePercent,
      ...EVALUATION,
    });
  }

  /** Replication lag of each DR replica, measured in the DR region where the replica reports it. */
  private replicaLagAlarms(): void {
    const env = this.env;
    for (const { workload, database } of criticalDatabases(env)) {
      const replica = names.dr.dbInstance(database);
      const { application, team } = env.catalogue.workloads[workload];
      this.alarm({
        name: `alarm-${replica}-replica-lag`,
        alarmName: `${replica}-replica-lag`,
        description: `DR: replication lag of ${replica} (${env.aws.drRegion}) above ${SLO.replicaLagSeconds} s for five minutes`,
        source: { kind: 'metric', metric: { namespace: 'AWS/RDS', metricName: 'ReplicaLag', dimensions: { DBInstanceIdentifier: replica } }, statistic: 'Maximum' },
        comparison: 'GreaterThanThreshold',
        threshold: SLO.replicaLagSeconds,
        periodSeconds: 60,
        evaluationPeriods: 5,
        // A stalled replica stops reporting: missing data is as bad as lag.
        treatMissingData: 'breaching',
      }, { application, team }, env.aws.drRegion);
    }
  }

  /**
   * A weighted origin's Route 53 health check failing: Route 53 has already taken that side out
   * of the answers, someone must know. HealthCheckStatus (1 healthy, 0 not) is published only in
   * us-east-1, so the alarm, and the topic it notifies, are there.
   */
  private healthCheckAlarms(): void {
    const { edge } = this.env;
    for (const [side, id] of Object.entries(edge.assigned.healthCheckIds ?? {}).sort()) {
      if (id === undefined) continue;
      const healthCheck = names.healthCheck(side as 'primary' | 'secondary');
      this.alarm({
        name: `alarm-${healthCheck}`,
        alarmName: `${edge.loadBalancerName}-${side}-health-check`,
        description: `DR: the Route 53 health check of the ${side} origin (${healthCheck}) reports it unhealthy`,
        source: { kind: 'metric', metric: { namespace: 'AWS/Route53', metricName: 'HealthCheckStatus', dimensions: { HealthCheckId: id } }, statistic: 'Minimum' },
        comparison: 'LessThanThreshold',
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 2,
        // Route 53 checks every healthCheckIntervalSeconds; no data means no checker reports.
        treatMissingData: 'breaching',
      }, PLATFORM_OWNER, ROUTE53_METRICS_REGION);
    }
  }

  /**
   * An ECS service running fewer tasks than it wants for five minutes in a row (a task that keeps
   * failing its health check, no capacity, an image that cannot be pulled). Container Insights'
   * ECS/ContainerInsights RunningTaskCount and DesiredTaskCount, per cluster and service; a
   * deployment or scale-out catches up within that time. In each region services run: the
   * environment's, and the DR region's warm standby (a standby that cannot run is found before
   * it is needed).
   */
  private runningTaskAlarms(): void {
    const env = this.env;
    const regions = [{ region: env.aws.region, name: (n: string) => n }, ...(env.disasterRecovery.enabled ? [{ region: env.aws.drRegion, name: drName }] : [])];
    for (const { region, name } of regions) {
      for (const workload of Object.keys(env.catalogue.workloads).sort()) {
        const { application, team } = env.catalogue.workloads[workload];
        const service = ecsServiceName(workload);
        const insights = (metricName: string) => ({ metric: { namespace: 'ECS/ContainerInsights', metricName, dimensions: { ClusterName: env.compute.clusterName, ServiceName: service } }, statistic: 'Average' });
        this.alarm({
          name: name(`alarm-${names.ecsService(workload)}-running-tasks`),
          alarmName: `${env.compute.clusterName}-${service}-running-below-desired`,
          description: `ECS: ${service} in ${env.compute.clusterName} (${region}) runs fewer tasks than desired for five minutes`,
          source: {
            kind: 'expression',
            expression: 'FILL(desired, 0) - FILL(running, 0)',
            label: 'desired minus running tasks',
            metrics: { desired: insights('DesiredTaskCount'), running: insights('RunningTaskCount') },
          },
          comparison: 'GreaterThanThreshold',
          threshold: 0,
          periodSeconds: 60,
          evaluationPeriods: 5,
        }, { application, team }, region);
      }
    }
  }
}

/** `team|region`. */
function topicKey(team: string, region: string): string {
  return `${team}|${region}`;
}
