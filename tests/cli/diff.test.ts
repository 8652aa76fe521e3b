import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { commitAll, editFile, emptyRepo, git, platform, platformProcess, removeTempRepos, writeFile } from './temp-repo';

const BUCKET = `apiVersion: s3.services.k8s.aws/v1alpha1
kind: Bucket
metadata:
  name: assets
  namespace: mycomputer-production
spec:
  name: mycomputer-assets
  tagging:
    tagSet:
      - key: Owner
        value: platform-team@mycomputer.com
`;

const DATABASE = `apiVersion: rds.services.k8s.aws/v1alpha1
kind: DBInstance
metadata:
  name: inventory
  namespace: mycomputer-production
spec:
  dbInstanceIdentifier: mycomputer-inventory
  dbInstanceClass: db.r6g.xlarge
  engine: postgres
  engineVersion: "14.7"
  availabilityZone: eu-west-1a
  allocatedStorage: 100
  tags:
    - key: Team
      value: backend
    - key: Owner
      value: backend-team@mycomputer.com
`;

const LOG_GROUP = `apiVersion: cloudwatchlogs.services.k8s.aws/v1alpha1
kind: LogGroup
metadata:
  name: inventory
  namespace: mycomputer-staging
spec:
  name: /ecs/inventory
  retentionDays: 30
`;

/** A repository whose main branch has a production bucket and database, and a staging log group. */
function estateRepo(): string {
  const repo = emptyRepo();
  writeFile(repo, 'manifests/production/storage.yaml', BUCKET);
  writeFile(repo, 'manifests/production/database.yaml', DATABASE);
  writeFile(repo, 'manifests/staging/observability.yaml', LOG_GROUP);
  commitAll(repo, 'Estate');
  return repo;
}

const json = (repo: string, ...args: string[]) => {
  const result = main(['diff', '--format', 'json', ...args], repo);
  return { ...result, report: JSON.parse(result.output) };
};

describe('platform diff', () => {
  afterAll(removeTempRepos);

  describe('with no change', () => {
    it('reports no changes and exits 0', () => {
      const repo = estateRepo();
      const result = main(['diff'], repo);
      expect(result.exitCode).toBe(0);
      expect(result.output).toContain('production: no changes');
    });
  });

  describe('a removed production bucket', () => {
    let repo: string;
    beforeAll(() => {
      repo = estateRepo();
      git(repo, 'rm', '--quiet', 'manifests/production/storage.yaml');
    });

    it('is DESTRUCTIVE and the command exits non-zero (as a real process)', () => {
      const result = platformProcess(repo, 'diff');
      expect(result.status).toBe(2);
      expect(result.stdout).toContain('production: 1 removed DESTRUCTIVE');
      expect(result.stdout).toContain('- remove  Bucket assets (bucket) DESTRUCTIVE');
      expect(result.stderr).toContain('refusing: the diff is DESTRUCTIVE');
    });

    it('passes with --allow-destructive, still saying DESTRUCTIVE', () => {
      const result = platform(repo, 'diff', '--allow-destructive');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('DESTRUCTIVE');
    });

    it('says so in JSON', () => {
      const { exitCode, report } = json(repo);
      expect(exitCode).toBe(2);
      expect(report.destructive).toBe(true);
      expect(report.environments.find((e: { environment: string }) => e.environment === 'production').changes).toEqual([
        { apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', name: 'assets', namespace: 'mycomputer-production', holds: 'bucket', action: 'remove', destructive: true, fields: [] },
      ]);
    });
  });

  describe('a change of an immutable field (DBInstance availabilityZone per the RDS CRD)', () => {
    it('is REPLACE, and DESTRUCTIVE because a database holds data', () => {
      const repo = estateRepo();
      editFile(repo, 'manifests/production/database.yaml', 'availabilityZone: eu-west-1a', 'availabilityZone: eu-west-1b');
      const { exitCode, report } = json(repo);
      const [change] = report.environments.find((e: { environment: string }) => e.environment === 'production').changes;
      expect(exitCode).toBe(2);
      expect(change).toMatchObject({ kind: 'DBInstance', name: 'inventory', action: 'replace', destructive: true });
      expect(change.fields).toEqual([{ path: ['spec', 'availabilityZone'], before: 'eu-west-1a', after: 'eu-west-1b', immutableField: 'spec.availabilityZone' }]);
      expect(main(['diff', '--format', 'md'], repo).output).toContain(
        '- **REPLACE** `DBInstance` **inventory** (database) **DESTRUCTIVE**\n  - availability zone: eu-west-1a → eu-west-1b [immutable spec.availabilityZone: forces replacement]',
      );
    });

    it('is REPLACE for a renamed bucket (S3 Bucket spec.name is immutable)', () => {
      const repo = estateRepo();
      editFile(repo, 'manifests/production/storage.yaml', 'name: mycomputer-assets', 'name: mycomputer-assets-eu');
      const result = main(['diff'], repo);
      expect(result.exitCode).toBe(2);
      expect(result.output).toContain('± REPLACE Bucket assets (bucket) DESTRUCTIVE');
      expect(result.output).toContain('name: mycomputer-assets → mycomputer-assets-eu [immutable spec.name: forces replacement]');
    });
  });

  describe('in-place changes', () => {
    it('an engine version upgrade is a change, not a replacement (the RDS CRD does not mark engineVersion immutable)', () => {
      const repo = estateRepo();
      editFile(repo, 'manifests/production/database.yaml', 'engineVersion: "14.7"', 'engineVersion: "15.4"');
      const result = main(['diff'], repo);
      expect(result.exitCode).toBe(0);
      expect(result.output).toContain('production: 1 changed\n  ~ change  DBInstance inventory (database)\n');
      expect(result.output).toContain('      engine version: 14.7 → 15.4\n');
    });

    it('reads field by field in reviewer words: class, storage and a tag', () => {
      const repo = estateRepo();
      editFile(repo, 'manifests/production/database.yaml', 'db.r6g.xlarge', 'db.r6g.2xlarge');
      editFile(repo, 'manifests/production/database.yaml', 'allocatedStorage: 100', 'allocatedStorage: 200');
      editFile(repo, 'manifests/production/database.yaml', 'value: backend-team@mycomputer.com', 'value: data-team@mycomputer.com');
      const lines = main(['diff', '--env', 'production'], repo).output.split('\n');
      expect(lines).toEqual([
        'Infrastructure diff ' + git(repo, 'rev-parse', '--short', 'HEAD').trim() + ' → working tree',
        '',
        'production: 1 changed',
        '  ~ change  DBInstance inventory (database)',
        '      dbInstanceClass: restarts the instance (Single-AZ): the database is down for several minutes',
        '      when: unknown (no environment data for this folder): assume at the next sync',
        '      DB instance class: db.r6g.xlarge → db.r6g.2xlarge',
        '      allocated storage: 100 → 200',
        '      tag Owner: backend-team@mycomputer.com → data-team@mycomputer.com',
        '',
      ]);
    });

    it('lists added resources and limits the output to --env', () => {
      const repo = estateRepo();
      writeFile(repo, 'manifests/staging/cache.yaml', LOG_GROUP.replace(/inventory/g, 'payments'));
      const { report } = json(repo, '--env', 'staging');
      expect(report.environments.map((e: { environment: string }) => e.environment)).toEqual(['staging']);
      expect(report.environments[0].changes).toEqual([
        { apiVersion: 'cloudwatchlogs.services.k8s.aws/v1alpha1', kind: 'LogGroup', name: 'payments', namespace: 'mycomputer-staging', holds: 'logs', action: 'add', destructive: false, fields: [] },
      ]);
    });

    it('does not call moving an object to another file a change', () => {
      const repo = estateRepo();
      git(repo, 'mv', 'manifests/production/storage.yaml', 'manifests/production/buckets.yaml');
      expect(main(['diff'], repo).output).toContain('production: no changes');
    });
  });

  describe('base revision', () => {
    it('defaults to the merge base with main, so commits on the branch are part of the diff', () => {
      const repo = estateRepo();
      git(repo, 'switch', '--quiet', '--create', 'feature');
      editFile(repo, 'manifests/staging/observability.yaml', 'retentionDays: 30', 'retentionDays: 90');
      commitAll(repo, 'Keep logs longer');
      const result = main(['diff'], repo);
      expect(result.output).toContain('staging: 1 changed');
      expect(result.output).toContain('retention days: 30 → 90');
      expect(main(['diff', '--base', 'HEAD'], repo).output).toContain('staging: no changes');
    });

    it('refuses an unknown revision with a clear message', () => {
      const repo = estateRepo();
      expect(main(['diff', '--base', 'no-such-branch'], repo)).toEqual({ exitCode: 1, output: '', message: 'unknown git revision "no-such-branch"' });
    });
  });

  describe('output formats', () => {
    it('colours text for a terminal, never Markdown or JSON', () => {
      const repo = estateRepo();
      git(repo, 'rm', '--quiet', 'manifests/production/storage.yaml');
      expect(main(['diff'], repo, true).output).toContain('\u001b[31m');
      expect(main(['diff', '--format', 'md'], repo, true).output).not.toContain('\u001b[');
      expect(main(['diff', '--format', 'md'], repo).output).toContain('> **DESTRUCTIVE**: this change removes or replaces resources that hold data');
    });

    it('rejects an unknown format', () => {
      expect(main(['diff', '--format', 'html'], emptyRepo()).message).toContain('--format must be one of text, md, json, got "html"');
    });
  });
});
