/**
 * Test support: synthesizes every environment once per test file, into a temporary folder,
 * and gives typed access to the objects.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildEstate } from '../../charts/estate';
import { crdsDir, REPO_ROOT } from '../../charts/lib/crds-dir';
import { listEnvironments, loadEnvironment, loadEnvironments } from '../../charts/lib/environment/load';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { SynthesizedObject } from '../../charts/pipeline/synthesized';
import { synthesizeEnvironment } from '../../charts/pipeline/render';
import { ManifestValidator } from '../../charts/pipeline/validation/manifest-validator';

/**
 * The environments and committed manifests the suite checks; overridable like `npm run synth`
 * (PLATFORM_ENVIRONMENTS_DIR, PLATFORM_MANIFESTS_DIR), so that the data-dependent checks run on
 * another copy of the data too (tests/manifests/bumped-versions.test.ts).
 */
export const ENVIRONMENTS_DIR = process.env.PLATFORM_ENVIRONMENTS_DIR ? path.resolve(process.env.PLATFORM_ENVIRONMENTS_DIR) : path.join(REPO_ROOT, 'environments');
export const MANIFESTS_DIR = process.env.PLATFORM_MANIFESTS_DIR ? path.resolve(process.env.PLATFORM_MANIFESTS_DIR) : path.join(REPO_ROOT, 'manifests');
/** The environments that some tests keep per-environment expectation tables for. */
export type EnvironmentName = 'development' | 'staging' | 'production';
/** Every environment, in promotion order (development, staging, production), from the data. */
export const ENVIRONMENT_NAMES = loadEnvironments({ environmentsDir: ENVIRONMENTS_DIR }).map((env) => env.name) as readonly EnvironmentName[];

/** Any synthesized object, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: any };

export function loadEnv(name: string): EnvironmentConfig {
  return loadEnvironment(name, { environmentsDir: ENVIRONMENTS_DIR });
}

const cache = new Map<string, SynthesizedObject[]>();

/** The synthesized objects of one environment (synthesized once per test file). */
export function synthesized(name: string): SynthesizedObject[] {
  let objects = cache.get(name);
  if (!objects) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `estate-${name}-`));
    objects = synthesizeEnvironment(loadEnv(name), buildEstate, outdir);
    fs.rmSync(outdir, { recursive: true, force: true });
    cache.set(name, objects);
  }
  return objects;
}

/** Every object of one environment, the DR region's stack included. */
export function objectsOf(name: string): Obj[] {
  return synthesized(name).map((s) => s.object as unknown as Obj);
}

/** Files of the DR region's stack (charts/estate/dr-site-charts.ts): the primary's charts, moved there. */
export const isDrStackFile = (file: string) => file.startsWith('dr-');

/** The DR region's stack of one environment (empty where DR is off): tests/dr/dr-stack.test.ts. */
export function drStackOf(name: string): Obj[] {
  return synthesized(name).filter((s) => isDrStackFile(s.file)).map((s) => s.object as unknown as Obj);
}

/**
 * Objects of one kind (and optionally apiVersion group), e.g. kindsOf('production', 'Subnet'),
 * outside the DR region's stack: the seed's facts are about the primary region, and the DR stack
 * is held to be the primary's twin by tests/dr/dr-stack.test.ts.
 */
export function kindsOf(env: string, kind: string, group?: string): Obj[] {
  return synthesized(env)
    .filter((s) => !isDrStackFile(s.file))
    .map((s) => s.object as unknown as Obj)
    .filter((o) => o.kind === kind && (!group || o.apiVersion.startsWith(`${group}/`)));
}

/** The one object of `kind` named `name`; throws when it is missing. */
export function findObject(env: string, kind: string, name: string): Obj {
  const found = kindsOf(env, kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`${env}: no ${kind} named ${name}; have ${kindsOf(env, kind).map((o) => o.metadata.name).join(', ')}`);
  return found;
}

/** Tags of an object as a map, whatever its kind's tag shape. */
export { readTags } from '../../policy/tag-shapes';

let validator: ManifestValidator | undefined;
export function manifestValidator(): ManifestValidator {
  validator ??= new ManifestValidator([crdsDir(), path.join(REPO_ROOT, 'crds')]);
  return validator;
}

export { listEnvironments };
