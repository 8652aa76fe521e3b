import { Construct } from 'constructs';
import { TIERS } from '../../policy/backup';
import { BackupPolicyResourceSpec } from '../../policy/policy-resources';
import { PolicyObject, PolicyObjectProps } from './policy-object';

export type BackupPolicyProps = PolicyObjectProps<BackupPolicyResourceSpec>;

/** A BackupPolicy (platform.mycomputer.com): backup rules per tier for stateful ACK objects, enforced by the policy reconciler. */
export class BackupPolicy extends PolicyObject<BackupPolicyResourceSpec> {
  constructor(scope: Construct, id: string, props: BackupPolicyProps) {
    super(scope, id, 'BackupPolicy', props);
    for (const tier of TIERS) {
      const retention = props.spec.tiers[tier].minBackupRetentionDays;
      // RDS accepts 0-35 days; a policy demanding more could never be met.
      if (retention < 0 || retention > 35) throw new Error(`BackupPolicy ${props.name}: tiers.${tier}.minBackupRetentionDays must be 0-35 (RDS limits), got ${retention}`);
    }
  }
}
