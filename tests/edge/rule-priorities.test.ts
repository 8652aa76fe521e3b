import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renameWorkload } from '../support/rename-workload';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEstate } from '../../charts/estate';
import { EnvironmentError } from '../../charts/lib/environment/errors';
import { loadEnvironment } from '../../charts/lib/environment/load';
import { synthesizeEnvironment } from '../../charts/pipeline/render';
import { ENVIRONMENTS_DIR, isDrStackFile, loadEnv } from '../support/estate';
import { copyToTemp } from '../support/temp-tree';

const ENV = 'production';
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => fs.rmSync(path.dirname(dir), { recursive: true, force: true })));

function environmentsCopy(): string {
  const copy = copyToTemp(ENVIRONMENTS_DIR, 'rule-priorities-');
  temps.push(copy);
  return copy;
}

/** Listener rule name → priority, for the environment data in `dir`. */
function rulePriorities(dir: string): Record<string, number> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-priorities-out-'));
  try {
    // The primary region's rules (the DR region's are their twins: tests/dr/dr-stack.test.ts).
    const objects = synthesizeEnvironment(loadEnvironment(ENV, { environmentsDir: dir }), buildEstate, outdir)
      .filter((s) => !isDrStackFile(s.file))
      .map((s) => s.object as { kind: string; metadata: { name: string }; spec: { priority: number } });
    return Object.fromEntries(objects.filter((o) => o.kind === 'Rule').map((o) => [o.metadata.name, o.spec.priority]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Renames a workload in every file of a copy of environments/ (its key in the catalogue, the sizing and the image pin). */
describe('listener rule priorities', () => {
  const { workloads } = loadEnv(ENV).catalogue;
  const api = Object.keys(workloads).filter((w) => workloads[w].pathPrefix !== '/').sort();

  it('do not move when another workload is renamed (even to a name that sorts first)', () => {
    // The last API workload by name, without a cache (whose endpoint is pinned by workload name).
    const renamed = [...api].reverse().find((w) => !workloads[w].usesCache)!;
    const newName = `aa-${renamed}`;
    const before = rulePriorities(ENVIRONMENTS_DIR);
    const copy = environmentsCopy();
    renameWorkload(copy, renamed, newName);
    const after = rulePriorities(copy);

    const others = Object.keys(before).filter((rule) => !rule.startsWith(`rule-${renamed}-`));
    expect(others.length).toBe((api.length - 1) * 2);
    for (const rule of others) expect({ rule, priority: after[rule] }).toEqual({ rule, priority: before[rule] });
    // The renamed workload keeps its declared priorities too.
    expect(after[`rule-${newName}-host`]).toBe(before[`rule-${renamed}-host`]);
  });

  it('are the declared rulePriority for the host rule and that plus 100 for the path rule', () => {
    const priorities = rulePriorities(ENVIRONMENTS_DIR);
    for (const workload of api) {
      expect(priorities[`rule-${workload}-host`]).toBe(workloads[workload].rulePriority);
      expect(priorities[`rule-${workload}-path`]).toBe(workloads[workload].rulePriority! + 100);
    }
  });

  it('must be unique: a duplicate names the file, the key and the other workload', () => {
    const [first, second] = api;
    const copy = environmentsCopy();
    const file = path.join(copy, 'catalogue.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const own = new RegExp(`(^  ${second}:\\n(?:    .*\\n)*?    rulePriority: )\\d+`, 'm');
    expect(text).toMatch(own);
    fs.writeFileSync(file, text.replace(own, `$1${workloads[first].rulePriority}`));
    expect(() => loadEnvironment(ENV, { environmentsDir: copy })).toThrow(EnvironmentError);
    // Whichever of the two comes second in the file is the one reported.
    const pair = [`workloads.${second}.rulePriority: expected a priority not used by workload "${first}"`, `workloads.${first}.rulePriority: expected a priority not used by workload "${second}"`];
    let message = '';
    try {
      loadEnvironment(ENV, { environmentsDir: copy });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(pair.map((p) => `environments/catalogue.yaml: ${p}, got ${workloads[first].rulePriority}`)).toContain(message);
  });

  it('are required on every API workload', () => {
    const [first] = api;
    const copy = environmentsCopy();
    const file = path.join(copy, 'catalogue.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const own = new RegExp(`(^  ${first}:\\n(?:    .*\\n)*?)    rulePriority: \\d+\\n`, 'm');
    expect(text).toMatch(own);
    fs.writeFileSync(file, text.replace(own, '$1'));
    expect(() => loadEnvironment(ENV, { environmentsDir: copy })).toThrow(`workloads.${first}.rulePriority: expected a listener rule priority 1-99`);
  });
});
