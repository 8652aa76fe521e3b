/**
 * Placeholder account ids: refused at load unless flagged as a test account, and replaced in one
 * command, `platform init`, which keeps every other line of the files.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../charts/lib/environment/load';
import { isPlaceholderAccount } from '../../charts/lib/environment/placeholders';
import { main } from '../../cli/main';
import { cloneRepo, editFile, readFile, removeTempRepos, synthesizedRepo } from './temp-repo';

let base: string;
beforeAll(() => {
  base = synthesizedRepo();
}, 120_000);
afterAll(removeTempRepos);

const FILE = 'environments/production/environment.yaml';
const CATALOGUE = 'environments/catalogue.yaml';
const load = (repo: string) => loadEnvironments({ environmentsDir: path.join(repo, 'environments'), displayRoot: repo });
const accountOf = (repo: string, file: string, at: string) => String(parse(readFile(repo, file))[at].accountId);

describe('placeholder accounts', () => {
  it('are this repository\'s and refused without testAccount: true (one message naming file and key)', () => {
    const repo = cloneRepo(base);
    const placeholder = accountOf(repo, FILE, 'aws');
    expect(isPlaceholderAccount(placeholder)).toBe(true);
    editFile(repo, FILE, '  testAccount: true', '  # (flag removed)');
    expect(() => load(repo)).toThrow(`${FILE}: aws.accountId: expected a real AWS account id; "${placeholder}" is a placeholder: run \`npx platform init --account production=<account id>\`, or set aws.testAccount: true for a test account (the emulator)`);
  });

  it('a real account with testAccount: true is refused too', () => {
    const repo = cloneRepo(base);
    const placeholder = accountOf(repo, CATALOGUE, 'controllers');
    editFile(repo, CATALOGUE, `accountId: "${placeholder}"`, 'accountId: "210987654321"');
    expect(() => load(repo)).toThrow(`${CATALOGUE}: controllers.testAccount: expected only next to a placeholder account id; 210987654321 is a real one: remove testAccount`);
  });
});

describe('platform init', () => {
  it('sets the accounts, rewrites the ARNs that named them, drops the test flag, keeps every other line', () => {
    const repo = cloneRepo(base);
    const before = readFile(repo, FILE);
    const old = accountOf(repo, FILE, 'aws');
    const result = main(['init', '--account', 'production=210987654321', '--account', 'controllers=109876543210', '--repo', repo], repo);
    expect(result.message).toMatch(/^next: npm run synth/);
    expect(result.output).toBe(`production: ${old} → 210987654321 (${FILE})\ncontrollers: ${accountOf(base, CATALOGUE, 'controllers')} → 109876543210 (${CATALOGUE})\n`);
    const after = readFile(repo, FILE);
    expect(after).not.toContain(old);
    expect(after).not.toContain('testAccount');
    // Line for line: only the lines naming the account changed, the flag's line went
    const changed = before.split('\n').filter((line) => !after.split('\n').includes(line));
    expect(changed.every((line) => line.includes(old) || line.includes('testAccount'))).toBe(true);
    expect(after.split('\n').length).toBe(before.split('\n').length - 1);
    const envs = load(repo);
    const production = envs.find((env) => env.name === 'production')!;
    expect(production.aws.accountId).toBe('210987654321');
    expect(production.edge.assigned.certificateArn).toContain(':210987654321:');
    expect(production.catalogue.controllers.accountId).toBe('109876543210');
  });

  it('refuses a placeholder, an unknown environment, a malformed id; writes nothing', () => {
    const repo = cloneRepo(base);
    const before = readFile(repo, FILE);
    expect(main(['init', '--account', 'production=111111111111', '--repo', repo], repo).message).toBe('--account production=111111111111: 111111111111 is a placeholder (docs/bootstrap.md, "Accounts"), not a real account');
    expect(main(['init', '--account', 'qa=210987654321', '--repo', repo], repo).message).toBe('--account qa=210987654321: no environment "qa" (have development, production, staging; or controllers)');
    expect(main(['init', '--account', 'production=2109', '--repo', repo], repo).message).toBe('--account production=2109: expected a 12-digit AWS account id, got "2109"');
    expect(readFile(repo, FILE)).toBe(before);
  });
});
