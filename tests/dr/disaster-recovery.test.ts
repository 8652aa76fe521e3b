import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { DisasterRecoveryChart } from '../../charts/estate/disaster-recovery-chart';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { evaluateBackup } from '../../policy/backup';
import { backupPolicyFor } from '../../policy/backup-policy';
import { drStackOf, ENVIRONMENT_NAMES, findObject, isDrStackFile, kindsOf, loadEnv, manifestValidator, objectsOf, synthesized } from '../support/estate';

const ENV = 'production';
const REGION = 'services.k8s.aws/region';
/** Teams owning a workload (their alarms' topics are in every region the workloads run). */
const teamsOf = (env: string) => [...new Set(Object.values(loadEnv(env).catalogue.workloads).map((w) => w.team))];
const inRegion = (env: string, region: string) => objectsOf(env).filter((o) => o.metadata.annotations?.[REGION] === region).map((o) => `${o.kind} ${o.metadata.name}`);

describe('disaster recovery: production runs the seed active-passive in eu-central-1', () => {
  it('puts exactly these resources in the DR region, beside its stack (the primary\'s charts, tests/dr/dr-stack.test.ts)', () => {
    expect(loadEnv(ENV).aws).toMatchObject({ region: 'eu-west-1', drRegion: 'eu-central-1' });
    const stack = new Set(drStackOf(ENV).map((o) => `${o.kind} ${o.metadata.name}`));
    expect(stack.size).toBeGreaterThan(0);
    expect([...stack].filter((o) => !inRegion(ENV, 'eu-central-1').includes(o))).toEqual([]);
    expect(inRegion(ENV, 'eu-central-1').filter((o) => !stack.has(o)).sort()).toEqual([
      // The replica-lag alarms notify the backend team's topic of the region (docs/coverage/alarms.md).
      'Alias kms-alias-alarms-eu-central-1',
      'Alias kms-alias-logs-dr',
      'Alias kms-alias-rds-dr',
      'Alias kms-alias-s3-dr',
      'Bucket bucket-backups-dr',
      'Bucket bucket-logs-dr',
      'DBInstance customers-db-dr',
      'DBInstance payments-db-dr',
      'DBParameterGroup db-parameter-group-postgres14-dr',
      'DBSubnetGroup db-subnet-group-dr',
      'Key kms-alarms-eu-central-1',
      'Key kms-logs-dr',
      'Key kms-rds-dr',
      'Key kms-s3-dr',
      'MetricAlarm alarm-customers-db-dr-replica-lag',
      'MetricAlarm alarm-payments-db-dr-replica-lag',
      // the DR services' running tasks (the warm standby runs), each notifying its team there
      ...Object.keys(loadEnv(ENV).catalogue.workloads).map((w) => `MetricAlarm alarm-ecs-service-${w}-running-tasks-dr`),
      ...teamsOf(ENV).flatMap((team) => [`Subscription sns-subscription-alarms-${team}-eu-central-1`, `Topic sns-topic-alarms-${team}-eu-central-1`]),
    ].sort());
  });

  it.each(['development', 'staging'])('%s has nothing in the DR region and no disaster-recovery file', (env) => {
    expect(loadEnv(env).disasterRecovery.enabled).toBe(false);
    expect(inRegion(env, loadEnv(env).aws.drRegion)).toEqual([]);
    expect(synthesized(env).filter((s) => s.file === 'disaster-recovery.yaml')).toEqual([]);
    expect(findObject(env, 'Bucket', 'bucket-backups').spec.replication).toBeUndefined();
  });

  it('replicates each critical database (env tier) into eu-central-1 from its primary by ARN, encrypted with a DR key', () => {
    const replicas = kindsOf(ENV, 'DBInstance').filter((db) => db.spec.sourceDBInstanceIdentifier !== undefined);
    expect(replicas.map((db) => db.metadata.name).sort()).toEqual(['customers-db-dr', 'payments-db-dr']);
    const critical = Object.entries(loadEnv(ENV).workloads).filter(([, w]) => w.tier === 'critical').map(([name]) => name);
    expect(critical.sort()).toEqual(['customer-base', 'payments']);
    for (const [replicaName, primaryName] of [['payments-db-dr', 'payments-db'], ['customers-db-dr', 'customers-db']]) {
      const replica = findObject(ENV, 'DBInstance', replicaName);
      const primary = findObject(ENV, 'DBInstance', primaryName);
      expect(replica.spec).toEqual({
        dbInstanceIdentifier: replicaName,
        engine: 'postgres',
        dbInstanceClass: primary.spec.dbInstanceClass,
        // A promoted replica carries the primary's load: its storage limit. No log exports while it
        // is a replica: they would create a log group the estate does not own (docs/coverage/dr.md).
        maxAllocatedStorage: primary.spec.maxAllocatedStorage,
        sourceDBInstanceIdentifier: `arn:aws:rds:eu-west-1:111111111111:db:${primary.spec.dbInstanceIdentifier}`,
        sourceRegion: 'eu-west-1',
        storageEncrypted: true,
        kmsKeyRef: { from: { name: 'kms-rds-dr' } },
        // In the DR stack's database subnets, behind its sg-rds (not the region's default VPC).
        dbSubnetGroupRef: { from: { name: 'db-subnet-group-dr' } },
        // The primary's parameters (TLS enforced, max_connections): a promoted replica replaces it.
        dbParameterGroupRef: { from: { name: `${primary.spec.dbParameterGroupRef.from.name}-dr` } },
        vpcSecurityGroupRefs: [{ from: { name: 'sg-rds-dr' } }],
        multiAZ: false,
        publiclyAccessible: false,
        enableIAMDatabaseAuthentication: true,
        autoMinorVersionUpgrade: false,
        backupRetentionPeriod: 30,
        copyTagsToSnapshot: true,
        deletionProtection: true,
        tags: replica.spec.tags,
      });
      expect(replica.metadata.annotations).toMatchObject({ [REGION]: 'eu-central-1', 'services.k8s.aws/deletion-policy': 'retain', 'rds.services.k8s.aws/skip-final-snapshot': 'false' });
    }
    // a non-critical database has none
    expect(kindsOf(ENV, 'DBInstance').map((db) => db.metadata.name)).not.toContain('inventory-db-dr');
  });

  it('shows the recovery objectives of the critical tier on each replica: RPO 5 min, RTO 15 min', () => {
    for (const name of ['payments-db-dr', 'customers-db-dr']) {
      const replica = findObject(ENV, 'DBInstance', name);
      expect(replica.metadata.labels?.['platform.mycomputer.com/tier']).toBe('critical');
      expect(replica.metadata.annotations).toMatchObject({ 'platform.mycomputer.com/rpo-minutes': '5', 'platform.mycomputer.com/rto-minutes': '15' });
    }
  });

  it('satisfies the backup policy: every critical primary has its DR replica', () => {
    const policy = backupPolicyFor(loadEnv(ENV));
    const peers = objectsOf(ENV) as never[];
    const violations = kindsOf(ENV, 'DBInstance').flatMap((db) => evaluateBackup(policy, db as never, peers).map((v) => `${db.metadata.name}: ${v.rule}`));
    expect(violations).toEqual([]);
  });

  it('follows the tier in the environment data: a database that is not critical gets no replica', () => {
    // GIVEN production with payments made non-critical
    const production = loadEnv(ENV);
    const env: EnvironmentConfig = { ...production, workloads: { ...production.workloads, payments: { ...production.workloads.payments, tier: 'non-critical' } } };
    // WHEN the DR chart is built THEN only the customers database is replicated
    const objects = new DisasterRecoveryChart(new App(), 'dr', { env }).toJson();
    expect(objects.filter((o: { kind: string }) => o.kind === 'DBInstance').map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['customers-db-dr']);
  });

  it('keeps a copy of the backups bucket in eu-central-1: versioned, SSE-KMS with the DR key, private', () => {
    const replica = findObject(ENV, 'Bucket', 'bucket-backups-dr');
    expect(replica.spec).toMatchObject({
      name: 'mycomputer-backups-eu-central-1',
      createBucketConfiguration: { locationConstraint: 'eu-central-1' },
      versioning: { status: 'Enabled' },
      encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: 'arn:aws:kms:eu-central-1:111111111111:alias/mycomputer/production/s3' }, bucketKeyEnabled: true }] },
      publicAccessBlock: { blockPublicACLs: true, ignorePublicACLs: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(replica.spec.lifecycle.rules[0].expiration).toEqual({ days: 365 });
    // the alias it encrypts with is the DR key's
    expect(findObject(ENV, 'Alias', 'kms-alias-s3-dr').spec).toEqual({ name: 'alias/mycomputer/production/s3', targetKeyRef: { from: { name: 'kms-s3-dr' } } });
  });

  it('replicates the primary backups bucket to it with S3 replication (RTC 15 min), as the replication role', () => {
    const replication = findObject(ENV, 'Bucket', 'bucket-backups').spec.replication;
    expect(replication).toEqual({
      roleRef: { from: { name: 's3-replication-role' } },
      rules: [
        {
          id: 'replicate-all',
          status: 'Enabled',
          priority: 1,
          filter: { prefix: '' },
          // a deletion in the source never empties the copy
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKMSEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: 'arn:aws:s3:::mycomputer-backups-eu-central-1',
            encryptionConfiguration: { replicaKMSKeyID: 'arn:aws:kms:eu-central-1:111111111111:alias/mycomputer/production/s3' },
            replicationTime: { status: 'Enabled', time: { minutes: 15 } },
            metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } },
          },
        },
      ],
    });
  });

  it('lets only S3, for this account\'s backups bucket, assume the replication role, with just the replication permissions', () => {
    const role = findObject(ENV, 'Role', 's3-replication-role');
    expect(role.spec.name).toBe('s3ReplicationRole');
    expect(JSON.parse(role.spec.assumeRolePolicyDocument).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::mycomputer-backups' } } },
    ]);
    expect(role.spec.policyRefs).toEqual([{ from: { name: 'iam-policy-s3-replication' } }]);
    const statements = JSON.parse(findObject(ENV, 'Policy', 'iam-policy-s3-replication').spec.policyDocument).Statement;
    expect(statements.map((s: { Sid: string; Action: string[]; Resource: string[] }) => `${s.Sid}: ${s.Action.join(',')} on ${s.Resource.join(',')}`)).toEqual([
      'ReadSourceConfiguration: s3:GetReplicationConfiguration,s3:ListBucket on arn:aws:s3:::mycomputer-backups',
      'ReadSourceVersions: s3:GetObjectVersionForReplication,s3:GetObjectVersionAcl,s3:GetObjectVersionTagging on arn:aws:s3:::mycomputer-backups/*',
      'WriteReplicas: s3:ReplicateObject,s3:ReplicateDelete,s3:ReplicateTags on arn:aws:s3:::mycomputer-backups-eu-central-1/*',
      'DecryptSource: kms:Decrypt on arn:aws:kms:eu-west-1:111111111111:key/*',
      'EncryptReplicas: kms:Encrypt,kms:GenerateDataKey on arn:aws:kms:eu-central-1:111111111111:key/*',
    ]);
    expect(statements[4].Condition.StringEquals).toEqual({ 'kms:ViaService': 's3.eu-central-1.amazonaws.com' });
  });

  it('has its own rotated KMS keys in eu-central-1 (ACK cannot replicate a key)', () => {
    for (const purpose of ['rds', 's3']) {
      const key = findObject(ENV, 'Key', `kms-${purpose}-dr`);
      expect(key.metadata.annotations?.[REGION]).toBe('eu-central-1');
      expect(key.spec).toMatchObject({ enableKeyRotation: true, keySpec: 'SYMMETRIC_DEFAULT', multiRegion: false });
    }
  });

  it('fails over through Route 53: the weighted secondary points at the load balancer in eu-central-1, behind its health check', () => {
    const secondary = findObject(ENV, 'RecordSet', 'record-origin-secondary').spec;
    expect(secondary).toMatchObject({ name: 'origin', setIdentifier: 'secondary', weight: 10, healthCheckRef: { from: { name: 'health-check-secondary' } } });
    expect(secondary.aliasTarget).toEqual({ dnsName: 'mycomputer-alb-dr-0000000001.eu-central-1.elb.amazonaws.com', hostedZoneID: 'Z215JYRZR1TBD5', evaluateTargetHealth: true });
  });

  it('replicates every secret to eu-central-1 (the security chart, listed here as a DR fact)', () => {
    const secrets = kindsOf(ENV, 'Secret', 'secretsmanager.services.k8s.aws');
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((s) => !(s.spec.replicaRegions ?? []).some((r: { region: string }) => r.region === 'eu-central-1')).map((s) => s.metadata.name)).toEqual([]);
  });

  it('watches the replication lag against the seed\'s 1 second, in the DR region', () => {
    const alarm = findObject(ENV, 'MetricAlarm', 'alarm-payments-db-dr-replica-lag');
    expect(alarm.metadata.annotations?.[REGION]).toBe('eu-central-1');
    expect(alarm.spec).toMatchObject({ namespace: 'AWS/RDS', metricName: 'ReplicaLag', dimensions: [{ name: 'DBInstanceIdentifier', value: 'payments-db-dr' }], statistic: 'Maximum', threshold: 1, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'breaching' });
  });

  it.each(ENVIRONMENT_NAMES)('%s: every DR object validates against its CRD', (env) => {
    const dr = synthesized(env).filter((s) => s.file === 'disaster-recovery.yaml' || isDrStackFile(s.file)).map((s) => s.object);
    expect(dr.length > 0).toBe(loadEnv(env).disasterRecovery.enabled);
    expect(dr.flatMap((object) => manifestValidator().validate(object))).toEqual([]);
    // and the source bucket with its replication rule
    expect(manifestValidator().validate(findObject(env, 'Bucket', 'bucket-backups'))).toEqual([]);
  });
});
