/**
 * One informer per watched kind, kept alive: ListWatch lists, watches and re-lists on 410 Gone;
 * when it reports an error (API server gone, list failed) it stops, and we start it again after
 * a capped exponential backoff. A kind the cluster does not serve is looked up again later.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { backoffDelay, BackoffOptions } from './backoff';
import { Clock } from './clock';
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
  /** A kind's cache has been listed (first time, or again after an outage). */
  readonly onSynced: (kindKey: string) => void;
  /** @default base 250 ms, max 10 s */
  readonly backoff?: BackoffOptions;
}

class KindInformer {
  served?: ServedKind;
  informer?: ObjectInformer;
  synced = false;
  attempts = 0;
  timer?: unknown;
  starting = false;
  stopped = false;

  constructor(readonly key: string, readonly labelSelector: string | undefined) {}
}

export class InformerSet {
  private readonly kinds = new Map<string, KindInformer>();
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: InformerSetOptions) {
    this.backoff = options.backoff ?? { baseMs: 250, maxMs: 10_000 };
  }

  /** Watches `kindKey` (once; later calls with the same key do nothing). */
  ensure(kindKey: string, labelSelector?: string): void {
    if (this.kinds.has(kindKey)) return;
    const entry = new KindInformer(kindKey, labelSelector);
    this.kinds.set(kindKey, entry);
    void this.start(entry);
  }

  /** Watched kinds whose cache is listed. */
  synced(kindKey: string): boolean {
    return this.kinds.get(kindKey)?.synced ?? false;
  }

  /** Kinds asked for that the cluster does not serve (no CRD), as far as discovery knows. */
  unserved(kindKeys: readonly string[]): string[] {
    return kindKeys.filter((key) => {
      const entry = this.kinds.get(key);
      return entry !== undefined && !entry.served && !entry.synced && entry.attempts > 0;
    });
  }

  served(kindKey: string): ServedKind | undefined {
    return this.kinds.get(kindKey)?.served;
  }

  get(kindKey: string, namespace: string | undefined, name: string): ApiObject | undefined {
    return this.kinds.get(kindKey)?.informer?.get(name, namespace) as ApiObject | undefined;
  }

  list(kindKey: string, namespace?: string): readonly ApiObject[] {
    return (this.kinds.get(kindKey)?.informer?.list(namespace) ?? []) as readonly ApiObject[];
  }

  keys(): string[] {
    return [...this.kinds.keys()];
  }

  async stop(): Promise<void> {
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
        if (!entry.served) return this.retry(entry, 'kind not served by the cluster');
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
      entry.attempts = 0;
      if (!entry.synced) {
        entry.synced = true;
        logger.log('info', 'cache synced', { kind: entry.key, objects: entry.informer.list().length });
        this.options.onSynced(entry.key);
      }
    } catch (error) {
      this.retry(entry, 'discovery failed', error);
    } finally {
      entry.starting = false;
    }
  }

  private create(entry: KindInformer, served: ServedKind): ObjectInformer {
    const informer = this.options.client.informer(served, entry.labelSelector);
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

  private retry(entry: KindInformer, why: string, error?: unknown): void {
    if (entry.stopped || entry.timer !== undefined) return;
    entry.attempts++;
    const delay = backoffDelay(entry.attempts, this.backoff);
    this.options.logger.log(entry.attempts > 3 ? 'warn' : 'info', `${why}; restarting the informer`, { kind: entry.key, attempt: entry.attempts, delayMs: delay, ...(error ? { error } : {}) });
    entry.timer = this.options.clock.setTimer(() => void this.start(entry), delay);
  }
}
