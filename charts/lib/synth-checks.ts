import { evaluateBackup } from '../../policy/backup';
import { KubeObject, kindKey, TAG_SHAPES } from '../../policy/tag-shapes';
import { evaluateTagging } from '../../policy/tagging';
import { backupPolicyFor } from './backup-policy';
import { EnvironmentConfig } from './environment/types';
import { taggingPolicyFor } from './ownership';
import { findSecretValues } from './secret-values';
import type { SynthesizedObject } from './synth';

/** Every kind with AWS tags is covered by the tagging policy. */
export const TAGGED_KINDS: readonly string[] = Object.entries(TAG_SHAPES)
  .filter(([, shape]) => shape !== 'none')
  .map(([kind]) => kind);

/**
 * Policy checks on the synthesized objects of one environment, with the same policy code the
 * reconciler runs in the cluster, and the scan for secret values. Returns one line per violation.
 */
export function runSynthChecks(env: EnvironmentConfig, objects: readonly SynthesizedObject[]): string[] {
  const tagging = taggingPolicyFor(env, TAGGED_KINDS);
  const backup = backupPolicyFor(env);
  const byNamespace = new Map<string | undefined, KubeObject[]>();
  for (const { object } of objects) {
    const kube = object as unknown as KubeObject;
    byNamespace.set(kube.metadata.namespace, [...(byNamespace.get(kube.metadata.namespace) ?? []), kube]);
  }
  const problems: string[] = [];
  for (const { environment, file, object } of objects) {
    const kube = object as unknown as KubeObject;
    for (const violation of evaluateTagging(tagging, kube)) {
      problems.push(`${environment}/${file}: ${kube.kind} ${kube.metadata.name}: tagging policy: ${violation.message} (${kindKey(kube)})`);
    }
    for (const violation of evaluateBackup(backup, kube, byNamespace.get(kube.metadata.namespace))) {
      problems.push(`${environment}/${file}: ${kube.kind} ${kube.metadata.name}: backup policy: ${violation.rule}: ${violation.message} (${kindKey(kube)})`);
    }
    for (const { keyPath, what } of findSecretValues(object)) {
      problems.push(`${environment}/${file}: ${kube.kind} ${kube.metadata.name}: ${keyPath}: looks like a secret value (${what}); no secret may be in git`);
    }
  }
  return problems;
}
