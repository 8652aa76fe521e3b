import { Construct } from 'constructs';
import { CacheSubnetGroup } from '../constructs/cache-subnet-group';
import { ReplicationGroup } from '../constructs/replication-group';
import { cacheWorkloads } from '../lib/data-stores';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { KeyPurpose } from '../lib/kms';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { recoveryMetadata } from '../lib/recovery';

const CACHE_KEY: KeyPurpose = 'elasticache';

/**
 * ElastiCache: a Redis replication group `<workload>-cache` for each catalogue workload with
 * `usesCache` (the seed's `inventory-cache`), owned by that workload, in the private subnets.
 * The subnet group is shared infrastructure.
 */
export class CacheChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { cache, catalogue, aws } = this.env;
    const users = cacheWorkloads(this.env);
    if (users.length === 0) return;
    const subnetGroup = new CacheSubnetGroup(this, names.cacheSubnetGroup, {
      name: names.cacheSubnetGroup,
      groupName: `mycomputer-${this.env.name}-cache`,
      description: `mycomputer ${this.env.name}: the private subnets`,
      subnetNames: aws.availabilityZones.map((zone) => names.subnet('private', zone)),
    });
    for (const workload of users) {
      const { application, team } = catalogue.workloads[workload];
      const recovery = recoveryMetadata(this.env, workload);
      new ReplicationGroup(this, names.cache(workload), {
        name: names.cache(workload),
        description: `Redis cache of the ${workload} service`,
        nodeType: cache.nodeType,
        engineVersion: cache.engineVersion,
        replicas: cache.replicasPerNodeGroup,
        snapshotRetentionDays: cache.snapshotRetentionDays,
        snapshotWindow: cache.snapshotWindow,
        maintenanceWindow: cache.maintenanceWindow,
        kmsKeyName: names.kmsKey(CACHE_KEY),
        securityGroupNames: [names.securityGroup.cache],
        subnetGroupName: subnetGroup.name,
        owner: { application, team },
        labels: recovery.labels,
        annotations: recovery.annotations,
      });
    }
  }
}
