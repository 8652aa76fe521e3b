/**
 * The diff's guards against changes that look harmless in git: renames that are replacements,
 * removals that lose logs, service or DNS in a protected environment, and in-place changes that
 * restart a database.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renameWorkload } from '../support/rename-workload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { loadEnvironment } from '../../charts/lib/environment/load';
import { synthOptions } from '../../charts/synth-config';
import { describeWindow } from '../../cli/diff/environment-facts';
import { ManifestObject, readManifestTree } from '../../cli/diff/manifest-tree';
import { main } from '../../cli/main';
import { KIND_LOSSES } from '../../policy/stateful-kinds';
import { cloneRepo, commitAll, editFile, emptyRepo, platform, removeTempRepos, synthesizedRepo, writeFile } from './temp-repo';

interface Change {
  action: string;
  kind: string;
  name: string;
  renamedFrom?: string;
  destructive: boolean;
  notes?: string[];
}

const changesOf = (repo: string, env: string, ...args: string[]) => {
  const result = main(['diff', '--format', 'json', '--env', env, ...args], repo);
  const report = JSON.parse(result.output) as { environments: { environment: string; changes: Change[] }[] };
  return { exitCode: result.exitCode, changes: report.environments.find((e) => e.environment === env)!.changes };
};

const RECORD = (name: string) => `apiVersion: route53.services.k8s.aws/v1alpha1
kind: RecordSet
metadata:
  name: ${name}
  namespace: mycomputer-production
spec:
  hostedZoneRef:
    from:
      name: hosted-zone
  name: inventory
  recordType: CNAME
  resourceRecords:
    - value: origin.mycomputer.com
  ttl: 300
`;

const BUCKET = (name: string) => `apiVersion: s3.services.k8s.aws/v1alpha1
kind: Bucket
metadata:
  name: ${name}
  namespace: mycomputer-production
spec:
  name: mycomputer-assets
`;

afterAll(removeTempRepos);

describe('renames are replacements', () => {
  it('a Route 53 record whose Kubernetes name changes is ONE rename of the same record, DESTRUCTIVE', () => {
    const repo = emptyRepo();
    writeFile(repo, 'manifests/production/dns.yaml', RECORD('record-inventory'));
    commitAll(repo, 'Estate');
    writeFile(repo, 'manifests/production/dns.yaml', RECORD('record-stock'));
    const { exitCode, changes } = changesOf(repo, 'production');
    expect(exitCode).toBe(2);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ action: 'rename', kind: 'RecordSet', renamedFrom: 'record-inventory', name: 'record-stock', destructive: true });
    expect(changes[0].notes![0]).toContain('same name inventory CNAME: deleted with the old object and created again by the new one');
    const text = platform(repo, 'diff', '--env', 'production');
    expect(text.stdout).toContain('production: 1 renamed DESTRUCTIVE');
    expect(text.stdout).toContain('» RENAME  RecordSet record-inventory → record-stock (DNS record) DESTRUCTIVE');
  });

  it('records of another type or name are not paired', () => {
    const repo = emptyRepo();
    writeFile(repo, 'manifests/production/dns.yaml', RECORD('record-inventory'));
    commitAll(repo, 'Estate');
    writeFile(repo, 'manifests/production/dns.yaml', RECORD('record-stock').replace('recordType: CNAME', 'recordType: TXT').replace('name: inventory', 'name: stock'));
    expect(changesOf(repo, 'production').changes.map((c) => c.action).sort()).toEqual(['add', 'remove']);
  });

  it('a bucket re-managed under another Kubernetes name keeps its AWS name and says the new object cannot create it', () => {
    const repo = emptyRepo();
    writeFile(repo, 'manifests/production/storage.yaml', BUCKET('assets'));
    commitAll(repo, 'Estate');
    writeFile(repo, 'manifests/production/storage.yaml', BUCKET('static-assets'));
    const { changes } = changesOf(repo, 'production');
    expect(changes).toEqual([expect.objectContaining({ action: 'rename', kind: 'Bucket', renamedFrom: 'assets', name: 'static-assets', destructive: true })]);
    expect(changes[0].notes![0]).toContain('same name mycomputer-assets: the old object is deleted but retains it, and the new one cannot create it');
  });

  describe('a renamed workload (real synth)', () => {
    let repo: string;
    let renamed: string;
    let newName: string;
    let before: Map<string, ManifestObject[]>;

    beforeAll(() => {
      const base = synthesizedRepo();
      const env = loadEnvironment('production', { environmentsDir: path.join(base, 'environments') });
      const workloads = env.catalogue.workloads;
      // An API workload without a cache (the cache endpoint is pinned by workload name), whose
      // name is in no other workload's name (so that names carrying it are its objects).
      const names = Object.keys(workloads);
      renamed = names.find((w) => workloads[w].pathPrefix !== '/' && !workloads[w].usesCache && !names.some((other) => other !== w && other.includes(w)))!;
      newName = `renamed-${renamed}`;
      repo = cloneRepo(base);
      renameWorkload(path.join(repo, 'environments'), renamed, newName);
      synthesizeAll(synthOptions({ environmentsDir: path.join(repo, 'environments'), manifestsDir: path.join(repo, 'manifests') }));
      before = readManifestTree({ kind: 'git', repo, ref: 'HEAD' });
    });

    it('shows renames, never an add and a remove of the same kind that the rename explains', () => {
      const { exitCode, changes } = changesOf(repo, 'production');
      const renames = changes.filter((c) => c.action === 'rename');
      const key = (o: { kind: string; name: string }) => `${o.kind}/${o.name}`;
      const beforeKeys = new Set(before.get('production')!.map((o) => key({ kind: o.kind, name: o.metadata.name })));
      const afterKeys = new Set(readManifestTree({ kind: 'dir', dir: path.join(repo, 'manifests') }).get('production')!.map((o) => key({ kind: o.kind, name: o.metadata.name })));
      const gone = [...beforeKeys].filter((k) => !afterKeys.has(k));
      expect(exitCode).toBe(2);
      expect(gone.length).toBeGreaterThan(0);
      // Every object that went is one rename, to the name with the workload's new name.
      expect(renames.map((c) => `${c.kind}/${c.renamedFrom}`).sort()).toEqual(gone.sort());
      for (const change of renames) expect(change.name).toBe(change.renamedFrom!.replace(renamed, newName));
      // ...and the text reads as one rename of the workload before its objects.
      expect(main(['diff', '--env', 'production', '--allow-destructive'], repo).output).toContain(`  renamed ${renamed} → ${newName}: ${renames.length} objects (`);
      expect(changes.filter((c) => c.action === 'add' || c.action === 'remove')).toEqual([]);
      // The ECS service is a disruptive kind: DESTRUCTIVE in production.
      expect(renames.find((c) => c.kind === 'Service')).toMatchObject({ destructive: true });
    });
  });
});

describe('removing logs, a service or a DNS record', () => {
  let repo: string;
  const disruptive = Object.entries(KIND_LOSSES).filter(([, loss]) => loss.risk === 'disruptive').map(([kind]) => kind);
  beforeAll(() => {
    repo = synthesizedRepo();
  });

  /** Removes one object of each disruptive kind from an environment's manifests (in a clone). */
  function removeOneOfEach(env: string): { clone: string; removed: string[] } {
    const clone = cloneRepo(repo);
    const dir = path.join(clone, 'manifests', env);
    const removed: string[] = [];
    for (const kind of disruptive) {
      const [group, name] = kind.split('/');
      const file = fs.readdirSync(dir).find((f) => new RegExp(`apiVersion: ${group.replace(/\./g, '\\.')}/\\S+\\nkind: ${name}\\n`).test(fs.readFileSync(path.join(dir, f), 'utf8')))!;
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const documents = text.split(/^---\n/m);
      const index = documents.findIndex((d) => d.includes(`kind: ${name}\n`) && d.includes(`apiVersion: ${group}/`));
      removed.push(`${name} ${/\n  name: (\S+)/.exec(documents[index])![1]}`);
      documents.splice(index, 1);
      fs.writeFileSync(path.join(dir, file), documents.join('---\n'));
    }
    return { clone, removed };
  }

  it.each(['development', 'staging', 'production'])('in %s is DESTRUCTIVE exactly when the environment is protected (delivery.prune false)', (env) => {
    const isProtected = !loadEnvironment(env, { environmentsDir: path.join(repo, 'environments') }).delivery.prune;
    const { clone, removed } = removeOneOfEach(env);
    const { exitCode, changes } = changesOf(clone, env);
    expect(changes.map((c) => `${c.kind} ${c.name}`).sort()).toEqual(removed.sort());
    expect(changes.every((c) => c.action === 'remove' && c.destructive === isProtected)).toBe(true);
    expect(exitCode).toBe(isProtected ? 2 : 0);
  });

  it('production is protected in the data the tests run on (so the case above is exercised)', () => {
    expect(loadEnvironment('production', { environmentsDir: path.join(repo, 'environments') }).delivery.prune).toBe(false);
  });

  describe('an instance class change', () => {
    it('says the database restarts or fails over, and that production applies it only in its sync window', () => {
      const clone = cloneRepo(repo);
      const env = loadEnvironment('production', { environmentsDir: path.join(clone, 'environments') });
      const file = 'manifests/production/databases.yaml';
      const current = env.database.instanceClass;
      editFile(clone, file, `dbInstanceClass: ${current}`, `dbInstanceClass: ${current}-changed`);
      const { changes } = changesOf(clone, 'production');
      const [change] = changes;
      const instance = readManifestTree({ kind: 'dir', dir: path.join(clone, 'manifests') }).get('production')!.find((o) => o.kind === 'DBInstance' && o.metadata.name === change.name)!;
      const multiAZ = (instance.spec as { multiAZ?: boolean }).multiAZ === true;
      expect(change.action).toBe('change');
      expect(change.notes![0]).toContain(multiAZ ? 'fails the instance over to its standby (Multi-AZ)' : 'restarts the instance (Single-AZ)');
      expect(env.delivery.syncWindows.length).toBeGreaterThan(0);
      expect(change.notes![1]).toBe(`when: only in the sync window (${env.delivery.syncWindows.map(describeWindow).join('; ')})${env.delivery.syncWindows.some((w) => w.manualSync) ? ', or by a manual sync' : ''}`);
    });

    it('in an environment without sync windows applies at the next sync', () => {
      const clone = cloneRepo(repo);
      const env = loadEnvironment('development', { environmentsDir: path.join(clone, 'environments') });
      expect(env.delivery.syncWindows).toEqual([]);
      editFile(clone, 'manifests/development/databases.yaml', `dbInstanceClass: ${env.database.instanceClass}`, `dbInstanceClass: ${env.database.instanceClass}-changed`);
      const [change] = changesOf(clone, 'development').changes;
      expect(change.notes).toContain('when: at the next sync (no sync window)');
    });
  });
});

describe('sync windows in words', () => {
  it.each([
    [{ kind: 'allow', schedule: '0 2 * * 2,4', duration: '2h', manualSync: true }, 'Tue, Thu 02:00 UTC for 2h'],
    [{ kind: 'deny', schedule: '30 22 * * *', duration: '1h', manualSync: false }, 'not daily 22:30 UTC for 1h'],
    [{ kind: 'allow', schedule: '0 2 1 * *', duration: '3h', manualSync: false }, '"0 2 1 * *" (UTC) for 3h'],
  ] as const)('%j → %s', (window, text) => {
    expect(describeWindow(window)).toBe(text);
  });
});

describe('the command line', () => {
  it('refuses an unknown environment, naming it and the known ones', () => {
    const repo = emptyRepo();
    writeFile(repo, 'manifests/production/storage.yaml', BUCKET('assets'));
    writeFile(repo, 'manifests/staging/storage.yaml', BUCKET('assets').replace(/production/g, 'staging'));
    commitAll(repo, 'Estate');
    const result = platform(repo, 'diff', '--env', 'qa');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no environment "qa"');
    expect(result.stderr).toContain('known: production, staging');
  });

  it.each([['-h'], ['--help'], ['help'], ['help', 'diff'], ['diff', '-h'], ['diff', '--help'], ['promote', '--help']])('platform %s prints usage to stdout and exits 0', (...args) => {
    const result = platform(emptyRepo(), ...args);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage:/);
    expect(result.stderr).toBe('');
  });

  it('help for one command shows that command', () => {
    expect(platform(emptyRepo(), 'help', 'promote').stdout).toContain('platform promote --from <env> --to <env>');
    expect(platform(emptyRepo(), 'diff', '--help').stdout).not.toContain('platform promote');
  });

  it('--version prints the version of package.json', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    const result = platform(emptyRepo(), '--version');
    expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('an unknown command or none is an error with the usage on stderr', () => {
    expect(platform(emptyRepo(), 'deploy')).toMatchObject({ status: 1, stdout: '' });
    expect(platform(emptyRepo())).toMatchObject({ status: 1, stdout: '' });
  });
});
