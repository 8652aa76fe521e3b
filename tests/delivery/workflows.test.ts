/**
 * Every GitHub Actions workflow through actionlint (scripts/actionlint builds it from the Go module
 * proxy into the cache when it is missing) with ShellCheck on the `run:` scripts: expressions, job
 * outputs and needs, matrix keys, the inputs of the actions it knows, cron syntax, shell bugs...
 * A missing tool is a failure, never a pass.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../charts/lib/crds-dir';

const WORKFLOWS_DIR = path.join(REPO_ROOT, '.github', 'workflows');
const WORKFLOWS = fs.readdirSync(WORKFLOWS_DIR).filter((file) => /\.ya?ml$/.test(file)).sort();

let actionlint: string;

/** actionlint's findings on one file ('' when none), failing on anything but "clean" or "findings". */
function lint(file: string): string {
  const run = spawnSync(actionlint, ['-no-color', '-oneline', file], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`actionlint ${file} failed (exit ${run.status}): ${run.stderr}${run.error ?? ''}`);
  return run.stdout.trim();
}

beforeAll(() => {
  // Builds when needed (under a minute from a warm Go module cache); without Go it says so and fails.
  actionlint = execFileSync(path.join(REPO_ROOT, 'scripts', 'actionlint'), ['path'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}, 600_000);

describe('GitHub Actions workflows (actionlint)', () => {
  it('there are workflows to lint', () => {
    expect(WORKFLOWS.length).toBeGreaterThan(0);
  });

  it.each(WORKFLOWS)('%s: no finding', (file) => {
    expect(lint(path.join(WORKFLOWS_DIR, file))).toBe('');
  });

  /** One of the workflows with a job appended (every workflow here ends with its jobs). */
  function withJob(step: string): string {
    const [file] = WORKFLOWS;
    const source = fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8');
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'actionlint-')), file);
    fs.writeFileSync(copy, `${source}\n  broken:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ${step}\n`);
    return copy;
  }

  it('finds a broken workflow: a job output read through a need the job does not have', () => {
    expect(lint(withJob('echo "${{ needs.nothing.outputs.matrix }}"'))).toMatch(/property "nothing" is not defined/);
  });

  it("finds a shell bug in a run: script (ShellCheck's SC2086, an unquoted expansion)", () => {
    expect(lint(withJob('cat $RUNNER_TEMP/plan.json'))).toMatch(/SC2086/);
  });
});
