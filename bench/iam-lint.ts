/**
 * Benchmark: parliament over every IAM policy document of the committed manifests, in one Python
 * process (tools/iam-lint/lint.py, what tests/security/iam-lint.test.ts runs): wall and CPU time,
 * median of RUNS runs; then once with IAM_LINT_EXACT=1 (parliament without lint.py's shortcuts),
 * checking that both report the same findings. With --cold, first the time of a cold venv
 * install (`scripts/iam-lint install` into an empty PLATFORM_CACHE_DIR, pip's cache off: every
 * package downloaded from PyPI).
 *
 * Run: npx tsx bench/iam-lint.ts [--cold]      (RUNS=5 for more runs; needs `scripts/iam-lint install`)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../charts/lib/crds-dir';
import { collectIamDocuments } from '../tools/iam-lint/documents';
import { installedIamLintPython } from '../tools/iam-lint/lint';

const RUNS = Number(process.env.RUNS ?? 3);
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'iam-lint');
const LINT = path.join(REPO_ROOT, 'tools', 'iam-lint', 'lint.py');

interface Timed {
  readonly wallS: number;
  readonly cpuS: number;
  readonly stdout: string;
}

/** `command args` under bash's `time`: wall and user+system seconds, and what it printed. */
function timed(env: NodeJS.ProcessEnv, stdinFile: string | undefined, command: string, ...args: string[]): Timed {
  const redirect = stdinFile ? ` < ${JSON.stringify(stdinFile)}` : '';
  const script = `TIMEFORMAT='%R %U %S'; { time "$@"${redirect} > "$OUT"; } 2> "$OUT.time"`;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-iam-lint-')), 'out');
  const run = spawnSync('bash', ['-c', script, 'bash', command, ...args], { env: { ...env, OUT: out }, encoding: 'utf8' });
  const times = fs.readFileSync(`${out}.time`, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  const stdout = fs.readFileSync(out, 'utf8');
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { wallS: times[0], cpuS: times[1] + times[2], stdout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (s: number) => `${s.toFixed(1)} s`;

function main(): void {
  if (process.argv.includes('--cold')) {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-iam-lint-cache-'));
    try {
      const cold = timed({ ...process.env, PLATFORM_CACHE_DIR: cache, PIP_NO_CACHE_DIR: '1' }, undefined, SCRIPT, 'install');
      console.log(`cold venv install (scripts/iam-lint install, empty cache, pip cache off): ${seconds(cold.wallS)} wall, ${seconds(cold.cpuS)} CPU`);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  }

  const { python, reason } = installedIamLintPython();
  if (!python) throw new Error(`${reason}`);
  const documents = collectIamDocuments(path.join(REPO_ROOT, 'manifests'));
  const input = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-iam-lint-in-')), 'documents.json');
  fs.writeFileSync(input, JSON.stringify(documents.map(({ id, document, resource }) => ({ id, document, ...(resource ? { resource } : {}) }))));
  try {
    const runs = Array.from({ length: RUNS }, () => timed(process.env, input, python, LINT));
    const findings = (out: string) => (JSON.parse(out) as { results: { findings: unknown[] }[] }).results.reduce((n, r) => n + r.findings.length, 0);
    console.log(`${documents.length} documents, ${findings(runs[0].stdout)} findings; one process, median of ${RUNS}: ${seconds(median(runs.map((r) => r.wallS)))} wall, ${seconds(median(runs.map((r) => r.cpuS)))} CPU`);
    const exact = timed({ ...process.env, IAM_LINT_EXACT: '1' }, input, python, LINT);
    const same = exact.stdout === runs[0].stdout;
    console.log(`without lint.py's shortcuts (IAM_LINT_EXACT=1): ${seconds(exact.wallS)} wall, ${seconds(exact.cpuS)} CPU; same findings: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  } finally {
    fs.rmSync(path.dirname(input), { recursive: true, force: true });
  }
}

main();
