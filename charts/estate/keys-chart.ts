import { Construct } from 'constructs';
import { KmsAlias } from '../constructs/kms-alias';
import { KmsKey } from '../constructs/kms-key';
import { EnvironmentConfig } from '../lib/environment/types';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { KEY_PURPOSES, KeyPurpose, kmsAliasName } from '../lib/kms';
import { cloudWatchLogsGrant, keyPolicy, ServiceGrant } from '../lib/kms-key-policy';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

interface KeyUse {
  readonly description: string;
  /**
   * Data under this key is copied to the DR region (database backups and replicas, bucket
   * replication, secret replicas): a multi-Region key lets its replica there decrypt it. Set in
   * every environment because multiRegion is immutable: turning DR on later must not need a new key.
   */
  readonly multiRegion: boolean;
  readonly grants: (env: EnvironmentConfig) => readonly ServiceGrant[];
}

const USES: Readonly<Record<KeyPurpose, KeyUse>> = {
  rds: { description: 'RDS PostgreSQL storage, snapshots and automated backups', multiRegion: true, grants: () => [] },
  elasticache: { description: 'ElastiCache Redis data at rest and snapshots', multiRegion: false, grants: () => [] },
  s3: { description: 'S3 default encryption of the estate buckets', multiRegion: true, grants: () => [] },
  efs: { description: 'EFS file data at rest', multiRegion: false, grants: () => [] },
  secrets: { description: 'Secrets Manager secrets, including the RDS master user secrets', multiRegion: true, grants: () => [] },
  logs: { description: 'CloudWatch Logs log groups', multiRegion: false, grants: (env) => [cloudWatchLogsGrant(env)] },
};

/**
 * KMS: one customer-managed key per purpose (the seed's "Key Management: AWS KMS"), rotated
 * yearly, administered by the account root, each with an alias `alias/mycomputer/<env>/<purpose>`.
 */
export class KeysChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    for (const purpose of KEY_PURPOSES) {
      const use = USES[purpose];
      new KmsKey(this, names.kmsKey(purpose), {
        name: names.kmsKey(purpose),
        description: `mycomputer ${this.env.name}: ${use.description}`,
        policy: keyPolicy(this.env, use.grants(this.env)),
        multiRegion: use.multiRegion,
      });
      new KmsAlias(this, names.kmsAlias(purpose), {
        name: names.kmsAlias(purpose),
        aliasName: kmsAliasName(this.env, purpose),
        keyName: names.kmsKey(purpose),
      });
    }
  }
}
