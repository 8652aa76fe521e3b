/**
 * The floor for bench/synth.ts: a bare cdk8s app that writes exactly the objects a synth wrote
 * (read from its manifests folder before the clock starts), one chart per file as synth does,
 * with nothing else: no environment loading, no constructs, no finalize, no validation.
 * Usage: tsx bench/bare-once.ts <manifestsDir> <outDir>; prints {ms, objects}.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, Chart } from 'cdk8s';
import { readManifests } from '../charts/pipeline/synthesized';
import { newApp } from '../charts/pipeline/render';

const [manifestsDir, outDir] = process.argv.slice(2);
const folders = fs.readdirSync(manifestsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const inputs = folders.map((folder) => ({ folder, objects: readManifests(path.join(manifestsDir, folder), folder) }));

const started = process.hrtime.bigint();
let objects = 0;
for (const { folder, objects: synthesized } of inputs) {
  const app = newApp(path.join(outDir, folder));
  const charts = new Map<string, Chart>();
  for (const [index, { file, object }] of synthesized.entries()) {
    const id = file.replace(/\.yaml$/, '');
    const chart = charts.get(id) ?? charts.set(id, new Chart(app, id)).get(id)!;
    new ApiObject(chart, `o${index}`, object as never);
  }
  app.synth();
  objects += synthesized.length;
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ ms, objects }));
