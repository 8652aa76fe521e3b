import { Construct } from 'constructs';
import { DbInstance as AckDbInstance } from '../../imports/rds-dbinstance-rds.services.k8s.aws';
import { DELETE_AUTOMATED_BACKUPS_ANNOTATION, FINAL_SNAPSHOT_ANNOTATION, SKIP_FINAL_SNAPSHOT_ANNOTATION } from '../../policy/annotations';
import { finalSnapshotIdentifier } from '../../policy/backup';
import { DatabaseInstanceSettings } from '../lib/environment/types';
import { Owner, ownerLabels } from '../lib/ownership';

/** What a primary DBInstance and a read replica (db-read-replica.ts) take alike. */

/** PostgreSQL logs a primary exports to CloudWatch Logs (Security Hub RDS.9): the server log and upgrades. */
export const PRIMARY_LOG_EXPORTS: readonly string[] = ['postgresql', 'upgrade'];
export interface DbInstanceCommonProps {
  /**
   * Who owns the instance (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
  /**
   * Further labels and annotations (e.g. recovery tier and objectives).
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** @default 'postgres' */
  readonly engine?: string;
}

export interface DbInstanceProps extends DatabaseInstanceSettings, DbInstanceCommonProps {
  /** metadata.name and the DB instance identifier, e.g. `inventory-db` (the seed's DB_HOST). */
  readonly name: string;
  /** The database created in the instance (the seed's DB_NAME). */
  readonly dbName: string;
  /** metadata.name of the ACK KMS Key encrypting storage, snapshots and backups. */
  readonly kmsKeyName: string;
  /** metadata.name of the ACK KMS Key encrypting the RDS-managed master user secret. */
  readonly masterUserSecretKmsKeyName: string;
  /** metadata.names of the ACK SecurityGroups of the instance. */
  readonly securityGroupNames: readonly string[];
  /** metadata.name of the ACK DBSubnetGroup. */
  readonly subnetGroupName: string;
  /** metadata.name of the ACK DBParameterGroup. */
  readonly parameterGroupName: string;
  /**
   * Master user name; its password is generated and kept in Secrets Manager by RDS.
   * @default 'postgres'
   */
  readonly masterUsername?: string;
  /** @default 5432 (the seed's DB_PORT) */
  readonly port?: number;
  /** @default 'gp3' */
  readonly storageType?: string;
  /**
   * Engine logs exported to CloudWatch Logs (`/aws/rds/instance/<id>/<log>`).
   * @default ['postgresql', 'upgrade']
   */
  readonly cloudwatchLogsExports?: readonly string[];
}

const IDENTIFIER = /^[a-z](-?[a-z0-9])*$/;

/** Throws unless `name` is a valid DB instance identifier; `at` names the construct. */
export function checkDbInstanceIdentifier(at: string, name: string): void {
  if (!IDENTIFIER.test(name) || name.length > 63) throw new Error(`${at}: name must be 1-63 lower-case letters, digits and single hyphens starting with a letter, got "${name}"`);
}

/**
 * Annotations that make deleting the instance leave a final snapshot and keep its automated
 * backups. rds-controller v1.11.1 (`pkg/util/annotations.go`) defaults SkipFinalSnapshot to TRUE
 * when the annotation is absent, and passes FinalDBSnapshotIdentifier only from its annotation; AWS
 * refuses SkipFinalSnapshot=false without one. `name` is the DB instance identifier.
 */
export function keepOnDeletion(name: string): Record<string, string> {
  return {
    [SKIP_FINAL_SNAPSHOT_ANNOTATION]: 'false',
    [FINAL_SNAPSHOT_ANNOTATION]: finalSnapshotIdentifier(name),
    [DELETE_AUTOMATED_BACKUPS_ANNOTATION]: 'false',
  };
}

const DB_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const DAILY = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const WEEKLY = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/;

/**
 * An ACK RDS DBInstance that cannot lose data or leak a password: encrypted with a customer
 * key, private, Multi-AZ as asked, a final snapshot on deletion, the master password generated
 * by RDS into Secrets Manager (`manageMasterUserPassword`), so no password is ever in git.
 */
export class DbInstance extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DbInstanceProps) {
    super(scope, id);
    const at = `DbInstance ${props.name}`;
    checkDbInstanceIdentifier(at, props.name);
    if (!DB_NAME.test(props.dbName)) throw new Error(`${at}: dbName must be a letter then up to 62 letters, digits or "_", got "${props.dbName}"`);
    if (!Number.isInteger(props.backupRetentionDays) || props.backupRetentionDays < 1 || props.backupRetentionDays > 35) {
      throw new Error(`${at}: backupRetentionDays must be an integer 1-35 (0 would turn backups off), got ${props.backupRetentionDays}`);
    }
    if (props.maxAllocatedStorageGiB < props.allocatedStorageGiB) throw new Error(`${at}: maxAllocatedStorageGiB must be at least allocatedStorageGiB (${props.allocatedStorageGiB}), got ${props.maxAllocatedStorageGiB}`);
    if (!DAILY.test(props.backupWindow)) throw new Error(`${at}: backupWindow must be hh24:mi-hh24:mi, got "${props.backupWindow}"`);
    if (!WEEKLY.test(props.maintenanceWindow)) throw new Error(`${at}: maintenanceWindow must be ddd:hh24:mi-ddd:hh24:mi, got "${props.maintenanceWindow}"`);
    if (props.securityGroupNames.length === 0) throw new Error(`${at}: securityGroupNames must not be empty (the VPC default group would apply)`);
    this.name = props.name;
    new AckDbInstance(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: { ...(props.owner ? ownerLabels(props.owner) : {}), ...props.labels },
        annotations: { ...props.annotations, ...keepOnDeletion(props.name) },
      },
      spec: {
        dbInstanceIdentifier: props.name,
        dbName: props.dbName,
        engine: props.engine ?? 'postgres',
        engineVersion: props.engineVersion,
        autoMinorVersionUpgrade: false,
        dbInstanceClass: props.instanceClass,
        multiAz: props.multiAZ,
        port: props.port ?? 5432,
        allocatedStorage: props.allocatedStorageGiB,
        maxAllocatedStorage: props.maxAllocatedStorageGiB,
        storageType: props.storageType ?? 'gp3',
        storageEncrypted: true,
        kmsKeyRef: { from: { name: props.kmsKeyName } },
        masterUsername: props.masterUsername ?? 'postgres',
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyRef: { from: { name: props.masterUserSecretKmsKeyName } },
        backupRetentionPeriod: props.backupRetentionDays,
        preferredBackupWindow: props.backupWindow,
        preferredMaintenanceWindow: props.maintenanceWindow,
        copyTagsToSnapshot: true,
        deletionProtection: props.deletionProtection,
        publiclyAccessible: false,
        // IAM database authentication available beside the managed master password (Security Hub RDS.10).
        enableIamDatabaseAuthentication: true,
        enableCloudwatchLogsExports: [...(props.cloudwatchLogsExports ?? PRIMARY_LOG_EXPORTS)],
        dbSubnetGroupRef: { from: { name: props.subnetGroupName } },
        dbParameterGroupRef: { from: { name: props.parameterGroupName } },
        vpcSecurityGroupRefs: props.securityGroupNames.map((name) => ({ from: { name } })),
      },
    });
  }
}
