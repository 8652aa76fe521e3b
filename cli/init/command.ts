/**
 * `platform init --account <env>=<id> [--account controllers=<id>]... [--repo <dir>]`: the one place
 * to replace the placeholder account ids (charts/lib/environment/placeholders.ts). For an
 * environment it sets aws.accountId, rewrites every ARN of the file that named the old account
 * (`:<old>:`, e.g. in the assigned blocks) and removes aws.testAccount; for `controllers`, the
 * catalogue's controllers.accountId. Comments and order stay; everything is checked as at load
 * before any file is written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { deleteYamlKey, setYamlValues } from '../../charts/lib/environment/edit-yaml';
import { EnvironmentError } from '../../charts/lib/environment/errors';
import { listEnvironments, loadEnvironments } from '../../charts/lib/environment/load';
import { isPlaceholderAccount } from '../../charts/lib/environment/placeholders';
import type { CommandResult } from '../diff/command';
import { UsageError } from '../errors';
import { ENVIRONMENTS } from '../freshness';

/** The catalogue's owner name for the controllers' own account. */
export const CONTROLLERS = 'controllers';

export interface InitOptions {
  readonly repo: string;
  /** `<env>=<id>` or `controllers=<id>`, as typed. */
  readonly accounts: readonly string[];
}

interface Target {
  readonly owner: string;
  /** Relative to the repository. */
  readonly file: string;
  /** Where the id and its test flag are. */
  readonly at: readonly string[];
  readonly accountId: string;
}

function targetsOf(repo: string, accounts: readonly string[]): Target[] {
  const environments = listEnvironments(path.join(repo, ENVIRONMENTS), repo);
  if (accounts.length === 0) throw new UsageError(`init needs --account <name>=<12-digit id> for ${[...environments, CONTROLLERS].join(', ')}`);
  const seen = new Set<string>();
  return accounts.map((entry) => {
    const match = /^([a-z][a-z0-9-]*)=(.*)$/.exec(entry);
    if (!match) throw new UsageError(`--account ${entry}: expected <name>=<12-digit account id>`);
    const [, owner, accountId] = match;
    if (!environments.includes(owner) && owner !== CONTROLLERS) throw new UsageError(`--account ${entry}: no environment "${owner}" (have ${environments.join(', ')}; or ${CONTROLLERS})`);
    if (seen.has(owner)) throw new UsageError(`--account ${owner} given twice`);
    seen.add(owner);
    if (!/^\d{12}$/.test(accountId)) throw new UsageError(`--account ${entry}: expected a 12-digit AWS account id, got "${accountId}"`);
    if (isPlaceholderAccount(accountId)) throw new UsageError(`--account ${entry}: ${accountId} is a placeholder (docs/bootstrap.md, "Accounts"), not a real account`);
    return owner === CONTROLLERS
      ? { owner, file: path.posix.join(ENVIRONMENTS, 'catalogue.yaml'), at: [CONTROLLERS], accountId }
      : { owner, file: path.posix.join(ENVIRONMENTS, owner, 'environment.yaml'), at: ['aws'], accountId };
  });
}

/** The file with its account replaced everywhere it is named, and its test flag removed. */
function withAccount(text: string, target: Target): { text: string; previous: string } {
  const previous = String((parse(text) as Record<string, Record<string, unknown>>)[target.at[0]]?.accountId ?? '');
  const set = setYamlValues(text, [{ path: [...target.at, 'accountId'], value: target.accountId }]);
  const arns = previous ? set.split(`:${previous}:`).join(`:${target.accountId}:`) : set;
  return { text: deleteYamlKey(arns, [...target.at, 'testAccount']), previous };
}

export function runInit(options: InitOptions): CommandResult {
  const targets = targetsOf(options.repo, options.accounts);
  const texts = new Map<string, string>();
  const lines: string[] = [];
  for (const target of targets) {
    const before = texts.get(target.file) ?? fs.readFileSync(path.join(options.repo, target.file), 'utf8');
    const { text, previous } = withAccount(before, target);
    texts.set(target.file, text);
    lines.push(`${target.owner}: ${previous || '(none)'} → ${target.accountId} (${target.file})`);
  }
  // Everything loads with the new files, or nothing is written.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'init-'));
  try {
    fs.cpSync(path.join(options.repo, ENVIRONMENTS), path.join(work, ENVIRONMENTS), { recursive: true });
    for (const [file, text] of texts) fs.writeFileSync(path.join(work, file), text);
    loadEnvironments({ environmentsDir: path.join(work, ENVIRONMENTS), displayRoot: work });
  } catch (error) {
    if (error instanceof EnvironmentError) return { exitCode: 1, output: '', message: `refusing to init: ${error.message}; no file written` };
    throw error;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const [file, text] of texts) fs.writeFileSync(path.join(options.repo, file), text);
  return { exitCode: 0, output: `${lines.join('\n')}\n`, message: 'next: npm run synth (the namespaces, the account map and the IAM policies of manifests/bootstrap name the accounts), then review and commit' };
}
