import { App } from 'cdk8s';
import { EnvironmentConfig } from '../lib/environment/types';
import { NamespaceChart } from './namespace-chart';
import { NetworkChart } from './network-chart';
import { IdentityChart } from './identity-chart';
import { ObservabilityChart } from './observability-chart';
import { RegistryChart } from './registry-chart';
import { SecretsChart } from './secrets-chart';

/** Every chart of one environment, in the order they are read (files are named after them). */
export function buildEstate(app: App, env: EnvironmentConfig): void {
  new NamespaceChart(app, 'namespace', { env });
  new NetworkChart(app, 'network', { env });
  new IdentityChart(app, 'identity', { env });
  new RegistryChart(app, 'registry', { env });
  new SecretsChart(app, 'secrets', { env });
  new ObservabilityChart(app, 'observability', { env });
}
