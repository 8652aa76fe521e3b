/**
 * What the reconciler may change, and only on objects Argo CD does not manage: missing tags
 * (TaggingPolicy) and missing safety annotations (BackupPolicy), as server-side apply
 * configurations that name nothing else. Present but wrong values are reported, never changed.
 */
import { ARGO_INSTANCE_LABEL, ARGO_TRACKING_ANNOTATION } from '../../../policy/annotations';
import { missingBackupAnnotations, ownedBackupAnnotations } from '../../../policy/backup';
import { readTags, tagShapeOf, tagsSpecFragment } from '../../../policy/tag-shapes';
import { desiredTags, missingTags } from '../../../policy/tagging';
import { ApiObject } from './kube';
import { Policy } from './policies';

/** Field managers: one per concern, so that applying one never drops fields the other owns. */
export const TAGS_FIELD_MANAGER = 'policy-reconciler';
export const ANNOTATIONS_FIELD_MANAGER = 'policy-reconciler-backup';

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
  return policy.kind === 'TaggingPolicy' ? tagRemediation(policy, object) : annotationRemediation(policy, object);
}

function identity(object: ApiObject) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name: object.metadata.name, namespace: object.metadata.namespace, resourceVersion: object.metadata.resourceVersion },
  };
}

function tagRemediation(policy: Extract<Policy, { kind: 'TaggingPolicy' }>, object: ApiObject): Remediation | undefined {
  const shape = tagShapeOf(object);
  const missing = missingTags(policy.spec, object, desiredTags(policy.spec.sources ?? {}, object));
  if (!shape || shape === 'none' || Object.keys(missing).length === 0) return undefined;
  // Tag lists are atomic in ACK's CRDs: the apply restates the existing tags and adds the missing ones.
  const spec = tagsSpecFragment(shape, { ...readTags(object), ...missing });
  const keys = Object.keys(missing).sort();
  return {
    fieldManager: TAGS_FIELD_MANAGER,
    apply: { ...identity(object), spec },
    summary: `${policy.kind} ${policy.name}: added tag${keys.length > 1 ? 's' : ''} ${keys.map((key) => `${key}=${missing[key]}`).join(', ')}`,
  };
}

function annotationRemediation(policy: Extract<Policy, { kind: 'BackupPolicy' }>, object: ApiObject): Remediation | undefined {
  const missing = missingBackupAnnotations(policy.spec, object);
  if (Object.keys(missing).length === 0) return undefined;
  const base = identity(object);
  const keys = Object.keys(missing).sort();
  return {
    fieldManager: ANNOTATIONS_FIELD_MANAGER,
    apply: { ...base, metadata: { ...base.metadata, annotations: ownedBackupAnnotations(policy.spec, object) } },
    summary: `${policy.kind} ${policy.name}: added annotation${keys.length > 1 ? 's' : ''} ${keys.map((key) => `${key}=${missing[key]}`).join(', ')}`,
  };
}
