import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart, Names, YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { EnvironmentConfig } from './environment/types';
import { finalize } from './finalize';
import { runSynthChecks } from './synth-checks';
import { ManifestValidator } from './validation/manifest-validator';
import { danglingReferences } from './validation/references';
import { twinConflicts } from './validation/reference-twins';

/** Adds every chart of one environment to the app. */
export type EstateBuilder = (app: App, env: EnvironmentConfig) => void;

/** One synthesized object with where it came from. */
export interface SynthesizedObject {
  readonly environment: string;
  readonly file: string;
  readonly object: Record<string, unknown>;
}

/** Every environment's synthesized objects, by environment name. */
export type SynthesizedByEnvironment = ReadonlyMap<string, readonly SynthesizedObject[]>;

/** A synthesized object that failed schema validation or a policy check. */
export class SynthValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`synthesized manifests are invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'SynthValidationError';
  }
}

/** Synthesizes one environment into `outdir` (one YAML file per chart) and returns its objects. */
export function synthesizeEnvironment(env: EnvironmentConfig, build: EstateBuilder, outdir: string): SynthesizedObject[] {
  const app = newApp(outdir);
  build(app, env);
  finalize(app, env);
  return synthesizeApp(app, env.name);
}

/** An app that writes one YAML file per chart into `outdir`, as every manifests folder is laid out. */
export function newApp(outdir: string): App {
  return new App({ outdir, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
}

/**
 * Writes the app's files and returns the objects it wrote, in the order readManifests gives them,
 * taken from the charts rather than parsed back from the YAML (that parse was a fifth of a synth;
 * tests/validation/synthesized-objects.test.ts holds the two equal).
 */
export function synthesizeApp(app: App, environment: string): SynthesizedObject[] {
  app.synth();
  const written = new Set(fs.readdirSync(app.outdir));
  return app.charts
    .map((chart, index) => ({ file: fileOf(chart, index, written), objects: Object.values(chart.toJson()) as Record<string, unknown>[] }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .flatMap(({ file, objects }) => objects.map((object) => ({ environment, file, object })));
}

/** The file cdk8s wrote a chart to: `<label>.yaml`, or `<index>-<label>.yaml` when charts depend on each other. */
function fileOf(chart: Chart, index: number, written: ReadonlySet<string>): string {
  const label = Names.toDnsLabel(chart);
  const candidates = [`${label}.yaml`, `${String(index).padStart(4, '0')}-${label}.yaml`];
  const file = candidates.find((candidate) => written.has(candidate));
  if (!file) throw new Error(`synth: chart ${chart.node.path} wrote none of ${candidates.join(', ')}`);
  return file;
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

/** Schema validation and synth-time policy checks; throws one error listing every problem. */
export function validateSynthesized(env: EnvironmentConfig, objects: readonly SynthesizedObject[], validator: ManifestValidator): void {
  const problems: string[] = [];
  for (const { environment, file, object } of objects) {
    for (const violation of validator.validate(object)) {
      problems.push(`${environment}/${file}: ${violation.object}: ${violation.path}: ${violation.message}`);
    }
    problems.push(...referenceProblems(validator, object).map((problem) => `${environment}/${file}: ${problem}`));
  }
  problems.push(...danglingReferences(objects.map(({ object }) => object as never)).map((problem) => `${env.name}: ${problem}`));
  problems.push(...runSynthChecks(env, objects));
  if (problems.length > 0) throw new SynthValidationError(problems);
}

/**
 * An identifier field set together with its reference twin: the schema allows it, ACK refuses
 * it at reconcile ("both resource reference wrapper and ID cannot be used together").
 */
function referenceProblems(validator: ManifestValidator, object: Record<string, unknown>): string[] {
  const crd = validator.crdOf(String(object.apiVersion), String(object.kind));
  if (!crd) return [];
  const name = (object.metadata as { name?: string } | undefined)?.name ?? '(no name)';
  return twinConflicts(object, crd.schema).map(
    ({ field, ref }) => `${String(object.kind)} ${name}: ${field.slice(1)} and ${ref.slice(1)} are both set; ACK refuses an identifier and its reference together: keep one`,
  );
}
