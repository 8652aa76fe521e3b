/**
 * `platform status` without a cluster: the report from a fake source (the same code path as the
 * cluster, minus client-node), its counts, messages, policy findings, formats and exit codes.
 * tests/cluster/status.test.ts runs it against the real kube-apiserver.
 */
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../cli/status/classify';
import { EXIT_TERMINAL, runStatusCommand } from '../../cli/status/command';
import { LiveObject, StatusSource } from '../../cli/status/live';
import { StatusReport } from '../../cli/status/report';
import { ENV, statusFixture } from './fixture';

const fixture = statusFixture('unit', 5);
afterAll(() => fs.rmSync(fixture.repo, { recursive: true, force: true }));

const condition = (type: string, status: string, message = '') => ({ type, status, message });

/** A cluster holding the fixture's objects with the given statuses; names absent from `statuses` are not in it. */
function fakeSource(statuses: Record<string, Record<string, unknown> | undefined>, policyStatus?: Record<string, unknown>): StatusSource {
  return {
    async listKind(apiVersion, kind, namespace) {
      expect(namespace).toBe(fixture.namespace);
      const objects = new Map<string, LiveObject>();
      for (const o of fixture.ack.filter((x) => x.apiVersion === apiVersion && x.kind === kind)) {
        if (o.metadata.name in statuses) objects.set(o.metadata.name, { metadata: { name: o.metadata.name }, status: statuses[o.metadata.name] });
      }
      return { served: true, objects };
    },
    async readCluster(_apiVersion, _kind, name) {
      return name === fixture.policy.metadata.name && policyStatus ? { metadata: { name }, status: policyStatus } : undefined;
    },
  };
}

describe('classify', () => {
  it('prefers Terminal, then Recoverable, then unresolved references, then ResourceSynced', () => {
    expect(classify({ conditions: [condition('ACK.ResourceSynced', 'True')] }, true)).toEqual({ state: 'synced' });
    expect(classify({ conditions: [condition('ACK.ResourceSynced', 'False', 'x'), condition('ACK.Terminal', 'True', 'InvalidParameter: bad')] }, true)).toEqual({ state: 'terminal', condition: 'ACK.Terminal', message: 'InvalidParameter: bad' });
    expect(classify({ conditions: [condition('ACK.ResourceSynced', 'False', 'x'), condition('ACK.Recoverable', 'True', 'AccessDenied')] }, true)).toMatchObject({ condition: 'ACK.Recoverable', message: 'AccessDenied' });
    expect(classify({ conditions: [condition('ACK.ResourceSynced', 'False', 'x'), condition('ACK.ReferencesResolved', 'False', 'VPC main not synced')] }, true)).toMatchObject({ condition: 'ACK.ReferencesResolved', message: 'VPC main not synced' });
    expect(classify({ conditions: [condition('ACK.ResourceSynced', 'False', 'IAM Role is not available')] }, true)).toEqual({ state: 'not-synced', condition: 'ACK.ResourceSynced', message: 'IAM Role is not available' });
    expect(classify({}, true)).toMatchObject({ state: 'not-synced', message: 'ACK.ResourceSynced is absent: no controller has reconciled it yet' });
    expect(classify(undefined, false).state).toBe('not-applied');
  });
});

describe('platform status (fake cluster)', () => {
  const [synced, terminal, recoverable, references, missing] = fixture.ack.map((o) => o.metadata.name);
  const statuses = {
    [synced]: { conditions: [condition('ACK.ResourceSynced', 'True')] },
    [terminal]: { conditions: [condition('ACK.Terminal', 'True', 'InvalidParameterValue: the name is taken')] },
    [recoverable]: { conditions: [condition('ACK.Recoverable', 'True', 'AccessDenied: not authorized'), condition('ACK.ResourceSynced', 'False')] },
    [references]: { conditions: [condition('ACK.ReferencesResolved', 'False', 'referenced resource not synced')] },
  };
  const policyStatus = { resourcesChecked: 4, compliant: 2, violating: 1, notVerified: 1, violations: [{ kind: 'Bucket', namespace: fixture.namespace, name: 'stray', reason: 'MissingTags', message: 'missing Owner' }] };

  it('counts, lists what is not synced with its condition, reports the policy, and exits 2 on terminal (json)', async () => {
    const result = await runStatusCommand(['--env', ENV, '--format', 'json', '--repo', fixture.repo], process.cwd(), fakeSource(statuses, policyStatus));
    expect(result.message).toBeUndefined();
    expect(result.exitCode).toBe(EXIT_TERMINAL);
    const report = JSON.parse(result.output) as StatusReport;
    const [env] = report.environments;
    expect(env).toMatchObject({ name: ENV, namespace: fixture.namespace, counts: { synced: 1, terminal: 1, 'not-synced': 2, 'not-applied': 1, total: fixture.ack.length } });
    const kindOf = (name: string) => fixture.ack.find((o) => o.metadata.name === name)!.kind;
    expect(env.notSynced).toEqual([
      { kind: kindOf(terminal), name: terminal, state: 'terminal', condition: 'ACK.Terminal', message: 'InvalidParameterValue: the name is taken' },
      { kind: kindOf(recoverable), name: recoverable, state: 'not-synced', condition: 'ACK.Recoverable', message: 'AccessDenied: not authorized' },
      { kind: kindOf(references), name: references, state: 'not-synced', condition: 'ACK.ReferencesResolved', message: 'referenced resource not synced' },
      { kind: kindOf(missing), name: missing, state: 'not-applied', message: 'not applied: the object is not in the cluster' },
    ]);
    expect(env.policies).toEqual([{ kind: 'TaggingPolicy', name: fixture.policy.metadata.name, state: 'evaluated', checked: 4, compliant: 2, violating: 1, notVerified: 1, violations: policyStatus.violations }]);
  });

  it('prints the same as text, one line per object not synced', async () => {
    const result = await runStatusCommand(['--env', ENV, '--repo', fixture.repo], process.cwd(), fakeSource(statuses, policyStatus));
    const lines = result.output.trim().split('\n');
    expect(lines[0]).toBe(`${ENV} (namespace ${fixture.namespace}): ${fixture.ack.length} ACK objects: 1 synced, 2 not synced, 1 not applied, 1 terminal`);
    expect(lines.find((l) => l.includes(terminal))).toMatch(new RegExp(`^  TERMINAL ${kindOf(terminal)}/${terminal} +ACK.Terminal: InvalidParameterValue: the name is taken$`));
    expect(lines.find((l) => l.includes(missing))).toMatch(/^ {2}MISSING .* not applied: the object is not in the cluster$/);
    expect(lines).toContain(`  policy TaggingPolicy/${fixture.policy.metadata.name}: 4 checked, 2 compliant, 1 violating, 1 not verified`);
    expect(lines).toContain(`    violation Bucket/stray (${fixture.namespace}): MissingTags: missing Owner`);
    function kindOf(name: string) { return fixture.ack.find((o) => o.metadata.name === name)!.kind; }
  });

  it('exits 0 when nothing is terminal, and says a policy is not applied or not evaluated', async () => {
    const allSynced = Object.fromEntries(fixture.ack.map((o) => [o.metadata.name, { conditions: [condition('ACK.ResourceSynced', 'True')] }]));
    const notApplied = await runStatusCommand(['--env', ENV, '--repo', fixture.repo], process.cwd(), fakeSource(allSynced));
    expect(notApplied.exitCode).toBe(0);
    expect(notApplied.output).toContain(`${fixture.ack.length} synced, 0 not synced, 0 not applied, 0 terminal`);
    expect(notApplied.output).toContain(`policy TaggingPolicy/${fixture.policy.metadata.name}: not applied`);
    const notEvaluated = await runStatusCommand(['--env', ENV, '--repo', fixture.repo], process.cwd(), fakeSource(allSynced, {}));
    expect(notEvaluated.output).toContain('not evaluated yet');
  });

  it('refuses an unknown environment and an unknown format, naming them', async () => {
    const unknown = await runStatusCommand(['--env', 'qa', '--repo', fixture.repo], process.cwd(), fakeSource({}));
    expect(unknown).toMatchObject({ exitCode: 1, message: expect.stringContaining('unknown environment "qa"') });
    const format = await runStatusCommand(['--format', 'yaml', '--repo', fixture.repo], process.cwd(), fakeSource({}));
    expect(format).toMatchObject({ exitCode: 1, message: expect.stringContaining('--format must be one of text, json, got "yaml"') });
  });

  it('fails with the server named when the cluster cannot be reached', async () => {
    const kubeconfig = `${fixture.repo}/unreachable.kubeconfig`;
    fs.writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`);
    const result = await runStatusCommand(['--env', ENV, '--repo', fixture.repo, '--kubeconfig', kubeconfig], process.cwd());
    expect(result).toMatchObject({ exitCode: 1, output: '' });
    expect(result.message).toMatch(/^cannot read the cluster at https:\/\/127\.0\.0\.1:1: /);
  });
});
