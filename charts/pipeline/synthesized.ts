/** What synth produces, and reading it back from a manifests folder. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One synthesized object with where it came from. */
export interface SynthesizedObject {
  readonly environment: string;
  readonly file: string;
  readonly object: Record<string, unknown>;
}

/** Every environment's synthesized objects, by environment name. */
export type SynthesizedByEnvironment = ReadonlyMap<string, readonly SynthesizedObject[]>;

/** A synthesized object that failed schema validation or a check. */
export class SynthValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`synthesized manifests are invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'SynthValidationError';
  }
}

/** Reads every object of a manifests folder (as synth wrote it). */
export function readManifests(dir: string, environment: string): SynthesizedObject[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))
        .map((document) => document.toJS() as Record<string, unknown> | null)
        .filter((object): object is Record<string, unknown> => object !== null)
        .map((object) => ({ environment, file, object })),
    );
}
