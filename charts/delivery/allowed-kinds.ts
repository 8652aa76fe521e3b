import { groupOf, KubeObject } from '../../policy/tag-shapes';
import { ManifestValidator } from '../pipeline/validation/manifest-validator';
import { AllowedKind } from './app-project';

export type Scope = 'Cluster' | 'Namespaced';

/** Built-in kinds (no CRD to ask) that are cluster-scoped, as `<group>/<Kind>`. */
export const BUILT_IN_CLUSTER_KINDS: ReadonlySet<string> = new Set([
  '/Namespace',
  '/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/StorageClass',
]);

/** Scope of an object's kind: from its CRD when there is one, else from the built-in table. */
export function scopeOf(object: KubeObject, validator: ManifestValidator): Scope {
  const crd = validator.crdOf(object.apiVersion, object.kind);
  if (crd) return crd.scope;
  return BUILT_IN_CLUSTER_KINDS.has(`${groupOf(object.apiVersion)}/${object.kind}`) ? 'Cluster' : 'Namespaced';
}

export interface AllowedKinds {
  /** Cluster-scoped kinds with the names of their objects. */
  readonly cluster: AllowedKind[];
  readonly namespaced: AllowedKind[];
}

/**
 * The kinds an environment's AppProject must allow: exactly those of its synthesized objects,
 * cluster-scoped ones restricted to the names synthesized. Sorted, so output is stable.
 */
export function allowedKinds(objects: readonly KubeObject[], scope: (object: KubeObject) => Scope): AllowedKinds {
  const cluster = new Map<string, Set<string>>();
  const namespaced = new Set<string>();
  for (const object of objects) {
    const key = `${groupOf(object.apiVersion)}/${object.kind}`;
    if (scope(object) === 'Cluster') {
      cluster.set(key, (cluster.get(key) ?? new Set()).add(object.metadata.name ?? ''));
    } else {
      namespaced.add(key);
    }
  }
  const split = (key: string) => ({ group: key.slice(0, key.lastIndexOf('/')), kind: key.slice(key.lastIndexOf('/') + 1) });
  return {
    cluster: [...cluster.keys()].sort().map((key) => ({ ...split(key), names: [...cluster.get(key)!].sort() })),
    namespaced: [...namespaced].sort().map(split),
  };
}
