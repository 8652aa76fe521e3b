/**
 * Benchmark of the end-to-end stack (docs/e2e.md): the time from the first apply of
 * manifests/<env> to every ACK object synced, per sync wave; the memory (VmRSS) of all ACK
 * controllers and of the emulator; and the controllers' build time when up to date and when
 * relinked into an empty binaries cache with a warm Go build cache. (The cold build, with empty
 * Go caches, is printed by `scripts/ack-controllers build` itself: see docs/e2e.md.)
 *
 * Run on a fresh stack of your own (the rollout creates the estate in its emulator):
 *   PLATFORM_CLUSTER_DIR=/tmp/bench-e2e scripts/cluster up --aws
 *   eval "$(PLATFORM_CLUSTER_DIR=/tmp/bench-e2e scripts/cluster env)"
 *   PLATFORM_TEST_KUBECONFIG=$KUBECONFIG npx tsx bench/e2e.ts          (BUILD=0 to skip builds)
 * The environment is the stack's (PLATFORM_E2E_ENV from `scripts/cluster env`; bring the stack up
 * with PLATFORM_AWS_ENV=staging for staging), or ENV.
 *   PLATFORM_CLUSTER_DIR=/tmp/bench-e2e scripts/cluster down
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../charts/lib/crds-dir';
import { isAck, objectsIn } from '../tests/cluster/support/manifests';
import { gapsFile, readGaps } from '../tests/e2e/support/gaps';
import { rollout } from '../tests/e2e/support/rollout';
import { e2eEnvironment } from '../tests/e2e/support/run';

const ENV = process.env.ENV ?? e2eEnvironment();
const WAVE_TIMEOUT_MS = Number(process.env.PLATFORM_E2E_WAVE_TIMEOUT_SECONDS ?? 600) * 1000;

/** VmRSS in MiB of the process of `<state>/<name>.pid`, or 0 if it is not running. */
function rssMiB(state: string, name: string): number {
  const pid = fs.readFileSync(path.join(state, `${name}.pid`), 'utf8').trim();
  const status = path.join('/proc', pid, 'status');
  if (!fs.existsSync(status)) return 0;
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(status, 'utf8'))?.[1] ?? 0) / 1024;
}

function seconds(task: () => void): number {
  const started = process.hrtime.bigint();
  task();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function memory(state: string): string {
  const controllers = fs.readFileSync(path.join(state, 'ack-controllers'), 'utf8').trim().split('\n');
  const each = controllers.map((name) => [name, rssMiB(state, `ack-${name}`)] as const);
  const total = each.reduce((sum, [, mib]) => sum + mib, 0);
  const largest = [...each].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n, m]) => `${n} ${m.toFixed(0)}`).join(', ');
  return `${controllers.length} controllers ${total.toFixed(0)} MiB together (largest: ${largest} MiB); emulator ${rssMiB(state, 'aws-emulator').toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const kubeconfig = process.env.PLATFORM_TEST_KUBECONFIG;
  if (!kubeconfig || !process.env.PLATFORM_TEST_AWS_ENDPOINT) throw new Error('run on a stack of `scripts/cluster up --aws` (see the header of bench/e2e.ts)');
  const state = path.dirname(path.resolve(kubeconfig));
  console.log(`memory at start: ${memory(state)}`);

  const objects = objectsIn(ENV);
  const started = Date.now();
  const waves = await rollout(objects, { waveTimeoutMs: WAVE_TIMEOUT_MS, gaps: readGaps(gapsFile(ENV)), log: (line) => console.log(line) });
  const synced = waves.reduce((n, w) => n + w.synced, 0);
  console.log(`${ENV}: ${synced} of ${objects.filter(isAck).length} ACK objects synced, ${waves.reduce((n, w) => n + w.gaps, 0)} on the gap list, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const wave of waves) {
    for (const p of wave.pending) console.log(`  wave ${wave.wave} pending: ${p.kind}/${p.name}: ${p.synced} ${p.message}`);
  }
  console.log(`memory after the rollout: ${memory(state)}`);

  if (process.env.BUILD !== '0') {
    const build = path.join(REPO_ROOT, 'scripts/ack-controllers');
    const upToDate = seconds(() => execFileSync(build, ['build'], { stdio: 'ignore' }));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ack-'));
    const relink = seconds(() => execFileSync(build, ['build'], { stdio: 'ignore', env: { ...process.env, PLATFORM_CACHE_DIR: cache } }));
    fs.rmSync(cache, { recursive: true, force: true });
    console.log(`controllers build: up to date ${upToDate.toFixed(1)} s; into an empty binaries cache with a warm Go cache ${relink.toFixed(0)} s`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
