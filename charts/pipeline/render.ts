/** The cdk8s side of the pipeline: an app per output folder, and the objects it wrote. */
import * as fs from 'node:fs';
import { App, Chart, Names, YamlOutputType } from 'cdk8s';
import { EnvironmentConfig } from '../lib/environment/types';
import { finalize } from './finalize';
import { SynthesizedObject } from './synthesized';

/** Adds every chart of one environment to the app (charts/estate's buildEstate). */
export type EstateBuilder = (app: App, env: EnvironmentConfig) => void;

/** An app that writes one YAML file per chart into `outdir`, as every manifests folder is laid out. */
export function newApp(outdir: string): App {
  return new App({ outdir, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
}

/** Build, finalize and render one environment into `outdir`, unchecked (tests that need one environment's objects). */
export function synthesizeEnvironment(env: EnvironmentConfig, build: EstateBuilder, outdir: string): SynthesizedObject[] {
  const app = newApp(outdir);
  build(app, env);
  finalize(app, env);
  return synthesizeApp(app, env.name);
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
