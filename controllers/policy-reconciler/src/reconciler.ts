/**
 * reconcile(key): reads the caches, evaluates, and writes only what differs.
 *  - an ACK object: Events for what it breaks (once each), and in enforce mode, on objects Argo
 *    CD does not manage, a server-side apply adding what is missing;
 *  - a policy: its status (counts, bounded violations, conditions), only when it changed.
 * A 409 re-reads the object and tries again; other errors go back to the work queue.
 * Like controller-runtime's Reconcile, a wish to look again later is the Result, not an exception:
 * errors are for what went wrong.
 */
import { Peers, replicaSourceId } from '../../../policy/backup';
import { POLICY_API_VERSION, POLICY_GROUP, PolicyStatus } from '../../../policy/policy-resources';
import { PolicyKindName } from '../../../policy/registry';
import { Clock } from './clock';
import { classify } from './errors';
import { buildEvent, eventName, REASON_REMEDIATED, Report } from './events';
import { parseKey } from './keys';
import { ApiObject, KubeClient, ServedKind } from './kube';
import { Logger } from './logger';
import { Metrics } from './metrics';
import { IdentityRecorder } from './identity';
import { covers, evaluate, Evaluation, peerKindsOf, Policy, toPolicy } from './policies';
import { remediationFor, Remediation } from './remediation';
import { desiredStatus, summarize } from './status';

/** What the reconciler reads: the informer caches. */
export interface CacheView {
  policies(): readonly Policy[];
  policy(kind: PolicyKindName, name: string): Policy | undefined;
  object(kindKey: string, namespace: string, name: string): ApiObject | undefined;
  objects(kindKey: string, namespace?: string): readonly ApiObject[];
  hasEvent(namespace: string, name: string): boolean;
  synced(kindKey: string, namespace: string): boolean;
  unserved(kindKeys: readonly string[]): string[];
  served(kindKey: string): ServedKind | undefined;
}

export interface ReconcilerOptions {
  readonly client: KubeClient;
  readonly view: CacheView;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** This replica's name (Event reportingInstance). */
  readonly instance: string;
  /** False while another replica leads: every write checks it first. */
  readonly canWrite?: () => boolean;
  /** Attempts after a 409 before the key goes back to the queue. @default 3 */
  readonly conflictRetries?: number;
}

/** Thrown when this replica lost the Lease before a write; the key is retried by the next leader. */
export class NotLeaderError extends Error {}

/** What reconcile(key) asks of the work queue besides "done". */
export interface Result {
  /** Reconcile the key again after this many ms (something it waits for has no event to wake it). */
  readonly requeueAfterMs?: number;
}

const DONE: Result = {};
/** The policy kind is not discovered yet (CRD just installed): look again soon. */
export const POLICY_KIND_UNSERVED_REQUEUE_MS = 1000;

export class Reconciler {
  /** Events we created that the Events cache may not show yet. */
  private readonly createdEvents = new Set<string>();
  /** `<object key>|<field manager>` → resourceVersion our last apply started from (until the cache moves past it). */
  private readonly appliedFrom = new Map<string, string | undefined>();
  /** Policy → resourceVersion our last status write started from, and what it wrote. */
  private readonly statusFrom = new Map<string, { resourceVersion?: string; content: string }>();

  /** Remembers the AWS identity of stateful resources (policy/recreation.ts). */
  private readonly identities: IdentityRecorder;

  constructor(private readonly options: ReconcilerOptions) {
    this.identities = new IdentityRecorder(options.client, options.logger, () => this.beforeWrite('apply'));
  }

  async reconcile(key: string): Promise<Result> {
    const parsed = parseKey(key);
    if (parsed.type === 'policy') return this.reconcilePolicy(parsed.kind, parsed.name);
    return this.reconcileObject(parsed.kindKey, parsed.namespace, parsed.name);
  }

  /** The Events cache now holds this Event: stop remembering it. */
  eventSeen(namespace: string, name: string): void {
    this.createdEvents.delete(`${namespace}/${name}`);
  }

  private async reconcileObject(kindKey: string, namespace: string, name: string): Promise<Result> {
    const { view } = this.options;
    const object = view.object(kindKey, namespace, name);
    if (!object) {
      // Deleted: the policies' status follows from the delete event; forget our pending applies.
      for (const key of this.appliedFrom.keys()) if (key.startsWith(`${kindKey.split('/')[1]}|${namespace}|${name}|`)) this.appliedFrom.delete(key);
      return DONE;
    }
    const policies = view.policies().filter((policy) => covers(policy, object));
    if (policies.length === 0) return DONE;
    const peers = this.peersOf(object);
    const reports = new Map<string, Report>();
    for (const policy of policies) {
      for (const report of evaluate(policy, object, peers).events) reports.set(`${report.reason}|${report.message}`, report);
    }
    for (const report of reports.values()) await this.ensureEvent(object, report);
    if (policies.some((policy) => policy.kind === 'BackupPolicy')) await this.identities.record(object);
    for (const policy of policies) await this.remediate(policy, object);
    return DONE;
  }

  /** Objects a rule may look at besides the object itself: the DBInstances next to a database. */
  /** The namespace's objects of the kinds any policy's rules read for this object. */
  peersOf(object: ApiObject, policies: readonly Policy[] = this.options.view.policies()): Peers {
    const kinds = new Set(policies.flatMap((policy) => peerKindsOf(policy, object)));
    return [...kinds].flatMap((kind) => this.options.view.objects(kind, object.metadata.namespace));
  }

  private async ensureEvent(object: ApiObject, report: Report): Promise<void> {
    const namespace = object.metadata.namespace ?? 'default';
    const name = eventName(object, report);
    const id = `${namespace}/${name}`;
    if (this.options.view.hasEvent(namespace, name) || this.createdEvents.has(id)) return;
    this.beforeWrite('event');
    try {
      await this.options.client.createEvent(buildEvent(object, report, this.options.instance, this.options.clock.now()));
    } catch (error) {
      // 409: it exists (the cache is behind); 404: the namespace is gone.
      if (classify(error) !== 'conflict' && classify(error) !== 'notFound') throw error;
    }
    this.createdEvents.add(id);
  }

  private async remediate(policy: Policy, cached: ApiObject): Promise<void> {
    let object = cached;
    let remediation = remediationFor(policy, object);
    if (!remediation) return;
    const pendingKey = `${object.kind}|${object.metadata.namespace}|${object.metadata.name}|${remediation.fieldManager}`;
    if (this.appliedFrom.has(pendingKey) && this.appliedFrom.get(pendingKey) === object.metadata.resourceVersion) return; // our apply is not in the cache yet
    this.appliedFrom.delete(pendingKey);
    const attempts = this.options.conflictRetries ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        this.beforeWrite('apply');
        const applied = await this.options.client.apply(remediation.apply, remediation.fieldManager);
        this.appliedFrom.set(pendingKey, object.metadata.resourceVersion);
        this.options.logger.log('info', 'remediated', { object: `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`, policy: policy.name, fieldManager: remediation.fieldManager, change: remediation.summary });
        const peers = this.peersOf(object);
        await this.ensureEvent(object, remediatedReport(policy, remediation, evaluate(policy, object, peers).events, evaluate(policy, applied, peers).events));
        return;
      } catch (error) {
        if (classify(error) !== 'conflict' || attempt >= attempts) throw error;
        // The object changed since the cache saw it: decide again on what the server has now.
        const fresh = await this.readOrUndefined(object);
        if (!fresh) return;
        object = fresh;
        const next = remediationFor(policy, object);
        if (!next) return;
        remediation = next;
      }
    }
  }

  private async readOrUndefined(object: ApiObject): Promise<ApiObject | undefined> {
    try {
      return await this.options.client.read({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
    } catch (error) {
      if (classify(error) === 'notFound') return undefined;
      throw error;
    }
  }

  private async reconcilePolicy(kind: PolicyKindName, name: string): Promise<Result> {
    const { view } = this.options;
    let policy = view.policy(kind, name);
    if (!policy) return DONE;
    const served = view.served(`${POLICY_GROUP}/${kind}`);
    if (!served) return { requeueAfterMs: POLICY_KIND_UNSERVED_REQUEUE_MS };
    const unserved = view.unserved(policy.spec.kinds);
    // Counting before every covered kind is listed would publish wrong numbers.
    const waiting = policy.spec.kinds.some((kindKey) => !unserved.includes(kindKey) && policy!.spec.namespaces.some((namespace) => !view.synced(kindKey, namespace)));
    if (waiting) return DONE; // onSynced enqueues the policy once the caches are listed
    const attempts = this.options.conflictRetries ?? 3;
    for (let attempt = 1; ; attempt++) {
      const status = desiredStatus(policy, summarize(this.evaluateAll(policy)), unserved, this.options.clock.now());
      if (!status) {
        this.forgetStatus(policy);
        return DONE;
      }
      const content = JSON.stringify({ ...status, lastEvaluation: undefined });
      const pending = this.statusFrom.get(policy.name);
      if (pending && pending.resourceVersion === policy.object.metadata.resourceVersion && pending.content === content) return DONE;
      try {
        this.beforeWrite('status');
        const body = { apiVersion: POLICY_API_VERSION, kind, metadata: { name, resourceVersion: policy.object.metadata.resourceVersion }, spec: policy.object.spec, status } as unknown as ApiObject;
        await this.options.client.replaceStatus(served, body);
        this.statusFrom.set(policy.name, { resourceVersion: policy.object.metadata.resourceVersion, content });
        this.recordCounts(policy, status);
        return DONE;
      } catch (error) {
        if (classify(error) !== 'conflict' || attempt >= attempts) throw error;
        const fresh = await this.readOrUndefined(policy.object);
        if (!fresh) return DONE;
        policy = toPolicy(kind, fresh);
      }
    }
  }

  private forgetStatus(policy: Policy): void {
    this.statusFrom.delete(policy.name);
    this.recordCounts(policy, policy.status ?? {});
  }

  /** Every covered object with what the policy concludes about it. */
  evaluateAll(policy: Policy): { object: ApiObject; evaluation: Evaluation }[] {
    const { view } = this.options;
    const results: { object: ApiObject; evaluation: Evaluation }[] = [];
    for (const namespace of policy.spec.namespaces) {
      for (const kindKey of policy.spec.kinds) {
        for (const object of view.objects(kindKey, namespace)) {
          if (!covers(policy, object)) continue;
          results.push({ object, evaluation: evaluate(policy, object, this.peersOf(object, [policy])) });
        }
      }
    }
    return results;
  }

  private recordCounts(policy: Policy, status: PolicyStatus): void {
    for (const verdict of ['compliant', 'violating', 'notVerified'] as const) {
      this.options.metrics.violations.set({ policy: policy.name, kind: policy.kind, verdict }, status[verdict] ?? 0);
    }
  }

  private beforeWrite(verb: 'apply' | 'event' | 'status'): void {
    if (this.options.canWrite && !this.options.canWrite()) throw new NotLeaderError('this replica does not hold the Lease');
    this.options.metrics.writes.inc({ verb });
  }
}

/** What the apply did and which of the object's Warnings it resolved (those the applied object no longer breaks). */
function remediatedReport(policy: Policy, remediation: Remediation, before: readonly Report[], after: readonly Report[]): Report {
  const remaining = new Set(after.map((report) => report.message));
  const prefix = `${policy.kind} ${policy.name}: `;
  const resolved = before.filter((report) => report.type === 'Warning' && !remaining.has(report.message)).map((report) => report.message.replace(prefix, '').replace(/ \[arn:[^\]]*\]$/, '')).sort();
  return { reason: REASON_REMEDIATED, message: `${remediation.summary}${resolved.length > 0 ? `; resolved: ${resolved.join('; ')}` : ''}`, type: 'Normal' };
}

/** The primary databases a changed replica DBInstance may satisfy (same namespace, identifier match). */
export function primariesOf(replica: ApiObject, databases: readonly ApiObject[]): ApiObject[] {
  const source = replicaSourceId(replica);
  if (!source) return [];
  return databases.filter((db) => db.spec?.dbInstanceIdentifier === source);
}
