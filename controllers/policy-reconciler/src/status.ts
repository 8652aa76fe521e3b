/**
 * A policy's status: counts, a bounded list of violations, and conditions with constant types
 * and reasons. desiredStatus() returns undefined when the current status already says it all,
 * so a steady state makes no write; lastEvaluation moves only when the results change.
 */
import { Condition, PolicyStatus, ReportedViolation } from '../../../policy/policy-resources';
import { kindKey } from '../../../policy/tag-shapes';
import { arnOf } from './ack-status';
import { ApiObject } from './kube';
import { Report } from './events';
import { Evaluation, maxReported, Policy } from './policies';

export const CONDITION_COMPLIANT = 'Compliant';
export const CONDITION_READY = 'Ready';

export const REASON_ALL_COMPLIANT = 'AllCompliant';
export const REASON_VIOLATIONS_FOUND = 'ViolationsFound';
/** Condition reason; the per-object report reason is events.ts REASON_NOT_VERIFIED ('NotVerified'). */
export const REASON_RESOURCES_NOT_VERIFIED = 'ResourcesNotVerified';
export const REASON_WATCHING = 'Watching';
export const REASON_KINDS_NOT_SERVED = 'KindsNotServed';

export interface Summary {
  readonly checked: number;
  readonly compliant: number;
  readonly violating: number;
  readonly notVerified: number;
  /** Every report: rule violations first, then not-verified ones, each sorted by kind, namespace, name, reason and message. */
  readonly violations: readonly ReportedViolation[];
  /** Objects with at least one accepted finding (an exception, an ACK gap). */
  readonly accepted: number;
  /** The accepted findings, sorted like the violations. */
  readonly acceptedFindings: readonly ReportedViolation[];
}

/** Folds the evaluations of the covered objects into counts and the sorted list. */
export function summarize(evaluated: Iterable<{ object: ApiObject; evaluation: Evaluation }>): Summary {
  const counts = { checked: 0, compliant: 0, violating: 0, notVerified: 0 };
  // Two lists: the bounded status list must show what breaks a rule before what merely waits for ACK.
  const broken: ReportedViolation[] = [];
  const waiting: ReportedViolation[] = [];
  const acceptedFindings: ReportedViolation[] = [];
  let accepted = 0;
  for (const { object, evaluation } of evaluated) {
    counts.checked++;
    counts[evaluation.verdict]++;
    if (evaluation.accepted.length > 0) accepted++;
    const arn = arnOf(object);
    const entry = (report: Report): ReportedViolation => ({
      kind: kindKey(object),
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
      ...(arn ? { arn } : {}),
      reason: report.reason,
      message: report.message,
    });
    (evaluation.verdict === 'notVerified' ? waiting : broken).push(...evaluation.reports.map(entry));
    acceptedFindings.push(...evaluation.accepted.map(entry));
  }
  const order = (v: ReportedViolation) => [v.kind, v.namespace, v.name, v.reason, v.message];
  const byOrder = (a: ReportedViolation, b: ReportedViolation) => compareTuples(order(a), order(b));
  return { ...counts, violations: [...broken.sort(byOrder), ...waiting.sort(byOrder)], accepted, acceptedFindings: acceptedFindings.sort(byOrder) };
}

function compareTuples(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** The status to write, or undefined when the current one already matches (timestamps aside). */
export function desiredStatus(policy: Policy, summary: Summary, unservedKinds: readonly string[], now: number): PolicyStatus | undefined {
  const current = policy.status ?? {};
  const bound = maxReported(policy);
  const listed = summary.violations.slice(0, bound);
  const conditions = [compliantCondition(summary), readyCondition(unservedKinds)].map((condition) => ({ ...condition, observedGeneration: policy.generation }));
  const next: PolicyStatus = {
    observedGeneration: policy.generation,
    resourcesChecked: summary.checked,
    compliant: summary.compliant,
    violating: summary.violating,
    notVerified: summary.notVerified,
    lastEvaluation: current.lastEvaluation,
    violations: listed,
    violationsOmitted: summary.violations.length - listed.length,
    ...(summary.acceptedFindings.length > 0 ? acceptedStatus(summary, bound) : {}),
    conditions: conditions.map((condition) => withTransitionTime(condition, current.conditions, now)),
  };
  if (sameContent(next, current)) return undefined;
  return { ...next, lastEvaluation: isoSeconds(now) };
}

/** Only where a policy accepts something, so that the other policies' status stays as it was. */
function acceptedStatus(summary: Summary, bound: number): Pick<PolicyStatus, 'accepted' | 'acceptedFindings' | 'acceptedOmitted'> {
  const listed = summary.acceptedFindings.slice(0, bound);
  return { accepted: summary.accepted, acceptedFindings: listed, acceptedOmitted: summary.acceptedFindings.length - listed.length };
}

type ConditionBody = Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>;

function compliantCondition(summary: Summary): ConditionBody {
  if (summary.violating > 0) {
    return { type: CONDITION_COMPLIANT, status: 'False', reason: REASON_VIOLATIONS_FOUND, message: 'Covered resources break the policy; see status.violations and the Events on each resource.' };
  }
  if (summary.notVerified > 0) {
    return { type: CONDITION_COMPLIANT, status: 'False', reason: REASON_RESOURCES_NOT_VERIFIED, message: 'No rule is broken, but ACK has not confirmed some covered resources in AWS (ACK.ResourceSynced not True or ACK.Terminal True).' };
  }
  return { type: CONDITION_COMPLIANT, status: 'True', reason: REASON_ALL_COMPLIANT, message: 'Every covered resource complies and is synced by ACK.' };
}

function readyCondition(unserved: readonly string[]): ConditionBody {
  if (unserved.length > 0) {
    return { type: CONDITION_READY, status: 'False', reason: REASON_KINDS_NOT_SERVED, message: `The cluster serves no CRD for ${[...unserved].sort().join(', ')}; those kinds are not checked.` };
  }
  return { type: CONDITION_READY, status: 'True', reason: REASON_WATCHING, message: 'Every covered kind is watched.' };
}

/** Keeps the transition time while the condition's status stays the same. */
function withTransitionTime(condition: Omit<Condition, 'lastTransitionTime'>, current: readonly Condition[] | undefined, now: number): Condition {
  const previous = current?.find((c) => c.type === condition.type);
  const lastTransitionTime = previous && previous.status === condition.status ? previous.lastTransitionTime : isoSeconds(now);
  return { ...condition, lastTransitionTime };
}

/** Content equality ignoring lastEvaluation, and absent optional fields. */
function sameContent(next: PolicyStatus, current: PolicyStatus): boolean {
  const strip = (status: PolicyStatus) => JSON.stringify(normalize({ ...status, lastEvaluation: undefined }));
  return strip(next) === strip(current);
}

/** Sorted keys, no undefined: the same status from the API server and from us compares equal. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, normalize((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** metav1.Time has second precision: what we write is what we read back. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
