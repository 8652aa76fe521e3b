/** Security Hub controls for Amazon ElastiCache on ACK ReplicationGroups (elasticache-controls.html). */
import { ackGap, check, controlUrl, record, refName, shown, spec } from '../read';
import { REPLICATION_GROUP } from '../kinds';
import { Control } from '../types';
import { KubeObject } from '../../tag-shapes';

function isRedis(object: KubeObject): boolean {
  const engine = spec(object).engine ?? 'redis';
  return engine === 'redis' || engine === 'valkey';
}

function majorVersion(object: KubeObject): number | undefined {
  const version = spec(object).engineVersion;
  const major = typeof version === 'string' ? Number.parseInt(version, 10) : NaN;
  return Number.isNaN(major) ? undefined : major;
}

export const ELASTICACHE_CONTROLS: readonly Control[] = [
  {
    id: 'ElastiCache.1',
    title: 'ElastiCache (Redis OSS) clusters should have automatic backups enabled',
    url: controlUrl('ElastiCache.1'),
    appliesTo: [REPLICATION_GROUP],
    severity: 'High',
    evaluate: (object, _peers, parameters) => {
      if (!isRedis(object)) return [];
      const days = spec(object).snapshotRetentionLimit;
      return check(typeof days === 'number' && days >= parameters.elastiCacheSnapshotRetentionMinimumDays, `snapshotRetentionLimit is ${shown(days)}, must be at least ${parameters.elastiCacheSnapshotRetentionMinimumDays}`);
    },
  },
  {
    id: 'ElastiCache.2',
    title: 'Minor version upgrades should be automatically applied to ElastiCache for Redis cache clusters',
    url: controlUrl('ElastiCache.2'),
    appliesTo: [REPLICATION_GROUP],
    severity: 'High',
    evaluate: (object) => {
      // The ACK ReplicationGroup reports autoMinorVersionUpgrade in status only: live objects can be checked, specs cannot.
      const live = record(object.status).autoMinorVersionUpgrade;
      if (typeof live === 'boolean') return check(live, 'status.autoMinorVersionUpgrade is false');
      return [ackGap('the ACK ReplicationGroup spec has no autoMinorVersionUpgrade field (status only)', 'ElastiCache turns it on by default for Redis 6 and later; the live reconciler reads status.autoMinorVersionUpgrade')];
    },
  },
  {
    id: 'ElastiCache.3',
    title: 'ElastiCache for Redis replication groups should have automatic failover enabled',
    url: controlUrl('ElastiCache.3'),
    appliesTo: [REPLICATION_GROUP],
    severity: 'Medium',
    evaluate: (object) => check(spec(object).automaticFailoverEnabled === true, `automaticFailoverEnabled is ${shown(spec(object).automaticFailoverEnabled)}, must be true`),
  },
  {
    id: 'ElastiCache.4',
    title: 'ElastiCache for Redis replication groups should be encrypted at rest',
    url: controlUrl('ElastiCache.4'),
    appliesTo: [REPLICATION_GROUP],
    severity: 'Medium',
    evaluate: (object) => check(spec(object).atRestEncryptionEnabled === true, `atRestEncryptionEnabled is ${shown(spec(object).atRestEncryptionEnabled)}, must be true`),
  },
  {
    id: 'ElastiCache.5',
    title: 'ElastiCache for Redis replication groups should be encrypted in transit',
    url: controlUrl('ElastiCache.5'),
    appliesTo: [REPLICATION_GROUP],
    severity: 'Medium',
    evaluate: (object) => check(spec(object).transitEncryptionEnabled === true, `transitEncryptionEnabled is ${shown(spec(object).transitEncryptionEnabled)}, must be true`),
  },
  {
    id: 'ElastiCache.6',
    title: 'ElastiCache for Redis replication groups before version 6.0 should use Redis AUTH',
    url: controlUrl('ElastiCache.6'),
    appliesTo: [REPLICATION_GROUP],
    severity: 'Medium',
    evaluate: (object) => {
      const major = majorVersion(object);
      if (!isRedis(object) || major === undefined || major >= 6) return [];
      return check(spec(object).authToken !== undefined, `engine version ${shown(spec(object).engineVersion)} is before 6.0 and authToken is unset`);
    },
  },
  {
    id: 'ElastiCache.7',
    title: 'ElastiCache clusters should not use the default subnet group',
    url: controlUrl('ElastiCache.7'),
    appliesTo: [REPLICATION_GROUP],
    severity: 'High',
    evaluate: (object) => {
      const name = spec(object).cacheSubnetGroupName ?? refName(spec(object).cacheSubnetGroupRef);
      return check(name !== undefined && name !== 'default', `cache subnet group is ${shown(name)}: the default subnet group is used`);
    },
  },
];
