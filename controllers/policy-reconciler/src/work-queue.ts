/**
 * A de-duplicating work queue with client-go's semantics: a key is queued at most once, never
 * handed to two workers at the same time (one added while it is processed is queued again when
 * done()), and failures are retried with capped exponential backoff per key.
 */
import { backoffDelay, BackoffOptions } from './backoff';
import { Clock } from './clock';

export class WorkQueue {
  private readonly queue: string[] = [];
  private head = 0;
  /** Keys waiting in `queue` or added again while processing. */
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; handle: unknown }>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;

  constructor(private readonly clock: Clock, private readonly backoff: BackoffOptions = {}) {}

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.push(key);
  }

  /** Adds `key` after `ms`; an earlier pending add of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.cancel(pending.handle);
    const handle = this.clock.setTimer(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { at, handle });
  }

  /** Retries `key` after the backoff of its failure count (or `atLeastMs`, when the server asked for more). */
  addRateLimited(key: string, atLeastMs = 0): number {
    const attempt = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempt);
    const delay = Math.max(backoffDelay(attempt, this.backoff), atLeastMs);
    this.addAfter(key, delay);
    return delay;
  }

  /** The key succeeded: its next failure starts the backoff again. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process; undefined once shut down. */
  get(): Promise<string | undefined> {
    const key = this.pop();
    if (key !== undefined || this.shuttingDown) return Promise.resolve(key);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Processing of `key` finished; if it was added meanwhile it is queued again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.push(key);
  }

  /** Keys waiting to be processed (not the delayed ones). */
  length(): number {
    return this.queue.length - this.head;
  }

  /** True when nothing is queued or processing (keys waiting for a retry may be pending). */
  idle(): boolean {
    return this.length() === 0 && this.processing.size === 0;
  }

  /** Keys waiting for a retry. */
  delayedCount(): number {
    return this.delayed.size;
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const { handle } of this.delayed.values()) this.clock.cancel(handle);
    this.delayed.clear();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  private push(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(key);
      this.processing.add(key);
      waiter(key);
    } else {
      this.queue.push(key);
    }
  }

  private pop(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++];
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }
}
