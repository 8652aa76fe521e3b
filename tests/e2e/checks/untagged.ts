/**
 * A resource made by hand beside the estate: an ACK Bucket with no tags and no labels in the
 * environment's namespace, which both policies cover. The reconciler reports it with Events and in
 * the policies' status, adds what it can derive (enforce mode: the policy's fixed tags; the
 * backup policy's safety annotations when it enforces too), and ACK carries the added tags to AWS.
 * What a person sees: `kubectl get taggingpolicies,backuppolicies` and `platform status`.
 */
import { expect, it, vi } from 'vitest';
import { REASON_REMEDIATED } from '../../../controllers/policy-reconciler/src/events';
import { TAGS_FIELD_MANAGER } from '../../../policy/tagging-policy';
import { BackupPolicySpec } from '../../../policy/backup';
import { readTags } from '../../../policy/tag-shapes';
import { TaggingPolicySpec } from '../../../policy/tagging';
import { kubectl, ServerSideApply } from '../../support/kube';
import { awsOne } from '../support/aws';
import { eventsOn, livePolicies, policiesIn, printedPolicies } from '../support/policies';
import { Run, specOf } from '../support/run';
import { tagsIn } from '../support/tags';
import { platformStatus, policyKey } from './policies';

const WAIT = { timeout: 120_000, interval: 2_000 };

/** Backup rules a bare Bucket breaks, by the tier flag that demands each; `annotation`: enforce mode adds it. */
const BUCKET_RULES = [
  { flag: 'requireBucketVersioning', rule: 'BucketVersioningDisabled', annotation: false },
  { flag: 'requireBucketLifecycle', rule: 'BucketLifecycleMissing', annotation: false },
  { flag: 'requireRetainDeletionPolicy', rule: 'DeletionPolicyNotRetain', annotation: true },
] as const;

export function untaggedResourceChecks(run: Run): void {
  const bucket = {
    apiVersion: 's3.services.k8s.aws/v1alpha1',
    kind: 'Bucket',
    metadata: { name: 'e2e-untagged', namespace: run.namespace },
    spec: { name: `${run.namespace}-e2e-untagged` },
  };

  // Concurrent with the drift check that follows it (checks/lifecycle.ts): neither counts what the other changes.
  it.concurrent('reports a hand-made untagged Bucket as a violation with Events, adds the tags it can derive, and ACK puts them in AWS', async () => {
    // Read when the check runs, as checks/policies.ts: the Argo CD suite sets run.objects once it has synced.
    const [tagging] = policiesIn(run.objects).filter((p) => p.kind === 'TaggingPolicy');
    const [backup] = policiesIn(run.objects).filter((p) => p.kind === 'BackupPolicy');
    const taggingSpec = specOf(tagging) as TaggingPolicySpec;
    const backupSpec = specOf(backup) as BackupPolicySpec & { mode: string };
    // An object without labels or a Team tag: only the policy's fixed tags can be derived.
    const derivable = { ...taggingSpec.sources?.fixed };
    const required = taggingSpec.requiredTags.map((t) => t.key);
    const underived = required.filter((key) => !(key in derivable)).sort();
    const broken = BUCKET_RULES.filter((r) => backupSpec.tiers[backupSpec.defaultTier][r.flag]);
    const remaining = broken.filter((r) => !(r.annotation && backupSpec.mode === 'enforce')).map((r) => r.rule).sort();
    try {
      // GIVEN someone creates a Bucket by hand next to the estate
      await new ServerSideApply('e2e-by-hand').apply(bucket);

      // THEN a Warning for each missing tag and each broken backup rule, and a Normal Event for what was added
      await vi.waitFor(async () => {
        const events = await eventsOn(run.namespace, 'Bucket', bucket.metadata.name);
        const warnings = events.filter((e) => e.type === 'Warning');
        for (const key of required) expect(warnings.some((e) => e.reason === 'TagMissing' && e.message.includes(`tag ${key} is missing`)), `TagMissing ${key}`).toBe(true);
        for (const { rule } of broken) expect(warnings.some((e) => e.reason === rule), rule).toBe(true);
        const added = Object.keys(derivable).sort().map((key) => `${key}=${derivable[key]}`).join(', ');
        expect(events.filter((e) => e.reason === REASON_REMEDIATED).map((e) => e.message)).toContainEqual(expect.stringContaining(`${policyKey(tagging).replace('/', ' ')}: added tags ${added}`));
      }, WAIT);

      // THEN the derivable tags are in the spec, applied by the reconciler's own field manager
      const { stdout } = await kubectl(['get', 'bucket.s3.services.k8s.aws', bucket.metadata.name, '-n', run.namespace, '-o', 'json', '--show-managed-fields']);
      const live = JSON.parse(stdout);
      expect(readTags(live)).toEqual(derivable);
      expect(live.metadata.managedFields.map((f: { manager: string }) => f.manager)).toContain(TAGS_FIELD_MANAGER);
      // AND ACK writes them to the bucket in AWS
      await vi.waitFor(async () => expect(tagsIn(await awsOne({ service: 's3', operation: 'get_bucket_tagging', params: { Bucket: bucket.spec.name } }, run.region))).toMatchObject(derivable), WAIT);

      // THEN both policies count it as violating, with what no source or remediation can fix
      await vi.waitFor(async () => {
        const policies = await livePolicies();
        const findings = (p: typeof tagging) => (policies.get(policyKey(p))?.status?.violations ?? []).filter((v) => v.name === bucket.metadata.name);
        expect(policies.get(policyKey(tagging))?.status?.violating).toBe(1);
        expect(findings(tagging).map((v) => v.message.replace(/.*tag (\S+) is missing.*/, '$1')).sort()).toEqual(underived);
        expect(policies.get(policyKey(backup))?.status?.violating).toBe(remaining.length > 0 ? 1 : 0);
        expect(findings(backup).map((v) => v.reason).sort()).toEqual(remaining);
      }, WAIT);
      // AND a person sees it: `kubectl get taggingpolicies,backuppolicies` and `platform status`
      const printed = await printedPolicies();
      expect(printed.get(policyKey(tagging))?.violating, printed.get(policyKey(tagging))?.row).toBe(1);
      expect(printed.get(policyKey(backup))?.violating, printed.get(policyKey(backup))?.row).toBe(remaining.length > 0 ? 1 : 0);
      const { text } = await platformStatus(run.env);
      for (const key of underived) expect(text).toMatch(new RegExp(`violation s3\\.services\\.k8s\\.aws/Bucket/${bucket.metadata.name} \\(${run.namespace}\\): TagMissing: .*tag ${key} is missing`));
      for (const rule of remaining) expect(text).toContain(`violation s3.services.k8s.aws/Bucket/${bucket.metadata.name} (${run.namespace}): ${rule}:`);
    } finally {
      await kubectl(['delete', '--ignore-not-found', '--wait=true', '--timeout=120s', '-n', run.namespace, `bucket.s3.services.k8s.aws/${bucket.metadata.name}`]);
    }
  }, 300_000);
}
