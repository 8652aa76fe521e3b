/**
 * Disaster recovery for real (docs/disaster-recovery.md): production deployed by the ACK
 * controllers against the AWS emulator, its DR stack synced in the DR region, then the failover
 * pull request (`platform failover`'s change: disasterRecovery.activeRegion) applied after the
 * documented step outside git (the replicas promoted), timed until the DR side runs at full size,
 * the weighted origins are flipped and the promoted databases are Multi-AZ primaries, every
 * changed object synced. Run by `scripts/e2e-nightly failover` on a production stack.
 *
 * What the time measures: the GitOps and controller path (apply → ACK → AWS API) against an
 * emulator that creates everything at once. It does not measure AWS's own durations (a promotion
 * takes minutes, new tasks pull images and pass health checks, DNS caches expire), Argo CD's
 * poll interval, or the people reviewing the pull request.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { readManifestTree, ManifestObject } from '../../cli/diff/manifest-tree';
import { criticalDatabases } from '../../charts/lib/disaster-recovery';
import { drName } from '../../charts/lib/dr-site';
import { setYamlValues } from '../../charts/lib/environment/edit-yaml';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { names } from '../../charts/lib/names';
import { FIELD_MANAGER, identity, isAck } from '../cluster/support/manifests';
import { ENVIRONMENTS_DIR, loadEnv } from '../support/estate';
import { mapLimit, ServerSideApply } from '../support/kube';
import { gapOf } from './support/gaps';
import { awsOne } from './support/aws';
import { rollout, syncStates } from './support/rollout';
import { newRun, regionOf, specOf } from './support/run';
import { describeWithStack } from './support/stack';

const WAVE_TIMEOUT_MS = Number(process.env.PLATFORM_E2E_WAVE_TIMEOUT_SECONDS ?? 240) * 1000;
const ENV = 'production';
vi.setConfig({ testTimeout: 20 * 60_000 });

const run = newRun(ENV);
const env: EnvironmentConfig = loadEnv(ENV);
const drRegion = env.aws.drRegion;
const inDr = (o: ManifestObject) => regionOf(run, o) === drRegion;

/** production's manifests as `platform failover --to <region>` writes them, synthesized into a temporary folder. */
function manifestsActiveIn(region: string): ManifestObject[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'failover-e2e-'));
  try {
    const environments = path.join(work, 'environments');
    fs.cpSync(ENVIRONMENTS_DIR, environments, { recursive: true });
    const file = path.join(environments, ENV, 'environment.yaml');
    fs.writeFileSync(file, setYamlValues(fs.readFileSync(file, 'utf8'), [{ path: ['disasterRecovery', 'activeRegion'], value: region }]));
    synthesizeAll(synthOptions({ environmentsDir: environments, manifestsDir: path.join(work, 'manifests') }));
    return readManifestTree({ kind: 'dir', dir: path.join(work, 'manifests') }).get(ENV) ?? [];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The objects of `after` whose spec differs from the committed one. */
const changedObjects = (after: readonly ManifestObject[]) => {
  const before = new Map(run.objects.map((o) => [identity(o), JSON.stringify(o)]));
  return after.filter((o) => before.get(identity(o)) !== JSON.stringify(o));
};

/** What AWS (the emulator) says of the failover's three outcomes. */
async function awsSide() {
  const services = await Promise.all(
    Object.keys(env.workloads).map(async (workload) => {
      const object = run.objects.find((o) => o.kind === 'Service' && o.metadata.name === drName(names.ecsService(workload)))!;
      const { services: found } = await awsOne({ service: 'ecs', operation: 'describe_services', params: { cluster: env.compute.clusterName, services: [specOf(object).name] } }, drRegion);
      return { workload, desired: found?.[0]?.desiredCount as number | undefined };
    }),
  );
  const zones = await awsOne({ service: 'route53', operation: 'list_hosted_zones_by_name', params: { DNSName: `${env.edge.zoneName}.` } }, env.aws.region);
  const zone = (zones.HostedZones as { Id: string; Name: string; Config?: { PrivateZone?: boolean } }[]).find((z) => z.Name === `${env.edge.zoneName}.` && !z.Config?.PrivateZone)!;
  const { ResourceRecordSets: records } = await awsOne({ service: 'route53', operation: 'list_resource_record_sets', params: { HostedZoneId: zone.Id } }, env.aws.region);
  const weights = Object.fromEntries((records as { SetIdentifier?: string; Weight?: number }[]).filter((r) => r.SetIdentifier).map((r) => [r.SetIdentifier!, r.Weight]));
  const databases = await Promise.all(
    criticalDatabases(env).map(async ({ database }) => {
      const { DBInstances: [instance] } = await awsOne({ service: 'rds', operation: 'describe_db_instances', params: { DBInstanceIdentifier: names.dr.dbInstance(database) } }, drRegion);
      return { name: names.dr.dbInstance(database), multiAZ: instance?.MultiAZ as boolean, source: instance?.ReadReplicaSourceDBInstanceIdentifier as string | undefined };
    }),
  );
  return { services, weights, databases };
}

describeWithStack(`${ENV}: the DR region against the AWS emulator, failed over by pull request`, () => {
  const timings: string[] = [];
  beforeAll(async () => {
    const { Account } = await awsOne({ service: 'sts', operation: 'get_caller_identity' }, run.region);
    expect(Account, `bring the stack up with PLATFORM_AWS_ENV=${ENV}`).toBe(run.accountId);
    run.waves = await rollout(run.objects, { waveTimeoutMs: WAVE_TIMEOUT_MS, gaps: run.gaps, log: (line) => console.log(`e2e ${ENV}: ${line}`) });
    run.states = await syncStates(run.objects);
  }, WAVE_TIMEOUT_MS * 8 + 120_000);
  afterAll(() => console.log(timings.join('\n')));

  it(`has the DR stack synced in ${drRegion}, every object but those on the gap list`, () => {
    const dr = run.objects.filter((o) => isAck(o) && inDr(o));
    const awaited = dr.filter((o) => !gapOf(o, run.gaps));
    const notSynced = awaited.filter((o) => run.states.get(identity(o))?.synced !== 'True').map((o) => `${o.kind} ${o.metadata.name}: ${run.states.get(identity(o))?.message ?? 'missing'}`);
    timings.push(`DR region ${drRegion}: ${dr.length} objects, ${awaited.length - notSynced.length} synced, ${dr.length - awaited.length} on the gap list`);
    expect(dr.length).toBeGreaterThan(50);
    expect(notSynced).toEqual([]);
  });

  it('fails over: after the replicas are promoted, the failover change reaches the DR side at full size, the weights flipped, within the critical RTO', async () => {
    // GIVEN the passive state: warm services, 90/10, replicas
    const before = await awsSide();
    expect(before.weights).toEqual({ primary: env.edge.primaryWeight, secondary: env.edge.secondaryWeight });
    for (const service of before.services) expect(service.desired, service.workload).toBe(env.disasterRecovery.warmDesiredCount![service.workload]);
    for (const database of before.databases) expect(database.source, database.name).toBeTruthy();

    // WHEN the documented step outside git is done (the pull request body's), then the change applied as Argo CD would
    for (const { database } of criticalDatabases(env)) {
      await awsOne({ service: 'rds', operation: 'promote_read_replica', params: { DBInstanceIdentifier: names.dr.dbInstance(database), BackupRetentionPeriod: env.database.backupRetentionDays } }, drRegion);
    }
    const failedOver = manifestsActiveIn(drRegion);
    const changed = changedObjects(failedOver);
    const started = Date.now();
    const client = new ServerSideApply(FIELD_MANAGER);
    await mapLimit(changed, 8, (o) => client.apply(o, { force: true }));

    // THEN the DR side runs at full size, the weights are flipped and the databases are primaries, every changed object synced
    const full = (workload: string) => env.workloads[workload].desiredCount;
    let after = await awsSide();
    let states = await syncStates(changed);
    const done = () =>
      after.services.every((s) => s.desired === full(s.workload)) &&
      after.weights.primary === 0 &&
      after.weights.secondary === env.edge.primaryWeight &&
      after.databases.every((d) => d.multiAZ && !d.source) &&
      changed.filter(isAck).every((o) => states.get(identity(o))?.synced === 'True');
    const deadline = started + env.recovery.critical.rtoMinutes * 60_000;
    while (!done() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      [after, states] = await Promise.all([awsSide(), syncStates(changed)]);
    }
    const seconds = (Date.now() - started) / 1000;
    timings.push(`failover: ${changed.length} objects changed, applied → DR side at full size, weights flipped, replicas promoted, all synced in ${seconds.toFixed(1)} s (critical RTO ${env.recovery.critical.rtoMinutes} min)`);
    expect(after.weights).toEqual({ primary: 0, secondary: env.edge.primaryWeight });
    for (const service of after.services) expect(service.desired, service.workload).toBe(full(service.workload));
    for (const database of after.databases) expect(database, database.name).toMatchObject({ multiAZ: true, source: undefined });
    expect(changed.filter(isAck).filter((o) => states.get(identity(o))?.synced !== 'True').map((o) => `${o.kind} ${o.metadata.name}: ${states.get(identity(o))?.message}`)).toEqual([]);
    expect(seconds).toBeLessThan(env.recovery.critical.rtoMinutes * 60);
  });
});
