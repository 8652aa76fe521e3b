/**
 * `npm run synth`, stage by stage:
 *   1. load      environments/: schema, cross-checks, promotion order (charts/lib/environment)
 *   2. build     each environment's charts (charts/estate), into a staging folder
 *   3. finalize  tags, never-lose-data annotations, sync waves (finalize.ts)
 *   4. render    cdk8s writes the YAML; the objects come back from the charts (render.ts)
 *   5. check     every registered check over every object (checks/index.ts)
 *   6. extras    outputs over all environments: Argo CD, bootstrap (checked the same way)
 *   7. write     the staging folder replaces manifests/ in one rename (write.ts)
 * Any failure before 7 leaves the committed manifests untouched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironments } from '../lib/environment/load';
import { EnvironmentConfig } from '../lib/environment/types';
import { checkSynthesized } from './checks';
import { finalize } from './finalize';
import { EstateBuilder, newApp, synthesizeApp } from './render';
import { SynthesizedByEnvironment, SynthesizedObject } from './synthesized';
import { ManifestValidator } from './validation/manifest-validator';
import { stagingBeside, swapInto } from './write';

export interface SynthAllOptions {
  /** Folder of catalogue.yaml and the environment folders. */
  readonly environmentsDir: string;
  /** The committed manifests folder; replaced only when everything succeeded. */
  readonly manifestsDir: string;
  /** CRD roots to validate against (the upstream CRDs and the project's own). */
  readonly crdRoots: readonly string[];
  readonly build: EstateBuilder;
  /** Extra output written next to the environments (e.g. Argo CD), given all environments and their objects. */
  readonly extras?: (envs: readonly EnvironmentConfig[], outDir: string, validator: ManifestValidator, synthesized: SynthesizedByEnvironment) => void;
}

export interface SynthAllResult {
  readonly environments: readonly string[];
  readonly objects: number;
}

export function synthesizeAll(options: SynthAllOptions): SynthAllResult {
  const envs = loadEnvironments({ environmentsDir: options.environmentsDir });
  const staging = stagingBeside(options.manifestsDir);
  try {
    const validator = new ManifestValidator(options.crdRoots);
    const synthesized = new Map<string, SynthesizedObject[]>();
    for (const env of envs) {
      const app = newApp(path.join(staging, env.name));
      options.build(app, env);
      finalize(app, env);
      const objects = synthesizeApp(app, env.name);
      checkSynthesized(env, objects, validator);
      synthesized.set(env.name, objects);
    }
    options.extras?.(envs, staging, validator, synthesized);
    swapInto(staging, options.manifestsDir);
    return { environments: envs.map((env) => env.name), objects: [...synthesized.values()].reduce((sum, objects) => sum + objects.length, 0) };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
