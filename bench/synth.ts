/**
 * Benchmark: synth + validation of all environments, for the real estate and for generated
 * estates 2x, 4x and 8x larger (8x = 40 services). Prints wall time and peak RSS per run (the
 * median of RUNS runs, each in its own process) and the cost per object, to show growth.
 *
 * Run: npm run bench            (RUNS=5 npm run bench for more runs)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../charts/lib/crds-dir';
import { scaleEstate } from './scale-estate';

interface Run {
  readonly ms: number;
  readonly objects: number;
  readonly maxRssMiB: number;
}

const RUNS = Number(process.env.RUNS ?? 3);
const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');

function measure(environmentsDir: string, scratch: string): Run {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const manifestsDir = path.join(scratch, `manifests-${i}`);
    const out = execFileSync(tsx, [path.join(__dirname, 'synth-once.ts'), environmentsDir, manifestsDir], { cwd: REPO_ROOT, encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').pop()!));
  }
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)];
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
try {
  console.log(`synth + validation of every environment; median of ${RUNS} runs, each in its own process (time measured inside it, peak RSS of the whole process)`);
  console.log('estate            services  objects   wall ms   ms/object   peak RSS MiB');
  const rows: { label: string; services: number; run: Run }[] = [];
  for (const factor of [1, 2, 4, 8]) {
    const dir = path.join(scratch, `x${factor}`, 'environments');
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const services = scaleEstate(path.join(REPO_ROOT, 'environments'), dir, factor);
    const run = measure(dir, path.dirname(dir));
    const label = factor === 1 ? 'real (3 envs)' : `${factor}x (3 envs)`;
    rows.push({ label, services, run });
    console.log(
      `${label.padEnd(17)} ${String(services).padStart(8)} ${String(run.objects).padStart(8)} ${run.ms.toFixed(0).padStart(9)} ${(run.ms / run.objects).toFixed(2).padStart(11)} ${run.maxRssMiB.toFixed(0).padStart(14)}`,
    );
  }
  const [base, largest] = [rows[0], rows[rows.length - 1]];
  const objectGrowth = largest.run.objects / base.run.objects;
  const timeGrowth = largest.run.ms / base.run.ms;
  console.log(`growth from real to 8x: objects x${objectGrowth.toFixed(2)}, time x${timeGrowth.toFixed(2)} (linear or better when time growth <= object growth)`);
  console.log(`goal: real estate under 5000 ms -> ${base.run.ms < 5000 ? 'met' : 'NOT met'}`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
