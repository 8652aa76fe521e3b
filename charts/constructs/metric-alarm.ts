import { Construct } from 'constructs';
import { MetricAlarm as AckMetricAlarm, MetricAlarmSpec } from '../../imports/cloudwatch-metricalarm-cloudwatch.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';
import { inRegion } from '../lib/regions';

/** A CloudWatch metric, e.g. AWS/ApplicationELB TargetResponseTime of one load balancer. */
export interface Metric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** What the alarm compares with its threshold. */
export type AlarmSource =
  /** One metric, by a statistic (Average, Sum, Maximum...) or a percentile (p99). */
  | { readonly kind: 'metric'; readonly metric: Metric; readonly statistic: string }
  /** Metric math over named metrics, e.g. `100 * errors / requests`. */
  | { readonly kind: 'expression'; readonly expression: string; readonly label: string; readonly metrics: Readonly<Record<string, { readonly metric: Metric; readonly statistic: string }>> };

export interface MetricAlarmProps {
  /** metadata.name. */
  readonly name: string;
  /** The AWS name. */
  readonly alarmName: string;
  readonly description: string;
  readonly source: AlarmSource;
  readonly comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  readonly threshold: number;
  /**
   * ARN of the SNS topic told when the alarm fires and when it clears (alarmActions, oKActions):
   * required, so that no alarm changes state unseen. It must be in the alarm's region.
   */
  readonly notify: string;
  /**
   * Seconds per data point (60 or a multiple).
   * @default 60
   */
  readonly periodSeconds?: number;
  /**
   * Data points looked at.
   * @default 5
   */
  readonly evaluationPeriods?: number;
  /**
   * Breaching data points among them that raise the alarm.
   * @default evaluationPeriods
   */
  readonly datapointsToAlarm?: number;
  /**
   * Missing data (no traffic) is not an outage.
   * @default 'notBreaching'
   */
  readonly treatMissingData?: 'notBreaching' | 'breaching' | 'ignore' | 'missing';
  /**
   * Region of the metric (`services.k8s.aws/region`).
   * @default the namespace's default region
   */
  readonly region?: string;
  /**
   * Who owns the alarm (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
}

const PERCENTILE = /^p(\d{1,2}(\.\d+)?|100)$/;

/** An ACK CloudWatch metric alarm that notifies one SNS topic when it fires and when it clears. */
export class MetricAlarm extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: MetricAlarmProps) {
    super(scope, id);
    const at = `MetricAlarm ${props.name}`;
    const period = props.periodSeconds ?? 60;
    if (period < 60 || period % 60 !== 0) throw new Error(`${at}: periodSeconds must be 60 or a multiple of it, got ${period}`);
    const evaluationPeriods = props.evaluationPeriods ?? 5;
    const datapointsToAlarm = props.datapointsToAlarm ?? evaluationPeriods;
    if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) throw new Error(`${at}: datapointsToAlarm must be 1-${evaluationPeriods}, got ${datapointsToAlarm}`);
    const topicRegion = /^arn:aws:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]+$/.exec(props.notify)?.[1];
    if (topicRegion === undefined) throw new Error(`${at}: notify must be an SNS topic ARN, got "${props.notify}"`);
    // CloudWatch notifies only a topic of the alarm's own region.
    if (props.region !== undefined && topicRegion !== props.region) throw new Error(`${at}: notify must be a topic of the alarm's region ${props.region}, got "${props.notify}"`);
    this.name = props.name;
    new AckMetricAlarm(this, 'Resource', {
      metadata: {
        name: props.name,
        ...(props.region ? { annotations: inRegion(props.region) } : {}),
        ...(props.owner ? { labels: ownerLabels(props.owner) } : {}),
      },
      spec: {
        name: props.alarmName,
        alarmDescription: props.description,
        comparisonOperator: props.comparison,
        threshold: props.threshold,
        evaluationPeriods,
        datapointsToAlarm,
        treatMissingData: props.treatMissingData ?? 'notBreaching',
        actionsEnabled: true,
        alarmActions: [props.notify],
        oKActions: [props.notify],
        ...source(at, props.source, period),
      },
    });
  }
}

function dimensions(metric: Metric) {
  return Object.entries(metric.dimensions).map(([name, value]) => ({ name, value }));
}

function source(at: string, source: AlarmSource, period: number): Partial<MetricAlarmSpec> {
  if (source.kind === 'metric') {
    const { metric, statistic } = source;
    return {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: dimensions(metric),
      period,
      ...(PERCENTILE.test(statistic) ? { extendedStatistic: statistic } : { statistic }),
    };
  }
  const ids = Object.keys(source.metrics);
  const bad = ids.find((id) => !/^[a-z][A-Za-z0-9_]*$/.test(id));
  if (ids.length === 0 || bad !== undefined) throw new Error(`${at}: metric ids must start with a lower-case letter, at least one, got ${JSON.stringify(ids)}`);
  return {
    metrics: [
      ...ids.map((id) => ({
        id,
        returnData: false,
        metricStat: { metric: { namespace: source.metrics[id].metric.namespace, metricName: source.metrics[id].metric.metricName, dimensions: dimensions(source.metrics[id].metric) }, stat: source.metrics[id].statistic, period },
      })),
      { id: 'result', expression: source.expression, label: source.label, returnData: true },
    ],
  };
}
