/**
 * Faults under the development estate, on a stack of its own (`scripts/e2e-nightly faults`; not in
 * CI's run: two recoveries take minutes). The estate up to its stateful wave (sync waves <= 2:
 * KMS, IAM, the EC2 network, databases, caches, buckets, repositories, secrets, file systems) is
 * applied as Argo CD would, then:
 *  1. the EC2 controller is killed (SIGKILL) while it creates the network wave, and started
 *     again: every object ends synced, and the emulator holds exactly one resource per object
 *     (none created twice, none orphaned);
 *  2. the emulator is restarted empty under the synced estate (the AWS side lost): the controllers
 *     create everything again, and the backup policy reports every stateful resource that came
 *     back under a new AWS identity as `Recreated` (Warning Event, policy status) until a person
 *     acknowledges it by deleting the annotation (policy/recreation.ts). Buckets included: the
 *     patched S3 controller copies ListBuckets' CreationDate into a status condition, and the
 *     emulator's own list confirms each bucket is new.
 * Figures (recovery times, counts) are printed; docs/e2e.md "Faults" has them.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { ManifestObject } from '../../cli/diff/manifest-tree';
import { BUCKET } from '../../policy/backup';
import { GAPS, IDENTITY_ANNOTATION, identityOf, RULE_RECREATED } from '../../policy/recreation';
import { isAckObject, kindKey } from '../../policy/tag-shapes';
import { FIELD_MANAGER, identity, isAck } from '../cluster/support/manifests';
import { kubectl, kubeconfigPath, mapLimit, ServerSideApply } from '../support/kube';
import { aws, awsOne } from './support/aws';
import { gapOf } from './support/gaps';
import { inventory, reconcileInventory } from './support/inventory';
import { eventsOn, livePolicies } from './support/policies';
import { rollout, syncStates, waveOf } from './support/rollout';
import { newRun, regionOf, resourceOf, specOf } from './support/run';
import { describeWithStack } from './support/stack';
import { tagCallOf, TAGGED_KINDS } from './support/tags';

/** The waves applied: up to the stateful one. */
const LAST_WAVE = 2;
/** The wave the controller is killed in, and that controller (`scripts/cluster controller`). */
const KILLED_WAVE = 1;
const KILLED_CONTROLLER = 'ec2';
const WAVE_TIMEOUT_MS = Number(process.env.PLATFORM_E2E_WAVE_TIMEOUT_SECONDS ?? 240) * 1000;
/** Longest wait for the whole estate to come back after the emulator restarted empty. */
const RECOVERY_TIMEOUT_MS = Number(process.env.PLATFORM_E2E_RECOVERY_TIMEOUT_SECONDS ?? 600) * 1000;

vi.setConfig({ testTimeout: 180_000 });

const run = newRun();
const objects = run.objects.filter((o) => waveOf(o) <= LAST_WAVE);
const awaited = objects.filter((o) => isAck(o) && !gapOf(o, run.gaps));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`faults ${run.env}: ${line}`);

/** `scripts/cluster <args>` on the stack the tests use (its state folder holds the kubeconfig). */
async function cluster(...args: string[]): Promise<void> {
  await promisify(execFile)(path.join(REPO_ROOT, 'scripts/cluster'), args, { env: { ...process.env, PLATFORM_CLUSTER_DIR: path.dirname(kubeconfigPath()) } });
}

/** The objects among `of` not synced yet. */
async function pendingOf(of: readonly ManifestObject[]): Promise<ManifestObject[]> {
  const states = await syncStates(of);
  return of.filter((o) => states.get(identity(o))?.synced !== 'True');
}

/** The taggable synced objects whose AWS resource the emulator does not have (their tag read fails). */
async function absentInAws(of: readonly ManifestObject[]): Promise<string[]> {
  const states = await syncStates(of);
  const readable = of.filter((o) => TAGGED_KINDS.includes(kindKey(o)) && states.get(identity(o))?.synced === 'True');
  const answers = await aws(readable.map((o) => tagCallOf(o, states.get(identity(o))!.status, run.region)), run.region);
  return readable.flatMap((o, i) => (answers[i].error ? [`${o.kind}/${o.metadata.name}: ${answers[i].error!.code}`] : []));
}

describeWithStack(`${run.env}: faults under the estate (a controller killed, the AWS side lost)`, () => {
  beforeAll(async () => {
    const { Account } = await awsOne({ service: 'sts', operation: 'get_caller_identity' }, run.region);
    expect(Account, `the emulator answers for account ${Account}, not ${run.env}'s ${run.accountId}`).toBe(run.accountId);
    const before = await rollout(objects.filter((o) => waveOf(o) < KILLED_WAVE), { waveTimeoutMs: WAVE_TIMEOUT_MS, gaps: run.gaps, log });
    expect(before.flatMap((w) => w.pending.map((p) => `${p.kind}/${p.name}: ${p.message}`))).toEqual([]);
  }, WAVE_TIMEOUT_MS * 3);

  it(`the ${KILLED_CONTROLLER} controller killed while it creates wave ${KILLED_WAVE}, started again: everything synced, nothing created twice, nothing orphaned`, async () => {
    const wave = objects.filter((o) => waveOf(o) === KILLED_WAVE);
    const mine = wave.filter((o) => isAckObject(o) && o.apiVersion.startsWith(`${KILLED_CONTROLLER}.`));
    expect(mine.length, `wave ${KILLED_WAVE} has objects of the ${KILLED_CONTROLLER} controller`).toBeGreaterThan(1);
    const kinds = [...new Set(mine.map(kindKey))];
    const before = await inventory(kinds, run.region);

    // WHEN the wave is applied and the controller is killed once the first of its objects synced
    const client = new ServerSideApply(FIELD_MANAGER);
    const applied = Date.now();
    await mapLimit(wave, 8, (o) => client.apply(o, { force: true }));
    let pendingAtKill: ManifestObject[] = [];
    await vi.waitFor(async () => {
      pendingAtKill = await pendingOf(mine);
      expect(pendingAtKill.length).toBeLessThan(mine.length);
    }, { timeout: WAVE_TIMEOUT_MS, interval: 200 });
    await cluster('controller', 'kill', KILLED_CONTROLLER);
    const killed = Date.now();
    const createdAtKill = [...(await inventory(kinds, run.region)).entries()].reduce((n, [kind, ids]) => n + ids.length - (before.get(kind)?.length ?? 0), 0);
    log(`${KILLED_CONTROLLER} killed ${seconds(killed - applied)} after the apply: ${mine.length - pendingAtKill.length} of ${mine.length} objects synced, ${createdAtKill} resources created in AWS`);
    // mid-way: some objects were still to be created (else the kill proves nothing)
    expect(pendingAtKill.length, 'objects still pending when the controller was killed').toBeGreaterThan(0);

    // AND started again
    await cluster('controller', 'start', KILLED_CONTROLLER);
    const started = Date.now();

    // THEN every object of the wave syncs
    await vi.waitFor(async () => expect((await pendingOf(wave.filter((o) => awaited.includes(o)))).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]), { timeout: WAVE_TIMEOUT_MS, interval: 2000 });
    const recovered = Date.now();
    // AND the emulator holds one resource per object: none created twice, none without its object
    const states = await syncStates(mine);
    const report = reconcileInventory(mine, new Map([...states].map(([id, s]) => [id, s.status])), before, await inventory(kinds, run.region), identity);
    const orphans = report.flatMap((r) => r.orphans.map((id) => `${r.kind} ${id}`));
    const duplicates = report.reduce((n, r) => n + r.duplicates, 0);
    log(`all ${wave.filter((o) => awaited.includes(o)).length} objects of wave ${KILLED_WAVE} synced ${seconds(recovered - killed)} after the kill (${seconds(recovered - started)} after the restart); in AWS: ${report.map((r) => `${r.kind.split('/')[1]} ${r.created}/${r.objects}`).join(', ')}; duplicates ${duplicates}, orphans ${orphans.length}`);
    expect(orphans).toEqual([]);
    expect(report.flatMap((r) => r.missing.map((name) => `${r.kind} ${name}`))).toEqual([]);
    expect(report.map((r) => [r.kind, r.created])).toEqual(report.map((r) => [r.kind, r.objects]));
  }, WAVE_TIMEOUT_MS * 2 + 60_000);

  it('the AWS side lost under a synced estate: everything is created again, and each stateful resource with a new identity is reported Recreated', async () => {
    // GIVEN the stateful wave synced, and the identity of each stateful resource recorded by the reconciler
    const rest = await rollout(objects.filter((o) => waveOf(o) > KILLED_WAVE), { waveTimeoutMs: WAVE_TIMEOUT_MS, gaps: run.gaps, log });
    expect(rest.flatMap((w) => w.pending.map((p) => `${p.kind}/${p.name}: ${p.message}`))).toEqual([]);
    const backup = objects.find((o) => o.kind === 'BackupPolicy')!;
    const scope = specOf(backup) as { kinds: string[]; namespaces: string[] };
    const covered = awaited.filter((o) => scope.kinds.includes(kindKey(o)) && scope.namespaces.includes(o.metadata.namespace ?? ''));
    const withIdentity = covered.filter((o) => !(kindKey(o) in GAPS));
    const recorded = new Map<string, string>();
    await vi.waitFor(async () => {
      for (const o of withIdentity) {
        const { stdout } = await kubectl(['get', '-n', o.metadata.namespace!, `${resourceOf(o)}/${o.metadata.name}`, '-o', 'json']);
        const live = JSON.parse(stdout);
        const value = live.metadata.annotations?.[IDENTITY_ANNOTATION];
        expect(value, `${o.kind}/${o.metadata.name}: identity recorded`).toBe(identityOf(live));
        recorded.set(identity(o), value);
      }
    }, { timeout: 60_000, interval: 2000 });
    const buckets = covered.filter((o) => kindKey(o) === BUCKET).map((o) => ({ name: specOf(o).name as string, region: regionOf(run, o) }));
    const creationDates = async () => new Map((await awsOne({ service: 's3', operation: 'list_buckets' }, run.region)).Buckets.map((b: { Name: string; CreationDate: string }) => [b.Name, b.CreationDate]));
    const bucketsBefore = await creationDates();

    // WHEN the emulator restarts empty
    await cluster('restart-emulator');
    const restarted = Date.now();
    const ec2 = awaited.filter((o) => o.apiVersion.startsWith('ec2.'));
    const ec2Kinds = [...new Set(ec2.map(kindKey))];
    // Empty: the inventory leaves out what the account has by itself (its default VPC, subnets, groups).
    const empty = new Map<string, string[]>();

    // THEN the controllers create everything again: every object synced, its resource in AWS, and
    // no EC2 resource twice. Soft: what did come back is still checked for Recreated below.
    let pending: ManifestObject[] = [];
    await vi.waitFor(async () => {
      pending = await pendingOf(awaited);
      expect(pending.length + (await absentInAws(awaited)).length).toBe(0);
    }, { timeout: RECOVERY_TIMEOUT_MS, interval: 5000 }).catch(() => undefined);
    const recovered = Date.now();
    const ec2States = await syncStates(ec2);
    const report = reconcileInventory(ec2, new Map([...ec2States].map(([id, s]) => [id, s.status])), empty, await inventory(ec2Kinds, run.region), identity);
    log(`${seconds(recovered - restarted)} after the emulator restarted empty: ${awaited.length - pending.length} of ${awaited.length} ACK objects synced (with their resource in AWS again: ${(await absentInAws(awaited)).length === 0 ? 'all' : 'not all'}); EC2 in AWS: ${report.map((r) => `${r.kind.split('/')[1]} ${r.created}/${r.objects}`).join(', ')}; duplicates ${report.reduce((n, r) => n + r.duplicates, 0)}, orphans ${report.reduce((n, r) => n + r.orphans.length, 0)}${pending.length ? `; not synced: ${pending.map((o) => `${o.kind}/${o.metadata.name}`).join(' ')}` : ''}`);
    expect.soft(pending.map((o) => `${o.kind}/${o.metadata.name}`), 'objects not synced again').toEqual([]);
    expect.soft(await absentInAws(awaited), 'resources not in AWS again').toEqual([]);
    expect.soft(report.flatMap((r) => r.orphans.map((id) => `${r.kind} ${id}`)), 'EC2 resources no object names').toEqual([]);

    // AND each stateful resource that came back under a new identity is Recreated: Warning Event and policy status
    const states = await syncStates(withIdentity);
    const changed = withIdentity.filter((o) => identityOf({ ...o, status: states.get(identity(o))!.status }) !== recorded.get(identity(o)));
    const back = withIdentity.filter((o) => !pending.includes(o));
    log(`${changed.length} of ${withIdentity.length} stateful objects with an identity came back under a new one (${back.length} synced again)`);
    expect(changed.map((o) => o.metadata.name)).toEqual(expect.arrayContaining(back.map((o) => o.metadata.name)));
    expect(changed.length).toBeGreaterThan(0);
    await vi.waitFor(async () => {
      const policy = (await livePolicies()).get(`BackupPolicy/${backup.metadata.name}`)!;
      const reported = new Set((policy.status?.violations ?? []).filter((v) => v.reason === RULE_RECREATED).map((v) => `${v.kind}/${v.name}`));
      expect(changed.map((o) => `${kindKey(o)}/${o.metadata.name}`).filter((key) => !reported.has(key))).toEqual([]);
      for (const o of changed) {
        const events = await eventsOn(o.metadata.namespace!, o.kind, o.metadata.name);
        expect(events.filter((e) => e.type === 'Warning' && e.reason === RULE_RECREATED).map((e) => e.message), `${o.kind}/${o.metadata.name}`).toEqual([expect.stringContaining(`${recorded.get(identity(o))} was recorded`)]);
      }
    }, { timeout: 60_000, interval: 2000 });
    const policy = (await livePolicies()).get(`BackupPolicy/${backup.metadata.name}`)!;
    log(`backup policy: ${policy.status?.violations?.filter((v) => v.reason === RULE_RECREATED).length} of ${covered.length} covered objects reported Recreated (${[...new Set(changed.map((o) => o.kind))].join(', ')}), violating ${policy.status?.violating}`);

    // AND the buckets reported are the ones S3 itself lists with a new creation date
    const bucketsAfter = await creationDates();
    const newBuckets = buckets.filter((b) => bucketsAfter.has(b.name) && bucketsAfter.get(b.name) !== bucketsBefore.get(b.name)).map((b) => b.name);
    expect(newBuckets).toEqual(buckets.map((b) => b.name));
    expect(changed.filter((o) => kindKey(o) === BUCKET).map((o) => specOf(o).name as string).sort()).toEqual([...newBuckets].sort());

    // WHEN a person acknowledges one recreation (restored, or accepted) by deleting the annotation
    const [acknowledged] = changed;
    await kubectl(['annotate', '-n', acknowledged.metadata.namespace!, `${resourceOf(acknowledged)}/${acknowledged.metadata.name}`, `${IDENTITY_ANNOTATION}-`]);
    // THEN the new identity is recorded and the policy no longer lists it
    await vi.waitFor(async () => {
      const policy = (await livePolicies()).get(`BackupPolicy/${backup.metadata.name}`)!;
      expect((policy.status?.violations ?? []).filter((v) => v.reason === RULE_RECREATED && v.name === acknowledged.metadata.name)).toEqual([]);
    }, { timeout: 60_000, interval: 2000 });
  }, WAVE_TIMEOUT_MS * 2 + RECOVERY_TIMEOUT_MS + 240_000);
});
