/** `platform bind` from its command line: options parsed, the kubeconfig's cluster, known errors as messages. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { EnvironmentError } from '../../charts/lib/environment/errors';
import { YamlEditError } from '../../charts/lib/environment/edit-yaml';
import { SynthValidationError } from '../../charts/pipeline/synthesized';
import { GitError, repoRoot } from '../git';
import { StatusError } from '../status/expected';
import { loadKubeConfig } from '../status/live';
import { BindResult, runBind } from './command';
import { BindCluster, clusterOf, ClusterReadError } from './live';
import { Prefer, PREFER } from './plan';

export const BIND_USAGE = 'platform bind --env <name> [--pr] [--prefer live|git] [--kubeconfig <file>] [--format text|json] [--repo <dir>]';

/** Runs `bind` (arguments after the command name); `cluster` replaces the kubeconfig's in tests. */
export async function runBindCommand(argv: readonly string[], cwd: string, cluster?: BindCluster): Promise<BindResult> {
  const usage = (problem: string): BindResult => ({ exitCode: 1, output: '', message: `${problem}\nusage: ${BIND_USAGE}` });
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { env: { type: 'string' }, pr: { type: 'boolean', default: false }, prefer: { type: 'string' }, kubeconfig: { type: 'string' }, format: { type: 'string', default: 'text' }, repo: { type: 'string' }, 'pr-body': { type: 'string' } },
    });
    if (!values.env) return usage('bind needs --env <name>');
    if (values.prefer !== undefined && !PREFER.includes(values.prefer as Prefer)) return usage(`--prefer must be one of ${PREFER.join(', ')}, got "${values.prefer}"`);
    if (values.format !== 'text' && values.format !== 'json') return usage(`--format must be text or json, got "${values.format}"`);
    return await runBind({
      repo: repoRoot(path.resolve(cwd, values.repo ?? '.')),
      env: values.env,
      cluster: cluster ?? clusterOf(loadKubeConfig(values.kubeconfig ? path.resolve(cwd, values.kubeconfig) : undefined)),
      prefer: values.prefer as Prefer | undefined,
      pr: values.pr,
      format: values.format,
      prBodyFile: values['pr-body'] ? path.resolve(cwd, values['pr-body']) : undefined,
    });
  } catch (error) {
    const known = [StatusError, GitError, EnvironmentError, ClusterReadError, YamlEditError, SynthValidationError].some((type) => error instanceof type);
    if (known || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return { exitCode: 1, output: '', message: (error as Error).message };
    throw error;
  }
}
