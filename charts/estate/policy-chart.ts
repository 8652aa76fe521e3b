import { Construct } from 'constructs';
import { BackupPolicy } from '../constructs/backup-policy';
import { TaggingPolicy } from '../constructs/tagging-policy';
import { backupPolicyFor } from '../lib/backup-policy';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { PLATFORM_OWNER, taggingPolicyFor } from '../lib/ownership';
import { TAGGED_KINDS } from '../lib/synth-checks';

/** Names of an environment's policies: cluster-scoped, so they carry the environment's name. */
export const policyNames = {
  tagging: (env: string) => `${env}-tagging`,
  backup: (env: string) => `${env}-backup`,
} as const;

/**
 * The environment's TaggingPolicy and BackupPolicy, built from its data with the same functions
 * the synth-time checks use, covering the environment's namespace. The policy reconciler
 * (policy-reconciler chart) enforces them in the cluster.
 */
export class PolicyChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const namespaces = [this.env.namespace];
    new TaggingPolicy(this, 'tagging', { name: policyNames.tagging(this.env.name), spec: { ...taggingPolicyFor(this.env, TAGGED_KINDS), namespaces } });
    new BackupPolicy(this, 'backup', { name: policyNames.backup(this.env.name), spec: { ...backupPolicyFor(this.env), namespaces } });
  }
}
