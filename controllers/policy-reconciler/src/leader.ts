/**
 * Leader election on a coordination.k8s.io Lease, as client-go does it: the holder renews every
 * retry period; another replica takes over only after seeing no renewal for a lease duration
 * (by its own clock, so clock skew does not matter), and the holder stops writing when it could
 * not renew for the renew deadline, which is shorter. So two replicas never both lead.
 */
import { Clock, sleep } from './clock';
import { classify } from './errors';
import { KubeClient, LeaseRecord } from './kube';
import { Logger } from './logger';
import { Metrics } from './metrics';

export interface LeaderElectionOptions {
  readonly client: KubeClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly namespace: string;
  /** @default policy-reconciler */
  readonly name?: string;
  readonly identity: string;
  /** @default 15 s */
  readonly leaseDurationMs?: number;
  /** @default 10 s; must be shorter than leaseDurationMs */
  readonly renewDeadlineMs?: number;
  /** @default 2 s */
  readonly retryPeriodMs?: number;
  readonly onStartedLeading: () => void;
  readonly onStoppedLeading: () => void;
}

export class LeaderElector {
  private leading = false;
  private observed?: { record: string; at: number };
  private deadline?: unknown;
  private readonly abort = new AbortController();
  private readonly name: string;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private loop?: Promise<void>;

  constructor(private readonly options: LeaderElectionOptions) {
    this.name = options.name ?? 'policy-reconciler';
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
    if (this.renewDeadlineMs >= this.leaseDurationMs) throw new Error(`LeaderElector: renewDeadlineMs (${this.renewDeadlineMs}) must be shorter than leaseDurationMs (${this.leaseDurationMs})`);
  }

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops competing; a leader gives the Lease up so that the other replica takes over at once. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    if (!this.leading) return;
    this.stepDown('shutting down');
    try {
      const lease = await this.options.client.readLease(this.options.namespace, this.name);
      if (lease?.holderIdentity === this.options.identity) {
        this.options.metrics.writes.inc({ verb: 'lease' });
        await this.options.client.replaceLease(this.options.namespace, this.name, { ...lease, holderIdentity: '', leaseDurationSeconds: 1 });
      }
    } catch (error) {
      this.options.logger.log('warn', 'could not release the lease', { error });
    }
  }

  /** One round: acquire or renew; public so that tests drive it without timers. */
  async tick(): Promise<void> {
    try {
      if (await this.tryAcquireOrRenew()) {
        this.renewed();
      } else if (this.leading) {
        this.stepDown('another replica holds the lease');
      }
    } catch (error) {
      // A failed renewal is not fatal: the deadline timer steps down if it lasts.
      this.options.logger.log('warn', 'lease request failed', { error, leading: this.leading });
    }
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      await this.tick();
      await sleep(this.options.clock, this.retryPeriodMs, this.abort.signal);
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, clock, namespace, identity, metrics } = this.options;
    const now = clock.now();
    const seconds = Math.ceil(this.leaseDurationMs / 1000);
    const lease = await client.readLease(namespace, this.name);
    if (!lease) {
      metrics.writes.inc({ verb: 'lease' });
      try {
        const created = await client.createLease(namespace, this.name, { holderIdentity: identity, leaseDurationSeconds: seconds, acquireTime: new Date(now), renewTime: new Date(now), leaseTransitions: 0 });
        this.observe(created, now);
        return true;
      } catch (error) {
        if (classify(error) === 'conflict') return false;
        throw error;
      }
    }
    this.observe(lease, now);
    const holder = lease.holderIdentity ?? '';
    const duration = (lease.leaseDurationSeconds ?? seconds) * 1000;
    if (holder !== '' && holder !== identity && now < this.observed!.at + duration) return false;
    const ours = holder === identity;
    metrics.writes.inc({ verb: 'lease' });
    try {
      const updated = await client.replaceLease(namespace, this.name, {
        resourceVersion: lease.resourceVersion,
        holderIdentity: identity,
        leaseDurationSeconds: seconds,
        acquireTime: ours ? lease.acquireTime : new Date(now),
        renewTime: new Date(now),
        leaseTransitions: ours ? lease.leaseTransitions ?? 0 : (lease.leaseTransitions ?? 0) + 1,
      });
      this.observe(updated, now);
      return true;
    } catch (error) {
      if (classify(error) === 'conflict') return false;
      throw error;
    }
  }

  /** Remembers when the lease record last changed, by our clock. */
  private observe(lease: LeaseRecord, now: number): void {
    const record = `${lease.holderIdentity}|${lease.renewTime?.getTime()}|${lease.leaseTransitions}`;
    if (this.observed?.record !== record) this.observed = { record, at: now };
  }

  private renewed(): void {
    const { clock, logger, metrics } = this.options;
    if (this.deadline !== undefined) clock.cancel(this.deadline);
    this.deadline = clock.setTimer(() => this.stepDown(`no renewal for ${this.renewDeadlineMs} ms`), this.renewDeadlineMs);
    if (this.leading) return;
    this.leading = true;
    metrics.leader.set(1);
    logger.log('info', 'became leader', { lease: `${this.options.namespace}/${this.name}` });
    this.options.onStartedLeading();
  }

  private stepDown(why: string): void {
    if (this.deadline !== undefined) this.options.clock.cancel(this.deadline);
    this.deadline = undefined;
    if (!this.leading) return;
    this.leading = false;
    this.options.metrics.leader.set(0);
    this.options.logger.log('warn', 'stopped leading', { why });
    this.options.onStoppedLeading();
  }
}
