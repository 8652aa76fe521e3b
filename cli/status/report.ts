/**
 * The status report: the committed objects of each environment joined with what the cluster
 * has, and the policy reconciler's findings.
 */
import type { WaitingObject } from '../../charts/waiting';
import { ManifestObject } from '../diff/manifest-tree';
import { classify, Classified, Condition, ObjectState } from './classify';
import { ExpectedEnvironment } from './expected';
import { LiveKind, StatusSource } from './live';

export interface ObjectReport extends Classified {
  readonly kind: string;
  readonly name: string;
}

export interface PolicyViolation {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly reason: string;
  readonly message: string;
}

export interface PolicyReport {
  readonly kind: string;
  readonly name: string;
  /** `not-applied`: not in the cluster; `not-evaluated`: no status yet; else `evaluated`. */
  readonly state: 'evaluated' | 'not-evaluated' | 'not-applied';
  readonly checked?: number;
  readonly compliant?: number;
  readonly violating?: number;
  readonly notVerified?: number;
  readonly violations: readonly PolicyViolation[];
  readonly violationsOmitted?: number;
}

export type Counts = Readonly<Record<ObjectState, number>> & { readonly total: number };

export interface EnvironmentReport {
  readonly name: string;
  readonly namespace: string;
  readonly counts: Counts;
  /** Every object that is not synced (not-synced, terminal, not-applied), in manifest order. */
  readonly notSynced: readonly ObjectReport[];
  readonly policies: readonly PolicyReport[];
  /** Objects not in the manifests yet: each waits on a value AWS assigns (`platform bind`). */
  readonly waiting: readonly WaitingObject[];
}

export interface StatusReport {
  readonly environments: readonly EnvironmentReport[];
  /** True when any object is terminal: the command then exits non-zero. */
  readonly terminal: boolean;
}

const key = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

export async function buildReport(environments: readonly ExpectedEnvironment[], source: StatusSource): Promise<StatusReport> {
  const reports: EnvironmentReport[] = [];
  for (const env of environments) reports.push(await environmentReport(env, source));
  return { environments: reports, terminal: reports.some((r) => r.counts.terminal > 0) };
}

async function environmentReport(env: ExpectedEnvironment, source: StatusSource): Promise<EnvironmentReport> {
  const kinds = new Map<string, LiveKind>();
  for (const object of env.ack) {
    const k = key(object.apiVersion, object.kind);
    if (!kinds.has(k)) kinds.set(k, await source.listKind(object.apiVersion, object.kind, env.namespace));
  }
  const objects = env.ack.map((object): ObjectReport => {
    const live = kinds.get(key(object.apiVersion, object.kind))!;
    const name = object.metadata.name;
    if (!live.served) return { kind: object.kind, name, state: 'not-applied', message: `not applied: ${live.reason}` };
    const found = live.objects.get(name);
    return { kind: object.kind, name, ...classify(found?.status as { conditions?: Condition[] } | undefined, found !== undefined) };
  });
  const counts = { synced: 0, 'not-synced': 0, terminal: 0, 'not-applied': 0, total: objects.length };
  for (const object of objects) counts[object.state] += 1;
  const policies: PolicyReport[] = [];
  for (const policy of env.policies) policies.push(policyReport(policy, await source.readCluster(policy.apiVersion, policy.kind, policy.metadata.name)));
  return { name: env.name, namespace: env.namespace, counts, notSynced: objects.filter((o) => o.state !== 'synced'), policies, waiting: env.waiting };
}

function policyReport(policy: ManifestObject, live: { status?: Record<string, unknown> } | undefined): PolicyReport {
  const base = { kind: policy.kind, name: policy.metadata.name };
  if (!live) return { ...base, state: 'not-applied', violations: [] };
  const status = live.status ?? {};
  const number = (field: string) => (typeof status[field] === 'number' ? (status[field] as number) : undefined);
  if (number('resourcesChecked') === undefined) return { ...base, state: 'not-evaluated', violations: [] };
  return {
    ...base,
    state: 'evaluated',
    checked: number('resourcesChecked'),
    compliant: number('compliant'),
    violating: number('violating'),
    notVerified: number('notVerified'),
    violations: (status.violations as PolicyViolation[] | undefined) ?? [],
    violationsOmitted: number('violationsOmitted'),
  };
}
