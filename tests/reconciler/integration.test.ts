/**
 * The policy reconciler against the real kube-apiserver of scripts/cluster: ACK objects with and
 * without tags, status set as an ACK controller sets it, Events, policy status, server-side
 * apply on unmanaged objects only, zero writes on a second pass, recovery after the API server
 * restarts mid-watch (with a burst of changes right after it: no Event lost or repeated), and one
 * leader out of two replicas.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { POLICY_API_VERSION, PolicyStatus } from '../../policy/policy-resources';
import { ClientNodeKube } from '../../controllers/policy-reconciler/src/client-node';
import { systemClock } from '../../controllers/policy-reconciler/src/clock';
import { Controller, ControllerOptions } from '../../controllers/policy-reconciler/src/controller';
import { MemoryLogger } from '../../controllers/policy-reconciler/src/logger';
import { Metrics } from '../../controllers/policy-reconciler/src/metrics';
import { mapLimit } from '../support/kube';
import { ClusterClient, describeWithCluster, eventually, kubeConfig, restartApiServer } from './support/cluster';

const RUN = randomBytes(3).toString('hex');
const NS = `prc-it-${RUN}`;
const ENV = `it-${RUN}`;
const TAGGING = `${ENV}-tagging`;
const VPC_API = 'ec2.services.k8s.aws/v1alpha1';
const TEAM_LABEL = 'platform.mycomputer.com/team';
const COMPLIANT = [{ key: 'Environment', value: ENV }, { key: 'Team', value: 'backend' }];
/** Violating changes made at once right after the API server restart (bench/reconciler.ts times them over 5,000 objects). */
const BURST = Number(process.env.PLATFORM_TEST_RECONCILER_BURST ?? 1000);
const BURST_LABEL = 'platform.mycomputer.com/test-burst';
/** Longest wait per queued change for the controller to settle (an Event and a status write each, on a shared machine). */
const SETTLE_MS_PER_CHANGE = 100;

interface Running {
  readonly controller: Controller;
  readonly metrics: Metrics;
  readonly logger: MemoryLogger;
}

const running: Running[] = [];

function startReconciler(identity: string, options: Partial<ControllerOptions> = {}): Running {
  const metrics = new Metrics();
  const logger = new MemoryLogger();
  const controller = new Controller({
    client: new ClientNodeKube(kubeConfig()),
    clock: systemClock,
    logger,
    metrics,
    identity,
    policySelector: `platform.mycomputer.com/environment=${ENV}`,
    informerBackoff: { baseMs: 200, maxMs: 2000 },
    ...options,
  });
  controller.start();
  const entry = { controller, metrics, logger };
  running.push(entry);
  return entry;
}

async function stopReconciler(entry: Running): Promise<void> {
  await entry.controller.stop();
  running.splice(running.indexOf(entry), 1);
}

/** Writes to ACK objects, Events and policy status (not the Lease). */
async function writes(entry: Running): Promise<number> {
  const all = await entry.metrics.total(entry.metrics.writes);
  return all - (await entry.metrics.total(entry.metrics.writes, { verb: 'lease' }));
}

function vpc(name: string, tags: { key: string; value: string }[], labels: Record<string, string> = { [TEAM_LABEL]: 'backend' }) {
  return { apiVersion: VPC_API, kind: 'VPC', metadata: { name, namespace: NS, labels }, spec: { cidrBlocks: ['10.0.0.0/16'], tags } };
}

const SYNCED = (id: string) => ({ ackResourceMetadata: { arn: `arn:aws:ec2:eu-west-1:111111111111:vpc/${id}`, ownerAccountID: '111111111111', region: 'eu-west-1' }, conditions: [{ type: 'ACK.ResourceSynced', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] });

describeWithCluster('policy reconciler against the real API server', () => {
  let cluster: ClusterClient;

  async function policyStatus(name: string): Promise<PolicyStatus> {
    const policy = await cluster.read<{ apiVersion: string; kind: string; metadata: { name: string }; status?: PolicyStatus }>({ apiVersion: POLICY_API_VERSION, kind: 'TaggingPolicy', metadata: { name } });
    return policy.status ?? {};
  }

  async function tagsOf(name: string): Promise<string[]> {
    const object = await cluster.read<{ apiVersion: string; kind: string; metadata: { name: string }; spec: { tags: { key: string }[] } }>(vpc(name, []));
    return object.spec.tags.map((t) => t.key);
  }

  /**
   * The controller has caught up: caches listed, queue empty, and it stays so for a moment. A
   * liveness bound, not a speed test (bench/reconciler.ts measures that): the wait grows with the
   * work queued, as CI runs this file beside the end-to-end suites.
   */
  async function settled(entry: Running, queued = 0): Promise<void> {
    let idleSince = 0;
    await eventually(async () => {
      const idle = entry.controller.ready() && entry.controller.queue.idle() && entry.controller.queue.delayedCount() === 0;
      if (!idle) idleSince = 0;
      else idleSince ||= Date.now();
      return idle && Date.now() - idleSince > 300;
    }, 'controller idle', 20_000 + queued * SETTLE_MS_PER_CHANGE);
  }

  beforeAll(async () => {
    cluster = new ClusterClient(kubeConfig());
    await cluster.installCrds();
    await cluster.core.createNamespace({ body: { metadata: { name: NS } } });
    await cluster.apply({
      apiVersion: POLICY_API_VERSION,
      kind: 'TaggingPolicy',
      metadata: { name: TAGGING, labels: { 'platform.mycomputer.com/environment': ENV } },
      spec: {
        mode: 'enforce',
        namespaces: [NS],
        kinds: ['ec2.services.k8s.aws/VPC'],
        requiredTags: [{ key: 'Environment', allowedValues: [ENV] }, { key: 'Team' }],
        sources: { fixed: { Environment: ENV }, fromLabels: { Team: TEAM_LABEL } },
      },
    } as never);
    // unmanaged, missing both tags; Argo-managed, missing both; compliant; compliant but Terminal in ACK
    await cluster.apply(vpc('unmanaged', [{ key: 'Name', value: 'unmanaged' }]));
    await cluster.apply(vpc('argo', [], { [TEAM_LABEL]: 'backend', 'app.kubernetes.io/instance': NS }));
    await cluster.apply(vpc('compliant', COMPLIANT));
    await cluster.apply(vpc('terminal', COMPLIANT));
    for (const name of ['unmanaged', 'argo', 'compliant']) await cluster.setStatus(vpc(name, []), SYNCED(name));
    await cluster.setStatus(vpc('terminal', []), { ...SYNCED('terminal'), conditions: [{ type: 'ACK.Terminal', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }, { type: 'ACK.ResourceSynced', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z' }] });
  });

  afterAll(async () => {
    for (const entry of [...running]) await stopReconciler(entry);
    for (const name of ['unmanaged', 'argo', 'compliant', 'terminal']) await cluster?.objects.delete(vpc(name, [])).catch(() => undefined);
    await cluster?.objects.delete({ apiVersion: POLICY_API_VERSION, kind: 'TaggingPolicy', metadata: { name: TAGGING } }).catch(() => undefined);
    // Without kube-controller-manager the namespace stays Terminating; it is empty and harmless.
    await cluster?.core.deleteNamespace({ name: NS }).catch(() => undefined);
  });

  it('reports with Events and status, adds missing tags to the unmanaged object only, and reads ACK status', async () => {
    const argoBefore = await cluster.read<{ metadata: { resourceVersion: string } }>(vpc('argo', []));
    const entry = startReconciler('replica-a');
    await settled(entry);

    // The unmanaged VPC got the tags, under our field manager, owning nothing but spec.tags
    expect(await tagsOf('unmanaged')).toEqual(['Environment', 'Name', 'Team']);
    const managed = await cluster.objects.read(vpc('unmanaged', []) as never);
    const ours = managed.metadata!.managedFields!.filter((f) => f.manager === 'policy-reconciler');
    expect(ours.map((f) => [f.operation, f.fieldsV1])).toEqual([['Apply', { 'f:spec': { 'f:tags': {} } }]]);
    // The Argo-managed VPC was not touched
    const argoAfter = await cluster.read<{ metadata: { resourceVersion: string } }>(vpc('argo', []));
    expect(argoAfter.metadata.resourceVersion).toBe(argoBefore.metadata.resourceVersion);
    expect(await tagsOf('argo')).toEqual([]);

    // Events on the offending objects
    expect((await cluster.events(NS, 'unmanaged')).map((e) => `${e.type} ${e.reason}: ${e.message}`).sort()).toEqual([
      `Normal Remediated: TaggingPolicy ${TAGGING}: added tags Environment=${ENV}, Team=backend; resolved: tag Environment is missing; tag Team is missing`,
      `Warning TagMissing: TaggingPolicy ${TAGGING}: tag Environment is missing [arn:aws:ec2:eu-west-1:111111111111:vpc/unmanaged]`,
      `Warning TagMissing: TaggingPolicy ${TAGGING}: tag Team is missing [arn:aws:ec2:eu-west-1:111111111111:vpc/unmanaged]`,
    ]);
    expect((await cluster.events(NS, 'argo')).map((e) => e.reason)).toEqual(['TagMissing', 'TagMissing']);
    expect((await cluster.events(NS, 'terminal')).map((e) => e.message)).toEqual(['not verified: ACK.Terminal is True: ACK stopped trying until the spec changes [arn:aws:ec2:eu-west-1:111111111111:vpc/terminal]']);

    // The policy's status, as `kubectl get taggingpolicies` shows it
    const status = await policyStatus(TAGGING);
    expect(status).toMatchObject({ resourcesChecked: 4, compliant: 2, violating: 1, notVerified: 1, violationsOmitted: 0 });
    expect(status.violations!.map((v) => [v.name, v.reason, v.arn])).toEqual([
      ['argo', 'TagMissing', 'arn:aws:ec2:eu-west-1:111111111111:vpc/argo'],
      ['argo', 'TagMissing', 'arn:aws:ec2:eu-west-1:111111111111:vpc/argo'],
      ['terminal', 'NotVerified', 'arn:aws:ec2:eu-west-1:111111111111:vpc/terminal'],
    ]);
    expect(status.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Compliant', 'False', 'ViolationsFound'],
      ['Ready', 'True', 'Watching'],
    ]);
  });

  it('makes zero writes on a second pass', async () => {
    const entry = running[0];
    await settled(entry);
    const before = await writes(entry);
    const versions = await Promise.all(['unmanaged', 'argo', 'compliant', 'terminal'].map(async (name) => (await cluster.read<{ metadata: { resourceVersion: string } }>(vpc(name, []))).metadata.resourceVersion));
    const policyVersion = (await cluster.read<{ metadata: { resourceVersion: string } }>({ apiVersion: POLICY_API_VERSION, kind: 'TaggingPolicy', metadata: { name: TAGGING } })).metadata.resourceVersion;

    entry.controller.enqueueAll();
    await settled(entry);

    expect(await writes(entry)).toBe(before);
    expect(await Promise.all(['unmanaged', 'argo', 'compliant', 'terminal'].map(async (name) => (await cluster.read<{ metadata: { resourceVersion: string } }>(vpc(name, []))).metadata.resourceVersion))).toEqual(versions);
    expect((await cluster.read<{ metadata: { resourceVersion: string } }>({ apiVersion: POLICY_API_VERSION, kind: 'TaggingPolicy', metadata: { name: TAGGING } })).metadata.resourceVersion).toBe(policyVersion);
  });

  it('two replicas elect one leader; only the leader writes; the other takes over when it stops', async () => {
    await stopReconciler(running[0]);
    const election = { namespace: NS, name: `policy-reconciler-${RUN}`, leaseDurationMs: 4000, renewDeadlineMs: 3000, retryPeriodMs: 500 };
    const a = startReconciler('replica-a', { leaderElection: election });
    const b = startReconciler('replica-b', { leaderElection: election });
    const leader = await eventually(async () => [a, b].find((r) => r.controller.isLeader()), 'a leader');
    const follower = leader === a ? b : a;
    await settled(leader);

    // WHEN a new violation appears
    await cluster.apply(vpc('late', [{ key: 'Environment', value: ENV }]));
    await eventually(async () => (await tagsOf('late')).includes('Team'), 'remediation by the leader');

    // THEN only the leader wrote, and never were both leading
    for (let i = 0; i < 10; i++) {
      expect([a, b].filter((r) => r.controller.isLeader())).toEqual([leader]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await writes(follower)).toBe(0);
    const lease = await cluster.config.makeApiClient((await import('@kubernetes/client-node')).CoordinationV1Api).readNamespacedLease({ namespace: NS, name: election.name });
    expect(lease.spec?.holderIdentity).toBe(leader === a ? 'replica-a' : 'replica-b');

    // WHEN the leader stops (it gives the Lease up), THEN the follower leads
    await stopReconciler(leader);
    await eventually(async () => follower.controller.isLeader(), 'follower takes over', 10_000);
    await cluster.objects.delete(vpc('late', []) as never);
    await settled(follower);
  });

  it(`recovers after the API server restarts mid-watch, without losing or repeating work, also for a burst of ${BURST} changes`, { timeout: 300_000 }, async () => {
    const entry = running[0] ?? startReconciler('replica-a');
    await settled(entry);
    const restartsBefore = await entry.metrics.total(entry.metrics.informerRestarts);
    const eventWritesBefore = await entry.metrics.total(entry.metrics.writes, { verb: 'event' });
    const eventsBefore = (await cluster.core.listNamespacedEvent({ namespace: NS })).items.length;

    // WHEN the API server restarts under the open watches
    await restartApiServer();
    // AND someone strips the tags of the unmanaged VPC right after
    await eventually(async () => cluster.apply(vpc('unmanaged', [{ key: 'Name', value: 'unmanaged' }]), 'tests').catch(() => undefined), 'API server back');
    // AND a burst of violating changes arrives at once (Argo-managed VPCs without the Team tag: reported, not remediated)
    const burst = Array.from({ length: BURST }, (_, i) => `burst-${String(i).padStart(4, '0')}`);
    await mapLimit(burst, 16, (name) => cluster.apply(vpc(name, [{ key: 'Environment', value: ENV }], { [TEAM_LABEL]: 'backend', 'app.kubernetes.io/instance': NS, [BURST_LABEL]: RUN })));

    // THEN the informers came back and the tags are added again
    await eventually(async () => (await tagsOf('unmanaged')).join(',') === 'Environment,Name,Team', 'tags restored', 30_000);
    expect(await entry.metrics.total(entry.metrics.informerRestarts)).toBeGreaterThan(restartsBefore);
    await settled(entry, BURST);
    // AND every change of the burst has its one Event: none lost, none written twice, none repeated for what was reported before the restart
    const events = (await cluster.core.listNamespacedEvent({ namespace: NS })).items;
    const burstEvents = events.filter((e) => e.involvedObject.name?.startsWith('burst-'));
    const reported = new Map<string, number>();
    for (const event of burstEvents) reported.set(event.involvedObject.name!, (reported.get(event.involvedObject.name!) ?? 0) + (event.count ?? 1));
    expect(burst.filter((name) => reported.get(name) !== 1)).toEqual([]);
    expect(burstEvents.map((e) => `${e.reason}: ${e.message}`).filter((m) => !m.startsWith(`TagMissing: TaggingPolicy ${TAGGING}: tag Team is missing`))).toEqual([]);
    // the unmanaged VPC's findings were reported before the restart: its Events are found, not written again
    expect(events.length - burstEvents.length).toBe(eventsBefore);
    expect((await entry.metrics.total(entry.metrics.writes, { verb: 'event' })) - eventWritesBefore).toBe(BURST);
    expect(await policyStatus(TAGGING)).toMatchObject({ resourcesChecked: 4 + BURST, violating: 1 + BURST });
    await cluster.custom.deleteCollectionNamespacedCustomObject({ group: 'ec2.services.k8s.aws', version: 'v1alpha1', plural: 'vpcs', namespace: NS, labelSelector: `${BURST_LABEL}=${RUN}` });
    await eventually(async () => (await policyStatus(TAGGING)).resourcesChecked === 4, 'burst deleted', 60_000);
    await settled(entry);
    // AND a second pass after the recovery writes nothing
    const before = await writes(entry);
    entry.controller.enqueueAll();
    await settled(entry);
    expect(await writes(entry)).toBe(before);
    expect(await policyStatus(TAGGING)).toMatchObject({ resourcesChecked: 4, compliant: 2, violating: 1, notVerified: 1 });
  });
});
