/**
 * `platform status` against the real kube-apiserver: a few development objects applied into a
 * namespace of their own (tests/status/fixture.ts), their status written through the status
 * subresource as the ACK controllers and the policy reconciler would, one left out, and the
 * command run with the test kubeconfig as a user would.
 */
import * as fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXIT_TERMINAL, runStatusCommand } from '../../cli/status/command';
import { StatusReport } from '../../cli/status/report';
import { describeWithCluster, kubeconfigPath, kubectl, ServerSideApply } from '../support/cluster';
import { ENV, StatusFixture, statusFixture } from '../status/fixture';
import { crdOf } from './support/crds';
import { FIELD_MANAGER } from './support/manifests';

const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const condition = (type: string, status: string, message: string) => ({ type, status, message, lastTransitionTime: now });

/** `kubectl patch --subresource=status` of one object (a merge patch, as a controller's status update). */
async function writeStatus(object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }, status: Record<string, unknown>): Promise<void> {
  const { plural, group } = crdOf(object.apiVersion, object.kind);
  const scope = object.metadata.namespace ? ['-n', object.metadata.namespace] : [];
  await kubectl(['patch', `${plural}.${group}`, object.metadata.name, ...scope, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
}

describeWithCluster('platform status against the API server', () => {
  let fixture: StatusFixture;
  let names: string[];

  beforeAll(async () => {
    fixture = statusFixture(`cluster-${process.pid}`, 5);
    names = fixture.ack.map((o) => o.metadata.name);
    const client = new ServerSideApply(FIELD_MANAGER);
    const missing = fixture.ack[4];
    for (const object of fixture.all.filter((o) => o !== missing)) await client.apply(object);
    const [synced, terminal, recoverable, references] = fixture.ack;
    await writeStatus(synced, { conditions: [condition('ACK.ResourceSynced', 'True', '')] });
    await writeStatus(terminal, { conditions: [condition('ACK.ResourceSynced', 'False', 'Resource not synced'), condition('ACK.Terminal', 'True', 'InvalidParameterValue: the name is taken')] });
    await writeStatus(recoverable, { conditions: [condition('ACK.ResourceSynced', 'False', 'Resource not synced'), condition('ACK.Recoverable', 'True', 'AccessDenied: not authorized to perform the action')] });
    await writeStatus(references, { conditions: [condition('ACK.ReferencesResolved', 'False', 'cannot resolve reference: not synced yet')] });
    await writeStatus(fixture.policy, {
      resourcesChecked: 3,
      compliant: 1,
      violating: 1,
      notVerified: 1,
      violations: [{ kind: 'Bucket', namespace: fixture.namespace, name: 'hand-made', reason: 'MissingTags', message: 'missing tags Owner, Team' }],
    });
  });

  afterAll(async () => {
    if (!fixture) return;
    // The namespace stays Terminating without a controller manager; its name is this run's own.
    await kubectl(['delete', 'namespace', fixture.namespace, '--wait=false', '--ignore-not-found']);
    await kubectl(['delete', `${crdOf(fixture.policy.apiVersion, fixture.policy.kind).plural}.${crdOf(fixture.policy.apiVersion, fixture.policy.kind).group}`, fixture.policy.metadata.name, '--ignore-not-found']);
    fs.rmSync(fixture.repo, { recursive: true, force: true });
  });

  it('reads the live statuses: counts, each object not synced with its ACK condition, the policy findings, exit 2 (json)', async () => {
    // WHEN status runs with the cluster's kubeconfig
    const result = await runStatusCommand(['--env', ENV, '--repo', fixture.repo, '--kubeconfig', kubeconfigPath(), '--format', 'json'], process.cwd());

    // THEN it reports what was written, and the object never applied as not applied
    expect(result.message).toBeUndefined();
    expect(result.exitCode).toBe(EXIT_TERMINAL);
    const [env] = (JSON.parse(result.output) as StatusReport).environments;
    expect(env.counts).toEqual({ synced: 1, 'not-synced': 2, terminal: 1, 'not-applied': 1, total: 5 });
    expect(env.notSynced.map((o) => [o.name, o.state, o.condition, o.message])).toEqual([
      [names[1], 'terminal', 'ACK.Terminal', 'InvalidParameterValue: the name is taken'],
      [names[2], 'not-synced', 'ACK.Recoverable', 'AccessDenied: not authorized to perform the action'],
      [names[3], 'not-synced', 'ACK.ReferencesResolved', 'cannot resolve reference: not synced yet'],
      [names[4], 'not-applied', undefined, 'not applied: the object is not in the cluster'],
    ]);
    expect(env.policies).toEqual([
      { kind: 'TaggingPolicy', name: fixture.policy.metadata.name, state: 'evaluated', checked: 3, compliant: 1, violating: 1, notVerified: 1, violations: [{ kind: 'Bucket', namespace: fixture.namespace, name: 'hand-made', reason: 'MissingTags', message: 'missing tags Owner, Team' }] },
    ]);
  });

  it('exits 0 once the terminal object is fixed (text)', async () => {
    await writeStatus(fixture.ack[1], { conditions: [condition('ACK.Terminal', 'False', ''), condition('ACK.ResourceSynced', 'True', '')] });
    const result = await runStatusCommand(['--env', ENV, '--repo', fixture.repo, '--kubeconfig', kubeconfigPath()], process.cwd());
    expect(result.exitCode).toBe(0);
    expect(result.output.split('\n')[0]).toBe(`${ENV} (namespace ${fixture.namespace}): 5 ACK objects: 2 synced, 2 not synced, 1 not applied, 0 terminal`);
  });
});
