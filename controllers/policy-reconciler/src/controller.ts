/**
 * Wiring: informers enqueue keys (and only that), workers run reconcile(key) while this
 * replica leads, a periodic resync re-enqueues everything as a safety net.
 */
import { DB_INSTANCE } from '../../../policy/backup';
import { POLICY_GROUP } from '../../../policy/policy-resources';
import { PolicyKindName } from '../../../policy/registry';
import { BackoffOptions } from './backoff';
import { Clock } from './clock';
import { classify, retryAfterMs } from './errors';
import { EVENT_SELECTOR } from './events';
import { InformerSet } from './informers';
import { objectKey, policyKey } from './keys';
import { ApiObject, KubeClient } from './kube';
import { LeaderElector } from './leader';
import { Logger } from './logger';
import { Metrics } from './metrics';
import { covers, Policy, POLICY_KINDS, toPolicy } from './policies';
import { CacheView, NotLeaderError, primariesOf, Reconciler } from './reconciler';
import { WorkQueue } from './work-queue';

export const EVENT_KIND = '/Event';
/**
 * Each reconcile mostly waits on an API write, so more than the cores pay: after an API server
 * restart, a burst of 1,000 changes had its Events p99 0.85 s after the change with 48, 1.33 s
 * with 16: the backlog drained at half the rate (bench/reconciler.ts,
 * controllers/policy-reconciler/README.md). Idle workers cost nothing.
 */
export const DEFAULT_WORKERS = 48;
/** @see ControllerOptions.statusDelayMs */
export const DEFAULT_STATUS_DELAY_MS = 1000;
const policyKindKey = (kind: PolicyKindName) => `${POLICY_GROUP}/${kind}`;

export interface ControllerOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** This replica's name: Lease holder and Event reportingInstance. */
  readonly identity: string;
  /** Label selector of the policies this replica handles (one environment). */
  readonly policySelector?: string;
  /** Reconciles in flight. @default DEFAULT_WORKERS */
  readonly workers?: number;
  /** Everything is enqueued again this often. @default 10 min */
  readonly resyncMs?: number;
  /**
   * A covered object's change re-counts its policies' status after this long, at most once per
   * period: the status is a summary over every covered object, the Events carry each change at
   * once, and a full count per change starves the Event writes during a burst. @default 1 s
   */
  readonly statusDelayMs?: number;
  /** Lease settings; undefined: this replica always leads (tests and the benchmark). */
  readonly leaderElection?: { readonly namespace: string; readonly name?: string; readonly leaseDurationMs?: number; readonly renewDeadlineMs?: number; readonly retryPeriodMs?: number };
  /** Work queue retries. @default base 100 ms, max 30 s */
  readonly queueBackoff?: BackoffOptions;
  /** Informer restarts. @default base 250 ms, max 10 s */
  readonly informerBackoff?: BackoffOptions;
  /** @see InformerSetOptions.reconnectProbeMs @default 500 ms */
  readonly reconnectProbeMs?: number;
}

export class Controller implements CacheView {
  readonly queue: WorkQueue;
  readonly informers: InformerSet;
  readonly reconciler: Reconciler;
  readonly elector?: LeaderElector;
  private leading = false;
  private stopped = false;
  private gateWaiters: (() => void)[] = [];
  private workers: Promise<void>[] = [];
  private readonly workerCount: number;
  private resyncTimer?: unknown;
  private readonly options: ControllerOptions;

  constructor(options: ControllerOptions) {
    const workers = options.workers ?? DEFAULT_WORKERS;
    if (!Number.isInteger(workers) || workers < 1) throw new Error(`Controller: workers must be a whole number of at least 1, not ${workers}`);
    this.workerCount = workers;
    this.options = options;
    const { client, clock, logger, metrics } = options;
    this.queue = new WorkQueue(clock, options.queueBackoff ?? { baseMs: 100, maxMs: 30_000 });
    metrics.queueDepthSource = () => this.queue.length();
    this.informers = new InformerSet({
      client,
      clock,
      logger,
      metrics,
      backoff: options.informerBackoff,
      reconnectProbeMs: options.reconnectProbeMs,
      onChange: (kindKey, object) => this.onChange(kindKey, object),
      onSynced: (kindKey, namespace) => this.onSynced(kindKey, namespace),
    });
    const election = options.leaderElection;
    if (election) {
      this.elector = new LeaderElector({
        client,
        clock,
        logger,
        metrics,
        identity: options.identity,
        ...election,
        onStartedLeading: () => this.setLeading(true),
        onStoppedLeading: () => this.setLeading(false),
      });
    }
    this.reconciler = new Reconciler({ client, view: this, clock, logger, metrics, instance: options.identity, canWrite: () => this.leading && !this.stopped });
  }

  start(): void {
    for (const kind of POLICY_KINDS) this.informers.ensure(policyKindKey(kind), { labelSelector: this.options.policySelector });
    this.informers.ensure(EVENT_KIND, { labelSelector: EVENT_SELECTOR });
    for (let i = 0; i < this.workerCount; i++) this.workers.push(this.work());
    if (this.elector) this.elector.start();
    else this.setLeading(true);
    this.scheduleResync();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.resyncTimer !== undefined) this.options.clock.cancel(this.resyncTimer);
    this.queue.shutDown();
    this.openGate();
    await Promise.all(this.workers);
    await this.elector?.stop();
    await this.informers.stop();
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** Policies and our Events are listed: the replica can take over at once. */
  ready(): boolean {
    return [...POLICY_KINDS.map(policyKindKey), EVENT_KIND].every((key) => this.informers.synced(key));
  }

  /** Every covered object and policy, queued again (leadership gained, resync). */
  enqueueAll(): void {
    for (const policy of this.policies()) {
      this.queue.add(policyKey(policy.kind, policy.name));
      this.enqueueCovered(policy);
    }
  }

  // CacheView ------------------------------------------------------------------------------

  policies(): readonly Policy[] {
    return POLICY_KINDS.flatMap((kind) => this.informers.list(policyKindKey(kind)).map((object) => toPolicy(kind, object)));
  }

  policy(kind: PolicyKindName, name: string): Policy | undefined {
    const object = this.informers.get(policyKindKey(kind), undefined, name);
    return object ? toPolicy(kind, object) : undefined;
  }

  object(kindKey: string, namespace: string, name: string): ApiObject | undefined {
    return this.informers.get(kindKey, namespace, name);
  }

  objects(kindKey: string, namespace?: string): readonly ApiObject[] {
    return this.informers.list(kindKey, namespace);
  }

  hasEvent(namespace: string, name: string): boolean {
    return this.informers.get(EVENT_KIND, namespace, name) !== undefined;
  }

  synced(kindKey: string, namespace: string): boolean {
    return this.informers.synced(kindKey, namespace);
  }

  unserved(kindKeys: readonly string[]): string[] {
    return this.informers.unserved(kindKeys);
  }

  served(kindKey: string) {
    return this.informers.served(kindKey);
  }

  // Event handlers: they only enqueue ------------------------------------------------------

  private onChange(kindKey: string, object: ApiObject): void {
    const policyKind = POLICY_KINDS.find((kind) => policyKindKey(kind) === kindKey);
    if (policyKind) {
      for (const policy of this.policies()) {
        for (const kind of policy.spec.kinds) for (const namespace of policy.spec.namespaces) this.informers.ensure(kind, { namespace });
      }
      this.queue.add(policyKey(policyKind, object.metadata.name));
      this.enqueueCovered(toPolicy(policyKind, object));
      return;
    }
    if (kindKey === EVENT_KIND) {
      this.reconciler.eventSeen(object.metadata.namespace ?? '', object.metadata.name);
      return;
    }
    const namespace = object.metadata.namespace ?? '';
    this.queue.add(objectKey(kindKey, namespace, object.metadata.name));
    for (const policy of this.policies()) {
      if (covers(policy, object)) this.queue.addAfter(policyKey(policy.kind, policy.name), this.options.statusDelayMs ?? DEFAULT_STATUS_DELAY_MS);
    }
    // A replica appearing or going changes what its primary database is judged by.
    if (kindKey === DB_INSTANCE) {
      for (const primary of primariesOf(object, this.objects(DB_INSTANCE, namespace))) this.queue.add(objectKey(kindKey, namespace, primary.metadata.name));
    }
  }

  private onSynced(kindKey: string, namespace: string | undefined): void {
    this.openGate();
    if (POLICY_KINDS.some((kind) => policyKindKey(kind) === kindKey)) this.warnIfNoPolicy();
    for (const policy of this.policies()) {
      if (policy.spec.kinds.includes(kindKey) && (!namespace || policy.spec.namespaces.includes(namespace))) this.queue.add(policyKey(policy.kind, policy.name));
    }
  }

  /** Once every policy kind is listed: a selector that matches nothing is most likely a typo in it. */
  private warnIfNoPolicy(): void {
    if (!POLICY_KINDS.every((kind) => this.informers.synced(policyKindKey(kind))) || this.policies().length > 0) return;
    this.options.logger.log('warn', 'no policy matches the policy selector; nothing is enforced until one does', { policySelector: this.options.policySelector ?? '', kinds: POLICY_KINDS });
  }

  private enqueueCovered(policy: Policy): void {
    for (const kindKey of policy.spec.kinds) {
      for (const namespace of policy.spec.namespaces) {
        for (const object of this.objects(kindKey, namespace)) this.queue.add(objectKey(kindKey, namespace, object.metadata.name));
      }
    }
  }

  private scheduleResync(): void {
    if (this.stopped) return;
    this.resyncTimer = this.options.clock.setTimer(() => {
      if (this.leading) this.enqueueAll();
      this.scheduleResync();
    }, this.options.resyncMs ?? 600_000);
  }

  // Workers ------------------------------------------------------------------------------

  private setLeading(leading: boolean): void {
    this.leading = leading;
    if (leading) {
      this.enqueueAll();
      this.openGate();
    }
  }

  /** Workers pass while this replica leads and the policy and Event caches are listed. */
  private gateOpen(): boolean {
    return this.stopped || (this.leading && this.ready());
  }

  private openGate(): void {
    if (!this.gateOpen()) return;
    for (const waiter of this.gateWaiters.splice(0)) waiter();
  }

  private waitForGate(): Promise<void> {
    if (this.gateOpen()) return Promise.resolve();
    return new Promise((resolve) => this.gateWaiters.push(resolve));
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      await this.waitForGate();
      const key = await this.queue.get();
      if (key === undefined) return;
      if (!this.gateOpen()) {
        this.queue.done(key);
        this.queue.add(key);
        continue;
      }
      await this.process(key);
    }
  }

  /** Runs one key: its Result says when to look again; an error is retried with backoff (404: done). */
  async process(key: string): Promise<void> {
    const type = key.startsWith('policy|') ? 'policy' : 'object';
    const { metrics, logger } = this.options;
    const endTimer = metrics.latency.startTimer({ type });
    try {
      const result = await this.reconciler.reconcile(key);
      this.queue.forget(key);
      if (result.requeueAfterMs === undefined) metrics.reconciles.inc({ type, result: 'success' });
      else {
        this.queue.addAfter(key, result.requeueAfterMs);
        metrics.reconciles.inc({ type, result: 'requeue' });
      }
    } catch (error) {
      if (error instanceof NotLeaderError) {
        this.queue.add(key);
        return;
      }
      const errorClass = classify(error);
      metrics.errors.inc({ type, class: errorClass });
      if (errorClass === 'notFound') {
        this.queue.forget(key);
        metrics.reconciles.inc({ type, result: 'success' });
      } else {
        const delayMs = this.queue.addRateLimited(key, retryAfterMs(error));
        metrics.reconciles.inc({ type, result: 'requeue' });
        logger.log(errorClass === 'rejected' ? 'error' : 'warn', 'reconcile failed; retrying', { key, class: errorClass, delayMs, error });
      }
    } finally {
      this.queue.done(key);
      endTimer();
    }
  }
}
