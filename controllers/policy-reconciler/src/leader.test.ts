import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock';
import { StatusError } from './errors';
import { LeaderElector } from './leader';
import { MemoryLogger } from './logger';
import { Metrics } from './metrics';
import { FakeKube } from './testing/fake-kube';

function replica(kube: FakeKube, clock: FakeClock, identity: string) {
  const state = { leading: false, transitions: 0 };
  const elector = new LeaderElector({
    client: kube,
    clock,
    logger: new MemoryLogger(),
    metrics: new Metrics(),
    namespace: 'ns',
    identity,
    onStartedLeading: () => {
      state.leading = true;
      state.transitions++;
    },
    onStoppedLeading: () => {
      state.leading = false;
    },
  });
  return { elector, state };
}

describe('leader election on a Lease', () => {
  it('elects exactly one of two replicas, and the other stays a follower while the leader renews', async () => {
    const kube = new FakeKube();
    const clock = new FakeClock();
    const a = replica(kube, clock, 'a');
    const b = replica(kube, clock, 'b');
    await Promise.all([a.elector.tick(), b.elector.tick()]);
    expect([a.state.leading, b.state.leading].filter(Boolean)).toHaveLength(1);
    const [leader, follower] = a.state.leading ? [a, b] : [b, a];
    for (let i = 0; i < 20; i++) {
      clock.advance(2000);
      await leader.elector.tick();
      await follower.elector.tick();
      expect(leader.state.leading && !follower.state.leading).toBe(true);
    }
    expect(kube.lease('ns', 'policy-reconciler')?.holderIdentity).toBe(leader === a ? 'a' : 'b');
  });

  it('hands over only after the leader stopped renewing for a lease duration, and the old leader steps down first', async () => {
    const kube = new FakeKube();
    const clock = new FakeClock();
    const a = replica(kube, clock, 'a');
    const b = replica(kube, clock, 'b');
    await a.elector.tick();
    await b.elector.tick();
    expect(a.state.leading).toBe(true);

    // WHEN a cannot reach the API server any more
    const timeline: string[] = [];
    for (let t = 2000; t <= 20_000; t += 2000) {
      clock.advance(2000);
      kube.failNext('readLease', new StatusError(503, 'down'), 'ns/policy-reconciler');
      await a.elector.tick();
      await b.elector.tick();
      timeline.push(`${t}:${a.state.leading ? 'a' : '-'}${b.state.leading ? 'b' : '-'}`);
    }

    // THEN a stops at the renew deadline (10 s), b takes over after the lease duration (15 s), never both
    expect(timeline).toEqual(['2000:a-', '4000:a-', '6000:a-', '8000:a-', '10000:--', '12000:--', '14000:--', '16000:-b', '18000:-b', '20000:-b']);
    expect(kube.lease('ns', 'policy-reconciler')).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('gives the lease up on stop so that the follower takes over at once', async () => {
    const kube = new FakeKube();
    const clock = new FakeClock();
    const a = replica(kube, clock, 'a');
    const b = replica(kube, clock, 'b');
    await a.elector.tick();
    await a.elector.stop();
    expect(a.state.leading).toBe(false);
    await b.elector.tick();
    expect(b.state.leading).toBe(true);
  });

  it('refuses a renew deadline that is not shorter than the lease', () => {
    expect(() => new LeaderElector({ client: new FakeKube(), clock: new FakeClock(), logger: new MemoryLogger(), metrics: new Metrics(), namespace: 'ns', identity: 'a', leaseDurationMs: 10_000, renewDeadlineMs: 10_000, onStartedLeading: () => {}, onStoppedLeading: () => {} })).toThrow(
      'LeaderElector: renewDeadlineMs (10000) must be shorter than leaseDurationMs (10000)',
    );
  });
});
