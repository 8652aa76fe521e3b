import { Construct } from 'constructs';
import { Bucket } from '../constructs/bucket';
import { FileSystem } from '../constructs/file-system';
import { MountTarget } from '../constructs/mount-target';
import { StorageConfig } from '../lib/environment/types';
import { backupsReplication } from '../lib/disaster-recovery';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { KeyPurpose, kmsAliasArn } from '../lib/kms';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

const S3_KEY: KeyPurpose = 's3';
const EFS_KEY: KeyPurpose = 'efs';
/** The seed's buckets, by purpose: static assets, database backups, application logs. */
const BUCKET_PURPOSES: readonly (keyof StorageConfig['buckets'])[] = ['assets', 'backups', 'logs'];

/**
 * Storage: the S3 buckets (versioned, SSE-KMS, private, tiered then expired) and the shared EFS
 * file system with a mount target in each private subnet.
 */
export class StorageChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { storage, aws } = this.env;
    for (const purpose of BUCKET_PURPOSES) {
      new Bucket(this, names.bucket(purpose), {
        name: names.bucket(purpose),
        bucketName: storage.buckets[purpose],
        region: aws.region,
        kmsKeyArn: kmsAliasArn(this.env, S3_KEY),
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
