/**
 * Argo CD itself (built from source by scripts/argocd) syncing this repository, served by a git
 * daemon on loopback, into the cluster of `scripts/cluster up --aws --argocd`, where the ACK
 * controllers create the estate in the AWS emulator. manifests/argocd is applied once by hand, as
 * docs/delivery.md says; from then on every change is a commit and Argo CD does the rest.
 *
 * Development is served as an empty account sees it (bootstrap step 1 for the certificate: the
 * placeholder ARN is not pinned, so the HTTPS listener and its rules are left out, docs/edge.md);
 * then the certificate's ARN is bound by a commit (step 2), then an image tag is bumped.
 * The policy reconciler's Deployment is run by a stand-in (support/argocd/deployment-stand-in.ts):
 * the test cluster has no kubelet. Sync windows and health rules are tested on small Applications
 * built by the same code as the environments' (support/argocd/test-applications.ts), running
 * beside the development sync. Last, the estate Argo CD delivered is read back by the end-to-end
 * checks (tests/e2e/checks/): CI makes one rollout of development, by Argo CD.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT_APPLICATION } from '../../charts/delivery/root-chart';
import { ARGOCD_DIR } from '../../charts/delivery/synth-delivery';
import { KIND_HEALTH } from '../../charts/delivery/health-checks';
import { SyncWindow } from '../../charts/lib/environment/types';
import { readManifests } from '../../charts/pipeline/synthesized';
import { groupOf, KubeObject } from '../../policy/tag-shapes';
import { objectsIn } from '../cluster/support/manifests';
import { ENVIRONMENT_NAMES, loadEnv } from '../support/estate';
import { kubectl, ServerSideApply } from '../support/kube';
import { Application, ArgoApplications, describeApplication, notAppliedByArgoCd, resourceHealth, settledAt } from './support/argocd/applications';
import { markDeploymentAvailable, DeploymentStandIn } from './support/argocd/deployment-stand-in';
import { waitingObjects } from '../../charts/waiting';
import { loadFrom, unbindFile } from '../cli/bind-fixture';
import { bindUntilDone } from './support/argocd/bind-rounds';
import { bumpImage } from './support/argocd/edits';
import { scenarioNamespace, scenarios, SCENARIO_DIR, SCENARIO_NAMESPACE, writeScenarios } from './support/argocd/scenarios';
import { ServedRepo } from './support/argocd/served-repo';
import { applyArgoFolder, argoStack, ArgoStack, restartApplicationController } from './support/argocd/stack';
import { durationSeconds, secondsIntoMinute, testApplication, windowFrom } from './support/argocd/test-applications';
import { gapOf, gapsFile, readGaps } from './support/gaps';
import { delivered, newRun } from './support/run';
import { estateChecks } from './checks';
import { ManifestObject } from '../../cli/diff/manifest-tree';
import { describeWithArgoCd } from './support/stack';

const ENV = 'development';
/** Longest wait for a sync of development (the first one creates the whole estate). */
const SYNC_TIMEOUT_MS = Number(process.env.PLATFORM_ARGOCD_SYNC_TIMEOUT_SECONDS ?? 600) * 1000;
/** Longest wait for a small Application to reach a state. */
const SCENARIO_TIMEOUT_MS = 180_000;
/** How long the overrun scenario's window stays open after its Applications are created. */
const OVERRUN_WINDOW_SECONDS = 60;

vi.setConfig({ testTimeout: SYNC_TIMEOUT_MS + 60_000 });

type Obj = KubeObject & { spec?: Record<string, any>; status?: Record<string, any> };

const idOf = (o: { kind: string; metadata: { name?: string } } | { kind: string; name: string }) => `${o.kind}/${'metadata' in o ? o.metadata.name : o.name}`;
/** A promise awaited later by one test: handled now, so that an early failure is reported there. */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
async function live(resource: string, namespace: string, name: string): Promise<Obj> {
  return JSON.parse((await kubectl(['-n', namespace, 'get', resource, name, '-o', 'json'])).stdout) as Obj;
}

describeWithArgoCd('Argo CD syncs development from a served copy of this repository', () => {
  const env = loadEnv(ENV);
  const argocdNamespace = env.catalogue.delivery.argocdNamespace;
  const apps = new ArgoApplications(argocdNamespace);
  const client = new ServerSideApply('mycomputer-platform');
  const all = scenarios(objectsIn(ENV) as unknown as KubeObject[]);
  // The window of the environments' data that the window scenarios move in time (production's).
  const window: SyncWindow | undefined = ENVIRONMENT_NAMES.flatMap((name) => loadEnv(name).delivery.syncWindows).find((w) => w.kind === 'allow');
  let stack: ArgoStack;
  let repo: ServedRepo;
  let standIn: DeploymentStandIn | undefined;
  let served = '';
  let runs: {
    closed: Promise<{ compared: Application; manual: Application }>;
    open: Promise<Application>;
    overrun: Promise<{ withOverrun: Application; withoutOverrun: Application; closesAt: number; started: Application[] }>;
    certificate: Promise<{ app: Application; state: string | undefined }>;
    terminal: Promise<Application>;
  };

  /** The served development objects at the clone's current commit. */
  const servedObjects = (): Obj[] => readManifests(path.join(repo.dir, 'manifests', ENV), ENV).map((s) => s.object as unknown as Obj);
  const scenarioApp = (name: string, syncWindows?: SyncWindow[]) =>
    testApplication({ name: `e2e-${name}`, argocdNamespace, repoURL: stack.gitUrl, path: `${SCENARIO_DIR}/${name}`, destinationNamespace: SCENARIO_NAMESPACE, objects: all[name], syncWindows });
  const create = async (objects: readonly KubeObject[]) => {
    for (const object of objects) await client.apply(object, { force: true });
  };

  beforeAll(async () => {
    stack = argoStack();
    repo = ServedRepo.clone({ gitDir: stack.gitDir, url: stack.gitUrl, environments: [ENV] });
    served = repo.commit(`Argo CD suite: ${ENV} as an empty account sees it (nothing AWS assigns pinned), and the scenarios`, (dir) => {
      unbindFile(path.join(dir, 'environments', ENV, 'environment.yaml'));
      writeScenarios(dir, all);
    });
    await client.apply(scenarioNamespace(objectsIn(ENV) as unknown as KubeObject[]), { force: true });
    const deployment = servedObjects().find((o) => o.kind === 'Deployment');
    if (deployment) {
      standIn = new DeploymentStandIn({ namespace: env.namespace, name: deployment.metadata.name!, logDir: stack.stateDir, log: (line) => console.log(line) });
      await standIn.start();
    }
    await applyArgoFolder(path.join(repo.dir, 'manifests', ARGOCD_DIR));
    await restartApplicationController(stack);
    runs = {
      closed: later(closedWindow()),
      open: later(openWindow()),
      overrun: later(overrunWindow()),
      certificate: later(certificatePending()),
      terminal: later(terminalError()),
    };
  }, 300_000);

  afterAll(async () => {
    await standIn?.stop();
    repo?.remove();
  });

  it('syncs every wave of development by itself, and ends Synced and Healthy at the served commit', async () => {
    const app = await apps.waitFor(env.namespace, `Synced and Healthy at ${served.slice(0, 8)}`, settledAt(served), { timeoutMs: SYNC_TIMEOUT_MS, pollMs: 500 });
    // Every object Argo CD's: synced at the served commit, and applied by Argo CD, not by anyone else.
    expect((await notAppliedByArgoCd(servedObjects())).map(idOf)).toEqual([]);
    const notHealthy = (app.status!.resources ?? []).filter((r) => r.health && r.health.status !== 'Healthy');
    expect(notHealthy.map((r) => `${r.kind}/${r.name}: ${r.health!.status} ${r.health!.message ?? ''}`)).toEqual([]);
    // The root Application syncs manifests/argocd itself (app of apps).
    await apps.waitFor(ROOT_APPLICATION, `Synced and Healthy at ${served.slice(0, 8)}`, settledAt(served), { timeoutMs: 60_000 });
  });

  it('reaches every object Healthy through `platform bind` commits alone: sync, bind, commit, sync ... (bootstrap)', async () => {
    const rounds = await bindUntilDone({ repo, env: ENV, apps, application: env.namespace, timeoutMs: SYNC_TIMEOUT_MS });
    console.log(`argocd bind: ${rounds.map((r) => `round ${r.round}: ${r.written.join(', ')}`).join('; ')}`);
    expect(rounds.length, rounds.map((r) => r.written.join(', ')).join('; ')).toBeGreaterThanOrEqual(2);
    const { app } = rounds[rounds.length - 1];
    expect(loadFrom(repo.dir).edge.assigned.certificateArn).toMatch(/^arn:aws:acm:/);
    // THEN nothing waits on a binding, and what the gap list holds back on a pinned placeholder is Healthy
    expect(waitingObjects(loadFrom(repo.dir))).toEqual([]);
    const gaps = readGaps(gapsFile(ENV));
    const gapObjects = servedObjects().filter((o) => gapOf(o as never, gaps));
    expect(gapObjects.length).toBeGreaterThan(0);
    for (const object of gapObjects) expect(resourceHealth(app, groupOf(object.apiVersion), object.kind, object.metadata.name!)?.status, idOf(object)).toBe('Healthy');
  });


  it('picks up an image tag bump pushed to the served repository and syncs it, with no hand step', async () => {
    const taskDefinitions = () => servedObjects().filter((o) => o.kind === 'TaskDefinition');
    const images = Object.keys(env.versions.images);
    const image = images.find((name) => taskDefinitions().some((t) => JSON.stringify(t.spec).includes(`/${name}:${env.versions.images[name]}"`)));
    expect(image, `an image of ${images.join(', ')} used by a TaskDefinition`).toBeDefined();
    let bump = { image: '', from: '', to: '' };
    const sha = repo.commit(`${ENV}: ${image} to the next patch`, (dir) => (bump = bumpImage(dir, ENV, image!)));
    const changed = taskDefinitions().filter((t) => JSON.stringify(t.spec).includes(`/${image}:${bump.to}"`));
    expect(changed.length).toBeGreaterThan(0);
    await apps.waitFor(env.namespace, `Synced and Healthy at ${sha.slice(0, 8)}`, settledAt(sha), { timeoutMs: SYNC_TIMEOUT_MS });
    for (const taskDefinition of changed) {
      const object = await live('taskdefinitions.ecs.services.k8s.aws', env.namespace, taskDefinition.metadata.name!);
      expect(JSON.stringify(object.spec)).toContain(`/${image}:${bump.to}"`);
      const synced = (object.status?.conditions ?? []).find((c: { type: string }) => c.type === 'ACK.ResourceSynced');
      expect(synced?.status, `${taskDefinition.metadata.name}: ${synced?.message}`).toBe('True');
    }
  });

  it('reports an ECS service whose PRIMARY deployment the circuit breaker rolled back as Degraded', async () => {
    const service = servedObjects().find((o) => groupOf(o.apiVersion) === 'ecs.services.k8s.aws' && o.kind === 'Service')!;
    const name = service.metadata.name!;
    const resource = 'services.ecs.services.k8s.aws';
    const original: Record<string, unknown>[] = (await live(resource, env.namespace, name)).status?.deployments ?? [];
    const reason = 'ECS deployment circuit breaker: tasks failed to start (written by the e2e test)';
    const primary = original.find((d) => d.status === 'PRIMARY') ?? { status: 'PRIMARY' };
    const failed = [{ ...primary, rolloutState: 'FAILED', rolloutStateReason: reason }, ...original.filter((d) => d !== primary)];
    const patch = (deployments: unknown[]) => kubectl(['-n', env.namespace, 'patch', resource, name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { deployments } })]);
    // Written into the object's status, as the ecs-controller copies it from DescribeServices.
    await patch(failed);
    try {
      const app = await apps.waitFor(env.namespace, `Degraded on Service ${name}`, (a) => resourceHealth(a, 'ecs.services.k8s.aws', 'Service', name)?.status === 'Degraded', { timeoutMs: 60_000 });
      expect(resourceHealth(app, 'ecs.services.k8s.aws', 'Service', name)?.message).toContain(`FAILED: ${reason}`);
      expect(app.status?.health?.status).toBe('Degraded');
    } finally {
      await patch(original);
    }
    await apps.waitFor(env.namespace, 'Healthy again', (a) => a.status?.health?.status === 'Healthy', { timeoutMs: 60_000 });
  });

  it('does not auto-sync outside its window (one moved to start in an hour); a sync by hand runs there', async () => {
    const { compared, manual } = await runs.closed;
    expect(compared.status?.sync?.status).toBe('OutOfSync');
    expect(compared.status?.operationState, describeApplication(compared)).toBeUndefined();
    expect(manual.status?.operationState?.phase, describeApplication(manual)).toBe('Succeeded');
    expect(manual.status?.operationState?.operation.initiatedBy?.automated).toBeFalsy();
  });

  it('auto-syncs inside its window (one moved to start this minute)', async () => {
    const app = await runs.open;
    expect(app.status?.operationState?.operation.initiatedBy?.automated, describeApplication(app)).toBe(true);
    expect(app.status?.sync?.status).toBe('Synced');
  });

  it('finishes an operation that overruns its window (syncOverrun); the same window without syncOverrun blocks it', async () => {
    const { withOverrun, withoutOverrun, closesAt, started } = await runs.overrun;
    for (const app of started) expect(Date.parse(app.status!.operationState!.startedAt!), `${app.metadata.name} started inside the window`).toBeLessThan(closesAt);
    expect(withOverrun.status?.operationState?.phase, describeApplication(withOverrun)).toBe('Succeeded');
    expect(Date.parse(withOverrun.status!.operationState!.finishedAt!)).toBeGreaterThan(closesAt);
    expect(withoutOverrun.status?.operationState?.phase, describeApplication(withoutOverrun)).toBe('Running');
    expect(withoutOverrun.status?.operationState?.message).toContain('blocked by sync window');
  });

  it('does not hold later waves on a certificate pending validation', async () => {
    const { app, state } = await runs.certificate;
    const settled = KIND_HEALTH['acm.services.k8s.aws/Certificate'].settled!;
    expect(settled.states).toContain(state);
    expect(app.status?.operationState?.phase, describeApplication(app)).toBe('Succeeded');
    const health = resourceHealth(app, 'acm.services.k8s.aws', 'Certificate', all['certificate-pending'][0].metadata.name!);
    expect(health?.status).toBe('Healthy');
    expect(health?.message).toContain(settled.reason);
  });

  it('reports an ACK Terminal error as Degraded with the AWS message', async () => {
    const app = await runs.terminal;
    const health = resourceHealth(app, 'iam.services.k8s.aws', 'Policy', all['terminal-error'][0].metadata.name!);
    expect(health?.status).toBe('Degraded');
    expect(health?.message).toMatch(/MalformedPolicyDocument/);
    expect(app.status?.health?.status).toBe('Degraded');
  });

  // ---- the estate Argo CD delivered, read back as the end-to-end suite reads one -------------
  // The checks of tests/e2e/checks/ (those tests/e2e/estate.test.ts runs after its own rollout by
  // waves, nightly) on what Argo CD synced, bound and bumped above: one rollout in CI, not two.
  describe('the estate Argo CD delivered, read back by the end-to-end checks', () => {
    const run = newRun(ENV);
    beforeAll(async () => {
      await delivered(run, servedObjects() as unknown as ManifestObject[]);
    });

    estateChecks(run);
  });

  // ---- the scenarios, started together in beforeAll -----------------------------------------

  function requireWindow(): SyncWindow {
    if (!window) throw new Error('no environment declares an allow sync window to test');
    return window;
  }

  async function closedWindow() {
    const base = requireWindow();
    const name = 'e2e-window-closed';
    await create(scenarioApp('window-closed', [windowFrom(base, new Date(Date.now() + 3_600_000), durationSeconds(base.duration))]));
    const first = await apps.waitFor(name, 'compared with git', (a) => a.status?.sync?.status === 'OutOfSync', { timeoutMs: SCENARIO_TIMEOUT_MS });
    // One more reconciliation: auto-sync, had the window allowed it, would have started by then.
    const compared = await apps.waitFor(name, 'reconciled again', (a) => a.status?.reconciledAt !== first.status?.reconciledAt, { timeoutMs: SCENARIO_TIMEOUT_MS });
    await apps.syncByHand(name);
    const manual = await apps.waitFor(name, 'synced by hand', (a) => ['Succeeded', 'Failed', 'Error'].includes(a.status?.operationState?.phase ?? ''), { timeoutMs: SCENARIO_TIMEOUT_MS });
    return { compared, manual };
  }

  async function openWindow() {
    const base = requireWindow();
    const now = new Date();
    await create(scenarioApp('window-open', [windowFrom(base, now, secondsIntoMinute(now) + durationSeconds(base.duration))]));
    return apps.waitFor('e2e-window-open', 'synced', (a) => a.status?.operationState?.phase === 'Succeeded' && a.status.sync?.status === 'Synced', { timeoutMs: SCENARIO_TIMEOUT_MS });
  }

  async function overrunWindow() {
    const base = requireWindow();
    const now = new Date();
    const duration = Math.ceil(secondsIntoMinute(now) + OVERRUN_WINDOW_SECONDS);
    const closesAt = now.getTime() - secondsIntoMinute(now) * 1000 + duration * 1000;
    const open = windowFrom(base, now, duration);
    // The same objects, with syncOverrun switched off: what the option changes.
    const noOverrun = scenarioApp('window-no-overrun', [open]).map((o: any) => (o.kind === 'AppProject' ? { ...o, spec: { ...o.spec, syncWindows: o.spec.syncWindows.map((w: object) => ({ ...w, syncOverrun: false })) } } : o));
    await Promise.all([create(scenarioApp('window-overrun', [open])), create(noOverrun)]);
    const running = (a: Application) => a.status?.operationState?.phase === 'Running';
    const started = await Promise.all(['e2e-window-overrun', 'e2e-window-no-overrun'].map((name) => apps.waitFor(name, 'holding its first wave', running, { timeoutMs: OVERRUN_WINDOW_SECONDS * 1000 })));
    // What holds the first wave becomes available only after the window closed.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt + 2000 - Date.now())));
    await Promise.all(['window-overrun-hold', 'window-no-overrun-hold'].map((name) => markDeploymentAvailable(SCENARIO_NAMESPACE, name, 'written by the e2e test after the window closed')));
    const withOverrun = await apps.waitFor('e2e-window-overrun', 'finished', (a) => a.status?.operationState?.phase !== 'Running', { timeoutMs: SCENARIO_TIMEOUT_MS });
    const withoutOverrun = await apps.waitFor('e2e-window-no-overrun', 'blocked', (a) => !running(a) || /blocked by sync window/.test(a.status?.operationState?.message ?? ''), { timeoutMs: SCENARIO_TIMEOUT_MS });
    return { withOverrun, withoutOverrun, closesAt, started };
  }

  async function certificatePending() {
    const name = 'e2e-certificate-pending';
    await create(scenarioApp('certificate-pending'));
    const app = await apps.waitFor(name, 'synced', (a) => ['Succeeded', 'Failed', 'Error'].includes(a.status?.operationState?.phase ?? ''), { timeoutMs: SCENARIO_TIMEOUT_MS });
    const certificate = await live('certificates.acm.services.k8s.aws', SCENARIO_NAMESPACE, all['certificate-pending'][0].metadata.name!);
    return { app, state: certificate.status?.status as string | undefined };
  }

  async function terminalError() {
    const name = all['terminal-error'][0].metadata.name!;
    await create(scenarioApp('terminal-error'));
    return apps.waitFor('e2e-terminal-error', 'Degraded', (a) => resourceHealth(a, 'iam.services.k8s.aws', 'Policy', name)?.status === 'Degraded', { timeoutMs: SCENARIO_TIMEOUT_MS });
  }
});
