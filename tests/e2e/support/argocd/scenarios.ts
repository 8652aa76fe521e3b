/**
 * What the single-behaviour Applications of the Argo CD suite sync: one folder each under
 * e2e-argocd/ of the served repository, in one namespace of their own. ACK objects are copies of
 * development's (renamed), so they are what the estate really syncs. No vitest here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { SYNC_WAVE_ANNOTATION } from '../../../../policy/annotations';
import { groupOf, KubeObject } from '../../../../policy/tag-shapes';

/** Folder of the served repository holding one sub-folder per scenario. */
export const SCENARIO_DIR = 'e2e-argocd';
/** Namespace of every scenario's objects (created by the suite, not by Argo CD). */
export const SCENARIO_NAMESPACE = 'argocd-e2e';

/** Folder name → objects. */
export type Scenarios = Readonly<Record<string, readonly KubeObject[]>>;

type Obj = KubeObject & { spec?: Record<string, any>; data?: Record<string, string> };

const inWave = (wave: number) => ({ [SYNC_WAVE_ANNOTATION]: String(wave) });

function configMap(name: string, wave: number): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: SCENARIO_NAMESPACE, annotations: inWave(wave) }, data: { wave: String(wave) } };
}

/** A Deployment nothing runs (no kubelet): Progressing until someone writes its status. */
export function holdDeployment(name: string, wave: number): Obj {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: SCENARIO_NAMESPACE, annotations: inWave(wave) },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'hold', image: 'hold.invalid/hold:0' }] } } },
  };
}

/** A renamed copy of `object` in the scenario namespace, in `wave`, with `spec` changes. */
function copyOf(object: Obj, name: string, wave: number, spec: Record<string, unknown> = {}): Obj {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name, namespace: SCENARIO_NAMESPACE, annotations: { ...object.metadata.annotations, ...inWave(wave) }, labels: { ...object.metadata.labels } },
    spec: { ...object.spec, ...spec },
  };
}

function find(objects: readonly Obj[], group: string, kind: string, where: (o: Obj) => boolean = () => true): Obj {
  const found = objects.find((o) => groupOf(o.apiVersion) === group && o.kind === kind && where(o));
  if (!found) throw new Error(`no ${group}/${kind} in the development manifests`);
  return found;
}

/** The namespace of the scenarios: the environment's Namespace (its ACK account and region), renamed. */
export function scenarioNamespace(envObjects: readonly KubeObject[]): Obj {
  const namespace = find(envObjects as Obj[], '', 'Namespace');
  const annotations = Object.fromEntries(Object.entries(namespace.metadata.annotations ?? {}).filter(([key]) => key.startsWith('services.k8s.aws/')));
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SCENARIO_NAMESPACE, annotations } };
}

/** A policy AWS refuses (a statement without Resource): IAM answers MalformedPolicyDocument, which ACK treats as terminal. */
const MALFORMED_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] });

/** Every scenario, from the development objects it copies. */
export function scenarios(envObjects: readonly KubeObject[]): Scenarios {
  const objects = envObjects as Obj[];
  const regionalCertificate = find(objects, 'acm.services.k8s.aws', 'Certificate', (o) => !o.metadata.annotations?.['services.k8s.aws/region']);
  const policy = find(objects, 'iam.services.k8s.aws', 'Policy');
  const hold = (prefix: string) => [holdDeployment(`${prefix}-hold`, 0), configMap(`${prefix}-done`, 1)];
  return {
    'window-closed': [configMap('window-closed-done', 0)],
    'window-open': [configMap('window-open-done', 0)],
    'window-overrun': hold('window-overrun'),
    'window-no-overrun': hold('window-no-overrun'),
    'certificate-pending': [copyOf(regionalCertificate, 'e2e-certificate-pending', 0), configMap('certificate-pending-done', 1)],
    'terminal-error': [copyOf(policy, 'e2e-policy-malformed', 0, { name: `${policy.spec!.name}-e2e-malformed`, policyDocument: MALFORMED_POLICY })],
  };
}

/** Writes each scenario into `<dir>/e2e-argocd/<name>/objects.yaml`. */
export function writeScenarios(dir: string, all: Scenarios): void {
  for (const [name, objects] of Object.entries(all)) {
    const folder = path.join(dir, SCENARIO_DIR, name);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'objects.yaml'), objects.map((o) => stringify(o)).join('---\n'));
  }
}
