/**
 * The tagging policy: the one definition used by the charts (charts/pipeline/finalize derives the
 * tags, charts/pipeline/checks checks them) and by the policy reconciler (controllers/policy-reconciler).
 */
import { KubeObject, kindKey, readTags, tagShapeOf, Tags } from './tag-shapes';

/** The six keys of the seed's tagging strategy, in its order. */
export const REQUIRED_TAG_KEYS = ['Environment', 'Application', 'Team', 'CostCenter', 'ManagedBy', 'Owner'] as const;
export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];

export interface RequiredTag {
  readonly key: string;
  /** Values the tag may take; any non-empty value when omitted. */
  readonly allowedValues?: readonly string[];
}

/** Where the value of a missing tag comes from; the reconciler adds only tags it can derive. */
export interface TagSources {
  /** Values that are the same for every object (Environment, ManagedBy). */
  readonly fixed?: Tags;
  /** Tag key → label holding its value (Application and Team, from the owner labels). */
  readonly fromLabels?: Readonly<Record<string, string>>;
  /** Team → the tags that follow from it (CostCenter, Owner); the team is the Team tag, else its label. */
  readonly byTeam?: Readonly<Record<string, Tags>>;
}

export interface TaggingPolicySpec {
  readonly mode: 'enforce' | 'audit';
  readonly requiredTags: readonly RequiredTag[];
  /** `<group>/<Kind>` keys the policy covers; kinds without tags are never covered. */
  readonly kinds: readonly string[];
  /** How to derive missing tags; without it nothing is ever added. */
  readonly sources?: TagSources;
}

export type TagProblem = 'Missing' | 'NotAllowed';

export interface TagViolation {
  readonly key: string;
  readonly problem: TagProblem;
  /** Present for NotAllowed. */
  readonly actual?: string;
  readonly message: string;
}

/** True when the policy applies to this object at all. */
export function coversObject(spec: TaggingPolicySpec, object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  const shape = tagShapeOf(object);
  return shape !== undefined && shape !== 'none' && spec.kinds.includes(kindKey(object));
}

/** Every way the object's tags break the policy, in the order of spec.requiredTags. */
export function evaluateTagging(spec: TaggingPolicySpec, object: KubeObject): TagViolation[] {
  if (!coversObject(spec, object)) return [];
  const tags = readTags(object);
  const violations: TagViolation[] = [];
  for (const required of spec.requiredTags) {
    const actual = tags[required.key];
    if (actual === undefined || actual === '') {
      violations.push({ key: required.key, problem: 'Missing', message: `tag ${required.key} is missing` });
    } else if (required.allowedValues && !required.allowedValues.includes(actual)) {
      violations.push({
        key: required.key,
        problem: 'NotAllowed',
        actual,
        message: `tag ${required.key}="${actual}" is not one of ${required.allowedValues.join(', ')}`,
      });
    }
  }
  return violations;
}

/**
 * The tags an object should carry according to `sources`, from its labels and its existing Team
 * tag. Keys that cannot be derived are left out.
 */
export function desiredTags(sources: TagSources, object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata' | 'spec'>): Tags {
  const labels = object.metadata.labels ?? {};
  const desired: Record<string, string> = { ...sources.fixed };
  for (const [key, label] of Object.entries(sources.fromLabels ?? {})) {
    if (labels[label]) desired[key] = labels[label];
  }
  const team = readTags(object as KubeObject).Team || desired.Team;
  return { ...desired, ...(team ? sources.byTeam?.[team] : undefined) };
}

/**
 * The tags to add so that `object` complies, given the tags it should carry. Only missing keys
 * are returned: a present but wrong value is reported, never silently overwritten.
 */
export function missingTags(spec: TaggingPolicySpec, object: KubeObject, desired: Tags): Tags {
  const missing: Record<string, string> = {};
  for (const violation of evaluateTagging(spec, object)) {
    if (violation.problem === 'Missing' && desired[violation.key]) missing[violation.key] = desired[violation.key];
  }
  return missing;
}
