import * as path from 'node:path';
import { isAckObject, KubeObject, kindKey } from '../../policy/tag-shapes';
import { EnvironmentConfig } from '../lib/environment/types';
import { SynthesizedByEnvironment, SynthValidationError } from '../pipeline/synthesized';
import { newApp, synthesizeApp } from '../pipeline/render';
import { ManifestValidator } from '../pipeline/validation/manifest-validator';
import { allowedKinds, scopeOf } from './allowed-kinds';
import { EnvironmentDeliveryChart } from './delivery-chart';
import { HealthChecksChart } from './health-chart';
import { RootChart } from './root-chart';

/** Folder (next to the environments' folders) of the Argo CD objects. */
export const ARGOCD_DIR = 'argocd';
/** The manifests folder as the repository has it, which the Applications point at. */
export const MANIFESTS_PATH = 'manifests';

/**
 * The `extras` step of synthesizeAll: from every environment's synthesized objects, writes the
 * Argo CD objects into `outDir/argocd` (one file per environment plus argocd-cm-health.yaml), and
 * validates them against the Argo CD CRDs.
 */
export function synthesizeDelivery(envs: readonly EnvironmentConfig[], outDir: string, validator: ManifestValidator, synthesized: SynthesizedByEnvironment): void {
  if (envs.length === 0) return;
  const problems: string[] = [];
  const app = newApp(path.join(outDir, ARGOCD_DIR));
  const ackKinds = new Set<string>();
  for (const env of envs) {
    const objects = (synthesized.get(env.name) ?? []).map(({ object }) => object as unknown as KubeObject);
    const scope = (object: KubeObject) => scopeOf(object, validator);
    for (const object of objects) {
      if (isAckObject(object)) ackKinds.add(kindKey(object));
      // The AppProject allows one namespace: an object elsewhere would fail every sync.
      if (scope(object) === 'Namespaced' && object.metadata.namespace !== env.namespace) {
        problems.push(`${env.name}: ${object.kind} ${object.metadata.name}: namespace "${object.metadata.namespace ?? ''}" is not the environment's namespace "${env.namespace}", the only one its AppProject allows`);
      }
    }
    new EnvironmentDeliveryChart(app, env.name, { env, objects, allowed: allowedKinds(objects, scope), manifestsPath: `${MANIFESTS_PATH}/${env.name}` });
  }
  const { argocdNamespace, repoURL } = envs[0].catalogue.delivery;
  new HealthChecksChart(app, 'argocd-cm-health', { namespace: argocdNamespace, kinds: [...ackKinds] });
  new RootChart(app, 'root', { namespace: argocdNamespace, repoURL, path: `${MANIFESTS_PATH}/${ARGOCD_DIR}` });
  if (problems.length > 0) throw new SynthValidationError(problems);
  for (const { file, object } of synthesizeApp(app, ARGOCD_DIR)) {
    for (const violation of validator.validate(object)) problems.push(`${ARGOCD_DIR}/${file}: ${violation.object}: ${violation.path}: ${violation.message}`);
  }
  if (problems.length > 0) throw new SynthValidationError(problems);
}
