import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_DESTRUCTIVE } from '../../cli/diff/command';
import { propose } from '../../cli/proposal';
import { loadEnvironments } from '../../charts/lib/environment/load';
import { cloneRepo, git, readFile, removeTempRepos, synthesizedRepo } from './temp-repo';

const SLOW = 240_000;
const FILE = 'production/environment.yaml';

/** The shared flow of promote and failover: a change that replaces data is refused unless allowed. */
describe('a proposed change (cli/proposal.ts)', () => {
  let template: string;
  beforeAll(() => {
    template = synthesizedRepo();
  }, SLOW);
  afterAll(removeTempRepos);

  const renameAssetsBucket = (repo: string) => {
    const text = readFile(repo, `environments/${FILE}`);
    const assets = /assets: (\S+)/.exec(text)![1];
    return text.replace(`assets: ${assets}`, `assets: ${assets}-renamed`);
  };
  const proposal = (repo: string, allowDestructive: boolean) => ({
    repo,
    env: 'production',
    envs: loadEnvironments({ environmentsDir: path.join(repo, 'environments') }),
    files: { [FILE]: renameAssetsBucket(repo) },
    branchPrefix: 'test/rename-assets',
    label: 'renamed',
    verb: 'rename',
    allowDestructive,
    describe: () => ({ commitMessage: 'Rename the assets bucket', prBody: 'body' }),
  });

  it('refuses a change that replaces a bucket, with the diff and exit 2, writing nothing', () => {
    const repo = cloneRepo(template);
    const result = propose(proposal(repo, false));
    expect(result.exitCode).toBe(EXIT_DESTRUCTIVE);
    expect(result.message).toContain('refusing to rename: the change is DESTRUCTIVE for production');
    expect(result.output).toMatch(/Bucket/);
    expect(git(repo, 'status', '--porcelain').trim()).toBe('');
    expect(git(repo, 'branch', '--list', 'test/*').trim()).toBe('');
  }, SLOW);

  it('commits it on its branch when allowed', () => {
    const repo = cloneRepo(template);
    const head = git(repo, 'rev-parse', '--short', 'HEAD').trim();
    const result = propose(proposal(repo, true));
    expect(result.exitCode, result.message).toBe(0);
    expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe(`test/rename-assets-${head}`);
    expect(git(repo, 'show', '--stat', '--format=%s', 'HEAD')).toMatch(/Rename the assets bucket[\s\S]*environments\/production\/environment.yaml[\s\S]*manifests\/production\/storage.yaml/);
  }, SLOW);
});
