import { App, Chart } from 'cdk8s';
import { drSiteEnvironment } from '../lib/dr-site';
import { EnvironmentConfig } from '../lib/environment/types';
import { relocateCharts } from '../lib/relocate';
import { ComputeClusterChart } from './compute-cluster-chart';
import { LoadBalancerChart } from './load-balancer-chart';
import { NetworkChart } from './network-chart';
import { ObservabilityChart } from './observability-chart';
import { PrivateDnsChart } from './private-dns-chart';
import { RegistryChart } from './registry-chart';
import { WorkloadChart } from './workload-chart';

/**
 * The DR region's stack (docs/coverage/dr.md): the primary's network, registry, log groups, ECS
 * cluster, workloads and load balancer, built by the same charts from the environment seen from
 * aws.drRegion, then moved there. The data copies that feed it (keys, buckets, replicas and their
 * subnet group) are the DR chart's; this must run after it, so references find their twins.
 */
export function buildDrSite(app: App, env: EnvironmentConfig): void {
  const site = drSiteEnvironment(env);
  const charts: Chart[] = [
    new NetworkChart(app, 'dr-network', { env: site }),
    new RegistryChart(app, 'dr-registry', { env: site }),
    new ObservabilityChart(app, 'dr-observability', { env: site }),
    new ComputeClusterChart(app, 'dr-compute-cluster', { env: site }),
    ...Object.keys(env.catalogue.workloads).sort().map((workload) => new WorkloadChart(app, `dr-workload-${workload}`, { env: site, workload })),
    new LoadBalancerChart(app, 'dr-load-balancer', { env: site }),
  ];
  // The DR region's private zone, once its VPC id is pinned (as the primary's, index.ts).
  if (site.network.assigned.vpcId !== undefined) charts.push(new PrivateDnsChart(app, 'dr-private-dns', { env: site }));
  relocateCharts(charts, app, env.aws.drRegion);
}
