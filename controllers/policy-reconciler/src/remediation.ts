/**
 * What the reconciler may change, and only on objects Argo CD does not manage: what a policy's
 * definition says it adds (missing tags, missing safety annotations), as server-side apply
 * configurations that name nothing else. Present but wrong values are reported, never changed.
 */
import { ARGO_INSTANCE_LABEL, ARGO_TRACKING_ANNOTATION } from '../../../policy/annotations';
import { ApiObject } from './kube';
import { Policy } from './policies';

/** Argo CD tracks the object (annotation or label tracking): the fix goes through git. */
export function isArgoManaged(object: ApiObject): boolean {
  return Boolean(object.metadata.annotations?.[ARGO_TRACKING_ANNOTATION] || object.metadata.labels?.[ARGO_INSTANCE_LABEL]);
}

export interface Remediation {
  readonly fieldManager: string;
  /** The apply configuration; metadata.resourceVersion makes it fail with 409 if the object moved on. */
  readonly apply: ApiObject;
  /** Event message once applied. */
  readonly summary: string;
}

/** The change `policy` makes to `object`, or undefined when it makes none. */
export function remediationFor(policy: Policy, object: ApiObject): Remediation | undefined {
  if (policy.spec.mode !== 'enforce' || isArgoManaged(object) || object.metadata.deletionTimestamp) return undefined;
  const fix = policy.definition.remediate?.(policy.spec, object);
  if (!fix) return undefined;
  const { apiVersion, kind, metadata } = object;
  const identity = { name: metadata.name, namespace: metadata.namespace, resourceVersion: metadata.resourceVersion };
  return {
    fieldManager: fix.fieldManager,
    apply: { apiVersion, kind, metadata: { ...identity, ...(fix.annotations ? { annotations: { ...fix.annotations } } : {}) }, ...(fix.spec ? { spec: fix.spec } : {}) },
    summary: `${policy.kind} ${policy.name}: ${fix.summary}`,
  };
}
