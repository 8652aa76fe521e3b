import { Construct } from 'constructs';
import { ScalableTarget as AckScalableTarget } from '../../imports/applicationautoscaling-scalabletarget-applicationautoscaling.services.k8s.aws';

/** What an ECS service scales: its desired task count. */
export const ECS_SERVICE_NAMESPACE = 'ecs';
export const ECS_DESIRED_COUNT = 'ecs:service:DesiredCount';

/** Application Auto Scaling's id of an ECS service: `service/<cluster>/<service>` (AWS names). */
export function ecsServiceResourceId(clusterName: string, serviceName: string): string {
  return `service/${clusterName}/${serviceName}`;
}

export interface ScalableTargetProps {
  /** metadata.name. */
  readonly name: string;
  /** e.g. `service/mycomputer-production/inventory` (ecsServiceResourceId). */
  readonly resourceId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** @default 'ecs' */
  readonly serviceNamespace?: string;
  /** @default 'ecs:service:DesiredCount' */
  readonly scalableDimension?: string;
}

/**
 * An ACK Application Auto Scaling ScalableTarget: registers a resource's capacity with bounds.
 * The service-linked role of the namespace is created by AWS on first use, so no role is set.
 */
export class ScalableTarget extends Construct {
  public readonly name: string;
  public readonly resourceId: string;
  public readonly serviceNamespace: string;
  public readonly scalableDimension: string;

  constructor(scope: Construct, id: string, props: ScalableTargetProps) {
    super(scope, id);
    const where = `ScalableTarget ${props.name}`;
    if (!Number.isInteger(props.minCapacity) || props.minCapacity < 0) throw new Error(`${where}: minCapacity must be a non-negative integer, got ${props.minCapacity}`);
    if (!Number.isInteger(props.maxCapacity) || props.maxCapacity < props.minCapacity) {
      throw new Error(`${where}: maxCapacity must be an integer of at least minCapacity (${props.minCapacity}), got ${props.maxCapacity}`);
    }
    if (!props.resourceId) throw new Error(`${where}: resourceId must be set, got "${props.resourceId}"`);
    this.name = props.name;
    this.resourceId = props.resourceId;
    this.serviceNamespace = props.serviceNamespace ?? ECS_SERVICE_NAMESPACE;
    this.scalableDimension = props.scalableDimension ?? ECS_DESIRED_COUNT;
    new AckScalableTarget(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        serviceNamespace: this.serviceNamespace,
        resourceId: props.resourceId,
        scalableDimension: this.scalableDimension,
        minCapacity: props.minCapacity,
        maxCapacity: props.maxCapacity,
      },
    });
  }
}
