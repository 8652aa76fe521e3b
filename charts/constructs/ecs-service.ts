import { Construct } from 'constructs';
import { Service as AckService } from '../../imports/ecs-service-ecs.services.k8s.aws';
import { CapacityProviderShare } from '../lib/fargate';
import { checkCapacityProviderStrategy } from './ecs-cluster';

export interface ServiceLoadBalancer {
  /** metadata.name of the ACK elbv2 TargetGroup (target type ip) the tasks register with. */
  readonly targetGroupName: string;
  readonly containerName: string;
  readonly containerPort: number;
}

export interface EcsServiceProps {
  /** metadata.name. */
  readonly name: string;
  /** The service's AWS name, unique in its cluster. */
  readonly serviceName: string;
  /** metadata.name of the ACK ECS Cluster (`clusterRef`). */
  readonly clusterName: string;
  /** metadata.name of the ACK TaskDefinition (`taskDefinitionRef`; ECS runs its newest revision). */
  readonly taskDefinitionName: string;
  /** Tasks to run; Application Auto Scaling moves it between its bounds afterwards. */
  readonly desiredCount: number;
  /** Where tasks run: Fargate on demand and/or Spot, with weights and a base. */
  readonly capacityProviderStrategy: readonly CapacityProviderShare[];
  /** metadata.names of the ACK Subnets the tasks' network interfaces go into. */
  readonly subnetNames: readonly string[];
  /** metadata.names of the ACK SecurityGroups of the tasks. */
  readonly securityGroupNames: readonly string[];
  /** @default none */
  readonly loadBalancers?: readonly ServiceLoadBalancer[];
  /**
   * Seconds after a task starts during which failed load balancer health checks are ignored.
   * @default 60
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Rolling update floor: share of desiredCount kept healthy while a deployment replaces tasks.
   * @default 100 (never below the desired count: zero downtime)
   */
  readonly minimumHealthyPercent?: number;
  /**
   * Rolling update ceiling: share of desiredCount that may run during a deployment.
   * @default 200 (a whole new set starts before the old one stops)
   */
  readonly maximumPercent?: number;
  /**
   * Fargate platform version.
   * @default 'LATEST'
   */
  readonly platformVersion?: string;
  /**
   * Extra AWS tags (the six of the tagging strategy are added centrally).
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An ACK ECS Service on Fargate: private networking without public IPs, rolling deployments
 * guarded by the circuit breaker (a failing deployment rolls back by itself), ECS-managed tags
 * propagated from the service to its tasks.
 */
export class EcsService extends Construct {
  public readonly name: string;
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: EcsServiceProps) {
    super(scope, id);
    const where = `EcsService ${props.name}`;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.serviceName)) throw new Error(`${where}: serviceName must be 1-255 of [A-Za-z0-9_-], got "${props.serviceName}"`);
    if (!Number.isInteger(props.desiredCount) || props.desiredCount < 0) throw new Error(`${where}: desiredCount must be a non-negative integer, got ${props.desiredCount}`);
    checkCapacityProviderStrategy(`${where} capacityProviderStrategy`, props.capacityProviderStrategy);
    if (props.subnetNames.length === 0) throw new Error(`${where}: subnetNames must not be empty`);
    if (props.securityGroupNames.length === 0) throw new Error(`${where}: securityGroupNames must not be empty`);
    const minimumHealthyPercent = props.minimumHealthyPercent ?? 100;
    const maximumPercent = props.maximumPercent ?? 200;
    if (minimumHealthyPercent < 0 || minimumHealthyPercent > 100) throw new Error(`${where}: minimumHealthyPercent must be 0-100, got ${minimumHealthyPercent}`);
    // Above 100 so that a deployment can start new tasks before it stops old ones.
    if (maximumPercent <= 100 || maximumPercent > 200) throw new Error(`${where}: maximumPercent must be 101-200, got ${maximumPercent}`);
    const tags = props.tags ?? {};
    this.name = props.name;
    this.serviceName = props.serviceName;
    new AckService(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.serviceName,
        clusterRef: { from: { name: props.clusterName } },
        taskDefinitionRef: { from: { name: props.taskDefinitionName } },
        desiredCount: props.desiredCount,
        capacityProviderStrategy: props.capacityProviderStrategy.map((s) => ({ capacityProvider: s.capacityProvider, weight: s.weight, base: s.base ?? 0 })),
        platformVersion: props.platformVersion ?? 'LATEST',
        networkConfiguration: {
          awsVpcConfiguration: {
            assignPublicIp: 'DISABLED',
            subnetRefs: props.subnetNames.map((name) => ({ from: { name } })),
            securityGroupRefs: props.securityGroupNames.map((name) => ({ from: { name } })),
          },
        },
        loadBalancers: (props.loadBalancers ?? []).map((lb) => ({
          targetGroupRef: { from: { name: lb.targetGroupName } },
          containerName: lb.containerName,
          containerPort: lb.containerPort,
        })),
        healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds ?? 60,
        deploymentController: { type: 'ECS' },
        deploymentConfiguration: {
          minimumHealthyPercent,
          maximumPercent,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
        enableEcsManagedTags: true,
        propagateTags: 'SERVICE',
        enableExecuteCommand: false,
        tags: Object.keys(tags).sort().map((key) => ({ key, value: tags[key] })),
      },
    });
  }
}
