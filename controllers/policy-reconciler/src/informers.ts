/**
 * One informer per watched kind and namespace (or cluster-wide), kept alive: ListWatch lists,
 * watches and re-lists on 410 Gone; when it reports an error (API server gone, list failed) it
 * stops, and we start it again after a capped exponential backoff. A kind the cluster does not
 * serve is looked up again later. Watching only the covered namespaces keeps the cache to the
 * environment's objects when several environments share a cluster.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { backoffDelay, BackoffOptions } from './backoff';
import { Clock } from './clock';
import { classify, retryAfterMs, statusOf } from './errors';
import { ApiObject, KubeClient, ObjectInformer, ServedKind } from './kube';
import { Logger } from './logger';
import { Metrics } from './metrics';

export type Change = 'add' | 'update' | 'delete';
export type ChangeHandler = (kindKey: string, object: ApiObject, change: Change) => void;

export interface InformerSetOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly onChange: ChangeHandler;
  /** A kind's cache (in a namespace, or cluster-wide) has been listed for the first time. */
  readonly onSynced: (kindKey: string, namespace: string | undefined) => void;
  /** @default base 250 ms, max 10 s */
  readonly backoff?: BackoffOptions;
  /**
   * While an informer waits to restart after a connection failure, the API server is asked this
   * often whether it answers again (one GET /version); once it does after having been down, every
   * informer waiting is restarted at once instead of at the end of its backoff, which after a
   * restart of 20 s is up to `backoff.maxMs` late. 0: backoff only. @default 500 ms
   */
  readonly reconnectProbeMs?: number;
}

class KindInformer {
  served?: ServedKind;
  informer?: ObjectInformer;
  synced = false;
  attempts = 0;
  timer?: unknown;
  starting = false;
  stopped = false;
  /** The last start failed because the API server did not answer: the reconnect probe may restart it early. */
  waitingForServer = false;
  /** The last start failed with 429/503: the API server is there but not taking watches yet. */
  waitingBusy = false;

  constructor(readonly key: string, readonly namespace: string | undefined, readonly labelSelector: string | undefined) {}
}

/** Looking again for a kind the cluster does not serve: its CRD may be installed later. */
const UNSERVED_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000 };

const entryKey = (kindKey: string, namespace: string | undefined) => `${kindKey}@${namespace ?? '*'}`;
const DEFAULT_RECONNECT_PROBE_MS = 500;
/** The longest wait before watching again when the API server answered 429 or 503 without Retry-After. */
const BUSY_MAX_MS = 250;
/**
 * Attempts retried that fast (about 10 s): long enough for a restarted API server's watch cache to
 * fill, short enough that a server overloaded for longer gets the full backoff again.
 */
const BUSY_FAST_ATTEMPTS = 40;

export class InformerSet {
  private readonly kinds = new Map<string, KindInformer>();
  private readonly backoff: BackoffOptions;
  private readonly reconnectProbeMs: number;
  private probeTimer?: unknown;
  /** The probe found the API server not answering since the informers began to wait. */
  private serverWasDown = false;
  private stopped = false;

  constructor(private readonly options: InformerSetOptions) {
    this.backoff = options.backoff ?? { baseMs: 250, maxMs: 10_000 };
    this.reconnectProbeMs = options.reconnectProbeMs ?? DEFAULT_RECONNECT_PROBE_MS;
  }

  /** Watches `kindKey` in `namespace` (all namespaces when undefined); once per pair. */
  ensure(kindKey: string, options: { namespace?: string; labelSelector?: string } = {}): void {
    const key = entryKey(kindKey, options.namespace);
    if (this.kinds.has(key)) return;
    const entry = new KindInformer(kindKey, options.namespace, options.labelSelector);
    this.kinds.set(key, entry);
    void this.start(entry);
  }

  /** The cache of `kindKey` in `namespace` (cluster-wide when undefined) is listed. */
  synced(kindKey: string, namespace?: string): boolean {
    return this.entry(kindKey, namespace)?.synced ?? false;
  }

  /** Kinds asked for that the cluster does not serve (no CRD), as far as discovery knows. */
  unserved(kindKeys: readonly string[]): string[] {
    return kindKeys.filter((key) => {
      const entries = [...this.kinds.values()].filter((entry) => entry.key === key);
      return entries.length > 0 && entries.every((entry) => !entry.served && !entry.synced && entry.attempts > 0);
    });
  }

  served(kindKey: string): ServedKind | undefined {
    return [...this.kinds.values()].find((entry) => entry.key === kindKey && entry.served)?.served;
  }

  get(kindKey: string, namespace: string | undefined, name: string): ApiObject | undefined {
    return this.entry(kindKey, namespace)?.informer?.get(name, namespace) as ApiObject | undefined;
  }

  list(kindKey: string, namespace?: string): readonly ApiObject[] {
    return (this.entry(kindKey, namespace)?.informer?.list(namespace) ?? []) as readonly ApiObject[];
  }

  /** The informer holding `namespace`'s objects: the namespace's own, else the cluster-wide one. */
  private entry(kindKey: string, namespace: string | undefined): KindInformer | undefined {
    return (namespace !== undefined ? this.kinds.get(entryKey(kindKey, namespace)) : undefined) ?? this.kinds.get(entryKey(kindKey, undefined));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.probeTimer !== undefined) this.options.clock.cancel(this.probeTimer);
    for (const entry of this.kinds.values()) {
      entry.stopped = true;
      if (entry.timer !== undefined) this.options.clock.cancel(entry.timer);
      await entry.informer?.stop();
    }
  }

  private async start(entry: KindInformer): Promise<void> {
    entry.timer = undefined;
    if (entry.stopped) return;
    if (entry.starting) return this.retry(entry, 'previous start still running');
    entry.starting = true;
    const { logger } = this.options;
    try {
      if (!entry.served) {
        entry.served = await this.options.client.discover(entry.key);
        if (!entry.served) return this.retry(entry, 'kind not served by the cluster', undefined, UNSERVED_BACKOFF);
      }
      entry.informer ??= this.create(entry, entry.served);
      let failed = false;
      const onError = () => {
        failed = true;
      };
      entry.informer.on('error', onError);
      await entry.informer.start();
      entry.informer.off('error', onError);
      if (failed) return; // the error handler scheduled the restart
      // Back after failures: the API server takes watches again, so the others need not wait out their backoff.
      if (entry.attempts > 0) this.restartWaiting('an informer is watching again');
      entry.attempts = 0;
      if (!entry.synced) {
        entry.synced = true;
        logger.log('info', 'cache synced', { kind: entry.key, namespace: entry.namespace ?? '*', objects: entry.informer.list().length });
        this.options.onSynced(entry.key, entry.namespace);
      }
    } catch (error) {
      this.retry(entry, 'discovery failed', error);
    } finally {
      entry.starting = false;
    }
  }

  private create(entry: KindInformer, served: ServedKind): ObjectInformer {
    const informer = this.options.client.informer(served, { namespace: entry.namespace, labelSelector: entry.labelSelector });
    const forward = (change: Change) => (object: KubernetesObject) => {
      entry.attempts = 0;
      this.options.onChange(entry.key, object as unknown as ApiObject, change);
    };
    informer.on('add', forward('add'));
    informer.on('update', forward('update'));
    informer.on('delete', forward('delete'));
    informer.on('error', (error: unknown) => {
      this.options.metrics.informerRestarts.inc({ kind: entry.key });
      this.retry(entry, 'watch failed', error);
    });
    return informer;
  }

  private retry(entry: KindInformer, why: string, error?: unknown, backoff = this.backoff): void {
    if (entry.stopped || entry.timer !== undefined) return;
    entry.attempts++;
    const status = error === undefined ? undefined : statusOf(error);
    // No status: the connection failed (errors.ts), the API server is most likely away.
    entry.waitingForServer = error !== undefined && status === undefined;
    if (entry.waitingForServer) this.probeSoon();
    // 429/503: the API server is there but not taking watches yet (after a restart it answers 429
    // for seconds while its watch cache fills): it asks to come back soon, and every second of
    // growing backoff here is a second of changes not seen (bench/reconciler.ts).
    const busy = status === 429 || status === 503;
    entry.waitingBusy = busy;
    const fast = busy && entry.attempts <= BUSY_FAST_ATTEMPTS;
    const delay = (busy ? retryAfterMs(error) : undefined) ?? backoffDelay(entry.attempts, fast ? { ...backoff, maxMs: Math.min(backoff.maxMs ?? BUSY_MAX_MS, BUSY_MAX_MS) } : backoff);
    // A missing CRD is a steady state (the ACK controller is not installed): say it once.
    // A rejected request (400: a bad label selector, 403: RBAC) will not heal by itself: say it loudly.
    const level = backoff === UNSERVED_BACKOFF ? (entry.attempts === 1 ? 'warn' : 'debug') : error !== undefined && classify(error) === 'rejected' ? 'error' : entry.attempts > 3 && !fast ? 'warn' : 'info';
    this.options.logger.log(level, `${why}; restarting the informer`, { kind: entry.key, namespace: entry.namespace ?? '*', attempt: entry.attempts, delayMs: delay, ...(error ? { error } : {}) });
    entry.timer = this.options.clock.setTimer(() => void this.start(entry), delay);
  }

  private probeSoon(): void {
    if (this.stopped || this.reconnectProbeMs <= 0 || this.probeTimer !== undefined) return;
    this.probeTimer = this.options.clock.setTimer(() => void this.probe(), this.reconnectProbeMs);
  }

  /**
   * One probe: while the API server does not answer, probe again; once it answers after having
   * been down, restart every informer that waits for it. An answer without an outage seen means
   * the failure was the watch's own: the informers keep their backoff (a watch that keeps
   * failing must not relist every probe period).
   */
  private async probe(): Promise<void> {
    this.probeTimer = undefined;
    const waiting = () => [...this.kinds.values()].filter((entry) => entry.waitingForServer && entry.timer !== undefined && !entry.stopped);
    if (waiting().length === 0) return;
    try {
      await this.options.client.ping();
    } catch {
      this.serverWasDown = true;
      return this.probeSoon();
    }
    if (!this.serverWasDown) return;
    this.serverWasDown = false;
    this.restartWaiting('API server answers again');
  }

  /** Restarts now every informer waiting out a backoff because the API server was away or busy. */
  private restartWaiting(why: string): void {
    const restarting = [...this.kinds.values()].filter((entry) => (entry.waitingForServer || entry.waitingBusy) && entry.timer !== undefined && !entry.stopped);
    if (restarting.length === 0) return;
    this.options.logger.log('info', `${why}; restarting the informers waiting for it`, { informers: restarting.length });
    for (const entry of restarting) {
      this.options.clock.cancel(entry.timer);
      void this.start(entry);
    }
  }
}
