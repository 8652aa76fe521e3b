/**
 * Our policy objects as the reconciler uses them, and what each says about one object: the
 * rules come from policy/ (the same code as the synth-time checks); this file only adds scope
 * (namespaces) and the ACK status.
 */
import { coversBackup, evaluateBackup, Peers } from '../../../policy/backup';
import { BackupPolicyResourceSpec, DEFAULT_MAX_REPORTED_VIOLATIONS, PolicyKindName, PolicyStatus, TaggingPolicyResourceSpec } from '../../../policy/policy-resources';
import { evaluateRecreation } from '../../../policy/recreation';
import { coversObject, evaluateTagging } from '../../../policy/tagging';
import { arnOf, verificationOf } from './ack-status';
import { REASON_NOT_VERIFIED, Report } from './events';
import { ApiObject } from './kube';

interface PolicyBase {
  readonly name: string;
  readonly generation?: number;
  readonly status?: PolicyStatus;
  /** The object as the cache holds it (for status writes). */
  readonly object: ApiObject;
}

export type Policy =
  | (PolicyBase & { readonly kind: 'TaggingPolicy'; readonly spec: TaggingPolicyResourceSpec })
  | (PolicyBase & { readonly kind: 'BackupPolicy'; readonly spec: BackupPolicyResourceSpec });

export const POLICY_KINDS: readonly PolicyKindName[] = ['TaggingPolicy', 'BackupPolicy'];

/** A policy object from the API server (defaults applied by the CRD). */
export function toPolicy(kind: PolicyKindName, object: ApiObject): Policy {
  const base = { name: object.metadata.name, generation: object.metadata.generation, status: object.status as PolicyStatus | undefined, object };
  const spec = { namespaces: [], kinds: [], ...object.spec };
  return kind === 'TaggingPolicy'
    ? { ...base, kind, spec: { mode: 'audit', requiredTags: [], ...spec } as TaggingPolicyResourceSpec }
    : { ...base, kind, spec: spec as unknown as BackupPolicyResourceSpec };
}

export function maxReported(policy: Policy): number {
  return policy.spec.maxReportedViolations ?? DEFAULT_MAX_REPORTED_VIOLATIONS;
}

/** True when the policy applies to the object: its namespace and its kind. */
export function covers(policy: Policy, object: ApiObject): boolean {
  if (!object.metadata.namespace || !policy.spec.namespaces.includes(object.metadata.namespace)) return false;
  return policy.kind === 'TaggingPolicy' ? coversObject(policy.spec, object) : coversBackup(policy.spec, object);
}

/** The rule violations of one object, as Event reports. */
export function violationsOf(policy: Policy, object: ApiObject, peers: Peers): Report[] {
  const prefix = `${policy.kind} ${policy.name}: `;
  const suffix = arnOf(object) ? ` [${arnOf(object)}]` : '';
  if (policy.kind === 'TaggingPolicy') {
    return evaluateTagging(policy.spec, object).map((v) => ({ reason: v.problem === 'Missing' ? 'TagMissing' : 'TagNotAllowed', message: prefix + v.message + suffix, type: 'Warning' }));
  }
  return [...evaluateBackup(policy.spec, object, peers), ...evaluateRecreation(object)].map((v) => ({ reason: v.rule, message: prefix + v.message + suffix, type: 'Warning' }));
}

export type Verdict = 'compliant' | 'violating' | 'notVerified';

export interface Evaluation {
  readonly verdict: Verdict;
  /** Rule violations, or the not-verified report when there is none: listed in the policy's status. */
  readonly reports: readonly Report[];
  /** The reports worth an Event (a resource merely waiting for ACK is counted, not reported). */
  readonly events: readonly Report[];
}

/** What one policy concludes about one object it covers. */
export function evaluate(policy: Policy, object: ApiObject, peers: Peers): Evaluation {
  const violations = violationsOf(policy, object, peers);
  if (violations.length > 0) return { verdict: 'violating', reports: violations, events: violations };
  const verification = verificationOf(object);
  if (verification.verified) return { verdict: 'compliant', reports: [], events: [] };
  const arn = arnOf(object);
  // Not specific to one policy: the same message from every policy makes one Event.
  const report: Report = { reason: REASON_NOT_VERIFIED, message: `not verified: ${verification.message}${arn ? ` [${arn}]` : ''}`, type: 'Warning' };
  return { verdict: 'notVerified', reports: [report], events: verification.report ? [report] : [] };
}
