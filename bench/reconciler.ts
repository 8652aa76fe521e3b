/**
 * Benchmark of the policy reconciler against the local API server (scripts/cluster). It runs the
 * reconciler the documented way, as `npm run reconciler` and the image do (scripts/policy-reconciler:
 * main.ts bundled by esbuild, one `node` process with the image's flags; here without leader
 * election) and prints:
 *   1. cold start: time from process start to a policy status covering N ACK objects (default
 *      5,000) and to an empty queue, first with Events still to write, then with all written;
 *   2. resident memory of that process with the N objects cached (process_resident_memory_bytes;
 *      the goal is under 150 MB at 5,000 objects);
 *   3. API writes per reconcile in steady state (a full resync of every key);
 *   4. time from a violating change (a new VPC without tags) to its Event and to its remediation
 *      (server-side apply of the missing tags), p50 and p99 over ITERATIONS changes;
 *   5. the API server restarted under the reconciler's open watches (scripts/cluster
 *      restart-apiserver), then at once a burst of BURST violating changes (new VPCs missing a tag,
 *      16 requests in flight): Events lost (a change without its Event), duplicated (two Events
 *      for one finding, or an Event written again for the N objects already reported), and the
 *      time from each change to its Event, p50/p99: from the API server's answer to the apply
 *      (the violation stored) and from the request's start (with the server's own queueing).
 *
 * Run (about 3 minutes on 2 cores):
 *   scripts/cluster up && eval "$(scripts/cluster env)"
 *   npx tsx bench/reconciler.ts               # OBJECTS=5000 ITERATIONS=200 BURST=1000 by default
 * BENCH_DEBUG=1 also prints the reconciler's log lines from the API server's stop to the burst's
 * first Event (informer restarts and their delays).
 * The restart uses `scripts/cluster restart-apiserver` on the cluster whose state folder holds the
 * kubeconfig (PLATFORM_CLUSTER_STOP_TIMEOUT=15, as the integration test: the open watches keep
 * kube-apiserver from stopping sooner).
 * The kubeconfig is PLATFORM_TEST_KUBECONFIG, else KUBECONFIG. Objects are created in the
 * namespaces prc-bench-<id> and deleted at the end.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObject, KubernetesObjectApi, makeInformer, PatchStrategy, Watch } from '@kubernetes/client-node';
import { REPO_ROOT } from '../charts/lib/crds-dir';
import { PooledKubeConfig } from '../controllers/policy-reconciler/src/pooled-kube-config';
import { POLICY_API_VERSION } from '../policy/policy-resources';

const OBJECTS = Number(process.env.OBJECTS ?? 5000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 200);
const BURST = Number(process.env.BURST ?? 1000);
const VIOLATING_SHARE = 0.1;
/** Bundles and starts the reconciler: the documented way to run it. */
const RUNNER = path.join(REPO_ROOT, 'scripts', 'policy-reconciler');
const RUN = randomBytes(3).toString('hex');
const ENV = `bench-${RUN}`;
const BULK_NS = `prc-bench-${RUN}`;
const LATENCY_NS = `prc-bench-${RUN}-latency`;
const BURST_NS = `prc-bench-${RUN}-burst`;
const SELECTOR = { 'platform.mycomputer.com/environment': ENV };
const TEAM_LABEL = 'platform.mycomputer.com/team';
const VPC = { group: 'ec2.services.k8s.aws', version: 'v1alpha1', plural: 'vpcs' };

const kubeconfigPath = process.env.PLATFORM_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
if (!kubeconfigPath) {
  console.error('bench/reconciler: set PLATFORM_TEST_KUBECONFIG or KUBECONFIG (eval "$(scripts/cluster env)")');
  process.exit(2);
}
// Keep-alive connections, as a Go client (kubectl, Argo CD) makes them: the burst arrives as fast as the API server takes it.
const config = PooledKubeConfig.of(new KubeConfig());
config.loadFromFile(kubeconfigPath);
const objects = KubernetesObjectApi.makeApiClient(config);
const core = config.makeApiClient(CoreV1Api);
const custom = config.makeApiClient(CustomObjectsApi);

const apply = (object: object) => objects.patch(object as KubernetesObject, undefined, undefined, 'bench', true, PatchStrategy.ServerSideApply);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function vpc(namespace: string, name: string, tags: Record<string, string>) {
  return {
    apiVersion: `${VPC.group}/${VPC.version}`,
    kind: 'VPC',
    metadata: { name, namespace, labels: { [TEAM_LABEL]: 'backend' } },
    spec: { cidrBlocks: ['10.0.0.0/16'], tags: Object.entries(tags).map(([key, value]) => ({ key, value })) },
  };
}

function policy(name: string, namespace: string, mode: 'audit' | 'enforce') {
  return {
    apiVersion: POLICY_API_VERSION,
    kind: 'TaggingPolicy',
    metadata: { name, labels: SELECTOR },
    spec: {
      mode,
      namespaces: [namespace],
      kinds: ['ec2.services.k8s.aws/VPC'],
      requiredTags: [{ key: 'Environment', allowedValues: [ENV] }, { key: 'Team' }, { key: 'CostCenter' }],
      sources: { fixed: { Environment: ENV, CostCenter: 'engineering' }, fromLabels: { Team: TEAM_LABEL } },
    },
  };
}

/** Runs `work` over `items` with `limit` requests in flight. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

async function setUp(): Promise<void> {
  for (const file of fs.readdirSync(path.join(REPO_ROOT, 'crds'))) {
    const { parse } = await import('yaml');
    await apply(parse(fs.readFileSync(path.join(REPO_ROOT, 'crds', file), 'utf8')));
  }
  for (const namespace of [BULK_NS, LATENCY_NS, BURST_NS]) await core.createNamespace({ body: { metadata: { name: namespace } } });
  await apply(policy(`${ENV}-bulk`, BULK_NS, 'audit'));
  await apply(policy(`${ENV}-latency`, LATENCY_NS, 'enforce'));
  await apply(policy(`${ENV}-burst`, BURST_NS, 'audit'));
  const started = Date.now();
  const names = Array.from({ length: OBJECTS }, (_, i) => `vpc-${String(i).padStart(5, '0')}`);
  const violating = (i: number) => i % Math.round(1 / VIOLATING_SHARE) === 0;
  await inParallel(names.map((name, i) => ({ name, i })), 16, async ({ name, i }) => {
    const tags: Record<string, string> = violating(i) ? { Environment: ENV, Team: 'backend' } : { Environment: ENV, Team: 'backend', CostCenter: 'engineering' };
    const created = (await apply(vpc(BULK_NS, name, tags))) as KubernetesObject & { status?: unknown };
    // What an ACK controller writes once the resource exists in AWS.
    await custom.replaceNamespacedCustomObjectStatus({
      ...VPC,
      namespace: BULK_NS,
      name,
      body: { ...created, status: { ackResourceMetadata: { arn: `arn:aws:ec2:eu-west-1:111111111111:vpc/${name}`, ownerAccountID: '111111111111', region: 'eu-west-1' }, conditions: [{ type: 'ACK.ResourceSynced', status: 'True', lastTransitionTime: new Date().toISOString() }] } },
    });
  });
  console.log(`set up ${OBJECTS} VPCs (${Math.round(OBJECTS * VIOLATING_SHARE)} missing a tag, all synced by "ACK") in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function tearDown(): Promise<void> {
  for (const namespace of [BULK_NS, LATENCY_NS, BURST_NS]) {
    await custom.deleteCollectionNamespacedCustomObject({ ...VPC, namespace }).catch(() => undefined);
    await core.deleteCollectionNamespacedEvent({ namespace }).catch(() => undefined);
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
  for (const name of [`${ENV}-bulk`, `${ENV}-latency`, `${ENV}-burst`]) await custom.deleteClusterCustomObject({ group: 'platform.mycomputer.com', version: 'v1alpha1', plural: 'taggingpolicies', name }).catch(() => undefined);
}

function bundle(): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reconciler-')), 'main.js');
  execFileSync(RUNNER, ['bundle', out], { cwd: REPO_ROOT, stdio: 'inherit' });
  return out;
}

interface Reconciler {
  readonly child: ChildProcess;
  readonly startedAt: number;
  readonly port: number;
  readonly logs: { at: number; entry: Record<string, unknown> }[];
}

function startReconciler(main: string, port: number): Reconciler {
  const startedAt = Date.now();
  // The runner execs node: the child is the reconciler process itself (signals, memory).
  const child = spawn(RUNNER, ['start', main], {
    env: { ...process.env, KUBECONFIG: kubeconfigPath, LEADER_ELECTION: 'false', HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', POLICY_SELECTOR: `platform.mycomputer.com/environment=${ENV}`, RESYNC_SECONDS: '3600', LOG_LEVEL: 'info', POD_NAME: 'bench' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Reconciler['logs'] = [];
  createInterface(child.stdout!).on('line', (line) => {
    try {
      logs.push({ at: Date.now(), entry: JSON.parse(line) });
    } catch {
      // not ours
    }
  });
  return { child, startedAt, port, logs };
}

async function stopReconciler(reconciler: Reconciler): Promise<void> {
  const exited = new Promise((resolve) => reconciler.child.once('exit', resolve));
  reconciler.child.kill('SIGTERM');
  await exited;
}

async function metrics(reconciler: Reconciler): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${reconciler.port}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

const sum = (values: Map<string, number>, prefix: string, exclude?: string) => [...values].filter(([key]) => key.startsWith(prefix) && !(exclude && key.includes(exclude))).reduce((total, [, value]) => total + value, 0);

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await pause(20);
  }
}

async function policyChecked(name: string): Promise<number> {
  const object = (await custom.getClusterCustomObject({ group: 'platform.mycomputer.com', version: 'v1alpha1', plural: 'taggingpolicies', name })) as { status?: { resourcesChecked?: number } };
  return object.status?.resourcesChecked ?? 0;
}

/** Queue empty and no write for 500 ms. */
async function drained(reconciler: Reconciler): Promise<number> {
  let lastWrites = -1;
  let stableSince = 0;
  return until(async () => {
    const values = await metrics(reconciler);
    const writes = sum(values, 'policy_reconciler_api_writes_total');
    const depth = values.get('policy_reconciler_queue_depth') ?? 1;
    if (depth !== 0 || writes !== lastWrites) {
      lastWrites = writes;
      stableSince = Date.now();
      return false;
    }
    return Date.now() - stableSince > 500 ? stableSince : false;
  }, 'an empty queue');
}

/**
 * Starts the reconciler and times it: cache listed (its log), every object and policy key
 * reconciled once (metrics), the policy status covering every object (API), queue drained.
 */
async function coldStart(main: string, label: string, statusExpected: boolean): Promise<Reconciler> {
  const reconciler = startReconciler(main, 18000 + Math.floor(Math.random() * 1000));
  const synced = await until(async () => reconciler.logs.find((l) => l.entry.msg === 'cache synced' && l.entry.kind === 'ec2.services.k8s.aws/VPC' && l.entry.namespace === BULK_NS), 'VPC cache synced');
  const evaluatedAt = await until(async () => {
    const values = await metrics(reconciler);
    return sum(values, 'policy_reconciler_reconciles_total{type="object"') >= OBJECTS && sum(values, 'policy_reconciler_reconciles_total{type="policy"') >= 2 ? Date.now() : false;
  }, `${OBJECTS} objects reconciled`);
  const statusAt = statusExpected ? await until(async () => ((await policyChecked(`${ENV}-bulk`)) === OBJECTS ? Date.now() : false), `status of ${OBJECTS} objects`) : undefined;
  const drainedAt = await drained(reconciler);
  const values = await metrics(reconciler);
  const s = (at: number) => `${((at - reconciler.startedAt) / 1000).toFixed(2)} s`;
  console.log(`${label}:`);
  console.log(`  cache of ${synced.entry.objects} VPCs listed ${s(synced.at)} after process start; every object and policy evaluated at ${s(evaluatedAt)}${statusAt ? `; policy status covering ${OBJECTS} written at ${s(statusAt)}` : ''}; queue empty, no more writes at ${s(drainedAt)}`);
  console.log(`  writes: ${sum(values, 'policy_reconciler_api_writes_total')} (${['event', 'status', 'apply'].map((verb) => `${verb} ${values.get(`policy_reconciler_api_writes_total{verb="${verb}"}`) ?? 0}`).join(', ')})`);
  return reconciler;
}

async function steadyState(reconciler: Reconciler): Promise<void> {
  const memory = await metrics(reconciler);
  const mib = (name: string) => ((memory.get(name) ?? NaN) / 2 ** 20).toFixed(0);
  const mb = (memory.get('policy_reconciler_process_resident_memory_bytes') ?? NaN) / 1e6;
  console.log(`resident memory with ${OBJECTS} VPCs (+ ${Math.round(OBJECTS * VIOLATING_SHARE)} Events) cached: ${mb.toFixed(0)} MB = ${mib('policy_reconciler_process_resident_memory_bytes')} MiB (goal: under 150 MB) (V8 heap used ${mib('policy_reconciler_nodejs_heap_size_used_bytes')} MiB; ${path.relative(REPO_ROOT, RUNNER)} start, as \`npm run reconciler\`)`);
  // A full resync: every key reconciled again, nothing changed.
  const before = await metrics(reconciler);
  reconciler.child.kill('SIGUSR2');
  await until(async () => sum(await metrics(reconciler), 'policy_reconciler_reconciles_total') >= sum(before, 'policy_reconciler_reconciles_total') + OBJECTS, 'a full resync');
  await drained(reconciler);
  const after = await metrics(reconciler);
  const reconciles = sum(after, 'policy_reconciler_reconciles_total') - sum(before, 'policy_reconciler_reconciles_total');
  const writes = sum(after, 'policy_reconciler_api_writes_total', 'lease') - sum(before, 'policy_reconciler_api_writes_total', 'lease');
  console.log(`steady state: ${reconciles} reconciles, ${writes} API writes → ${(writes / reconciles).toFixed(4)} writes per reconcile`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function latency(): Promise<void> {
  // The benchmark's own watches see the Event and the remediation as soon as the API server has them.
  const eventSeen = new Map<string, number>();
  const fixedSeen = new Map<string, number>();
  const events = makeInformer(config, `/api/v1/namespaces/${LATENCY_NS}/events`, () => core.listNamespacedEvent({ namespace: LATENCY_NS }) as never);
  events.on('add', (event: KubernetesObject & { involvedObject?: { name?: string }; reason?: string }) => {
    if (event.reason === 'TagMissing' && !eventSeen.has(event.involvedObject!.name!)) eventSeen.set(event.involvedObject!.name!, Date.now());
  });
  const vpcs = makeInformer(config, `/apis/${VPC.group}/${VPC.version}/namespaces/${LATENCY_NS}/${VPC.plural}`, () => custom.listNamespacedCustomObject({ ...VPC, namespace: LATENCY_NS }) as never);
  vpcs.on('update', (object: KubernetesObject & { spec?: { tags?: { key: string }[] } }) => {
    if ((object.spec?.tags ?? []).length === 3 && !fixedSeen.has(object.metadata!.name!)) fixedSeen.set(object.metadata!.name!, Date.now());
  });
  await events.start();
  await vpcs.start();
  const toEvent: number[] = [];
  const toFix: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const name = `change-${i}`;
    const sent = Date.now();
    await apply(vpc(LATENCY_NS, name, { Environment: ENV }));
    await until(async () => fixedSeen.has(name) && eventSeen.has(name), `remediation of ${name}`, 30_000);
    toEvent.push(eventSeen.get(name)! - sent);
    toFix.push(fixedSeen.get(name)! - sent);
  }
  await events.stop();
  await vpcs.stop();
  const show = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`;
  };
  console.log(`violating change → its Event (${ITERATIONS} changes): ${show(toEvent)}`);
  console.log(`violating change → remediation applied (${ITERATIONS} changes): ${show(toFix)}`);
}

/** When the API server first takes a watch of `watchPath` (asked every 50 ms; a refusal is a 429 or 503). */
async function watchTakenAt(watchPath: string): Promise<number> {
  const watch = new Watch(config);
  for (;;) {
    let refused = false;
    const request = await watch.watch(watchPath, {}, () => undefined, (error) => {
      if (error) refused = true;
    }).catch(() => undefined);
    if (request && !refused) {
      const at = Date.now();
      request.abort();
      return at;
    }
    await pause(50);
  }
}

/** Our Events in a namespace (the reconciler labels them). */
async function eventsIn(namespace: string) {
  return (await core.listNamespacedEvent({ namespace, labelSelector: 'app.kubernetes.io/managed-by=policy-reconciler' })).items;
}

/**
 * The API server restarted under the reconciler's watches, then BURST violating changes at once.
 * The reconciler runs in audit mode on BURST_NS: each change must get exactly one TagMissing
 * Event (CostCenter), and the already reported objects of BULK_NS none again.
 */
async function restartAndBurst(reconciler: Reconciler): Promise<void> {
  const bulkEventsBefore = (await eventsIn(BULK_NS)).length;
  const writesBefore = (await metrics(reconciler)).get('policy_reconciler_api_writes_total{verb="event"}') ?? 0;
  const restartsBefore = sum(await metrics(reconciler), 'policy_reconciler_informer_restarts_total');
  const stopped = Date.now();
  // Not execFileSync: the event loop must see the old server close the kept-alive connections,
  // or the first requests after the restart go out on them and fail (ECONNRESET).
  await promisify(execFile)(path.join(REPO_ROOT, 'scripts', 'cluster'), ['restart-apiserver'], { env: { ...process.env, PLATFORM_CLUSTER_DIR: process.env.PLATFORM_CLUSTER_DIR ?? path.dirname(kubeconfigPath!), PLATFORM_CLUSTER_STOP_TIMEOUT: '15' } });
  const answering = Date.now();
  // The benchmark's own watch, started on the new API server, sees each Event as soon as it is stored.
  const eventSeen = new Map<string, number>();
  const events = makeInformer(config, `/api/v1/namespaces/${BURST_NS}/events`, () => core.listNamespacedEvent({ namespace: BURST_NS }) as never);
  events.on('add', (event: KubernetesObject & { involvedObject?: { name?: string }; reason?: string }) => {
    if (event.reason === 'TagMissing' && !eventSeen.has(event.involvedObject!.name!)) eventSeen.set(event.involvedObject!.name!, Date.now());
  });
  await events.start();
  const watchesBack = watchTakenAt(`/apis/${VPC.group}/${VPC.version}/namespaces/${BURST_NS}/${VPC.plural}`);
  const sent = new Map<string, number>();
  const stored = new Map<string, number>();
  const names = Array.from({ length: BURST }, (_, i) => `burst-${String(i).padStart(5, '0')}`);
  await inParallel(names, 16, async (name) => {
    sent.set(name, Date.now());
    await apply(vpc(BURST_NS, name, { Environment: ENV, Team: 'backend' }));
    stored.set(name, Date.now());
  });
  const burstSent = Date.now();
  await until(async () => eventSeen.size >= BURST, `Events of the ${BURST} changes`, 120_000).catch(() => undefined);
  await drained(reconciler);
  await events.stop();
  const after = await metrics(reconciler);
  const burstEvents = await eventsIn(BURST_NS);
  const perFinding = new Map<string, number>();
  for (const event of burstEvents) {
    const key = `${event.involvedObject.name}|${event.reason}|${event.message}`;
    perFinding.set(key, (perFinding.get(key) ?? 0) + (event.count ?? 1));
  }
  const lost = names.filter((name) => !burstEvents.some((e) => e.involvedObject.name === name && e.reason === 'TagMissing'));
  const duplicated = [...perFinding.values()].reduce((n, count) => n + count - 1, 0) + ((await eventsIn(BULK_NS)).length - bulkEventsBefore);
  const eventWrites = (after.get('policy_reconciler_api_writes_total{verb="event"}') ?? 0) - writesBefore;
  const watchesTaken = await watchesBack;
  const since = (start: Map<string, number>, after = 0) => names.filter((name) => eventSeen.has(name) && start.get(name)! >= after).map((name) => eventSeen.get(name)! - start.get(name)!).sort((a, b) => a - b);
  const show = (sorted: number[]) => `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`;
  const firstEvent = Math.min(...eventSeen.values());
  if (process.env.BENCH_DEBUG) {
    for (const l of reconciler.logs.filter((l) => l.at >= stopped && l.at <= firstEvent + 500)) console.log(`  [${((l.at - answering) / 1000).toFixed(2)}] ${JSON.stringify(l.entry).slice(0, 300)}`);
    // By when each change was stored (half-second slots after the API server answered): how many, and their best and worst wait.
    const slots = new Map<number, number[]>();
    for (const name of names.filter((n) => eventSeen.has(n))) {
      const slot = Math.floor((stored.get(name)! - answering) / 500);
      slots.set(slot, [...(slots.get(slot) ?? []), eventSeen.get(name)! - stored.get(name)!]);
    }
    for (const [slot, waits] of [...slots].sort((a, b) => a[0] - b[0])) console.log(`  stored ${(slot / 2).toFixed(1)}-${((slot + 1) / 2).toFixed(1)} s: ${waits.length} changes, their Event after ${Math.min(...waits)}-${Math.max(...waits)} ms`);
  }
  console.log(`API server restarted under the watches of ${OBJECTS} + ${BURST} objects: answering again ${((answering - stopped) / 1000).toFixed(1)} s after the stop began; informer restarts ${sum(after, 'policy_reconciler_informer_restarts_total') - restartsBefore}; first burst Event ${((firstEvent - answering) / 1000).toFixed(2)} s after it answered`);
  console.log(`burst of ${BURST} violating changes sent in ${((burstSent - answering) / 1000).toFixed(1)} s: Events lost ${lost.length}, duplicated ${duplicated} (Events written ${eventWrites}; ${bulkEventsBefore} Events of the bulk namespace before, ${(await eventsIn(BULK_NS)).length} after)`);
  // The violation exists once the API server has stored the change (its answer to the apply);
  // from the request's start also counts the API server's own queueing of the burst.
  console.log(`violating change stored → its Event during the burst (${eventSeen.size} changes): ${show(since(stored))}`);
  console.log(`violating change sent → its Event during the burst: ${show(since(sent))}`);
  // After a restart the API server answers 429 to every watch of a kind until its watch cache
  // has filled: no watching client sees a change stored meanwhile before then.
  const takingWatches = since(stored, watchesTaken);
  console.log(`the API server took watches of VPCs again ${((watchesTaken - answering) / 1000).toFixed(2)} s after it answered; the ${takingWatches.length} changes stored from then on: stored → its Event ${show(takingWatches)}`);
}

async function main(): Promise<void> {
  console.log(`policy reconciler benchmark: ${OBJECTS} ACK objects, ${ITERATIONS} violating changes, ${os.cpus().length} CPUs, node ${process.version}`);
  const main = bundle();
  await setUp();
  try {
    const first = await coldStart(main, 'cold start, first ever (Events and status to write)', true);
    await stopReconciler(first);
    const second = await coldStart(main, 'cold start, restart (Events and status already written)', false);
    await steadyState(second);
    await latency();
    await restartAndBurst(second);
    await stopReconciler(second);
  } finally {
    await tearDown();
    fs.rmSync(path.dirname(main), { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
