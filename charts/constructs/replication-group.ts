import { Construct } from 'constructs';
import { ReplicationGroup as AckReplicationGroup } from '../../imports/elasticache-replicationgroup-elasticache.services.k8s.aws';
import { Owner, ownerLabels } from '../lib/ownership';

export interface ReplicationGroupProps {
  /** metadata.name and the replication group id, e.g. `inventory-cache` (the seed's REDIS_URL host). */
  readonly name: string;
  readonly description: string;
  readonly nodeType: string;
  readonly engineVersion: string;
  /** Replicas of the primary; with at least one, failover is automatic and Multi-AZ. */
  readonly replicas: number;
  /** Days of daily snapshots kept (1-35). */
  readonly snapshotRetentionDays: number;
  /** Daily snapshot window, hh24:mi-hh24:mi UTC. */
  readonly snapshotWindow: string;
  /** Weekly maintenance window, ddd:hh24:mi-ddd:hh24:mi UTC. */
  readonly maintenanceWindow: string;
  /** metadata.name of the ACK KMS Key encrypting data at rest and snapshots. */
  readonly kmsKeyName: string;
  /** metadata.names of the ACK SecurityGroups. */
  readonly securityGroupNames: readonly string[];
  /** metadata.name of the ACK CacheSubnetGroup. */
  readonly subnetGroupName: string;
  /**
   * Who owns the cache (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
  /**
   * Further labels and annotations (e.g. recovery tier and objectives).
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** @default 'redis' */
  readonly engine?: string;
  /** @default 6379 (the seed's REDIS_URL port) */
  readonly port?: number;
}

// ElastiCache: 1-40 letters, digits or hyphens, starting with a letter, no "--", no trailing "-".
const GROUP_ID = /^[a-z](-?[a-z0-9])*$/;

/**
 * An ACK ElastiCache Redis ReplicationGroup (cluster mode disabled, one shard) encrypted at rest
 * with a customer key and in transit (TLS), with daily snapshots.
 */
export class ReplicationGroup extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ReplicationGroupProps) {
    super(scope, id);
    const at = `ReplicationGroup ${props.name}`;
    if (!GROUP_ID.test(props.name) || props.name.length > 40) throw new Error(`${at}: name must be 1-40 lower-case letters, digits and single hyphens starting with a letter, got "${props.name}"`);
    if (!Number.isInteger(props.replicas) || props.replicas < 0 || props.replicas > 5) throw new Error(`${at}: replicas must be an integer 0-5, got ${props.replicas}`);
    if (!Number.isInteger(props.snapshotRetentionDays) || props.snapshotRetentionDays < 1 || props.snapshotRetentionDays > 35) {
      throw new Error(`${at}: snapshotRetentionDays must be an integer 1-35 (0 would turn snapshots off), got ${props.snapshotRetentionDays}`);
    }
    if (props.securityGroupNames.length === 0) throw new Error(`${at}: securityGroupNames must not be empty (the VPC default group would apply)`);
    const failover = props.replicas > 0;
    this.name = props.name;
    new AckReplicationGroup(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: { ...(props.owner ? ownerLabels(props.owner) : {}), ...props.labels },
        ...(props.annotations ? { annotations: { ...props.annotations } } : {}),
      },
      spec: {
        replicationGroupId: props.name,
        description: props.description,
        engine: props.engine ?? 'redis',
        engineVersion: props.engineVersion,
        cacheNodeType: props.nodeType,
        numNodeGroups: 1,
        replicasPerNodeGroup: props.replicas,
        automaticFailoverEnabled: failover,
        multiAzEnabled: failover,
        port: props.port ?? 6379,
        atRestEncryptionEnabled: true,
        kmsKeyRef: { from: { name: props.kmsKeyName } },
        transitEncryptionEnabled: true,
        snapshotRetentionLimit: props.snapshotRetentionDays,
        snapshotWindow: props.snapshotWindow,
        preferredMaintenanceWindow: props.maintenanceWindow,
        cacheSubnetGroupRef: { from: { name: props.subnetGroupName } },
        securityGroupRefs: props.securityGroupNames.map((name) => ({ from: { name } })),
      },
    });
  }
}
