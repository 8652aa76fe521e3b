import { Construct } from 'constructs';
import { TargetGroup as AckTargetGroup } from '../../imports/elbv2-targetgroup-elbv2.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';

export interface TargetGroupProps {
  /** metadata.name (`tg-<workload>`); listeners, rules and ECS services reference it. */
  readonly name: string;
  /** The AWS name (at most 32 characters). */
  readonly targetGroupName: string;
  /** metadata.name of the VPC. */
  readonly vpcName: string;
  /** The port the tasks listen on. */
  readonly port: number;
  /** Path the load balancer requests to decide a task's health. */
  readonly healthCheckPath: string;
  /**
   * HTTP codes that mean healthy.
   * @default '200-299'
   */
  readonly healthyHttpCodes?: string;
  /**
   * Seconds between health checks (5-300).
   * @default 15
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Seconds a health check may take (2-120), less than the interval.
   * @default 5
   */
  readonly healthCheckTimeoutSeconds?: number;
  /**
   * Consecutive successes before a task receives traffic (2-10).
   * @default 2
   */
  readonly healthyThresholdCount?: number;
  /**
   * Consecutive failures before a task stops receiving traffic (2-10).
   * @default 3
   */
  readonly unhealthyThresholdCount?: number;
  /**
   * Seconds a deregistering task keeps serving in-flight requests (0-3600).
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;  /**
   * Who owns the target group (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
}

/** An HTTP target group of Fargate tasks (`awsvpc`: targets are IP addresses). */
export class TargetGroup extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: TargetGroupProps) {
    super(scope, id);
    const at = `TargetGroup ${props.name}`;
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(props.targetGroupName)) throw new Error(`${at}: targetGroupName must be 1-32 letters, digits or inner hyphens, got "${props.targetGroupName}"`);
    if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535) throw new Error(`${at}: port must be 1-65535, got ${props.port}`);
    if (!props.healthCheckPath.startsWith('/')) throw new Error(`${at}: healthCheckPath must start with "/", got "${props.healthCheckPath}"`);
    const interval = props.healthCheckIntervalSeconds ?? 15;
    const timeout = props.healthCheckTimeoutSeconds ?? 5;
    if (interval < 5 || interval > 300) throw new Error(`${at}: healthCheckIntervalSeconds must be 5-300, got ${interval}`);
    if (timeout < 2 || timeout >= interval) throw new Error(`${at}: healthCheckTimeoutSeconds must be at least 2 and less than the interval ${interval}, got ${timeout}`);
    const healthy = props.healthyThresholdCount ?? 2;
    const unhealthy = props.unhealthyThresholdCount ?? 3;
    for (const [field, value] of [['healthyThresholdCount', healthy], ['unhealthyThresholdCount', unhealthy]] as const) {
      if (value < 2 || value > 10) throw new Error(`${at}: ${field} must be 2-10, got ${value}`);
    }
    const delay = props.deregistrationDelaySeconds ?? 30;
    if (delay < 0 || delay > 3600) throw new Error(`${at}: deregistrationDelaySeconds must be 0-3600, got ${delay}`);
    this.name = props.name;
    new AckTargetGroup(this, 'Resource', {
      metadata: { name: props.name, ...(props.owner ? { labels: ownerLabels(props.owner) } : {}) },
      spec: {
        name: props.targetGroupName,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        port: props.port,
        targetType: 'ip',
        ipAddressType: 'ipv4',
        vpcRef: { from: { name: props.vpcName } },
        healthCheckEnabled: true,
        healthCheckProtocol: 'HTTP',
        healthCheckPort: 'traffic-port',
        healthCheckPath: props.healthCheckPath,
        healthCheckIntervalSeconds: interval,
        healthCheckTimeoutSeconds: timeout,
        healthyThresholdCount: healthy,
        unhealthyThresholdCount: unhealthy,
        matcher: { httpCode: props.healthyHttpCodes ?? '200-299' },
        attributes: [{ key: 'deregistration_delay.timeout_seconds', value: String(delay) }],
      },
    });
  }
}
