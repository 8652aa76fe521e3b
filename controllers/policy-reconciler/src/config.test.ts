import { spawnSync } from 'node:child_process';
import { DEFAULT_WORKERS } from './controller';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_LABEL } from '../../../policy/annotations';
import { ConfigError, loadConfig, selectorFor } from './config';
import { labelSelectorProblem } from './label-selector';

const VALID = { POLICY_SELECTOR: selectorFor('staging') };

describe('configuration from the environment', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(VALID, 'host-1')).toEqual({
      identity: 'host-1',
      policySelector: `${ENVIRONMENT_LABEL}=staging`,
      httpPort: 8080,
      httpHost: undefined,
      logLevel: 'info',
      workers: DEFAULT_WORKERS,
      resyncMs: 600_000,
      leaderElection: { namespace: 'default', name: 'policy-reconciler' },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({ ...VALID, POD_NAME: 'pod-a', POD_NAMESPACE: 'ops', LEASE_NAME: 'l', HTTP_PORT: '9090', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'debug', WORKERS: '8', RESYNC_SECONDS: '60' }, 'host');
    expect(config).toEqual({ identity: 'pod-a', policySelector: VALID.POLICY_SELECTOR, httpPort: 9090, httpHost: '127.0.0.1', logLevel: 'debug', workers: 8, resyncMs: 60_000, leaderElection: { namespace: 'ops', name: 'l' } });
    expect(loadConfig({ ...VALID, LEADER_ELECTION: 'false' }, 'h').leaderElection).toBeUndefined();
  });

  it.each([
    [{ WORKERS: 'abc' }, 'WORKERS="abc" must be a whole number from 1 to 1000'],
    [{ WORKERS: '0' }, 'WORKERS="0"'],
    [{ WORKERS: '2.5' }, 'WORKERS="2.5"'],
    [{ RESYNC_SECONDS: '-1' }, 'RESYNC_SECONDS="-1"'],
    [{ HTTP_PORT: '80a' }, 'HTTP_PORT="80a"'],
    [{ HTTP_PORT: '70000' }, 'HTTP_PORT="70000"'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL="verbose" must be one of debug, info, warn, error'],
    [{ LEADER_ELECTION: 'no' }, 'LEADER_ELECTION="no" must be true or false'],
    [{ POLICY_SELECTOR: '' }, 'POLICY_SELECTOR is not set'],
    [{ POLICY_SELECTOR: 'environment in production' }, 'POLICY_SELECTOR="environment in production" is not a label selector'],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig({ ...VALID, ...env }, 'h')).toThrow(ConfigError);
    expect(() => loadConfig({ ...VALID, ...env }, 'h')).toThrow(message);
  });

  it('names every variable at fault in one error', () => {
    expect(() => loadConfig({ WORKERS: 'abc', RESYNC_SECONDS: 'x' }, 'h')).toThrow(/POLICY_SELECTOR is not set.*; WORKERS="abc".*; RESYNC_SECONDS="x"/);
  });
});

describe('label selectors', () => {
  it.each([
    selectorFor('production'),
    'a=b,c!=d',
    'a==b',
    'tier in (critical, non-critical),env notin (dev)',
    'exists,!absent',
    'example.com/key=',
  ])('accepts %s', (selector) => expect(labelSelectorProblem(selector)).toBeUndefined());

  it.each([
    'platform.mycomputer.com/environment=prod uction',
    'a=b,',
    '=b',
    'a=b=c',
    'a in b',
    'a in (b',
    '-a=b',
    `a=${'x'.repeat(64)}`,
    'Upper.Case/key=v',
  ])('rejects %s', (selector) => expect(labelSelectorProblem(selector)).toMatch(/term/));
});

describe('the entry point', () => {
  it('exits at once with one error line when the configuration is bad', () => {
    const main = path.join(__dirname, 'main.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH, POLICY_SELECTOR: 'environment in production', WORKERS: 'abc', KUBECONFIG: '/nonexistent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'fatal', error: expect.stringMatching(/POLICY_SELECTOR="environment in production".*WORKERS="abc"/) })]);
  }, 40_000);
});
