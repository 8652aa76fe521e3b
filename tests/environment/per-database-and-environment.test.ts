import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEstate } from '../../charts/estate';
import { databaseWorkloads } from '../../charts/lib/data-stores';
import { criticalDatabases } from '../../charts/lib/disaster-recovery';
import { loadEnvironment } from '../../charts/lib/environment/load';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { names } from '../../charts/lib/names';
import { synthesizeEnvironment } from '../../charts/pipeline/render';
import { ENVIRONMENTS_DIR, loadEnv, Obj } from '../support/estate';
import { copyToTemp } from '../support/temp-tree';

/** The variables a container is given, as a map. */
function containerVariables(objects: readonly Obj[], workload: string): Record<string, string> {
  const task = objects.find((o) => o.kind === 'TaskDefinition' && o.metadata.name === names.taskDefinition(workload))!;
  const container = (task.spec.containerDefinitions as { name: string; environment?: { name: string; value: string }[] }[]).find((c) => c.name === workload)!;
  return Object.fromEntries((container.environment ?? []).map(({ name, value }) => [name, value]));
}

describe('per-database settings and per-environment variables', () => {
  // Production: the one environment with DR replicas (asserted below).
  const envName = 'production';
  const original = loadEnv(envName);
  // GIVEN one database resized and one workload with a variable of its own, in a copy of staging
  const critical = criticalDatabases(original).map(({ database }) => database);
  const all = databaseWorkloads(original).map(({ database }) => database);
  const resized = critical[0] ?? all[0];
  const others = all.filter((database) => database !== resized);
  const resizedInstance = names.dbInstance(resized);
  const otherClass = original.database.instanceClass === 'db.r6g.large' ? 'db.r6g.2xlarge' : 'db.r6g.large';
  const [overriddenWorkload, { variables: overriddenVariables }] = Object.entries(original.catalogue.workloads).find(([, w]) => Object.keys(w.variables).length > 0)!;
  const workload = Object.keys(original.catalogue.workloads).sort().find((w) => w !== overriddenWorkload)!;
  const overriddenName = Object.keys(overriddenVariables)[0];
  let environmentsDir: string;
  let env: EnvironmentConfig;
  let objects: Obj[];

  beforeAll(() => {
    environmentsDir = copyToTemp(ENVIRONMENTS_DIR, 'environments-');
    const envFile = path.join(environmentsDir, envName, 'environment.yaml');
    const text = fs.readFileSync(envFile, 'utf8').replace(/^database:\n/m, `database:\n  overrides:\n    ${resizedInstance}:\n      instanceClass: ${otherClass}\n`);
    fs.writeFileSync(envFile, text);
    const versionsFile = path.join(environmentsDir, envName, 'versions.yaml');
    fs.appendFileSync(versionsFile, `variables:\n  ${workload}:\n    FEATURE_FLAGS: "search-v2"\n  ${overriddenWorkload}:\n    ${overriddenName}: "per-environment"\n`);
    env = loadEnvironment(envName, { environmentsDir });
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-overrides-'));
    objects = synthesizeEnvironment(env, buildEstate, outdir).map((s) => s.object as unknown as Obj);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  afterAll(() => fs.rmSync(path.dirname(environmentsDir), { recursive: true, force: true }));

  it('sizes the overridden database by its override, and the others by the environment', () => {
    const instanceClass = (name: string) => objects.find((o) => o.kind === 'DBInstance' && o.metadata.name === name)?.spec.dbInstanceClass;
    expect(instanceClass(resizedInstance)).toBe(otherClass);
    for (const database of others) expect(instanceClass(names.dbInstance(database))).toBe(original.database.instanceClass);
  });

  it("sizes a DR replica like its source, which it replaces on failover", () => {
    expect(env.disasterRecovery.enabled && critical.length > 0).toBe(true);
    for (const { database } of criticalDatabases(env)) {
      const replica = objects.find((o) => o.kind === 'DBInstance' && o.metadata.name === names.dr.dbInstance(database));
      expect(replica?.spec.dbInstanceClass).toBe(database === resized ? otherClass : original.database.instanceClass);
    }
  });

  it("gives the workload its environment's variables, over the catalogue's", () => {
    expect(containerVariables(objects, workload)).toMatchObject({ ...original.catalogue.workloads[workload].variables, FEATURE_FLAGS: 'search-v2' });
    expect(containerVariables(objects, overriddenWorkload)[overriddenName]).toBe('per-environment');
    const untouched = Object.keys(original.catalogue.workloads).filter((w) => w !== workload && w !== overriddenWorkload);
    for (const other of untouched) expect(containerVariables(objects, other).FEATURE_FLAGS).toBeUndefined();
  });
});
