import { App } from 'cdk8s';
import { EnvironmentConfig } from '../lib/environment/types';
import { NamespaceChart } from './namespace-chart';

/** Every chart of one environment, in the order they are read (files are named after them). */
export function buildEstate(app: App, env: EnvironmentConfig): void {
  new NamespaceChart(app, 'namespace', { env });
}
