import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readManifestTree } from '../../cli/diff/manifest-tree';
import { cloneRepo, commitAll, editFile, git, platform, readFile, removeTempRepos, synthesizedRepo, writeFile } from './temp-repo';

const PROMOTE = ['promote', '--from', 'staging', '--to', 'production'];
const RESIZED_CLASS = 'db.r6g.2xlarge';
const SLOW = 240_000;

type Versions = { images: Record<string, string> };
const versions = (repo: string, env: string) => parse(readFile(repo, `environments/${env}/versions.yaml`)) as Versions;
const promoteBranches = (repo: string) => git(repo, 'branch', '--list', 'promote/*').trim();
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const productionObjects = (repo: string): any[] => readManifestTree({ kind: 'dir', dir: path.join(repo, 'manifests') }).get('production') ?? [];

describe('platform promote --from staging --to production', () => {
  /** Main of a repository whose production database was resized by hand (a production-only value). */
  let template: string;
  beforeAll(() => {
    template = synthesizedRepo((repo) => {
      const file = 'environments/production/environment.yaml';
      const current = /instanceClass: (\S+)/.exec(readFile(repo, file))![1];
      editFile(repo, file, `instanceClass: ${current}`, `instanceClass: ${RESIZED_CLASS}`);
    });
  }, SLOW);
  afterAll(removeTempRepos);

  describe('when staging runs newer versions', () => {
    let repo: string;
    let before: { head: string; production: string; environment: string; staging: Versions };
    let result: ReturnType<typeof platform>;

    beforeAll(() => {
      repo = cloneRepo(template);
      before = {
        head: git(repo, 'rev-parse', '--short', 'HEAD').trim(),
        production: readFile(repo, 'environments/production/versions.yaml'),
        environment: readFile(repo, 'environments/production/environment.yaml'),
        staging: versions(repo, 'staging'),
      };
      result = platform(repo, ...PROMOTE);
    }, SLOW);

    it('succeeds on a new branch promote/staging-to-production-<short sha> with one commit', () => {
      expect(result.stderr).toContain(`created branch promote/staging-to-production-${before.head} with one commit`);
      expect(result.status, result.stderr).toBe(0);
      expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe(`promote/staging-to-production-${before.head}`);
      expect(git(repo, 'rev-parse', '--short', 'HEAD~1').trim()).toBe(before.head);
      expect(git(repo, 'log', '-1', '--format=%s').trim()).toMatch(/^Promote staging to production: /);
      expect(git(repo, 'status', '--porcelain').trim()).toBe('');
    });

    it('lands the image tags in production versions.yaml, comments and quoting kept', () => {
      expect(versions(repo, 'production')).toEqual(before.staging);
      const text = readFile(repo, 'environments/production/versions.yaml');
      expect(text.split('\n')[0]).toBe(before.production.split('\n')[0]);
      expect(text).toContain(`inventory: "${before.staging.images.inventory}"`);
    });

    it('lands the image tags in the production manifests', () => {
      const images = productionObjects(repo)
        .filter((o) => o.kind === 'TaskDefinition')
        .flatMap((o) => o.spec.containerDefinitions.map((c: { image: string }) => c.image))
        .filter((image: string) => image.includes('/mycomputer/inventory:'));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect(image).toMatch(new RegExp(`:${before.staging.images.inventory.replace(/\./g, '\\.')}$`));
    });

    it('does not overwrite the resized production database with staging\'s size', () => {
      expect(readFile(repo, 'environments/production/environment.yaml')).toBe(before.environment);
      const databases = productionObjects(repo).filter((o) => o.kind === 'DBInstance' && !o.metadata.name.includes('replica'));
      expect(databases.length).toBeGreaterThan(0);
      for (const db of databases) expect(db.spec.dbInstanceClass, db.metadata.name).toBe(RESIZED_CLASS);
    });

    it('commits only production\'s versions.yaml and manifests', () => {
      const files = git(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
      expect(files).toContain('environments/production/versions.yaml');
      for (const file of files) expect(file).toMatch(/^(environments\/production\/versions\.yaml|manifests\/production\/.+\.yaml)$/);
    });

    it('writes and prints the pull request body: what, from which staging commit, and the production diff', () => {
      const body = fs.readFileSync(path.join(repo, '.promote', 'PR_BODY.md'), 'utf8');
      expect(result.stdout).toBe(body);
      expect(body).toContain('## Promote staging → production');
      expect(body).toContain(`at commit \`${before.head}\``);
      expect(body).toContain(`| \`images.inventory\` | ${parse(before.production).images.inventory} | ${before.staging.images.inventory} |`);
      expect(body).toContain('### production: ');
      expect(body).toContain(`image: …/inventory:${parse(before.production).images.inventory} → …/inventory:${before.staging.images.inventory}`);
      expect(body).toContain('allow `0 2 * * 2,4` for 2h (UTC, manual sync allowed)');
    });

    it('then refuses a second promotion: nothing differs', () => {
      const again = platform(repo, ...PROMOTE);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('refusing to promote: nothing differs: environments/production/versions.yaml already has the values of environments/staging/versions.yaml');
    });
  });

  it('refuses a dirty working tree, changing nothing', () => {
    const repo = cloneRepo(template);
    const head = git(repo, 'rev-parse', 'HEAD');
    writeFile(repo, 'environments/production/notes.txt', 'resize later\n');
    editFile(repo, 'environments/staging/versions.yaml', 'images:', 'images: # edited');
    const result = platform(repo, ...PROMOTE);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refusing to promote: the working tree has uncommitted changes (environments/staging/versions.yaml, environments/production/notes.txt); commit or stash them first');
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(promoteBranches(repo)).toBe('');
    expect(readFile(repo, 'environments/production/versions.yaml')).toBe(readFile(template, 'environments/production/versions.yaml'));
  });

  it('refuses when staging\'s committed manifests are stale', () => {
    const repo = cloneRepo(template);
    fs.appendFileSync(path.join(repo, 'manifests/staging/00-namespace.yaml'), '# edited by hand\n');
    commitAll(repo, 'Hand edit');
    const result = platform(repo, ...PROMOTE);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("refusing to promote: staging's committed manifests are stale (00-namespace.yaml differ from a fresh synth)");
    expect(promoteBranches(repo)).toBe('');
  }, SLOW);

  it('refuses when production\'s committed manifests are stale: an environment edit without synth does not ride along', () => {
    // GIVEN a production bucket renamed in environment.yaml and committed without synth
    const repo = cloneRepo(template);
    editFile(repo, 'environments/production/environment.yaml', 'assets: mycomputer-assets', 'assets: mycomputer-assets-renamed');
    commitAll(repo, 'Rename the assets bucket (not synthesized)');

    // WHEN promoting
    const result = platform(repo, ...PROMOTE);

    // THEN it refuses, naming production's stale file, and creates no branch
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to promote: production's committed manifests are stale \([^)]*\bstorage\.yaml\b[^)]*differ from a fresh synth\)/);
    expect(promoteBranches(repo)).toBe('');
  }, SLOW);

  it('refuses production manifests that hold what no environment file gives (a hand-added bucket)', () => {
    const repo = cloneRepo(template);
    writeFile(repo, 'manifests/production/legacy.yaml', 'apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: legacy-assets\n  namespace: mycomputer-production\nspec:\n  name: mycomputer-legacy-assets\n');
    commitAll(repo, 'Legacy bucket');
    for (const flags of [[], ['--allow-destructive']]) {
      const refused = platform(repo, ...PROMOTE, ...flags);
      expect(refused.status, refused.stderr).toBe(1);
      expect(refused.stderr).toContain("refusing to promote: production's committed manifests are stale (legacy.yaml differ from a fresh synth)");
    }
    expect(promoteBranches(repo)).toBe('');
  }, SLOW);

  it('refuses any direction but the declared one (promotion.from), changing nothing', () => {
    for (const [from, to, source] of [['development', 'production', 'staging'], ['production', 'staging', 'development'], ['staging', 'development', undefined]] as const) {
      const result = platform(template, 'promote', '--from', from, '--to', to);
      expect(result.status, `${from} → ${to}`).toBe(1);
      const declared = source ? `only from "${source}"` : 'from no environment';
      expect(result.stderr).toContain(`refusing to promote: ${to} is promoted ${declared} (promotion.from in environments/${to}/environment.yaml); the order is development → staging → production`);
    }
    expect(promoteBranches(template)).toBe('');
  });

  it('refuses an unknown environment and the same environment twice', () => {
    expect(platform(template, 'promote', '--from', 'staging', '--to', 'prod').stderr).toContain('refusing to promote: no environment "prod" (have development, staging, production)');
    expect(platform(template, 'promote', '--from', 'staging', '--to', 'staging').stderr).toContain('refusing to promote: --from and --to are both "staging"');
    expect(platform(template, 'promote', '--from', 'staging').stderr).toContain('promote needs --from <env> and --to <env>');
  });
});

describe('platform promote with pre-release tags', () => {
  afterAll(removeTempRepos);

  /** A repository whose staging runs a release candidate of every image (development's tags). */
  let repo: string;
  let rc: Versions;
  beforeAll(() => {
    repo = synthesizedRepo((r) => {
      const staging = versions(r, 'staging');
      for (const [workload, tag] of Object.entries(staging.images)) editFile(r, 'environments/staging/versions.yaml', `${workload}: "${tag}"`, `${workload}: "${tag.replace(/^(\d+)\.(\d+)\..*$/, (_m, major, minor) => `${major}.${Number(minor) + 1}.0`)}-rc.1"`);
    });
    rc = versions(repo, 'staging');
  }, SLOW);

  it('never lets them reach production (no environment is promoted from it) without --allow-prerelease', () => {
    const refused = platform(repo, ...PROMOTE);
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`refusing to promote: pre-release tags would reach production, the last environment (images.inventory ${rc.images.inventory}`);
    expect(refused.stderr).toContain('pass --allow-prerelease to accept them');
    expect(promoteBranches(repo)).toBe('');

    const allowed = platform(cloneRepo(repo), ...PROMOTE, '--allow-prerelease');
    expect(allowed.status, allowed.stderr).toBe(0);
  }, SLOW);
});
