/**
 * `platform`: the project's command line.
 *   platform diff [--base <ref>] [--env <name>]... [--format text|md|json] [--allow-destructive] [--require-fresh] [--repo <dir>]
 *   platform promote --from <env> --to <env> [--allow-destructive] [--allow-prerelease] [--pr-body <file>] [--repo <dir>]
 *   platform failover --env <name> --to <region> [--allow-destructive] [--pr-body <file>] [--repo <dir>]
 *   platform status [--env <name>]... [--kubeconfig <file>] [--format text|json]
 *   platform init --account <env|controllers>=<id>... [--repo <dir>]
 *   platform bind --env <name> [--pr] [--prefer live|git] [--kubeconfig <file>] [--format text|json]
 *   platform image-plan [--base <ref>] [--format text|json] [--repo <dir>]
 *   platform help [<command>], platform <command> --help, platform --version
 * Exit codes: 0 done, 1 refused or failed, 2 destructive without --allow-destructive.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CrdsDirError, REPO_ROOT } from '../charts/lib/crds-dir';
import { EnvironmentError } from '../charts/lib/environment/errors';
import { FinalizeError } from '../charts/pipeline/finalize';
import { SynthValidationError } from '../charts/pipeline/synthesized';
import { CommandResult, runDiff } from './diff/command';
import { COLOURS, Format, NO_COLOURS } from './diff/render';
import { UsageError } from './errors';
import { GitError, repoRoot } from './git';
import { runImagePlan } from './image/command';
import { runInit } from './init/command';
import { runFailover } from './failover/command';
import { runPromote } from './promote/command';
import { BIND_USAGE, runBindCommand } from './bind/args';
import { runStatusCommand, STATUS_USAGE } from './status/command';

const COMMAND_USAGE: Readonly<Record<string, string>> = {
  diff: `platform diff [--base <git ref>] [--env <name>]... [--format text|md|json] [--allow-destructive] [--require-fresh] [--repo <dir>]
  What the working tree's manifests change against --base (default: the merge base with main), in AWS terms.
  Exits 2 when the diff is DESTRUCTIVE, unless --allow-destructive. Warns when manifests/ differs from a
  fresh synth of environments/; --require-fresh fails instead.`,
  promote: `platform promote --from <env> --to <env> [--allow-destructive] [--allow-prerelease] [--pr-body <file>] [--repo <dir>]
  Copies <from>'s versions.yaml to <to>, re-synthesizes and commits on a new branch, with a PR body.
  Follows promotion.from of each environment.yaml; --allow-prerelease lets tags such as 1.2.0-rc.1
  reach the last environment (production).`,
  failover: `platform failover --env <name> --to <region> [--allow-destructive] [--pr-body <file>] [--repo <dir>]
  Moves an environment's traffic to its DR region (--to aws.drRegion) or back (--to aws.region): sets
  disasterRecovery.activeRegion, re-synthesizes, diffs and commits on a new branch like promote, with the
  RTO budget and the steps outside git (replica promotion, failback rebuild) in the PR body.`,
  status: `${STATUS_USAGE}
  What is not done in the live cluster and why: per environment, synced / not synced / terminal ACK objects
  with the condition that explains each, and the policy reconciler's findings. Exits 2 when one is terminal.`,
  init: `platform init --account <env>=<12-digit id> [--account controllers=<id>]... [--repo <dir>]
  Replaces the placeholder account ids (docs/bootstrap.md, "Accounts"): aws.accountId of each environment named,
  every ARN of its file that named the old account, and its testAccount flag; controllers= sets the catalogue's
  controllers.accountId. Comments and order kept; nothing is written unless every file loads. Then npm run synth.`,
  bind: `${BIND_USAGE}
  Pins in environments/<env>/environment.yaml the values AWS assigned (the assigned blocks), read from the
  live ACK objects' status, checked as at load, comments and order kept. Reports what it bound, what is not
  available yet and why, and what changed against git. A pinned value that differs from the live one is a
  conflict (exit 2) unless --prefer live|git. --pr commits on a new branch with a pull-request body.`,
  'image-plan': `platform image-plan [--base <git ref>] [--format text|json] [--repo <dir>]
  Per environment, where the policy reconciler's image goes (account, region, ECR repository, the push role)
  and the tag its versions.yaml pins: the matrix of .github/workflows/policy-reconciler-image.yaml. With --base,
  also the image's input files that changed and the environments that pin a new tag; exits 1 when the inputs
  changed and no environment pins a new tag (immutable tags: the old image would stay under the old tag).`,
};

const USAGE = `usage:
${Object.values(COMMAND_USAGE).map((text) => `  ${text.split('\n')[0]}`).join('\n')}
  platform help [<command>] | platform <command> --help | platform --version`;

const HELP_FLAGS = ['-h', '--help'];
const FORMATS: readonly Format[] = ['text', 'md', 'json'];

/** Runs one command line (without the program name) and returns what to print and the exit code. */
export function main(argv: readonly string[], cwd = process.cwd(), colour = false): CommandResult {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') return { exitCode: 0, output: `${packageVersion()}\n` };
  if (command === undefined) return { exitCode: 1, output: '', message: USAGE };
  if (HELP_FLAGS.includes(command)) return { exitCode: 0, output: `${USAGE}\n` };
  if (command === 'help') return help(rest[0]);
  if (command in COMMAND_USAGE && rest.some((arg) => HELP_FLAGS.includes(arg))) return help(command);
  try {
    if (command === 'diff') {
      const { values } = parseArgs({
        args: rest,
        options: { base: { type: 'string' }, env: { type: 'string', multiple: true }, format: { type: 'string', default: 'text' }, 'allow-destructive': { type: 'boolean', default: false }, 'require-fresh': { type: 'boolean', default: false }, repo: { type: 'string' } },
      });
      if (!FORMATS.includes(values.format as Format)) return usage(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
      return runDiff({
        repo: repoRoot(path.resolve(cwd, values.repo ?? '.')),
        base: values.base,
        environments: values.env,
        format: values.format as Format,
        allowDestructive: values['allow-destructive'] ?? false,
        requireFresh: values['require-fresh'] ?? false,
        colours: colour ? COLOURS : NO_COLOURS,
      });
    }
    if (command === 'promote') {
      const { values } = parseArgs({
        args: rest,
        options: { from: { type: 'string' }, to: { type: 'string' }, 'allow-destructive': { type: 'boolean', default: false }, 'allow-prerelease': { type: 'boolean', default: false }, 'pr-body': { type: 'string' }, repo: { type: 'string' } },
      });
      if (!values.from || !values.to) return usage('promote needs --from <env> and --to <env>');
      return runPromote({
        repo: repoRoot(path.resolve(cwd, values.repo ?? '.')),
        from: values.from,
        to: values.to,
        allowDestructive: values['allow-destructive'] ?? false,
        allowPrerelease: values['allow-prerelease'] ?? false,
        prBodyFile: values['pr-body'] ? path.resolve(cwd, values['pr-body']) : undefined,
      });
    }
    if (command === 'failover') {
      const { values } = parseArgs({
        args: rest,
        options: { env: { type: 'string' }, to: { type: 'string' }, 'allow-destructive': { type: 'boolean', default: false }, 'pr-body': { type: 'string' }, repo: { type: 'string' } },
      });
      if (!values.env || !values.to) return usage('failover needs --env <name> and --to <region>');
      return runFailover({
        repo: repoRoot(path.resolve(cwd, values.repo ?? '.')),
        env: values.env,
        to: values.to,
        allowDestructive: values['allow-destructive'] ?? false,
        prBodyFile: values['pr-body'] ? path.resolve(cwd, values['pr-body']) : undefined,
      });
    }
    if (command === 'init') {
      const { values } = parseArgs({ args: rest, options: { account: { type: 'string', multiple: true }, repo: { type: 'string' } } });
      return runInit({ repo: repoRoot(path.resolve(cwd, values.repo ?? '.')), accounts: values.account ?? [] });
    }
    if (command === 'image-plan') {
      const { values } = parseArgs({ args: rest, options: { base: { type: 'string' }, format: { type: 'string', default: 'text' }, repo: { type: 'string' } } });
      return runImagePlan({ repo: repoRoot(path.resolve(cwd, values.repo ?? '.')), base: values.base, format: values.format as 'text' | 'json' });
    }
    return usage(`unknown command "${command}"`);
  } catch (error) {
    // Problems the user can act on get their message; anything else is a bug and keeps its stack.
    const known = [UsageError, GitError, EnvironmentError, SynthValidationError, FinalizeError, CrdsDirError].some((type) => error instanceof type);
    if (known || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { exitCode: 1, output: '', message: (error as Error).message };
    }
    throw error;
  }
}

/** `platform help [<command>]`: the usage of one command, or of all. */
function help(command: string | undefined): CommandResult {
  if (command === undefined) return { exitCode: 0, output: `${USAGE}\n` };
  const text = COMMAND_USAGE[command];
  return text ? { exitCode: 0, output: `usage: ${text}\n` } : usage(`unknown command "${command}"`);
}

/** The version in package.json (the one npm publishes and `npx` runs). */
function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function usage(problem: string): CommandResult {
  return { exitCode: 1, output: '', message: `${problem}\n${USAGE}` };
}

/** The process entry point: runs the command line, prints, sets the exit code. */
export async function cli(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  // status and bind read the cluster, so they are the asynchronous commands (their --help is main's).
  const asksHelp = rest.some((arg) => HELP_FLAGS.includes(arg));
  const live: Readonly<Record<string, (argv: readonly string[], cwd: string) => Promise<CommandResult>>> = { status: runStatusCommand, bind: runBindCommand };
  const result = command in live && !asksHelp ? await live[command](rest, process.cwd()) : main(process.argv.slice(2), process.cwd(), Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  process.stdout.write(result.output);
  if (result.message) process.stderr.write(`${result.message}\n`);
  process.exitCode = result.exitCode;
}

if (require.main === module) void cli();
