/**
 * The everyday workflow stays green: after an image bump in every environment (what a team's
 * release or a promotion does) and a synth, the suite's data-dependent checks pass on the result.
 * Tests take their expectations from the environment data, never from today's tags.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { listEnvironments, loadEnvironment } from '../../charts/lib/environment/load';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { readManifestTree } from '../../cli/diff/manifest-tree';
import { ENVIRONMENTS_DIR } from '../support/estate';
import { copyToTemp } from '../support/temp-tree';

/** The test files whose expectations come from the environment data (run again on the bumped copy). */
const DATA_DEPENDENT = [
  'tests/compute',
  'tests/manifests/fresh.test.ts',
  'tests/manifests/references.test.ts',
  'tests/manifests/production-graph.test.ts',
  'tests/reconciler/policy-chart.test.ts',
  'tests/registry',
];

/** The next minor release of a semantic version, pre-release suffix kept; anything else gets a suffix. */
export function bumpTag(tag: string): string {
  const semver = /^(v?)(\d+)\.(\d+)\.\d+(-.*)?$/.exec(tag);
  return semver ? `${semver[1]}${semver[2]}.${Number(semver[3]) + 1}.0${semver[4] ?? ''}` : `${tag}-next`;
}

/** Bumps every image tag of a versions.yaml in place (comments and quoting kept); returns old → new per workload. */
function bumpVersionsFile(file: string): Map<string, { before: string; after: string }> {
  const document = parseDocument(fs.readFileSync(file, 'utf8'));
  const bumped = new Map<string, { before: string; after: string }>();
  for (const [workload, tag] of Object.entries(document.toJS().images as Record<string, string>)) {
    bumped.set(workload, { before: tag, after: bumpTag(tag) });
    document.setIn(['images', workload], bumpTag(tag));
  }
  fs.writeFileSync(file, document.toString());
  return bumped;
}

describe('an image bump in every environment, synthesized', () => {
  let environments: string;
  let manifests: string;
  const bumps = new Map<string, Map<string, { before: string; after: string }>>();

  beforeAll(() => {
    // GIVEN a copy of environments/ with every image of every versions.yaml bumped, synthesized
    environments = copyToTemp(ENVIRONMENTS_DIR, 'bumped-');
    manifests = path.join(path.dirname(environments), 'manifests');
    for (const env of listEnvironments(environments)) bumps.set(env, bumpVersionsFile(path.join(environments, env, 'versions.yaml')));
    synthesizeAll(synthOptions({ environmentsDir: environments, manifestsDir: manifests }));
  });
  afterAll(() => fs.rmSync(path.dirname(environments), { recursive: true, force: true }));

  it('bumps every image of every environment to a new tag', () => {
    expect(bumps.size).toBeGreaterThan(0);
    for (const [env, images] of bumps) {
      expect(images.size, env).toBeGreaterThan(0);
      for (const [workload, { before, after }] of images) expect(after, `${env} ${workload}`).not.toBe(before);
    }
  });

  it('THEN every container of every task definition runs the bumped tag of its workload', () => {
    const tree = readManifestTree({ kind: 'dir', dir: manifests });
    for (const [env, images] of bumps) {
      const config = loadEnvironment(env, { environmentsDir: environments });
      const taskDefinitions = (tree.get(env) ?? []).filter((o) => o.kind === 'TaskDefinition');
      expect(taskDefinitions.length, env).toBeGreaterThan(0);
      for (const td of taskDefinitions) {
        const containers = (td.spec as { containerDefinitions: { name: string; image: string }[] }).containerDefinitions;
        for (const container of containers.filter((c) => images.has(c.name))) {
          const repository = config.catalogue.workloads[container.name]?.repository;
          expect(container.image, `${env} ${td.metadata.name}`).toMatch(new RegExp(`/${repository ?? '.*'}:${images.get(container.name)!.after.replace(/[.+]/g, '\\$&')}$`));
        }
      }
    }
  });

  it('THEN the data-dependent checks of the suite pass on the bumped data and manifests', () => {
    // WHEN those test files run with the bumped copy in place of environments/ and manifests/
    const vitest = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const result = spawnSync(process.execPath, [vitest, 'run', ...DATA_DEPENDENT], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, PLATFORM_ENVIRONMENTS_DIR: environments, PLATFORM_MANIFESTS_DIR: manifests, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    // THEN they all pass (the output names what failed otherwise)
    expect(result.status, `${result.stdout}\n${result.stderr}`.slice(-6000)).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+\d+ passed/);
  }, 600_000);
});
