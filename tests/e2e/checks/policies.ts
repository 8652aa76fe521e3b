/**
 * The policy reconciler (started by `scripts/cluster up --aws`) over the applied estate: its
 * TaggingPolicy and BackupPolicy status, as `kubectl get taggingpolicies,backuppolicies` prints it
 * and as `platform status` reports it. Expectations come from the committed policy objects (their
 * kinds and namespaces) and from what ACK synced.
 */
import { expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../../charts/lib/crds-dir';
import { runStatusCommand } from '../../../cli/status/command';
import { renderStatus } from '../../../cli/status/render';
import type { StatusReport } from '../../../cli/status/report';
import { REASON_NOT_VERIFIED } from '../../../controllers/policy-reconciler/src/events';
import { CONDITION_COMPLIANT, CONDITION_READY, REASON_ALL_COMPLIANT, REASON_RESOURCES_NOT_VERIFIED, REASON_VIOLATIONS_FOUND, REASON_WATCHING } from '../../../controllers/policy-reconciler/src/status';
import { POLICY_DEFINITIONS } from '../../../policy/registry';
import { countsOf, expectedCounts, liveExpectation, livePolicies, PolicyCounts, policiesIn, printedPolicies } from '../support/policies';
import { isAck } from '../../cluster/support/manifests';
import { isSynced, Run } from '../support/run';

/** How long the reconciler may take to catch up with the last status changes of the rollout. */
const SETTLE_MS = 120_000;

export const policyKey = (policy: { kind: string; metadata: { name: string } }) => `${policy.kind}/${policy.metadata.name}`;

/** `platform status` of one environment (read once, as JSON), and the text it prints for that report. */
export async function platformStatus(env: string): Promise<{ exitCode: number; json: StatusReport['environments'][number]; text: string }> {
  const result = await runStatusCommand(['--env', env, '--kubeconfig', process.env.PLATFORM_TEST_KUBECONFIG!, '--format', 'json'], REPO_ROOT);
  expect(result.message).toBeUndefined();
  const report = JSON.parse(result.output) as StatusReport;
  return { exitCode: result.exitCode, json: report.environments[0], text: renderStatus(report, 'text') };
}

/** The line `platform status` prints for a policy with these counts. */
export const statusLine = (key: string, c: PolicyCounts) => `policy ${key}: ${c.checked} checked, ${c.compliant} compliant, ${c.violating} violating, ${c.notVerified} not verified`;

export function policyChecks(run: Run): void {
  // Read when the checks run: the Argo CD suite sets run.objects once it has synced.
  const policies = () => policiesIn(run.objects);
  const syncedByName = (kind: string, name: string) => run.objects.some((o) => o.kind === kind && o.metadata.name === name && isSynced(run, o));
  // What each policy's definition says of the live estate, read once the rollout is over.
  let live: Map<string, Awaited<ReturnType<typeof liveExpectation>>> | undefined;
  const expectations = async () => (live ??= new Map(await Promise.all(policies().map(async (p) => [policyKey(p), await liveExpectation(p, syncedByName)] as const))));
  const expected = async () => new Map([...(await expectations())].map(([key, { violatingObjects, ...counts }]) => { void violatingObjects; return [key, counts] as const; }));

  it('runs the policy reconciler, which reports the estate compliant: nothing violating, not verified only what ACK did not sync', async () => {
    expect(policies().map((p) => p.kind).sort()).toEqual(POLICY_DEFINITIONS.map((d) => d.kind).sort());
    // The committed estate breaks no tagging or backup rule (synth refuses such manifests); the
    // live SecurityBaseline may: a control can depend on what only AWS knows (EC2.6 and the VPC's id).
    for (const [key, { violatingObjects }] of await expectations()) {
      console.log(`e2e ${run.env}: ${key} violating live: ${violatingObjects.join(', ') || 'none'}`);
      if (!key.startsWith('SecurityBaseline/')) expect(violatingObjects, key).toEqual([]);
    }
    const wanted = await expected();
    // The manifests' view agrees on what is checked (every covered object of the estate is live).
    for (const p of policies()) expect(wanted.get(policyKey(p))!.checked, policyKey(p)).toBe(expectedCounts(p, run.objects, (o) => isSynced(run, o)).checked);
    await vi.waitFor(async () => {
      const live = await livePolicies();
      for (const [key, counts] of wanted) expect(live.has(key) ? countsOf(live.get(key)!) : 'not in the cluster', key).toEqual(counts);
    }, { timeout: SETTLE_MS, interval: 2_000 });
    const live = await livePolicies();
    for (const [key, counts] of wanted) {
      console.log(`e2e ${run.env}: ${statusLine(key, counts)}`);
      const conditions = live.get(key)!.status!.conditions!;
      expect(conditions.find((c) => c.type === CONDITION_COMPLIANT), key).toMatchObject(
        counts.violating > 0 ? { status: 'False', reason: REASON_VIOLATIONS_FOUND } : counts.notVerified === 0 ? { status: 'True', reason: REASON_ALL_COMPLIANT } : { status: 'False', reason: REASON_RESOURCES_NOT_VERIFIED },
      );
      expect(conditions.find((c) => c.type === CONDITION_READY), key).toMatchObject({ status: 'True', reason: REASON_WATCHING });
    }
  }, SETTLE_MS + 30_000);

  it('shows the same in the printer columns of `kubectl get taggingpolicies,backuppolicies`', async () => {
    const printed = await printedPolicies();
    for (const [key, counts] of await expected()) {
      const { row, ...columns } = printed.get(key) ?? { row: 'missing' };
      expect(columns, `${key}: ${row}`).toEqual(counts);
    }
  });

  it('is what `platform status` reports: every object not synced with its condition, nothing terminal, and the reconciler\'s findings', async () => {
    const { exitCode, json: report, text } = await platformStatus(run.env);
    expect(exitCode).toBe(0);
    const synced = (o: (typeof run.objects)[number]) => isSynced(run, o);
    const ack = run.objects.filter(isAck);
    expect(report.counts.total).toBe(ack.length);
    expect(report.counts.synced).toBe(ack.filter(synced).length);
    expect(report.counts.terminal).toBe(0);
    // Exactly the objects that did not sync, each with the condition that says why.
    expect(report.notSynced.map((o) => `${o.kind}/${o.name}`).sort()).toEqual(ack.filter((o) => !synced(o)).map((o) => `${o.kind}/${o.metadata.name}`).sort());
    for (const entry of report.notSynced) expect(entry.message, `${entry.kind}/${entry.name}`).toBeTruthy();
    for (const [key, { violatingObjects, ...counts }] of await expectations()) {
      const reported = report.policies.find((p) => `${p.kind}/${p.name}` === key);
      expect(reported, key).toMatchObject({ state: 'evaluated', checked: counts.checked, compliant: counts.compliant, violating: counts.violating, notVerified: counts.notVerified });
      // The listed findings are the objects ACK did not confirm and those the definition finds violating, nothing else.
      const listed = new Set(reported!.violations.filter((v) => v.reason !== REASON_NOT_VERIFIED).map((v) => `${v.kind.split('/')[1] ?? v.kind}/${v.name}`));
      expect([...listed].sort(), key).toEqual(violatingObjects);
      expect(text).toContain(statusLine(key, counts));
    }
  });
}
