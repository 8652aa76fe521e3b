import { Construct } from 'constructs';
import { EcsCluster } from '../constructs/ecs-cluster';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

/**
 * The environment's ECS cluster (`compute.clusterName`): Fargate only, on demand and Spot.
 * Every service sets its own capacity provider strategy (charts/lib/compute.ts); the cluster's
 * default puts anything else on on-demand FARGATE, the safe choice for a task nobody sized.
 */
export class ComputeClusterChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    new EcsCluster(this, names.ecsCluster, {
      name: names.ecsCluster,
      clusterName: this.env.compute.clusterName,
      containerInsights: this.env.compute.containerInsights,
      defaultStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    });
  }
}
