/**
 * Benchmark: synth + validation of all environments, for the real estate and for generated
 * estates 2x, 4x and 8x larger (8x = 40 services). Prints wall time and peak RSS per run (the
 * median of RUNS runs, each in its own process), the cost per object, to show growth, and the
 * ratio to the floor: a bare cdk8s app writing the same objects into the same files
 * (bench/bare-once.ts), measured in the same run, alternating with the synth.
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

/** The last line a bench child printed, parsed. */
function child<T>(script: string, ...args: string[]): T {
  const out = execFileSync(tsx, [path.join(__dirname, script), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

const median = <T extends { ms: number }>(runs: T[]): T => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];

/** Synth runs and floor runs, alternating so that both see the same machine load. */
function measure(environmentsDir: string, scratch: string): { run: Run; floorMs: number } {
  const runs: Run[] = [];
  const floors: { ms: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const manifestsDir = path.join(scratch, `manifests-${i}`);
    runs.push(child<Run>('synth-once.ts', environmentsDir, manifestsDir));
    floors.push(child<{ ms: number }>('bare-once.ts', manifestsDir, path.join(scratch, `bare-${i}`)));
  }
  return { run: median(runs), floorMs: median(floors).ms };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
try {
  console.log(`synth + validation of every environment; median of ${RUNS} runs, each in its own process (time measured inside it, peak RSS of the whole process)`);
  console.log('estate            services  objects   wall ms   ms/object   peak RSS MiB   floor ms   ratio');
  const rows: { label: string; services: number; run: Run; floorMs: number }[] = [];
  for (const factor of [1, 2, 4, 8]) {
    const dir = path.join(scratch, `x${factor}`, 'environments');
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const services = scaleEstate(path.join(REPO_ROOT, 'environments'), dir, factor);
    const { run, floorMs } = measure(dir, path.dirname(dir));
    const label = factor === 1 ? 'real (3 envs)' : `${factor}x (3 envs)`;
    rows.push({ label, services, run, floorMs });
    console.log(
      `${label.padEnd(17)} ${String(services).padStart(8)} ${String(run.objects).padStart(8)} ${run.ms.toFixed(0).padStart(9)} ${(run.ms / run.objects).toFixed(2).padStart(11)} ${run.maxRssMiB.toFixed(0).padStart(14)} ${floorMs.toFixed(0).padStart(10)} ${(run.ms / floorMs).toFixed(1).padStart(7)}`,
    );
  }
  const [base, largest] = [rows[0], rows[rows.length - 1]];
  const objectGrowth = largest.run.objects / base.run.objects;
  const timeGrowth = largest.run.ms / base.run.ms;
  console.log(`growth from real to 8x: objects x${objectGrowth.toFixed(2)}, time x${timeGrowth.toFixed(2)} (linear or better when time growth <= object growth)`);
  const ratio = base.run.ms / base.floorMs;
  console.log(`goal: synth + validation at most 5x a bare cdk8s app writing the same objects -> x${ratio.toFixed(1)}, ${ratio <= 5 ? 'met' : 'NOT met'}`);
  console.log('(times measured inside each process, warm caches: compiled validators and parsed CRDs in $PLATFORM_CACHE_DIR; objects include manifests/argocd and manifests/bootstrap)');
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
