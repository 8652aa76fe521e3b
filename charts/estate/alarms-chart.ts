import { Construct } from 'constructs';
import { MetricAlarm, Metric } from '../constructs/metric-alarm';
import { criticalDatabases } from '../lib/disaster-recovery';
import { loadBalancerArnSuffix } from '../lib/edge';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

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

/**
 * CloudWatch alarms on the seed's SLOs, measured at the load balancer, and on the replication lag
 * of the DR replicas. The load balancer's CloudWatch dimension is the `app/<name>/<id>` suffix of
 * its ARN, which AWS assigns: those alarms wait until the ARN is pinned in
 * edge.assigned.loadBalancerArn (docs/edge.md, Bootstrap).
 */
export class AlarmsChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { edge, disasterRecovery } = this.env;
    if (edge.assigned.loadBalancerArn !== undefined) this.loadBalancerAlarms(loadBalancerArnSuffix(edge.assigned.loadBalancerArn));
    if (disasterRecovery.enabled) this.replicaLagAlarms();
  }

  /** The SLOs at the load balancer, whose CloudWatch dimension is `app/<name>/<id>`. */
  private loadBalancerAlarms(dimension: string): void {
    const { edge } = this.env;
    const elb = (metricName: string): Metric => ({ namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: dimension } });

    new MetricAlarm(this, 'alarm-alb-p99-response-time', {
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
    new MetricAlarm(this, 'alarm-alb-5xx-rate', {
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
      new MetricAlarm(this, `alarm-${replica}-replica-lag`, {
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
        region: env.aws.drRegion,
        owner: { application, team },
      });
    }
  }
}
