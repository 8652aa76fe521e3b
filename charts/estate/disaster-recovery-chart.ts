import { Construct } from 'constructs';
import { Bucket } from '../constructs/bucket';
import { DbParameterGroup } from '../constructs/db-parameter-group';
import { DbSubnetGroup } from '../constructs/db-subnet-group';
import { serviceDatabaseParameters } from './databases-chart';
import { DbReadReplica } from '../constructs/db-read-replica';
import { IamPolicy } from '../constructs/iam-policy';
import { IamRole } from '../constructs/iam-role';
import { KmsAlias } from '../constructs/kms-alias';
import { KmsKey } from '../constructs/kms-key';
import { bucketArn, bucketObjectsArn, customerPolicyArn, kmsKeysArn } from '../lib/arns';
import { criticalDatabases, dbInstanceArn, DR_KEY_PURPOSES, drBackupsBucketName, inDrRegion, REPLICATION_ROLE_NAME } from '../lib/disaster-recovery';
import { databaseSettings } from '../lib/data-stores';
import { EnvironmentConfig } from '../lib/environment/types';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { Statement, serviceTrustDocument } from '../lib/iam-policy-document';
import { kmsAliasArn, kmsAliasName } from '../lib/kms';
import { cloudWatchLogsGrant, keyPolicy } from '../lib/kms-key-policy';
import { drDbSubnetGroupName, drName, drSiteEnvironment, isFailedOver } from '../lib/dr-site';
import { LOG_PREFIXES, loadBalancerLogsStatement, serverAccessLogsStatements, vpcFlowLogsStatements } from '../lib/log-delivery';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { inRegion } from '../lib/regions';
import { recoveryMetadata } from '../lib/recovery';

/** AWS name of the replication role's permissions policy. */
const REPLICATION_POLICY_NAME = 'mycomputer-s3-replication';

/**
 * The seed's secondary region (active-passive, docs/coverage/dr.md), where the environment runs
 * DR: the region's own KMS keys, a copy of the backups bucket fed by S3 replication (the role S3
 * assumes is here; the rule is on the source bucket, storage chart), and a cross-region read
 * replica of every critical database. Every object but the global IAM ones is annotated with
 * aws.drRegion. The failover records are in the DNS chart, the secret replicas in the secrets chart.
 */
export class DisasterRecoveryChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const env = this.env;
    if (!env.disasterRecovery.enabled) return;
    const drRegion = env.aws.drRegion;

    for (const purpose of DR_KEY_PURPOSES) {
      new KmsKey(this, names.dr.kmsKey(purpose), {
        name: names.dr.kmsKey(purpose),
        description: `mycomputer ${env.name}: ${purpose} in the DR region ${drRegion}`,
        // The DR stack's log groups are encrypted with the logs key: CloudWatch Logs of that region uses it.
        policy: keyPolicy(env, purpose === 'logs' ? [cloudWatchLogsGrant(env, drRegion)] : []),
        region: drRegion,
      });
      // The primary region's alias name: code reading alias/mycomputer/<env>/<purpose> works in either region.
      new KmsAlias(this, names.dr.kmsAlias(purpose), {
        name: names.dr.kmsAlias(purpose),
        aliasName: kmsAliasName(env, purpose),
        keyName: names.dr.kmsKey(purpose),
        region: drRegion,
      });
    }

    // The DR region's logs bucket: S3 delivers load balancer, flow and access logs in-region only.
    const site = drSiteEnvironment(env);
    const logsBucket = site.storage.buckets.logs;
    new Bucket(this, names.dr.bucket('logs'), {
      name: names.dr.bucket('logs'),
      bucketName: logsBucket,
      region: drRegion,
      encryption: { kind: 's3-managed', reason: 'ALB access logs and S3 server access logs are delivered only to SSE-S3 buckets' },
      policyStatements: [loadBalancerLogsStatement(site), ...serverAccessLogsStatements(site, [drBackupsBucketName(env)]), ...vpcFlowLogsStatements(site)],
      lifecycle: env.storage.lifecycle,
      annotations: inRegion(drRegion),
    });
    new Bucket(this, names.dr.bucket('backups'), {
      name: names.dr.bucket('backups'),
      bucketName: drBackupsBucketName(env),
      region: drRegion,
      encryption: { kind: 'kms', kmsKeyArn: kmsAliasArn(inDrRegion(env), 's3') },
      accessLogs: { targetBucket: logsBucket, targetPrefix: LOG_PREFIXES.serverAccess(drBackupsBucketName(env)) },
      lifecycle: env.storage.lifecycle,
      annotations: inRegion(drRegion),
    });

    // The primary's settings (TLS enforced, the connection limit): a promoted replica replaces it.
    const parameters = serviceDatabaseParameters(env);
    const parameterGroup = new DbParameterGroup(this, drName(names.dbParameterGroup(parameters.family)), {
      name: drName(names.dbParameterGroup(parameters.family)),
      ...parameters,
      annotations: inRegion(drRegion),
    });
    // The replicas live in the DR stack's database subnets, reachable from its tasks only (sg-rds).
    const subnetGroup = new DbSubnetGroup(this, drName(names.dbSubnetGroup), {
      name: drName(names.dbSubnetGroup),
      groupName: drDbSubnetGroupName(env),
      description: `Database subnets of the DR region ${drRegion}: the read replicas`,
      subnetNames: site.aws.availabilityZones.map((zone) => drName(names.subnet('database', zone))),
      annotations: inRegion(drRegion),
    });

    const policy = new IamPolicy(this, names.iamPolicy('s3-replication'), {
      name: names.iamPolicy('s3-replication'),
      policyName: REPLICATION_POLICY_NAME,
      arn: customerPolicyArn(env, REPLICATION_POLICY_NAME),
      description: `S3 replication of ${env.storage.buckets.backups} into ${drBackupsBucketName(env)}`,
      statements: replicationStatements(env),
    });
    new IamRole(this, names.dr.replicationRole, {
      name: names.dr.replicationRole,
      roleName: REPLICATION_ROLE_NAME,
      description: `S3 replicates ${env.storage.buckets.backups} to ${drRegion} as this role`,
      // Confused-deputy guard: S3 may assume it only for this account's backups bucket.
      trustPolicy: serviceTrustDocument('s3.amazonaws.com', {
        StringEquals: { 'aws:SourceAccount': env.aws.accountId },
        ArnLike: { 'aws:SourceArn': bucketArn(env.storage.buckets.backups) },
      }),
      policies: [policy],
    });

    for (const { workload, database } of criticalDatabases(env)) {
      const { application, team } = env.catalogue.workloads[workload];
      const recovery = recoveryMetadata(env, workload);
      new DbReadReplica(this, names.dr.dbInstance(database), {
        name: names.dr.dbInstance(database),
        sourceArn: dbInstanceArn(env, names.dbInstance(database)),
        sourceRegion: env.aws.region,
        region: drRegion,
        // The replica becomes the primary on failover: it is sized like its source.
        instanceClass: databaseSettings(env, database).instanceClass,
        maxAllocatedStorageGiB: databaseSettings(env, database).maxAllocatedStorageGiB,
        kmsKeyName: names.dr.kmsKey('rds'),
        subnetGroupName: subnetGroup.name,
        parameterGroupName: parameterGroup.name,
        securityGroupNames: [drName(names.securityGroup.rds)],
        // After `platform failover` (the replica promoted outside ACK first: docs/disaster-recovery.md).
        promoted: isFailedOver(env),
        backupRetentionDays: env.database.backupRetentionDays,
        deletionProtection: env.database.deletionProtection,
        owner: { application, team },
        labels: recovery.labels,
        annotations: recovery.annotations,
      });
    }
  }
}

/**
 * What S3 needs to replicate SSE-KMS objects (S3 user guide, "Granting permissions for
 * replication" and "Replicating encrypted objects"): read the source's versions, write replicas,
 * decrypt with the source region's key and encrypt with the DR region's, each KMS grant narrowed
 * to the s3 key (by alias, as every key/* grant of the estate) and to S3 calls on exactly these
 * buckets (the context is the bucket ARN with bucket keys on).
 */
function replicationStatements(env: EnvironmentConfig): Statement[] {
  const source = env.storage.buckets.backups;
  const destination = drBackupsBucketName(env);
  // Both regions' s3 keys carry the same alias (the DR chart's KmsAlias), so it names the one key in each.
  const viaS3 = (region: string, bucket: string) => ({
    StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` },
    'ForAnyValue:StringEquals': { 'kms:ResourceAliases': kmsAliasName(env, 's3') },
    StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn(bucket), bucketObjectsArn(bucket)] },
  });
  return [
    { sid: 'ReadSourceConfiguration', actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [bucketArn(source)] },
    { sid: 'ReadSourceVersions', actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], resources: [bucketObjectsArn(source)] },
    { sid: 'WriteReplicas', actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], resources: [bucketObjectsArn(destination)] },
    { sid: 'DecryptSource', actions: ['kms:Decrypt'], resources: [kmsKeysArn(env)], condition: viaS3(env.aws.region, source) },
    { sid: 'EncryptReplicas', actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: [kmsKeysArn(inDrRegion(env))], condition: viaS3(env.aws.drRegion, destination) },
  ];
}
