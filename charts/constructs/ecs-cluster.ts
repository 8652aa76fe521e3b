import { Construct } from 'constructs';
import { Cluster as AckCluster } from '../../imports/ecs-cluster-ecs.services.k8s.aws';
import { CapacityProviderShare, FARGATE_CAPACITY_PROVIDERS } from '../lib/fargate';


/** Checks a strategy the way ECS does, naming `where` in the error. */
export function checkCapacityProviderStrategy(where: string, strategy: readonly CapacityProviderShare[]): void {
  if (strategy.length === 0) throw new Error(`${where}: capacity provider strategy must have at least one entry, got none`);
  for (const share of strategy) {
    if (!Number.isInteger(share.weight) || share.weight < 0 || share.weight > 1000) throw new Error(`${where}: weight of ${share.capacityProvider} must be an integer 0-1000, got ${share.weight}`);
    const base = share.base ?? 0;
    if (!Number.isInteger(base) || base < 0 || base > 100000) throw new Error(`${where}: base of ${share.capacityProvider} must be an integer 0-100000, got ${base}`);
  }
  if (!strategy.some((share) => share.weight > 0)) throw new Error(`${where}: at least one capacity provider needs a weight above 0, got ${JSON.stringify(strategy)}`);
  if (strategy.filter((share) => (share.base ?? 0) > 0).length > 1) throw new Error(`${where}: only one capacity provider may have a base, got ${JSON.stringify(strategy)}`);
  const providers = strategy.map((share) => share.capacityProvider);
  if (new Set(providers).size !== providers.length) throw new Error(`${where}: each capacity provider may appear once, got ${providers.join(', ')}`);
}

export interface EcsClusterProps {
  /** metadata.name; services reference the cluster by it (`clusterRef`). */
  readonly name: string;
  /** The cluster's AWS name, e.g. `mycomputer-production`. */
  readonly clusterName: string;
  /**
   * CloudWatch Container Insights (per-task CPU, memory, network metrics).
   * @default true
   */
  readonly containerInsights?: boolean;
  /**
   * Strategy of tasks started without their own (services here always set theirs).
   * @default all on on-demand FARGATE
   */
  readonly defaultStrategy?: readonly CapacityProviderShare[];
}

/** An ACK ECS Cluster for Fargate: both Fargate capacity providers, Container Insights. */
export class EcsCluster extends Construct {
  public readonly name: string;
  public readonly clusterName: string;

  constructor(scope: Construct, id: string, props: EcsClusterProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.clusterName)) throw new Error(`EcsCluster ${props.name}: clusterName must be 1-255 of [A-Za-z0-9_-], got "${props.clusterName}"`);
    const defaultStrategy = props.defaultStrategy ?? [{ capacityProvider: 'FARGATE', weight: 1 }];
    checkCapacityProviderStrategy(`EcsCluster ${props.name} defaultStrategy`, defaultStrategy);
    this.name = props.name;
    this.clusterName = props.clusterName;
    new AckCluster(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.clusterName,
        capacityProviders: [...FARGATE_CAPACITY_PROVIDERS],
        defaultCapacityProviderStrategy: defaultStrategy.map((share) => ({ capacityProvider: share.capacityProvider, weight: share.weight, base: share.base ?? 0 })),
        settings: [{ name: 'containerInsights', value: (props.containerInsights ?? true) ? 'enabled' : 'disabled' }],
      },
    });
  }
}
