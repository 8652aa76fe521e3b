/**
 * Our policy objects as the reconciler uses them, and what each says about one object: the
 * rules come from the policy's definition (policy/registry.ts, the same code as the synth-time
 * checks); this file only adds scope (namespaces) and the ACK status.
 */
import { AnyPolicyDefinition, Peers } from '../../../policy/definition';
import { DEFAULT_MAX_REPORTED_VIOLATIONS, PolicyScope, PolicyStatus } from '../../../policy/policy-resources';
import { PolicyKindName, POLICY_DEFINITIONS, policyDefinition } from '../../../policy/registry';
import { arnOf, verificationOf } from './ack-status';
import { REASON_NOT_VERIFIED, Report } from './events';
import { ApiObject } from './kube';

export interface Policy {
  readonly kind: PolicyKindName;
  readonly definition: AnyPolicyDefinition;
  readonly name: string;
  readonly generation?: number;
  readonly status?: PolicyStatus;
  /** The definition's spec, defaults applied, and where it applies. */
  readonly spec: PolicyScope & { readonly mode: 'enforce' | 'audit'; readonly kinds: readonly string[] };
  /** The object as the cache holds it (for status writes). */
  readonly object: ApiObject;
}

export const POLICY_KINDS: readonly PolicyKindName[] = POLICY_DEFINITIONS.map((definition) => definition.kind);

/** A policy object from the API server (defaults applied by the CRD). */
export function toPolicy(kind: PolicyKindName, object: ApiObject): Policy {
  const definition = policyDefinition(kind);
  const spec = definition.withDefaults({ ...object.spec });
  return { kind, definition, name: object.metadata.name, generation: object.metadata.generation, status: object.status as PolicyStatus | undefined, spec, object };
}

export function maxReported(policy: Policy): number {
  return policy.spec.maxReportedViolations ?? DEFAULT_MAX_REPORTED_VIOLATIONS;
}

/** True when the policy applies to the object: its namespace and what its definition covers. */
export function covers(policy: Policy, object: ApiObject): boolean {
  if (!object.metadata.namespace || !policy.spec.namespaces.includes(object.metadata.namespace)) return false;
  return policy.definition.covers(policy.spec, object);
}

/** What the policy finds on one object, as Event reports: violations (Warning) and accepted findings (Normal). */
export function findingsOf(policy: Policy, object: ApiObject, peers: Peers): { violations: Report[]; accepted: Report[] } {
  const prefix = `${policy.kind} ${policy.name}: `;
  const suffix = arnOf(object) ? ` [${arnOf(object)}]` : '';
  const found = policy.definition.evaluate(policy.spec, object, peers);
  const report = (v: (typeof found)[number], type: Report['type']): Report => ({ reason: v.reason, message: prefix + v.message + suffix, type });
  return { violations: found.filter((v) => !v.accepted).map((v) => report(v, 'Warning')), accepted: found.filter((v) => v.accepted).map((v) => report(v, 'Normal')) };
}

/** The kinds of the namespace's objects the policy's rules read for this object. */
export function peerKindsOf(policy: Policy, object: ApiObject): readonly string[] {
  return policy.definition.peerKinds?.(object) ?? [];
}

export type Verdict = 'compliant' | 'violating' | 'notVerified';

export interface Evaluation {
  readonly verdict: Verdict;
  /** Rule violations, or the not-verified report when there is none: listed in the policy's status. */
  readonly reports: readonly Report[];
  /** Findings the policy accepts (exceptions, ACK gaps): listed in status.accepted, whatever the verdict. */
  readonly accepted: readonly Report[];
  /** The reports worth an Event (a resource merely waiting for ACK is counted, not reported). */
  readonly events: readonly Report[];
}

/** What one policy concludes about one object it covers. */
export function evaluate(policy: Policy, object: ApiObject, peers: Peers): Evaluation {
  const { violations, accepted } = findingsOf(policy, object, peers);
  if (violations.length > 0) return { verdict: 'violating', reports: violations, accepted, events: [...violations, ...accepted] };
  const verification = verificationOf(object);
  if (verification.verified) return { verdict: 'compliant', reports: [], accepted, events: accepted };
  const arn = arnOf(object);
  // Not specific to one policy: the same message from every policy makes one Event.
  const report: Report = { reason: REASON_NOT_VERIFIED, message: `not verified: ${verification.message}${arn ? ` [${arn}]` : ''}`, type: 'Warning' };
  return { verdict: 'notVerified', reports: [report], accepted, events: [...(verification.report ? [report] : []), ...accepted] };
}
