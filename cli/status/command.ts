/**
 * `platform status [--env <name>]... [--kubeconfig <file>] [--format text|json] [--repo <dir>]`:
 * per environment, how many of its committed ACK objects the cluster has synced, which are not
 * and why (the ACK condition), and the policy reconciler's findings.
 * Exit codes: 0 nothing terminal, 1 could not report, 2 some object is terminal.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { EnvironmentError } from '../../charts/lib/environment/errors';
import type { CommandResult } from '../diff/command';
import { GitError, repoRoot } from '../git';
import { expectedEnvironments, StatusError } from './expected';
import { clusterSource, loadKubeConfig, StatusSource } from './live';
import { renderStatus, STATUS_FORMATS, StatusFormat } from './render';
import { buildReport } from './report';

export const STATUS_USAGE = 'platform status [--env <name>]... [--kubeconfig <file>] [--format text|json] [--repo <dir>]';

/** Exit code when an object is terminal (ACK stopped trying until the spec changes). */
export const EXIT_TERMINAL = 2;

/**
 * Runs `status` (arguments after the command name). `source` replaces the cluster in tests that
 * do not need one; by default the kubeconfig's current context is read.
 */
export async function runStatusCommand(argv: readonly string[], cwd: string, source?: StatusSource): Promise<CommandResult> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { env: { type: 'string', multiple: true }, kubeconfig: { type: 'string' }, format: { type: 'string', default: 'text' }, repo: { type: 'string' } },
    });
    const format = values.format as StatusFormat;
    if (!STATUS_FORMATS.includes(format)) return { exitCode: 1, output: '', message: `--format must be one of ${STATUS_FORMATS.join(', ')}, got "${values.format}"\nusage: ${STATUS_USAGE}` };
    const environments = expectedEnvironments(repoRoot(path.resolve(cwd, values.repo ?? '.')), values.env);
    const cluster = source ?? clusterSource(loadKubeConfig(values.kubeconfig ? path.resolve(cwd, values.kubeconfig) : undefined));
    const report = await buildReport(environments, cluster);
    return { exitCode: report.terminal ? EXIT_TERMINAL : 0, output: renderStatus(report, format) };
  } catch (error) {
    const known = [StatusError, GitError, EnvironmentError].some((type) => error instanceof type);
    if (known || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return { exitCode: 1, output: '', message: (error as Error).message };
    throw error;
  }
}
