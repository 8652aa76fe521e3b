import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock';
import { WorkQueue } from './work-queue';

describe('WorkQueue', () => {
  it('hands out a key once however often it was added', async () => {
    const queue = new WorkQueue(new FakeClock());
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.length()).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
    expect(queue.length()).toBe(0);
  });

  it('never gives a key to two workers: one added while processing comes back after done()', async () => {
    const queue = new WorkQueue(new FakeClock());
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    expect(queue.length()).toBe(0);
    queue.done(key!);
    expect(queue.length()).toBe(1);
    expect(await queue.get()).toBe('a');
  });

  it('retries with capped exponential backoff and forgets on success', () => {
    const clock = new FakeClock();
    const queue = new WorkQueue(clock, { baseMs: 100, maxMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map(() => queue.addRateLimited('a'))).toEqual([100, 200, 400, 800, 1000, 1000]);
    queue.forget('a');
    expect(queue.addRateLimited('a')).toBe(100);
    expect(queue.addRateLimited('b', 5000)).toBe(5000);
  });

  it('adds a delayed key when its time comes, keeping the earliest of two delays', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue(clock);
    queue.addAfter('a', 500);
    queue.addAfter('a', 200);
    queue.addAfter('a', 900);
    expect(clock.pendingDelays()).toEqual([200]);
    clock.advance(199);
    expect(queue.length()).toBe(0);
    clock.advance(1);
    expect(queue.length()).toBe(1);
    expect(queue.delayedCount()).toBe(0);
  });

  it('wakes a waiting worker, and releases it on shutdown', async () => {
    const queue = new WorkQueue(new FakeClock());
    const waiting = queue.get();
    queue.add('x');
    expect(await waiting).toBe('x');
    const idle = queue.get();
    queue.shutDown();
    expect(await idle).toBeUndefined();
  });
});
