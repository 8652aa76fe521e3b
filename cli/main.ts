/**
 * `platform`: the project's command line.
 *   platform diff [--base <ref>] [--env <name>]... [--format text|md|json] [--allow-destructive] [--require-fresh] [--repo <dir>]
 *   platform promote --from <env> --to <env> [--allow-destructive] [--allow-prerelease] [--pr-body <file>] [--repo <dir>]
 * Exit codes: 0 done, 1 refused or failed, 2 destructive without --allow-destructive.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CrdsDirError } from '../charts/lib/crds-dir';
import { EnvironmentError } from '../charts/lib/environment/errors';
import { FinalizeError } from '../charts/lib/finalize';
import { SynthValidationError } from '../charts/lib/synth';
import { CommandResult, runDiff } from './diff/command';
import { COLOURS, Format, NO_COLOURS } from './diff/render';
import { GitError, repoRoot } from './git';
import { runPromote } from './promote/command';

const USAGE = `usage:
  platform diff [--base <git ref>] [--env <name>]... [--format text|md|json] [--allow-destructive] [--require-fresh] [--repo <dir>]
  platform promote --from <env> --to <env> [--allow-destructive] [--allow-prerelease] [--pr-body <file>] [--repo <dir>]

  diff warns when manifests/ differs from a fresh synth of environments/; --require-fresh fails instead.
  promote follows promotion.from of each environment.yaml; --allow-prerelease lets tags such as
  1.2.0-rc.1 reach the last environment (production).`;

const FORMATS: readonly Format[] = ['text', 'md', 'json'];

/** Runs one command line (without the program name) and returns what to print and the exit code. */
export function main(argv: readonly string[], cwd = process.cwd(), colour = false): CommandResult {
  const [command, ...rest] = argv;
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
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { exitCode: command === undefined ? 1 : 0, output: `${USAGE}\n` };
    return usage(`unknown command "${command}"`);
  } catch (error) {
    // Problems the user can act on get their message; anything else is a bug and keeps its stack.
    const known = [GitError, EnvironmentError, SynthValidationError, FinalizeError, CrdsDirError].some((type) => error instanceof type);
    if (known || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { exitCode: 1, output: '', message: (error as Error).message };
    }
    throw error;
  }
}

function usage(problem: string): CommandResult {
  return { exitCode: 1, output: '', message: `${problem}\n${USAGE}` };
}

/** The process entry point: runs the command line, prints, sets the exit code. */
export function cli(): void {
  const result = main(process.argv.slice(2), process.cwd(), Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  process.stdout.write(result.output);
  if (result.message) process.stderr.write(`${result.message}\n`);
  process.exitCode = result.exitCode;
}

if (require.main === module) cli();
