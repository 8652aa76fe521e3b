import { App } from 'cdk8s';
import { EnvironmentConfig } from '../lib/environment/types';
import { NamespaceChart } from './namespace-chart';
import { KeysChart } from './keys-chart';
import { DatabasesChart } from './databases-chart';
import { CacheChart } from './cache-chart';
import { StorageChart } from './storage-chart';
import { NetworkChart } from './network-chart';
import { AlarmsChart } from './alarms-chart';
import { CdnChart } from './cdn-chart';
import { ComputeClusterChart } from './compute-cluster-chart';
import { DisasterRecoveryChart } from './disaster-recovery-chart';
import { DnsChart } from './dns-chart';
import { buildDrSite } from './dr-site-charts';
import { IdentityChart } from './identity-chart';
import { LoadBalancerChart } from './load-balancer-chart';
import { ObservabilityChart } from './observability-chart';
import { PolicyChart } from './policy-chart';
import { PolicyReconcilerChart } from './policy-reconciler-chart';
import { PrivateDnsChart } from './private-dns-chart';
import { RegistryChart } from './registry-chart';
import { SecretsChart } from './secrets-chart';
import { WorkloadChart } from './workload-chart';

/** Every chart of one environment, in the order they are read (files are named after them). */
export function buildEstate(app: App, env: EnvironmentConfig): void {
  // 00-: its file sorts first, so `kubectl apply -f manifests/<env>/` creates the namespace
  // before the objects in it (kubectl applies a folder's files in name order).
  new NamespaceChart(app, '00-namespace', { env });
  new KeysChart(app, 'keys', { env });
  new NetworkChart(app, 'network', { env });
  new DatabasesChart(app, 'databases', { env });
  new CacheChart(app, 'cache', { env });
  new StorageChart(app, 'storage', { env });
  new IdentityChart(app, 'identity', { env });
  new RegistryChart(app, 'registry', { env });
  new SecretsChart(app, 'secrets', { env });
  new ObservabilityChart(app, 'observability', { env });
  new ComputeClusterChart(app, 'compute-cluster', { env });
  for (const workload of Object.keys(env.catalogue.workloads).sort()) new WorkloadChart(app, `workload-${workload}`, { env, workload });
  new LoadBalancerChart(app, 'load-balancer', { env });
  new DnsChart(app, 'dns', { env });
  // Once the VPC id is pinned (a private zone is attached to its VPC at creation; docs/edge.md).
  if (env.network.assigned.vpcId !== undefined) new PrivateDnsChart(app, 'private-dns', { env });
  new CdnChart(app, 'cdn', { env });
  new AlarmsChart(app, 'alarms', { env });
  // Only where the environment runs DR (production): no empty file elsewhere.
  if (env.disasterRecovery.enabled) {
    new DisasterRecoveryChart(app, 'disaster-recovery', { env });
    buildDrSite(app, env);
  }
  new PolicyChart(app, 'policy', { env });
  new PolicyReconcilerChart(app, 'policy-reconciler', { env });
}
