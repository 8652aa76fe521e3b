import { describe, expect, it } from 'vitest';
import { findObject } from '../support/estate';

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
