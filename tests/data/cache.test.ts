import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, loadEnv, Obj, readTags, synthesized } from '../support/estate';

const ref = (name: string) => ({ from: { name } });
const inCacheChart = (env: string, kind: string) => synthesized(env).filter((o) => o.file === 'cache.yaml' && o.object.kind === kind).map((o) => o.object as unknown as Obj);

describe('ElastiCache: the inventory Redis cache (the seed\'s REDIS_URL host inventory-cache)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: one replication group, inventory-cache, owned by the inventory workload', (name) => {
    const groups = inCacheChart(name, 'ReplicationGroup');
    expect(groups.map((g) => g.metadata.name)).toEqual(['inventory-cache']);
    const cache = groups[0];
    expect(cache.spec.replicationGroupID).toBe('inventory-cache');
    expect(readTags(cache)).toMatchObject({ Application: 'inventory', Team: 'backend' });
    expect(cache.metadata.labels!['platform.mycomputer.com/tier']).toBe(loadEnv(name).workloads.inventory.tier);
  });

  it.each(ENVIRONMENT_NAMES)('%s: Redis on 6379, encrypted at rest with the elasticache key and in transit, with snapshots', (name) => {
    const { cache } = loadEnv(name);
    const spec = findObject(name, 'ReplicationGroup', 'inventory-cache').spec;
    expect(spec).toMatchObject({
      engine: 'redis',
      engineVersion: cache.engineVersion,
      cacheNodeType: cache.nodeType,
      port: 6379,
      numNodeGroups: 1,
      replicasPerNodeGroup: cache.replicasPerNodeGroup,
      atRestEncryptionEnabled: true,
      kmsKeyRef: ref('kms-elasticache'),
      transitEncryptionEnabled: true,
      snapshotRetentionLimit: cache.snapshotRetentionDays,
      snapshotWindow: cache.snapshotWindow,
      preferredMaintenanceWindow: cache.maintenanceWindow,
      securityGroupRefs: [ref('sg-elasticache')],
      cacheSubnetGroupRef: ref('cache-subnet-group'),
    });
    expect(spec.snapshotRetentionLimit).toBeGreaterThan(0);
    expect(spec.authToken).toBeUndefined();
  });

  it('failover and Multi-AZ follow the replica count: off in development, on in staging and production', () => {
    const spec = (env: string) => findObject(env, 'ReplicationGroup', 'inventory-cache').spec;
    expect(spec('development')).toMatchObject({ replicasPerNodeGroup: 0, automaticFailoverEnabled: false, multiAZEnabled: false });
    expect(spec('staging')).toMatchObject({ replicasPerNodeGroup: 1, automaticFailoverEnabled: true, multiAZEnabled: true });
    expect(spec('production')).toMatchObject({ replicasPerNodeGroup: 2, automaticFailoverEnabled: true, multiAZEnabled: true, snapshotRetentionLimit: 7, cacheNodeType: 'cache.r6g.large' });
  });

  it.each(ENVIRONMENT_NAMES)('%s: the cache subnet group spans the three private subnets', (name) => {
    const group = findObject(name, 'CacheSubnetGroup', 'cache-subnet-group');
    expect(group.spec.cacheSubnetGroupName).toBe(`mycomputer-${name}-cache`);
    expect(group.spec.subnetRefs).toEqual([ref('subnet-private-a'), ref('subnet-private-b'), ref('subnet-private-c')]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: the cache is never pruned or deleted with its object', (name) => {
    const { annotations } = findObject(name, 'ReplicationGroup', 'inventory-cache').metadata;
    expect(annotations!['services.k8s.aws/deletion-policy']).toBe('retain');
    expect(annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
  });
});
