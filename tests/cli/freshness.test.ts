/**
 * What `platform diff` and `platform promote` need before they say anything: manifests that are
 * what the environment files give, and the CRDs that tell a replacement from a change.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crdsDir } from '../../charts/lib/crds-dir';
import { main } from '../../cli/main';
import { isPrerelease } from '../../cli/promote/versions';
import { cloneRepo, commitAll, editFile, emptyRepo, platform, platformWithEnv, removeTempRepos, synthesizedRepo, writeFile } from './temp-repo';

const SLOW = 240_000;
const BUCKET = 'apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata:\n  name: assets\n  namespace: mycomputer-production\nspec:\n  name: mycomputer-assets\n';

describe('platform diff and stale manifests', () => {
  let template: string;
  beforeAll(() => {
    template = synthesizedRepo();
  }, SLOW);
  afterAll(removeTempRepos);

  it('says nothing about freshness when manifests/ is a fresh synth', () => {
    const result = platform(template, 'diff', '--base', 'HEAD');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  }, SLOW);

  describe('after an environment edit without synth', () => {
    let repo: string;
    beforeAll(() => {
      repo = cloneRepo(template);
      editFile(repo, 'environments/production/environment.yaml', 'assets: mycomputer-assets', 'assets: mycomputer-assets-renamed');
    });

    it('warns that manifests/ is stale, naming the files, and still shows the committed diff', () => {
      const result = platform(repo, 'diff', '--base', 'HEAD');
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('production: no changes');
      expect(result.stderr).toMatch(/^warning: manifests\/ is stale: [^\n]*\bproduction\/storage\.yaml\b[^\n]* differ from a fresh synth of environments\/ \(this diff shows the committed manifests\); run `npm run synth`$/m);
    }, SLOW);

    it('fails with --require-fresh', () => {
      const result = platform(repo, 'diff', '--base', 'HEAD', '--require-fresh');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^refusing: manifests\/ is stale: [^\n]*\bproduction\/storage\.yaml\b/m);
    }, SLOW);

    it('documents --require-fresh in the usage', () => {
      expect(main(['--help']).output).toContain('--require-fresh');
    });
  });

  it('warns (and with --require-fresh fails) when there are no environment files to check against', () => {
    const repo = emptyRepo();
    writeFile(repo, 'manifests/production/storage.yaml', BUCKET);
    commitAll(repo, 'Estate');
    expect(main(['diff', '--base', 'HEAD'], repo).message).toBe(`warning: cannot check that manifests/ is fresh: ${repo} has no environments/ folder`);
    expect(main(['diff', '--base', 'HEAD', '--require-fresh'], repo).exitCode).toBe(1);
  });
});

describe('commands that need the CRDs', () => {
  let repo: string;
  const temps: string[] = [];
  beforeAll(() => {
    repo = emptyRepo();
    writeFile(repo, 'manifests/production/storage.yaml', BUCKET);
    commitAll(repo, 'Estate');
    editFile(repo, 'manifests/production/storage.yaml', 'name: mycomputer-assets', 'name: mycomputer-assets-renamed');
  });
  afterAll(() => temps.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('diff finds the bucket rename a replacement with the CRDs', () => {
    const result = platform(repo, 'diff', '--base', 'HEAD');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('REPLACE');
  });

  it.each(['/nonexistent', 'EMPTY'])('diff refuses PLATFORM_CRDS_DIR=%s in one line naming the folder', (setting) => {
    const dir = setting === 'EMPTY' ? fs.mkdtempSync(path.join(os.tmpdir(), 'no-crds-')) : setting;
    if (setting === 'EMPTY') temps.push(dir);
    const result = platformWithEnv({ PLATFORM_CRDS_DIR: dir }, repo, 'diff', '--base', 'HEAD');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^CRD folder ${dir} \\(PLATFORM_CRDS_DIR=${dir}\\) (does not exist|holds no CustomResourceDefinition)`))]);
  });

  it('diff refuses a CRD folder without the CRD of a kind it compares, instead of calling a replacement a change', () => {
    const partial = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-crds-only-'));
    temps.push(partial);
    fs.cpSync(path.join(crdsDir(), 'argocd'), path.join(partial, 'argocd'), { recursive: true });
    const result = platformWithEnv({ PLATFORM_CRDS_DIR: partial }, repo, 'diff', '--base', 'HEAD');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no CRD for s3.services.k8s.aws/v1alpha1/Bucket under');
  });

  it('promote refuses a missing CRD folder in one line', () => {
    const full = synthesizedRepo();
    const result = platformWithEnv({ PLATFORM_CRDS_DIR: '/nonexistent' }, full, 'promote', '--from', 'staging', '--to', 'production');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^CRD folder \/nonexistent \(PLATFORM_CRDS_DIR=\/nonexistent\) does not exist/);
  }, SLOW);
});

describe('isPrerelease', () => {
  it.each([
    ['2.16.0-rc.1', true],
    ['v1.0.0-beta', true],
    ['1.2.3-alpha.1+build.5', true],
    ['1.2.3', false],
    ['1.2.3+build.5', false],
    ['latest', false],
  ])('%s → %s', (tag, expected) => {
    expect(isPrerelease(tag)).toBe(expected);
  });
});
