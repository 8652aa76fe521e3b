import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironments } from './environment/load';
import { EnvironmentConfig } from './environment/types';
import { EstateBuilder, SynthesizedByEnvironment, SynthesizedObject, synthesizeEnvironment, validateSynthesized } from './synth';
import { ManifestValidator } from './validation/manifest-validator';

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

/**
 * Loads and validates every environment, synthesizes each into a temporary folder, validates
 * every object, and only then swaps the result in place of `manifestsDir`. Any failure leaves
 * the committed manifests untouched.
 */
export function synthesizeAll(options: SynthAllOptions): SynthAllResult {
  const envs = loadEnvironments({ environmentsDir: options.environmentsDir });
  const names = envs.map((env) => env.name);
  const parent = path.dirname(path.resolve(options.manifestsDir));
  const staging = fs.mkdtempSync(path.join(parent, '.manifests-synth-'));
  try {
    const validator = new ManifestValidator(options.crdRoots);
    const synthesized = new Map<string, SynthesizedObject[]>();
    for (const env of envs) {
      const objects = synthesizeEnvironment(env, options.build, path.join(staging, env.name));
      validateSynthesized(env, objects, validator);
      synthesized.set(env.name, objects);
    }
    options.extras?.(envs, staging, validator, synthesized);
    swapInto(staging, options.manifestsDir);
    return { environments: names, objects: [...synthesized.values()].reduce((sum, objects) => sum + objects.length, 0) };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Replaces `target` by `source` with two renames, so a reader never sees a half-written tree. */
function swapInto(source: string, target: string): void {
  const previous = `${target}.previous-${process.pid}`;
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, previous);
  fs.renameSync(source, target);
  if (hadTarget) fs.rmSync(previous, { recursive: true, force: true });
}
