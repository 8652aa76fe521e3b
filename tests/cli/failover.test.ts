import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readManifestTree } from '../../cli/diff/manifest-tree';
import { drName } from '../../charts/lib/dr-site';
import { loadEnvironment } from '../../charts/lib/environment/load';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { criticalDatabases } from '../../charts/lib/disaster-recovery';
import { names } from '../../charts/lib/names';
import { cloneRepo, editFile, git, platform, readFile, removeTempRepos, synthesizedRepo, writeFile } from './temp-repo';

const SLOW = 240_000;
const ENV = 'production';
const ENV_FILE = `environments/${ENV}/environment.yaml`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = { kind: string; metadata: { name: string }; spec: any };
const objectsOf = (repo: string): Obj[] => (readManifestTree({ kind: 'dir', dir: path.join(repo, 'manifests') }).get(ENV) ?? []) as unknown as Obj[];
const environment = (repo: string): EnvironmentConfig => loadEnvironment(ENV, { environmentsDir: path.join(repo, 'environments') });
const branches = (repo: string) => git(repo, 'branch', '--list', 'fail*').trim();

describe('platform failover --env production', () => {
  let template: string;
  let env: EnvironmentConfig;
  beforeAll(() => {
    template = synthesizedRepo();
    env = environment(template);
  }, SLOW);
  afterAll(removeTempRepos);

  describe('--to the DR region, then back', () => {
    let repo: string;
    let head: string;
    let over: ReturnType<typeof platform>;
    let back: ReturnType<typeof platform>;
    let afterFailover: { objects: Obj[]; file: string; head: string; body: string };

    beforeAll(() => {
      repo = cloneRepo(template);
      head = git(repo, 'rev-parse', '--short', 'HEAD').trim();
      over = platform(repo, 'failover', '--env', ENV, '--to', env.aws.drRegion);
      afterFailover = { objects: objectsOf(repo), file: readFile(repo, ENV_FILE), head: git(repo, 'rev-parse', '--short', 'HEAD').trim(), body: readFile(repo, '.promote/PR_BODY.md') };
      back = platform(repo, 'failover', '--env', ENV, '--to', env.aws.region);
    }, SLOW);

    it('commits the failover on a new branch failover/<env>-to-<region>-<short sha>', () => {
      expect(over.status, over.stderr).toBe(0);
      expect(over.stderr).toContain(`created branch failover/${ENV}-to-${env.aws.drRegion}-${head} with one commit`);
      expect(git(repo, 'log', '-1', '--format=%s', `failover/${ENV}-to-${env.aws.drRegion}-${head}`).trim()).toBe(`Fail ${ENV} over to ${env.aws.drRegion}`);
    });

    it('changes one line of environment.yaml, its comment kept', () => {
      const before = readFile(template, ENV_FILE).split('\n');
      const after = afterFailover.file.split('\n');
      const changed = after.filter((line, i) => line !== before[i]);
      expect(after.length).toBe(before.length);
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatch(new RegExp(`^  activeRegion: ${env.aws.drRegion} +# `));
      expect(parse(afterFailover.file).disasterRecovery.activeRegion).toBe(env.aws.drRegion);
    });

    it('flips the weighted origins, runs the DR services at full size and describes the replicas as promoted', () => {
      const objects = afterFailover.objects;
      const record = (side: string) => objects.find((o) => o.kind === 'RecordSet' && o.metadata.name === `record-origin-${side}`)!;
      expect(record('primary').spec.weight).toBe(0);
      expect(record('secondary').spec.weight).toBe(env.edge.primaryWeight);
      for (const [workload, sizing] of Object.entries(env.workloads)) {
        const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === drName(names.ecsService(workload)))!;
        expect(service.spec.desiredCount, workload).toBe(sizing.desiredCount);
      }
      for (const { database } of criticalDatabases(env)) {
        const replica = objects.find((o) => o.kind === 'DBInstance' && o.metadata.name === names.dr.dbInstance(database))!;
        expect(replica.spec.sourceDBInstanceIdentifier).toBeUndefined();
        expect(replica.spec.multiAZ).toBe(true);
        expect(replica.spec.backupRetentionPeriod).toBe(env.database.backupRetentionDays);
      }
      // the backup policy accepts the missing replicas while failed over
      expect(objects.find((o) => o.kind === 'BackupPolicy')!.spec.failedOverTo).toBe(env.aws.drRegion);
    });

    it('writes the RTO budget and the promotion of every critical replica, with the manifest\'s retention, into the PR body', () => {
      expect(over.stdout).toContain(`Critical workloads: **${env.recovery.critical.rtoMinutes} min**`);
      expect(over.stdout).toContain(`non-critical: **${env.recovery['non-critical'].rtoMinutes} min**`);
      for (const { database } of criticalDatabases(env)) {
        expect(over.stdout).toContain(`aws rds promote-read-replica --db-instance-identifier ${names.dr.dbInstance(database)} --backup-retention-period ${env.database.backupRetentionDays} --region ${env.aws.drRegion}`);
      }
      expect(over.stdout).toContain(`argocd app sync ${env.namespace}`);
      expect(afterFailover.body).toBe(over.stdout);
    });

    it('fails back on its own branch, and the manifests are main\'s again', () => {
      expect(back.status, back.stderr).toBe(0);
      expect(back.stderr).toContain(`created branch failback/${ENV}-to-${env.aws.region}-${afterFailover.head} with one commit`);
      expect(readFile(repo, ENV_FILE)).toBe(readFile(template, ENV_FILE));
      expect(objectsOf(repo)).toEqual(objectsOf(template));
      for (const { database } of criticalDatabases(env)) expect(back.stdout).toContain(`kubectl annotate dbinstance ${names.dbInstance(database)} -n ${env.namespace} services.k8s.aws/read-only=true`);
    });
  });

  it('refuses an environment without DR, an unknown region, the active region and a dirty tree, creating nothing', () => {
    const repo = cloneRepo(template);
    const withoutDr = ['development', 'staging'].find((name) => !loadEnvironment(name, { environmentsDir: path.join(repo, 'environments') }).disasterRecovery.enabled)!;
    expect(platform(repo, 'failover', '--env', withoutDr, '--to', env.aws.drRegion).stderr).toContain(`refusing to fail over: ${withoutDr} runs no DR (disasterRecovery.enabled is false in environments/${withoutDr}/environment.yaml)`);
    expect(platform(repo, 'failover', '--env', ENV, '--to', 'us-east-2').stderr).toContain(`refusing to fail over: --to must be ${ENV}'s aws.region ${env.aws.region} (fail back) or aws.drRegion ${env.aws.drRegion} (fail over), got "us-east-2"`);
    expect(platform(repo, 'failover', '--env', ENV, '--to', env.aws.region).stderr).toContain(`refusing to fail over: ${ENV}'s traffic is already in ${env.aws.region}`);
    expect(platform(repo, 'failover', '--env', ENV).stderr).toContain('failover needs --env <name> and --to <region>');
    writeFile(repo, 'notes.txt', 'work in progress\n');
    const dirty = platform(repo, 'failover', '--env', ENV, '--to', env.aws.drRegion);
    expect(dirty.status).toBe(1);
    expect(dirty.stderr).toContain('refusing to fail over: the working tree has uncommitted changes (notes.txt)');
    expect(branches(repo)).toBe('');
  }, SLOW);

  it('refuses stale manifests: an environment edit without synth does not ride along', () => {
    const repo = cloneRepo(template);
    editFile(repo, ENV_FILE, 'assets: mycomputer-assets', 'assets: mycomputer-assets-renamed');
    git(repo, 'commit', '-qam', 'Rename the assets bucket (not synthesized)');
    const result = platform(repo, 'failover', '--env', ENV, '--to', env.aws.drRegion);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to fail over: production's committed manifests are stale \([^)]*\bstorage\.yaml\b/);
    expect(branches(repo)).toBe('');
  }, SLOW);
});
