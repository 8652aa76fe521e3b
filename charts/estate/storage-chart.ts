import { Construct } from 'constructs';
import { Bucket } from '../constructs/bucket';
import { FileSystem } from '../constructs/file-system';
import { MountTarget } from '../constructs/mount-target';
import { StorageConfig } from '../lib/environment/types';
import { backupsReplication } from '../lib/disaster-recovery';
import { LOG_PREFIXES, loadBalancerLogsStatement, serverAccessLogsStatements, vpcFlowLogsStatements } from '../lib/log-delivery';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { KeyPurpose, kmsAliasArn } from '../lib/kms';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

const S3_KEY: KeyPurpose = 's3';
const EFS_KEY: KeyPurpose = 'efs';
/** The seed's buckets, by purpose: static assets, database backups, application logs. */
const BUCKET_PURPOSES: readonly (keyof StorageConfig['buckets'])[] = ['assets', 'backups', 'logs'];
/** The bucket the others, the load balancer and the VPC flow log deliver their access logs to. */
const LOGS_PURPOSE: keyof StorageConfig['buckets'] = 'logs';

/**
 * Storage: the S3 buckets (versioned, SSE-KMS, private, tiered then expired) and the shared EFS
 * file system with a mount target in each private subnet. Every bucket but the logs bucket
 * sends its server access logs to the logs bucket (S3.9), which is SSE-S3 and grants the
 * delivery services their prefixes (charts/lib/log-delivery.ts). The logs bucket does not log
 * itself: a bucket logging into itself logs its own log writes without end (S3 user guide).
 */
export class StorageChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { storage, aws } = this.env;
    const logsBucket = storage.buckets[LOGS_PURPOSE];
    const logged = BUCKET_PURPOSES.filter((purpose) => purpose !== LOGS_PURPOSE).map((purpose) => storage.buckets[purpose]);
    for (const purpose of BUCKET_PURPOSES) {
      const bucketName = storage.buckets[purpose];
      const isLogs = purpose === LOGS_PURPOSE;
      new Bucket(this, names.bucket(purpose), {
        name: names.bucket(purpose),
        bucketName,
        region: aws.region,
        encryption: isLogs
          ? { kind: 's3-managed', reason: 'ALB access logs and S3 server access logs are delivered only to SSE-S3 buckets' }
          : { kind: 'kms', kmsKeyArn: kmsAliasArn(this.env, S3_KEY) },
        ...(isLogs
          ? { policyStatements: [loadBalancerLogsStatement(this.env), ...serverAccessLogsStatements(this.env, logged), ...vpcFlowLogsStatements(this.env)] }
          : { accessLogs: { targetBucket: logsBucket, targetPrefix: LOG_PREFIXES.serverAccess(bucketName) } }),
        lifecycle: storage.lifecycle,
        // Backups are copied to the DR region where the environment runs DR (docs/coverage/dr.md).
        ...(purpose === 'backups' ? { replication: backupsReplication(this.env) } : {}),
      });
    }
    const fileSystem = new FileSystem(this, names.fileSystem, {
      name: names.fileSystem,
      nameTag: storage.fileSystemName,
      kmsKeyName: names.kmsKey(EFS_KEY),
    });
    for (const zone of aws.availabilityZones) {
      new MountTarget(this, names.mountTarget(zone), {
        name: names.mountTarget(zone),
        fileSystemName: fileSystem.name,
        subnetName: names.subnet('private', zone),
        securityGroupNames: [names.securityGroup.efs],
      });
    }
  }
}
