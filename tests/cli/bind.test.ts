/**
 * `platform bind` against a fake cluster built from the registry (tests/cli/bind-fixture.ts) and a
 * throwaway repository whose development pins nothing: what it writes, how it keeps the file,
 * conflicts, idempotency and bad input. The real API server's side is tests/cluster/bind.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingsOf, keyOf, pinnedValue } from '../../charts/lib/assigned';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { objectKeys, waitingObjects } from '../../charts/waiting';
import { runBindCommand } from '../../cli/bind/args';
import { EXIT_CONFLICT } from '../../cli/bind/command';
import { assignedLike, ENV, ENV_FILE, fakeCluster, loadFrom, unboundRepo } from './bind-fixture';
import { cloneRepo, commitAll, git, readFile, removeTempRepos, writeFile } from './temp-repo';

let base: string;
let env: EnvironmentConfig;

beforeAll(() => {
  base = unboundRepo();
  env = loadFrom(base);
}, 120_000);
afterAll(removeTempRepos);

/** Lines of `before` that are not in `after`, in order: what an edit lost. */
function lostLines(before: string, after: string): string[] {
  const rest = after.split('\n');
  return before.split('\n').filter((line) => {
    const at = rest.indexOf(line);
    if (at === -1) return true;
    rest.splice(0, at + 1);
    return false;
  });
}

const bind = (repo: string, cluster: ReturnType<typeof fakeCluster>, ...args: string[]) => runBindCommand(['--env', ENV, '--repo', repo, ...args], repo, cluster);

describe('bind on an environment that pins nothing', () => {
  it('pins every value the cluster has, where the registry reads it, keeping every line of the file', async () => {
    // GIVEN a cluster whose objects carry a value for every binding
    const repo = cloneRepo(base);
    const before = readFile(repo, ENV_FILE);
    const cluster = fakeCluster(env);

    // WHEN bind runs
    const result = await bind(repo, cluster);

    // THEN every binding is written with the live value, and the file only gained lines
    expect(result.message).toMatch(/^wrote \d+ values to environments\/development\/environment\.yaml/);
    expect(result.exitCode).toBe(0);
    const after = readFile(repo, ENV_FILE);
    for (const binding of bindingsOf(env)) expect(pinnedValue(parse(after), binding), keyOf(binding)).toEqual(assignedLike(binding));
    // (only `assigned: {}` became `assigned:` with its block)
    expect(lostLines(before, after)).toEqual(before.split('\n').filter((line) => /^\s*assigned: \{\}$/.test(line)));
    expect(result.report!.changedAgainstGit).toEqual(bindingsOf(env).map(keyOf));
    // ... and the result loads: nothing waits any more, and each value is read from an object the charts build under that name
    const bound = loadFrom(repo);
    expect(waitingObjects(bound)).toEqual([]);
    const built = objectKeys(bound);
    for (const { source } of bindingsOf(env)) expect(built.has(`${source.kind}/${source.name}`), `${source.kind}/${source.name}`).toBe(true);

    // WHEN it runs again THEN it changes nothing and says so
    const again = await bind(repo, cluster);
    expect(again.exitCode).toBe(0);
    expect(again.message).toBe(`nothing to change in ${ENV_FILE}: every value the cluster has is already pinned`);
    expect(readFile(repo, ENV_FILE)).toBe(after);
    expect(again.report!.entries.every((e) => e.state === 'unchanged')).toBe(true);
  });

  it('says why a value is not available: object missing, not synced (with its ACK message), status empty, waiting on an earlier binding', async () => {
    const repo = cloneRepo(base);
    const cluster = fakeCluster(env);
    const [vpc, certificate] = bindingsOf(env);
    const distribution = bindingsOf(env).find((b) => b.source.kind === 'Distribution')!;
    const cache = bindingsOf(env).find((b) => b.source.kind === 'ReplicationGroup')!;
    cluster.objects.delete(`${vpc.source.kind}/${vpc.source.name}`);
    cluster.objects.delete(`${distribution.source.kind}/${distribution.source.name}`);
    cluster.objects.set(`${certificate.source.kind}/${certificate.source.name}`, { status: { conditions: [{ type: 'ACK.ResourceSynced', status: 'False', message: 'Resource not synced' }, { type: 'ACK.Recoverable', status: 'True', message: 'LimitExceededException: too many certificates' }] } });
    cluster.objects.set(`${cache.source.kind}/${cache.source.name}`, { status: { conditions: [{ type: 'ACK.ResourceSynced', status: 'True' }] } });

    const result = await bind(repo, cluster, '--format', 'json');

    const reason = (key: string) => result.report!.entries.find((e) => e.key === key)?.reason;
    expect(reason(keyOf(vpc))).toBe(`${vpc.source.kind}/${vpc.source.name} not in the cluster: sync ${ENV} first`);
    expect(reason(keyOf(certificate))).toBe(`${certificate.source.kind}/${certificate.source.name} is not synced (ACK.Recoverable): LimitExceededException: too many certificates`);
    expect(reason(keyOf(cache))).toBe(`${cache.source.statusPath} of ${cache.source.kind}/${cache.source.name} is empty although it is synced`);
    // The distribution is not even synthesized: the charts leave it out until the web ACL is pinned.
    const webAcl = waitingObjects(env).find((w) => w.kind === distribution.source.kind && w.name === distribution.source.name)!.waitsOn;
    expect(webAcl).toEqual(['edge.assigned.webAclArn']);
    expect(reason(keyOf(distribution))).toBe(`${distribution.source.kind}/${distribution.source.name} is not in the manifests yet: it waits on ${webAcl.join(', ')}`);
    expect(result.message).toMatch(/then bind again: edge\.assigned\.distributionDomainName wait on values written now/);
    // What was available is written all the same
    const affected = new Set([vpc, certificate, distribution, cache].map((b) => `${b.source.kind}/${b.source.name}`));
    const bound = JSON.parse(result.output).entries.filter((e: { state: string }) => e.state === 'bound').map((e: { key: string }) => e.key);
    expect(bound).toEqual(bindingsOf(env).filter((b) => !affected.has(`${b.source.kind}/${b.source.name}`)).map(keyOf));
  });
});

describe('a pinned value that differs from the live one', () => {
  let repo: string;
  let pinned: string;
  const cluster = () => {
    const live = fakeCluster(env);
    const [vpc] = bindingsOf(env);
    (live.objects.get(`${vpc.source.kind}/${vpc.source.name}`)!.status as Record<string, unknown>).vpcID = 'vpc-0123456789abcdef0';
    return live;
  };

  beforeAll(async () => {
    // GIVEN every value bound and committed
    repo = cloneRepo(base);
    await bind(repo, fakeCluster(env));
    commitAll(repo, 'Bind');
    pinned = readFile(repo, ENV_FILE);
  });

  it('is a conflict: exit 2, the file untouched, both values shown', async () => {
    const result = await bind(repo, cluster());
    expect(result.exitCode).toBe(EXIT_CONFLICT);
    expect(result.message).toBe(`refusing to bind: network.assigned.vpcId: the pinned value differs from the live one; ${ENV_FILE} untouched. Pass --prefer live to pin what the cluster has, or --prefer git to keep the file's`);
    expect(result.output).toContain(`CONFLICT network.assigned.vpcId`);
    expect(readFile(repo, ENV_FILE)).toBe(pinned);
  });

  it('--prefer live replaces it (one line changes), --prefer git keeps it', async () => {
    const kept = await bind(repo, cluster(), '--prefer', 'git');
    expect(kept.exitCode).toBe(0);
    expect(kept.report!.entries.find((e) => e.key === 'network.assigned.vpcId')?.state).toBe('kept');
    expect(readFile(repo, ENV_FILE)).toBe(pinned);

    const replaced = await bind(repo, cluster(), '--prefer', 'live');
    expect(replaced.exitCode).toBe(0);
    const after = readFile(repo, ENV_FILE);
    expect(parse(after).network.assigned.vpcId).toBe('vpc-0123456789abcdef0');
    expect(git(repo, 'diff', '--numstat').trim()).toBe(`1\t1\t${ENV_FILE}`);
    expect(replaced.report!.changedAgainstGit).toEqual(['network.assigned.vpcId']);
    git(repo, 'checkout', '--', ENV_FILE);
  });
});

describe('bad input leaves the file untouched with one clear message', () => {
  const untouched = async (edit: (cluster: ReturnType<typeof fakeCluster>) => void, message: string) => {
    const repo = cloneRepo(base);
    const before = readFile(repo, ENV_FILE);
    const cluster = fakeCluster(env);
    edit(cluster);
    const result = await bind(repo, cluster);
    expect(result.exitCode).toBe(1);
    expect(result.message).toBe(message);
    expect(readFile(repo, ENV_FILE)).toBe(before);
  };

  it('a cluster whose namespace belongs to another account', () =>
    untouched((c) => (c.ownerAccount = '999999999999'), `refusing to bind: wrong cluster: namespace ${env.namespace} at https://fake.cluster.test belongs to account 999999999999, ${ENV_FILE} aws.accountId is ${env.aws.accountId}; ${ENV_FILE} untouched`));

  it('an object in a terminal state', () => {
    const lb = bindingsOf(env).find((b) => b.source.kind === 'LoadBalancer')!;
    return untouched(
      (c) => c.objects.set(`LoadBalancer/${lb.source.name}`, { status: { conditions: [{ type: 'ACK.Terminal', status: 'True', message: 'ValidationError: name taken' }] } }),
      `refusing to bind: LoadBalancer/${lb.source.name} is terminal (ACK.Terminal: ValidationError: name taken): ACK will not retry until its spec changes; fix that first (edge.assigned.loadBalancerArn, edge.assigned.loadBalancerDnsName not bound); ${ENV_FILE} untouched`,
    );
  });

  it('a live value that fails the checks at load (a certificate of another account)', () => {
    const certificate = bindingsOf(env).find((b) => keyOf(b) === 'edge.assigned.certificateArn')!;
    const other = (assignedLike(certificate) as string).replace(`:${env.aws.accountId}:`, ':999999999999:');
    return untouched(
      (c) => ((c.objects.get(`Certificate/${certificate.source.name}`)!.status as { ackResourceMetadata: { arn: string } }).ackResourceMetadata.arn = other),
      `refusing to bind: a live value fails the checks at load: ${ENV_FILE}: edge.assigned.certificateArn: expected an ARN starting "arn:aws:acm:${env.aws.region}:${env.aws.accountId}:certificate/" (this environment's account, region and name), got "${other}"; ${ENV_FILE} untouched`,
    );
  });

  it('options: no --env, an unknown --prefer, an unknown environment', async () => {
    expect((await runBindCommand(['--repo', base], base, fakeCluster(env))).message).toMatch(/^bind needs --env <name>\nusage: platform bind/);
    expect((await runBindCommand(['--env', ENV, '--prefer', 'both', '--repo', base], base, fakeCluster(env))).message).toMatch(/^--prefer must be one of live, git, got "both"/);
    expect((await runBindCommand(['--env', 'qa', '--repo', base], base, fakeCluster(env))).message).toBe('refusing to bind: no environment "qa" (have development, staging, production)');
  });
});

describe('bind --pr', () => {
  it('refuses a dirty tree', async () => {
    const repo = cloneRepo(base);
    writeFile(repo, 'notes.txt', 'wip\n');
    const result = await bind(repo, fakeCluster(env), '--pr');
    expect(result.exitCode).toBe(1);
    expect(result.message).toBe('refusing to bind: --pr needs a clean working tree; uncommitted: notes.txt');
  });

  it('commits the file and the re-synthesized manifests on a branch of its own, with a PR body', async () => {
    const repo = cloneRepo(base);
    const head = git(repo, 'rev-parse', '--short', 'HEAD').trim();
    const result = await bind(repo, fakeCluster(env), '--pr');
    expect(result.message).toMatch(new RegExp(`^created branch bind/${ENV}-${head} with one commit`));
    expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe(`bind/${ENV}-${head}`);
    const files = git(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
    expect(files).toContain(ENV_FILE);
    // The objects that waited are now in the committed manifests
    expect(files.filter((f) => f.startsWith(`manifests/${ENV}/`)).length).toBeGreaterThan(0);
    expect(git(repo, 'status', '--porcelain').trim()).toBe('');
    const body = fs.readFileSync(path.join(repo, '.bind', 'PR_BODY.md'), 'utf8');
    for (const binding of bindingsOf(env)) expect(body, keyOf(binding)).toContain(`\`${keyOf(binding)}\``);
    expect(git(repo, 'log', '-1', '--format=%s').trim()).toBe(`Bind ${ENV}: ${bindingsOf(env).length} values AWS assigned`);
  }, 120_000);
});
