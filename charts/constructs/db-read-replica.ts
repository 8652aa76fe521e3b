import { Construct } from 'constructs';
import { DbInstance as AckDbInstance } from '../../imports/rds-dbinstance-rds.services.k8s.aws';
import { ownerLabels } from '../lib/ownership';
import { inRegion } from '../lib/regions';
import { checkDbInstanceIdentifier, DbInstanceCommonProps, keepOnDeletion, PRIMARY_LOG_EXPORTS } from './db-instance';

export interface DbReadReplicaProps extends DbInstanceCommonProps {
  /** metadata.name and the replica's DB instance identifier, e.g. `payments-db-dr`. */
  readonly name: string;
  /** ARN of the source DB instance (a cross-region source is named by ARN). */
  readonly sourceArn: string;
  /** Region of the source (ACK presigns the cross-region request from it). */
  readonly sourceRegion: string;
  /** Region of the replica (`services.k8s.aws/region`). */
  readonly region: string;
  /** Instance class: the primary's, so that a promoted replica carries the same load. */
  readonly instanceClass: string;
  /**
   * Storage autoscaling limit, GiB: the primary's, for the same reason. Stated on the replica
   * because ACK compares the replica's own value: left out, one copied from the source (moto does
   * so) is a difference ACK never closes, and the replica never reports synced.
   */
  readonly maxAllocatedStorageGiB: number;
  /** metadata.name of the ACK KMS Key, in `region`, encrypting the replica. */
  readonly kmsKeyName: string;
  /** Days of automated backups once it runs (PostgreSQL 14.1+ replicas keep them; a promoted replica needs them). */
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  /**
   * A standby in a second zone of the DR region; off while passive (promotion can turn it on).
   * @default false
   */
  readonly multiAZ?: boolean;
  /** metadata.name of the ACK DBSubnetGroup in `region` the replica is placed in. */
  readonly subnetGroupName: string;
  /** metadata.name of the ACK DBParameterGroup in `region` (the primary's settings). */
  readonly parameterGroupName: string;
  /** metadata.names of the ACK SecurityGroups in `region` guarding it. */
  readonly securityGroupNames: readonly string[];
  /**
   * The replica has been promoted to a standalone primary (outside ACK: the rds-controller has no
   * promote operation, docs/disaster-recovery.md): the manifest then states a primary, with no
   * source, Multi-AZ and its logs exported, so ACK reconciles it as one.
   * @default false
   */
  readonly promoted?: boolean;
}

/**
 * A read replica DBInstance in another region (the ACK RDS controller calls
 * CreateDBInstanceReadReplica when sourceDBInstanceIdentifier is set). A separate construct from
 * DbInstance because a replica takes its engine version, database, master user and storage size
 * from the source and may set none of them. Private, encrypted with the region's own key, and
 * protected like a primary: promotion makes it one.
 */
export class DbReadReplica extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DbReadReplicaProps) {
    super(scope, id);
    const at = `DbReadReplica ${props.name}`;
    checkDbInstanceIdentifier(at, props.name);
    const source = /^arn:aws:rds:([a-z0-9-]+):\d{12}:db:[a-z][a-z0-9-]*$/.exec(props.sourceArn);
    if (!source) throw new Error(`${at}: sourceArn must be a DB instance ARN, got "${props.sourceArn}"`);
    if (source[1] !== props.sourceRegion) throw new Error(`${at}: sourceRegion must be the region of sourceArn (${source[1]}), got "${props.sourceRegion}"`);
    if (props.region === props.sourceRegion) throw new Error(`${at}: region must differ from sourceRegion ${props.sourceRegion} (a cross-region replica)`);
    if (!Number.isInteger(props.backupRetentionDays) || props.backupRetentionDays < 1 || props.backupRetentionDays > 35) throw new Error(`${at}: backupRetentionDays must be 1-35, got ${props.backupRetentionDays}`);
    if (!Number.isInteger(props.maxAllocatedStorageGiB) || props.maxAllocatedStorageGiB < 1) throw new Error(`${at}: maxAllocatedStorageGiB must be a positive integer, got ${props.maxAllocatedStorageGiB}`);
    this.name = props.name;
    new AckDbInstance(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: { ...(props.owner ? ownerLabels(props.owner) : {}), ...props.labels },
        // Once promoted (by hand, in a disaster: the manifest does not change) it is the production
        // database, and deleting it must leave a snapshot. While it is still a replica, AWS refuses
        // a deletion that names a final snapshot: the delete fails and is retried, nothing is lost.
        annotations: { ...props.annotations, ...inRegion(props.region), ...keepOnDeletion(props.name) },
      },
      spec: {
        dbInstanceIdentifier: props.name,
        engine: props.engine ?? 'postgres',
        dbInstanceClass: props.instanceClass,
        ...(props.promoted ? {} : { sourceDbInstanceIdentifier: props.sourceArn, sourceRegion: props.sourceRegion }),
        dbSubnetGroupRef: { from: { name: props.subnetGroupName } },
        dbParameterGroupRef: { from: { name: props.parameterGroupName } },
        vpcSecurityGroupRefs: props.securityGroupNames.map((name) => ({ from: { name } })),
        storageEncrypted: true,
        kmsKeyRef: { from: { name: props.kmsKeyName } },
        maxAllocatedStorage: props.maxAllocatedStorageGiB,
        multiAz: props.promoted ? true : (props.multiAZ ?? false),
        // While a replica: none (an export would create log groups the estate does not own); promoted: the primary's.
        ...(props.promoted ? { enableCloudwatchLogsExports: [...PRIMARY_LOG_EXPORTS] } : {}),
        publiclyAccessible: false,
        // As on its primary (Security Hub RDS.10).
        enableIamDatabaseAuthentication: true,
        autoMinorVersionUpgrade: false,
        backupRetentionPeriod: props.backupRetentionDays,
        copyTagsToSnapshot: true,
        deletionProtection: props.deletionProtection,
      },
    });
  }
}
