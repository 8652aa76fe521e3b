import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, YamlOutputType } from 'cdk8s';
import { EnvironmentConfig } from '../lib/environment/types';
import { readManifests, SynthValidationError } from '../lib/synth';
import { ManifestValidator } from '../lib/validation/manifest-validator';
import { ackServiceOf } from './ack-accounts';
import { BootstrapChart } from './bootstrap-chart';
import { controllersPermissionsPolicy, controllersTrustPolicy } from './controller-iam';

/** Folder (next to the environments' folders) of what the bootstrap applies (docs/bootstrap.md). */
export const BOOTSTRAP_DIR = 'bootstrap';
/** Sub-folder of the IAM documents, one folder per environment. */
export const BOOTSTRAP_IAM_DIR = 'iam';

/** The ACK services an environment's synthesized objects use, sorted. */
export function servicesOf(outDir: string, env: EnvironmentConfig): string[] {
  const services = readManifests(path.join(outDir, env.name), env.name).map(({ object }) => ackServiceOf(String(object.apiVersion)));
  return [...new Set(services.filter((service): service is string => service !== undefined))].sort();
}

/**
 * An `extras` step of synthesizeAll: writes `outDir/bootstrap/ack-system.yaml` (the controllers'
 * namespace and `ack-role-account-map`) and, per environment, `iam/<env>/trust-policy.json` and
 * `permissions-policy.json` of the role that map names, for the services the environment uses.
 */
export function synthesizeBootstrap(envs: readonly EnvironmentConfig[], outDir: string, validator: ManifestValidator): void {
  if (envs.length === 0) return;
  const { controllers } = envs[0].catalogue;
  const dir = path.join(outDir, BOOTSTRAP_DIR);
  const app = new App({ outdir: dir, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  new BootstrapChart(app, controllers.namespace, { namespace: controllers.namespace, accountIds: envs.map((env) => env.aws.accountId) });
  app.synth();

  const problems: string[] = [];
  for (const env of envs) {
    const services = servicesOf(outDir, env);
    if (services.length === 0) problems.push(`${env.name}: no ACK object synthesized, so no controller needs its account`);
    const envDir = path.join(dir, BOOTSTRAP_IAM_DIR, env.name);
    fs.mkdirSync(envDir, { recursive: true });
    try {
      fs.writeFileSync(path.join(envDir, 'trust-policy.json'), `${controllersTrustPolicy(controllers.accountId, services)}\n`);
      fs.writeFileSync(path.join(envDir, 'permissions-policy.json'), `${controllersPermissionsPolicy(env.aws.accountId, services)}\n`);
    } catch (error) {
      problems.push(`${env.name}: ${(error as Error).message}`);
    }
  }
  for (const { file, object } of readManifests(dir, BOOTSTRAP_DIR)) {
    for (const violation of validator.validate(object)) problems.push(`${BOOTSTRAP_DIR}/${file}: ${violation.object}: ${violation.path}: ${violation.message}`);
  }
  if (problems.length > 0) throw new SynthValidationError(problems);
}
