import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentConfig } from '../lib/environment/types';
import { SynthesizedByEnvironment, SynthesizedObject, SynthValidationError } from '../pipeline/synthesized';
import { newApp, synthesizeApp } from '../pipeline/render';
import { ManifestValidator } from '../pipeline/validation/manifest-validator';
import { ackServiceOf } from './ack-accounts';
import { BootstrapChart } from './bootstrap-chart';
import { pinnedControllerVersions } from './controller-versions';
import { ControllersChart } from './controllers-chart';
import { controllersPermissionsPolicy, controllersTrustPolicy, IAM_SERVICE } from './controller-iam';

/** Folder (next to the environments' folders) of what the bootstrap applies (docs/bootstrap.md). */
export const BOOTSTRAP_DIR = 'bootstrap';
/** Sub-folder of the controllers' Argo CD Applications (applied once Argo CD runs). */
export const BOOTSTRAP_ARGOCD_DIR = 'argocd';
/** Sub-folder of the IAM documents, one folder per environment. */
export const BOOTSTRAP_IAM_DIR = 'iam';

/** The ACK services an environment's synthesized objects use, sorted. */
export function servicesOf(objects: readonly SynthesizedObject[]): string[] {
  const services = objects.map(({ object }) => ackServiceOf(String(object.apiVersion)));
  return [...new Set(services.filter((service): service is string => service !== undefined))].sort();
}

/** The kinds of the ACK IAM controller (Role, Policy...) an environment's objects use, sorted. */
export function iamKindsOf(objects: readonly SynthesizedObject[]): string[] {
  const kinds = objects.filter(({ object }) => ackServiceOf(String(object.apiVersion)) === IAM_SERVICE).map(({ object }) => String(object.kind));
  return [...new Set(kinds)].sort();
}

/**
 * An `extras` step of synthesizeAll: writes `outDir/bootstrap/ack-system.yaml` (the controllers'
 * namespace and `ack-role-account-map`) and, per environment, `iam/<env>/trust-policy.json` and
 * `permissions-policy.json` of the role that map names, for the services the environment uses.
 */
export function synthesizeBootstrap(envs: readonly EnvironmentConfig[], outDir: string, validator: ManifestValidator, synthesized: SynthesizedByEnvironment): void {
  if (envs.length === 0) return;
  const { controllers } = envs[0].catalogue;
  const dir = path.join(outDir, BOOTSTRAP_DIR);
  const app = newApp(dir);
  new BootstrapChart(app, controllers.namespace, { namespace: controllers.namespace, accountIds: envs.map((env) => env.aws.accountId) });
  const pins = pinnedControllerVersions();
  const used = [...new Set(envs.flatMap((env) => servicesOf(synthesized.get(env.name) ?? [])))].sort();
  const unpinned = used.filter((service) => !pins.has(service));
  if (unpinned.length > 0) throw new SynthValidationError([`${BOOTSTRAP_DIR}: no controller release pinned in cdk8s.yaml for ${unpinned.join(', ')} (a "# aws-controllers-k8s/<service>-controller v<version> (<commit>)" line)`]);
  // In a folder of its own: its objects live in Argo CD's namespace, which exists only once Argo CD
  // is installed, and `kubectl apply -f manifests/bootstrap` (not recursive) must work before that.
  const argo = newApp(path.join(dir, BOOTSTRAP_ARGOCD_DIR));
  new ControllersChart(argo, 'ack-controllers', {
    argocdNamespace: envs[0].catalogue.delivery.argocdNamespace,
    namespace: controllers.namespace,
    accountId: controllers.accountId,
    region: envs[0].aws.region,
    versions: new Map(used.map((service) => [service, pins.get(service)!])),
  });
  const written = [
    { folder: BOOTSTRAP_DIR, objects: synthesizeApp(app, BOOTSTRAP_DIR) },
    { folder: `${BOOTSTRAP_DIR}/${BOOTSTRAP_ARGOCD_DIR}`, objects: synthesizeApp(argo, BOOTSTRAP_DIR) },
  ];

  const problems: string[] = [];
  for (const env of envs) {
    const objects = synthesized.get(env.name) ?? [];
    const services = servicesOf(objects);
    if (services.length === 0) problems.push(`${env.name}: no ACK object synthesized, so no controller needs its account`);
    const envDir = path.join(dir, BOOTSTRAP_IAM_DIR, env.name);
    fs.mkdirSync(envDir, { recursive: true });
    try {
      fs.writeFileSync(path.join(envDir, 'trust-policy.json'), `${controllersTrustPolicy(controllers.accountId, services)}\n`);
      fs.writeFileSync(path.join(envDir, 'permissions-policy.json'), `${controllersPermissionsPolicy(env.aws.accountId, services, iamKindsOf(objects))}\n`);
    } catch (error) {
      problems.push(`${env.name}: ${(error as Error).message}`);
    }
  }
  for (const { folder, objects } of written) {
    for (const { file, object } of objects) {
      for (const violation of validator.validate(object)) problems.push(`${folder}/${file}: ${violation.object}: ${violation.path}: ${violation.message}`);
    }
  }
  if (problems.length > 0) throw new SynthValidationError(problems);
}
