/**
 * Guards that refuse instead of passing silently: no environments, no CRDs, a promotion order
 * that names an unknown environment or goes round in a circle.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrdsDirError, REPO_ROOT, requireCrdsDir } from '../../charts/lib/crds-dir';
import { EnvironmentError } from '../../charts/lib/environment/errors';
import { listEnvironments, loadEnvironments } from '../../charts/lib/environment/load';
import { promotionOrder, successorsOf } from '../../charts/lib/environment/promotion';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { ENVIRONMENTS_DIR, MANIFESTS_DIR } from '../support/estate';
import { copyToTemp, readTree } from '../support/temp-tree';

/** `npm run synth` as a real process on other folders. */
function synthCommand(env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['charts/main.ts'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const environmentFile = (dir: string, env: string) => path.join(dir, env, 'environment.yaml');
const setPromotion = (dir: string, env: string, line: string) => {
  const text = fs.readFileSync(environmentFile(dir, env), 'utf8').replace(/^promotion:.*\n/m, '');
  fs.writeFileSync(environmentFile(dir, env), text.replace(/^(namespace: .*\n)/m, `$1${line}`));
};

describe('synth guards', () => {
  let environmentsDir: string;
  let manifestsDir: string;
  let before: Map<string, string>;

  beforeEach(() => {
    // GIVEN a copy of the environments and of the committed manifests
    environmentsDir = copyToTemp(ENVIRONMENTS_DIR, 'environments-');
    manifestsDir = copyToTemp(MANIFESTS_DIR, 'manifests-');
    before = readTree(manifestsDir);
    expect(before.size).toBeGreaterThan(0);
  });

  afterEach(() => {
    fs.rmSync(path.dirname(environmentsDir), { recursive: true, force: true });
    fs.rmSync(path.dirname(manifestsDir), { recursive: true, force: true });
  });

  describe('no environments', () => {
    it.each([
      ['every environment folder removed', (dir: string) => listEnvironments(dir).forEach((env) => fs.rmSync(path.join(dir, env), { recursive: true })), 'environments: (top level): expected at least one environment'],
      ['catalogue.yaml missing', (dir: string) => fs.rmSync(path.join(dir, 'catalogue.yaml')), 'environments/catalogue.yaml: (top level): expected the catalogue of the estate; the file does not exist'],
      ['the folder missing', (dir: string) => fs.rmSync(dir, { recursive: true }), 'environments: (top level): expected the folder of catalogue.yaml'],
    ])('%s: synth refuses, naming what is missing, and leaves manifests/ untouched', (_name, breakIt, message) => {
      breakIt(environmentsDir);
      expect(() => synthesizeAll(synthOptions({ environmentsDir, manifestsDir }))).toThrow(message);
      expect(readTree(manifestsDir)).toEqual(before);
    });

    it('npm run synth exits 1 with one line and synthesizes nothing', () => {
      for (const env of listEnvironments(environmentsDir)) fs.rmSync(path.join(environmentsDir, env), { recursive: true });
      const result = synthCommand({ PLATFORM_ENVIRONMENTS_DIR: environmentsDir, PLATFORM_MANIFESTS_DIR: manifestsDir });
      expect(result.status).toBe(1);
      expect(result.stdout).not.toContain('synthesized and validated');
      expect(result.stderr).toContain('environments: (top level): expected at least one environment (a folder <name>/ with environment.yaml and versions.yaml); found none');
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(result.stderr.trim().split('\n'), 'one line').toHaveLength(1);
      expect(readTree(manifestsDir)).toEqual(before);
    });
  });

  describe('promotion order (promotion.from of each environment.yaml)', () => {
    it('gives development → staging → production: each environment after the one it is promoted from', () => {
      const envs = loadEnvironments({ environmentsDir });
      expect(envs[0].promotion).toBeUndefined();
      for (let i = 1; i < envs.length; i++) expect(envs[i].promotion?.from, envs[i].name).toBe(envs[i - 1].name);
      expect(envs.map((env) => env.name)).toEqual(['development', 'staging', 'production']);
      expect(listEnvironments(environmentsDir)).toEqual([...envs.map((env) => env.name)].sort());
    });

    it('refuses a source that is no environment, naming file and key', () => {
      setPromotion(environmentsDir, 'production', 'promotion: { from: qa }\n');
      expect(() => synthesizeAll(synthOptions({ environmentsDir, manifestsDir }))).toThrow(
        'environments/production/environment.yaml: promotion.from: expected one of development, production, staging, got "qa" (no such environment)',
      );
      expect(readTree(manifestsDir)).toEqual(before);
    });

    it('refuses a cycle', () => {
      setPromotion(environmentsDir, 'development', 'promotion: { from: production }\n');
      expect(() => synthesizeAll(synthOptions({ environmentsDir, manifestsDir }))).toThrow(
        'environments/development/environment.yaml: promotion.from: expected no promotion cycle, got one through development, production, staging',
      );
      expect(readTree(manifestsDir)).toEqual(before);
    });

    it('refuses an unknown key under promotion', () => {
      setPromotion(environmentsDir, 'staging', 'promotion: { from: development, to: production }\n');
      expect(() => synthesizeAll(synthOptions({ environmentsDir, manifestsDir }))).toThrow(/environments\/staging\/environment\.yaml: promotion\.to/);
    });
  });
});

describe('promotionOrder', () => {
  const stage = (name: string, from?: string) => ({ name, from, file: `environments/${name}/environment.yaml` });

  it('orders by source, whatever the names sort as, and fans out alphabetically', () => {
    expect(promotionOrder([stage('zulu'), stage('alpha', 'zulu'), stage('beta', 'zulu'), stage('prod', 'alpha')])).toEqual(['zulu', 'alpha', 'beta', 'prod']);
  });

  it('refuses an environment promoted from itself', () => {
    expect(() => promotionOrder([stage('dev'), stage('prod', 'prod')])).toThrow(new EnvironmentError('environments/prod/environment.yaml', 'promotion.from', 'expected another environment than "prod" itself'));
  });

  it('knows the environments with no successor', () => {
    const stages = [stage('development'), stage('staging', 'development'), stage('production', 'staging')];
    expect(successorsOf(stages, 'staging')).toEqual(['production']);
    expect(successorsOf(stages, 'production')).toEqual([]);
  });
});

describe('the CRD folder (PLATFORM_CRDS_DIR)', () => {
  const temps: string[] = [];
  const tempDir = (files: Record<string, string> = {}) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crds-'));
    temps.push(dir);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    return dir;
  };
  afterEach(() => temps.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('is refused when it does not exist, with one line naming it', () => {
    expect(() => requireCrdsDir({ PLATFORM_CRDS_DIR: '/nonexistent' })).toThrow(CrdsDirError);
    expect(() => requireCrdsDir({ PLATFORM_CRDS_DIR: '/nonexistent' })).toThrow(/^CRD folder \/nonexistent \(PLATFORM_CRDS_DIR=\/nonexistent\) does not exist; set PLATFORM_CRDS_DIR/);
  });

  it('is refused when it holds no CRD (empty, or other YAML)', () => {
    for (const dir of [tempDir(), tempDir({ 'values.yaml': 'kind: ConfigMap\n', 'broken.yaml': 'a: [\n' })]) {
      expect(() => requireCrdsDir({ PLATFORM_CRDS_DIR: dir })).toThrow(`CRD folder ${dir} (PLATFORM_CRDS_DIR=${dir}) holds no CustomResourceDefinition`);
    }
  });

  it('is accepted when it holds the CRDs', () => {
    expect(requireCrdsDir()).toBe(requireCrdsDir(process.env));
  });

  it.each(['/nonexistent', 'EMPTY'])('npm run synth refuses PLATFORM_CRDS_DIR=%s in one line, manifests untouched', (setting) => {
    const dir = setting === 'EMPTY' ? tempDir({ 'notes.yaml': 'hello: world\n' }) : setting;
    const manifestsDir = copyToTemp(MANIFESTS_DIR, 'manifests-');
    temps.push(path.dirname(manifestsDir));
    const before = readTree(manifestsDir);
    const result = synthCommand({ PLATFORM_CRDS_DIR: dir, PLATFORM_MANIFESTS_DIR: manifestsDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`CRD folder ${dir} (PLATFORM_CRDS_DIR=${dir})`);
    expect(result.stderr).not.toContain('no CRD serves');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readTree(manifestsDir)).toEqual(before);
  });
});
