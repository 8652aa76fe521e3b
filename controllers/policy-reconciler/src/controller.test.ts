import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from './clock';
import { Controller } from './controller';
import { StatusError } from './errors';
import { startHttpServer, RunningServer } from './http';
import { JsonLogger, MemoryLogger } from './logger';
import { Metrics } from './metrics';
import { FakeKube, until } from './testing/fake-kube';
import { COMPLIANT_TAGS, policyObject, startController, synced, TAGGING_SPEC, vpc } from './testing/fixtures';

const VPC = 'ec2.services.k8s.aws/VPC';

describe('informers', () => {
  it('restart after a watch error with capped exponential backoff and catch up on what changed meanwhile', async () => {
    // GIVEN a running controller with a compliant VPC
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', { ...TAGGING_SPEC, mode: 'audit' }));
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, status: synced() }));
    // (the backoff alone: no reconnect probe, which has its own test)
    const { clock, metrics, settle } = await startController(kube, { reconnectProbeMs: 0 });
    const informer = kube.informersOf(VPC)[0];

    // WHEN the watch breaks, the VPC loses a tag while nobody watches, and the first two restarts fail
    informer.breakWatch(new Error('socket hang up'));
    kube.put(vpc('vpc', { tags: { Environment: 'test' }, status: synced() }));
    kube.failNext('list', new StatusError(503, 'apiserver restarting'), VPC);
    kube.failNext('list', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), VPC);
    await settle();
    const delays: number[] = [];
    while (!informer.running && delays.length < 10) {
      const next = Math.min(...clock.pendingDelays());
      delays.push(next);
      clock.advance(next);
      await settle();
    }

    // THEN it waited 250, 250 (503: busy, capped), 1000 ms, re-listed, and reported the change
    expect(delays).toEqual([250, 250, 1000]);
    expect(await metrics.total(metrics.informerRestarts, { kind: VPC })).toBe(3);
    expect(kube.all('/Event').map((e) => (e as unknown as { message: string }).message).sort()).toEqual(['TaggingPolicy p: tag CostCenter is missing', 'TaggingPolicy p: tag Team is missing']);
  });

  it('restarts every informer waiting for the API server as soon as it answers again, not at the end of its backoff', async () => {
    // GIVEN a running controller with a compliant VPC
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', { ...TAGGING_SPEC, mode: 'audit' }));
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, status: synced() }));
    const { clock, logger, settle } = await startController(kube, { informerBackoff: { baseMs: 250, maxMs: 10_000 }, reconnectProbeMs: 500 });
    const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const watched = [VPC, '/Event'].map((key) => kube.informersOf(key)[0]);

    // WHEN the API server goes away for 20 s: every watch breaks, every relist and probe is refused
    for (let i = 0; i < 100; i++) {
      kube.failNext('list', refused());
      kube.failNext('ping', refused());
    }
    for (const informer of watched) informer.breakWatch(refused());
    kube.put(vpc('vpc', { tags: { Environment: 'test' }, status: synced() }));
    for (let elapsed = 0; elapsed < 20_000; elapsed += 100) {
      clock.advance(100);
      await settle();
    }
    const pingsWhileDown = kube.pings;
    // ... and then answers again, while each informer still has seconds of backoff to wait
    kube.clearFailures();
    const backoffLeft = Math.max(...clock.pendingDelays());
    let sinceBack = 0;
    while (!watched.every((informer) => informer.running) && sinceBack < 10_000) {
      clock.advance(100);
      sinceBack += 100;
      await settle();
    }

    // THEN the probe saw it down, and within one probe period every informer relisted and the change is reported
    expect(pingsWhileDown).toBeGreaterThan(10);
    expect(backoffLeft).toBeGreaterThan(2000);
    expect(sinceBack).toBeLessThanOrEqual(500);
    expect(logger.lines.some((line) => line.msg === 'API server answers again; restarting the informers waiting for it')).toBe(true);
    expect(kube.all('/Event').map((e) => (e as unknown as { message: string }).message)).toContain('TaggingPolicy p: tag Team is missing');
  });

  it('keeps the backoff when the API server answers: a watch that fails alone does not relist every probe period', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    const { clock, settle } = await startController(kube, { informerBackoff: { baseMs: 1000, maxMs: 10_000 }, reconnectProbeMs: 100 });
    const informer = kube.informersOf(VPC)[0];
    kube.failNext('list', new Error('socket hang up'), VPC);
    informer.breakWatch(new Error('socket hang up'));
    for (let elapsed = 0; elapsed < 2900; elapsed += 100) {
      clock.advance(100);
      await settle();
    }
    // 1 s, then (the relist failed too) 2 s: not restarted early although every probe was answered
    expect(kube.pings).toBeGreaterThan(0);
    expect(informer.running).toBe(false);
    clock.advance(100);
    await settle();
    expect(informer.running).toBe(true);
  });

  it('watches again within 250 ms while the API server answers 429 or 503 (busy, not away), or when its Retry-After says', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    const { clock, settle } = await startController(kube, { informerBackoff: { baseMs: 250, maxMs: 10_000 }, reconnectProbeMs: 0 });
    const informer = kube.informersOf(VPC)[0];
    informer.breakWatch(new StatusError(429, 'storage is (re)initializing'));
    const failures = [new StatusError(429, 'storage is (re)initializing'), new StatusError(503, 'unavailable'), new StatusError(429, 'too many requests'), new StatusError(429, 'too many requests', { 'retry-after': '2' }), new StatusError(500, 'internal')];
    const delays: number[] = [];
    for (const failure of failures) {
      kube.failNext('list', failure, VPC);
      const next = Math.min(...clock.pendingDelays());
      delays.push(next);
      clock.advance(next);
      await settle();
    }
    delays.push(Math.min(...clock.pendingDelays()));
    // capped at 250 while busy, Retry-After's 2 s when given, and the full backoff for a 500
    expect(delays).toEqual([250, 250, 250, 250, 2000, 8000]);
  });

  it('restarts every informer waiting for the API server as soon as one of them watches again', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    const { clock, settle } = await startController(kube, { informerBackoff: { baseMs: 250, maxMs: 10_000 }, reconnectProbeMs: 0 });
    const [vpcs, events] = [VPC, '/Event'].map((key) => kube.informersOf(key)[0]);
    const busy = () => new StatusError(429, 'storage is (re)initializing');
    const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const step = async (ms: number) => {
      for (let elapsed = 0; elapsed < ms; elapsed += 50) {
        clock.advance(50);
        await settle();
      }
    };
    // GIVEN the Events watch broken at 0, its restarts refused at 250 and 750 ms: its next try is at 1750 ms
    kube.failNext('list', refused(), '/Event');
    kube.failNext('list', refused(), '/Event');
    events.breakWatch(refused());
    await step(800);
    expect(events.running).toBe(false);
    // WHEN the VPC watch breaks at 800 ms and is taken again at 1050 ms
    vpcs.breakWatch(busy());
    await step(250);
    // THEN the Events informer is watching again with it, not 700 ms later
    expect(vpcs.running).toBe(true);
    expect(events.running).toBe(true);
  });

  it('gives a server busy for longer than about 10 s the full backoff again', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    const { clock, settle } = await startController(kube, { informerBackoff: { baseMs: 250, maxMs: 10_000 }, reconnectProbeMs: 0 });
    const informer = kube.informersOf(VPC)[0];
    informer.breakWatch(new StatusError(429, 'too many requests'));
    const delays: number[] = [];
    for (let i = 0; i < 42; i++) {
      kube.failNext('list', new StatusError(429, 'too many requests'), VPC);
      const next = Math.min(...clock.pendingDelays());
      delays.push(next);
      clock.advance(next);
      await settle();
    }
    expect(delays.slice(0, 40).every((delay) => delay === 250)).toBe(true);
    expect(delays.slice(40)).toEqual([10_000, 10_000]);
  });

  it('caps the restart backoff', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    const { clock, settle } = await startController(kube, { informerBackoff: { baseMs: 250, maxMs: 2000 }, reconnectProbeMs: 0 });
    const informer = kube.informersOf(VPC)[0];
    informer.breakWatch(new Error('reset'));
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      kube.failNext('list', new StatusError(500, 'down'), VPC);
      const next = Math.min(...clock.pendingDelays());
      delays.push(next);
      clock.advance(next);
      await settle();
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 2000, 2000]);
  });
});

describe('leadership gates writes', () => {
  it('a follower keeps its caches warm and writes nothing; it works once it leads', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    kube.put(vpc('vpc', { status: synced() }));
    // GIVEN another replica holds a fresh lease
    await kube.createLease('ns', 'policy-reconciler', { holderIdentity: 'other', leaseDurationSeconds: 15, renewTime: new Date(), acquireTime: new Date(), leaseTransitions: 0 });
    const clock = new FakeClock();
    const controller = new Controller({ client: kube, clock, logger: new MemoryLogger(), metrics: new Metrics(), identity: 'me', policySelector: 'platform.mycomputer.com/environment=test', leaderElection: { namespace: 'ns' } });
    controller.start();
    await until(() => controller.ready() && controller.synced(VPC, 'mycomputer-test'), 'caches synced');
    await until(() => kube.writesOf('createLease').length === 1 && controller.queue.length() > 0, 'work queued');

    // THEN nothing is written while the other replica leads
    const writes = () => kube.writes.filter((w) => ['apply', 'event', 'status'].includes(w.verb));
    expect(controller.isLeader()).toBe(false);
    expect(writes()).toEqual([]);

    // WHEN the other replica stops renewing for a lease duration
    for (let i = 0; i < 20 && !controller.isLeader(); i++) {
      clock.advance(2000);
      // let the elector's round (a lease read, maybe a write) run before time moves again
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(controller.isLeader()).toBe(true);
    await until(() => controller.queue.idle() && writes().length > 0, 'worked');

    // THEN this replica reconciles
    expect(writes().map((w) => w.verb)).toContain('apply');
    await controller.stop();
  });
});

describe('HTTP endpoints and logs', () => {
  let server: RunningServer | undefined;
  afterEach(async () => server?.close());

  it('serves /healthz, /readyz by cache state, and Prometheus /metrics', async () => {
    const metrics = new Metrics();
    metrics.queueDepthSource = () => 7;
    metrics.reconciles.inc({ type: 'object', result: 'success' });
    let ready = false;
    server = await startHttpServer({ port: 0, host: '127.0.0.1', metrics, ready: () => ready });
    const get = (path: string) => fetch(`http://127.0.0.1:${server!.port}${path}`);
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(503);
    ready = true;
    expect((await get('/readyz')).status).toBe(200);
    const text = await (await get('/metrics')).text();
    expect(text).toContain('policy_reconciler_queue_depth 7');
    expect(text).toContain('policy_reconciler_reconciles_total{type="object",result="success"} 1');
    for (const name of ['policy_reconciler_errors_total', 'policy_reconciler_api_writes_total', 'policy_reconciler_resources', 'policy_reconciler_reconcile_duration_seconds', 'policy_reconciler_leader']) expect(text).toContain(`# TYPE ${name}`);
  });

  it('logs one JSON object per line with time, level, message and fields', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('info', (line) => lines.push(line), () => Date.parse('2026-01-01T00:00:00Z')).with({ component: 'policy-reconciler' });
    logger.log('debug', 'hidden');
    logger.log('warn', 'reconcile failed; retrying', { key: 'k', error: Object.assign(new Error('boom\nstack'), { code: 503 }) });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { time: '2026-01-01T00:00:00.000Z', level: 'warn', msg: 'reconcile failed; retrying', component: 'policy-reconciler', key: 'k', error: { message: 'boom', code: 503 } },
    ]);
  });
});

describe('policy selector', () => {
  it('warns once the policy caches are listed when the selector matches no policy, and keeps running', async () => {
    // GIVEN a policy of another environment only
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    // WHEN this replica selects an environment that has none
    const { controller, logger } = await startController(kube, { policySelector: 'platform.mycomputer.com/environment=nowhere' });
    // THEN one warning names the selector, and the replica is ready (it serves, waiting for a policy)
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ msg: expect.stringContaining('no policy matches'), fields: expect.objectContaining({ policySelector: 'platform.mycomputer.com/environment=nowhere' }) })]);
    expect(controller.ready()).toBe(true);
    await controller.stop();
  });

  it('says nothing when the selector matches a policy', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', TAGGING_SPEC));
    const { controller, logger } = await startController(kube);
    expect(logger.lines.filter((l) => l.msg.includes('no policy matches'))).toEqual([]);
    await controller.stop();
  });
});

describe('policy status during a burst', () => {
  it('writes each change\'s Events at once and recounts the status once per statusDelayMs, not once per change', async () => {
    // GIVEN a controller whose status recount waits 1 s after a covered object changes
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', 'p', { ...TAGGING_SPEC, mode: 'audit' }));
    const { clock, settle } = await startController(kube, { statusDelayMs: 1000 });
    const statusWrites = () => kube.writesOf('status').length;
    const before = statusWrites();

    // WHEN five VPCs missing tags arrive within the delay
    for (let i = 0; i < 5; i++) kube.put(vpc(`vpc-${i}`, { tags: { Environment: 'test' }, status: synced() }));
    await settle();

    // THEN their Events are written, the status is not recounted yet
    expect(kube.all('/Event').length).toBe(10);
    expect(statusWrites()).toBe(before);
    expect(clock.pendingDelays()).toContain(1000);

    // AND once the delay is over, one recount covers all five
    clock.advance(1000);
    await settle();
    expect(statusWrites()).toBe(before + 1);
    expect(kube.get('platform.mycomputer.com/v1alpha1', 'TaggingPolicy', undefined, 'p')?.status).toMatchObject({ resourcesChecked: 5, violating: 5 });
  });
});
