import { Construct } from 'constructs';
import { ScalingPolicy as AckScalingPolicy } from '../../imports/applicationautoscaling-scalingpolicy-applicationautoscaling.services.k8s.aws';

/** The scalable resource a policy applies to (what a ScalableTarget registered). */
export interface ScalingTarget {
  readonly resourceId: string;
  readonly serviceNamespace: string;
  readonly scalableDimension: string;
}

export interface TargetTrackingPolicyProps {
  /** metadata.name. */
  readonly name: string;
  /** The policy's AWS name, unique per scalable target. */
  readonly policyName: string;
  readonly target: ScalingTarget;
  /** e.g. `ECSServiceAverageCPUUtilization`, `ECSServiceAverageMemoryUtilization`. */
  readonly predefinedMetricType: string;
  /** Value of the metric the policy keeps the resource at (percent for the ECS metrics). */
  readonly targetValue: number;
  /**
   * Seconds after a scale-in before another: slow, so that capacity is not given up on a dip.
   * @default 300
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Seconds after a scale-out before another: fast, so that a surge is met.
   * @default 60
   */
  readonly scaleOutCooldownSeconds?: number;
}

/** An ACK Application Auto Scaling ScalingPolicy of type TargetTrackingScaling on a predefined metric. */
export class TargetTrackingPolicy extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: TargetTrackingPolicyProps) {
    super(scope, id);
    const where = `TargetTrackingPolicy ${props.name}`;
    if (!/^\S{1,256}$/.test(props.policyName)) throw new Error(`${where}: policyName must be 1-256 characters without spaces, got "${props.policyName}"`);
    if (!(props.targetValue > 0 && props.targetValue <= 100)) throw new Error(`${where}: targetValue must be above 0 and at most 100 (percent), got ${props.targetValue}`);
    const scaleIn = props.scaleInCooldownSeconds ?? 300;
    const scaleOut = props.scaleOutCooldownSeconds ?? 60;
    for (const [field, value] of [['scaleInCooldownSeconds', scaleIn], ['scaleOutCooldownSeconds', scaleOut]] as const) {
      if (!Number.isInteger(value) || value < 0) throw new Error(`${where}: ${field} must be a non-negative integer, got ${value}`);
    }
    this.name = props.name;
    new AckScalingPolicy(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        policyName: props.policyName,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: props.target.serviceNamespace,
        resourceId: props.target.resourceId,
        scalableDimension: props.target.scalableDimension,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: props.predefinedMetricType },
          targetValue: props.targetValue,
          scaleInCooldown: scaleIn,
          scaleOutCooldown: scaleOut,
          disableScaleIn: false,
        },
      },
    });
  }
}
