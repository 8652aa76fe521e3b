import { describe, expect, it } from 'vitest';
import { POLICY_CHECK } from '../../charts/pipeline/checks/policies';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, manifestValidator, Obj, objectsOf, readTags, synthesized } from '../support/estate';

const ref = (name: string) => ({ from: { name } });
/** The seed's DB_HOST names and DB_NAMEs, with the workload that owns each. */
const DATABASES = [
  { id: 'customers-db', dbName: 'customers', application: 'customer-base', workload: 'customer-base' },
  { id: 'inventory-db', dbName: 'inventory', application: 'inventory', workload: 'inventory' },
  { id: 'locations-db', dbName: 'locations', application: 'locations', workload: 'locations' },
  { id: 'payments-db', dbName: 'payments', application: 'payments', workload: 'payments' },
];
/** The primary instances: those of the databases chart (DR read replicas live in their own chart). */
const primariesOf = (env: string) => synthesized(env).filter((o) => o.file === 'databases.yaml' && o.object.kind === 'DBInstance').map((o) => o.object as unknown as Obj);
const CLASSES = { development: 'db.t3.medium', staging: 'db.r6g.large', production: 'db.r6g.xlarge' };

describe('RDS: one PostgreSQL 14.7 instance per service database', () => {
  it.each(ENVIRONMENT_NAMES)('%s: exactly the four seed databases, named after DB_HOST, owned by their workload', (name) => {
    // GIVEN the environment WHEN its DBInstances are read
    const instances = primariesOf(name);

    // THEN there is one per service database, with the seed's identifier and DB_NAME, tagged with its owner
    expect(instances.map((i) => i.metadata.name).sort()).toEqual(DATABASES.map((d) => d.id));
    for (const db of DATABASES) {
      const instance = findObject(name, 'DBInstance', db.id);
      expect(instance.spec.dbInstanceIdentifier).toBe(db.id);
      expect(instance.spec.dbName).toBe(db.dbName);
      expect(readTags(instance)).toMatchObject({ Application: db.application, Team: 'backend' });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: engine, pinned version, class and storage from the environment', (name) => {
    const env = loadEnv(name);
    for (const { id } of DATABASES) {
      const spec = findObject(name, 'DBInstance', id).spec;
      expect(spec).toMatchObject({
        engine: 'postgres',
        engineVersion: '14.7',
        autoMinorVersionUpgrade: false,
        dbInstanceClass: CLASSES[name],
        port: 5432,
        storageType: 'gp3',
        allocatedStorage: env.database.allocatedStorageGiB,
        maxAllocatedStorage: env.database.maxAllocatedStorageGiB,
        publiclyAccessible: false,
        enableCloudwatchLogsExports: ['postgresql', 'upgrade'],
        enableIAMDatabaseAuthentication: true,
      });
    }
  });

  it('production follows the seed: Multi-AZ, 30-day backups, Sunday 03:00-04:00 UTC maintenance, deletion protection', () => {
    for (const { id } of DATABASES) {
      const spec = findObject('production', 'DBInstance', id).spec;
      expect(spec.dbInstanceClass).toBe('db.r6g.xlarge');
      expect(spec.multiAZ).toBe(true);
      expect(spec.backupRetentionPeriod).toBe(30);
      expect(spec.preferredBackupWindow).toBe('01:00-02:00');
      expect(spec.preferredMaintenanceWindow).toBe('sun:03:00-sun:04:00');
      expect(spec.deletionProtection).toBe(true);
      expect(spec.copyTagsToSnapshot).toBe(true);
    }
  });

  it('the environments differ only by their data: Multi-AZ and retention', () => {
    const spec = (env: string) => findObject(env, 'DBInstance', 'payments-db').spec;
    expect([spec('development').multiAZ, spec('staging').multiAZ, spec('production').multiAZ]).toEqual([false, true, true]);
    expect([spec('development').backupRetentionPeriod, spec('staging').backupRetentionPeriod, spec('production').backupRetentionPeriod]).toEqual([7, 14, 30]);
    expect(spec('development').dbInstanceClass).toBe('db.t3.medium');
  });

  it.each(ENVIRONMENT_NAMES)('%s: encrypted with the rds key; the master password is RDS-managed under the secrets key', (name) => {
    for (const { id } of DATABASES) {
      const spec = findObject(name, 'DBInstance', id).spec;
      expect(spec.storageEncrypted).toBe(true);
      expect(spec.kmsKeyRef).toEqual(ref('kms-rds'));
      expect(spec.manageMasterUserPassword).toBe(true);
      expect(spec.masterUserSecretKMSKeyRef).toEqual(ref('kms-secrets'));
      expect(spec.masterUsername).toBe('postgres');
      expect(spec.masterUserPassword).toBeUndefined();
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: no password field anywhere in the environment\'s RDS objects', (name) => {
    // GIVEN every RDS object, serialized WHEN searched for a password field THEN there is none
    const rds = objectsOf(name).filter((o) => o.apiVersion.startsWith('rds.services.k8s.aws/'));
    expect(rds.length).toBeGreaterThan(0);
    expect(JSON.stringify(rds)).not.toMatch(/"masterUserPassword"|"password"|"tdeCredentialPassword"/i);
  });

  it.each(ENVIRONMENT_NAMES)('%s: private in the database subnets, behind sg-rds, with the shared parameter group', (name) => {
    for (const { id } of DATABASES) {
      const spec = findObject(name, 'DBInstance', id).spec;
      expect(spec.vpcSecurityGroupRefs).toEqual([ref('sg-rds')]);
      expect(spec.dbSubnetGroupRef).toEqual(ref('db-subnet-group'));
      expect(spec.dbParameterGroupRef).toEqual(ref('db-parameter-group-postgres14'));
    }
    const subnetGroup = findObject(name, 'DBSubnetGroup', 'db-subnet-group');
    expect(subnetGroup.spec.name).toBe(`mycomputer-${name}-database`);
    expect(subnetGroup.spec.subnetRefs).toEqual([ref('subnet-database-a'), ref('subnet-database-b'), ref('subnet-database-c')]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: the postgres14 parameter group sets max_connections 200 (the seed\'s connections per service) and forces TLS 1.2+', (name) => {
    const group = findObject(name, 'DBParameterGroup', 'db-parameter-group-postgres14');
    expect(group.spec.family).toBe('postgres14');
    expect(group.spec.name).toBe(`mycomputer-${name}-postgres14`);
    expect(group.spec.parameterOverrides).toEqual({ max_connections: '200', 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' });
  });

  it.each(ENVIRONMENT_NAMES)('%s: deleting any instance (DR replicas too) takes a named final snapshot and keeps it, the backups and the instance in AWS', (name) => {
    // rds-controller v1.11.1 skips the final snapshot unless the annotation says "false", and AWS
    // refuses SkipFinalSnapshot=false without a FinalDBSnapshotIdentifier.
    const instances = kindsOf(name, 'DBInstance', 'rds.services.k8s.aws');
    expect(instances.map((i) => i.metadata.name)).toEqual(expect.arrayContaining(DATABASES.map((d) => d.id)));
    for (const instance of instances) {
      const annotations = instance.metadata.annotations!;
      expect(annotations['rds.services.k8s.aws/skip-final-snapshot'], instance.metadata.name).toBe('false');
      expect(annotations['rds.services.k8s.aws/final-db-snapshot-identifier'], instance.metadata.name).toBe(`${instance.spec.dbInstanceIdentifier}-final`);
      expect(annotations['rds.services.k8s.aws/delete-automated-backups']).toBe('false');
      expect(annotations['services.k8s.aws/deletion-policy']).toBe('retain');
      expect(annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
  });

  it('synth refuses a DBInstance whose deletion would skip the final snapshot or not name it', () => {
    // GIVEN a synthesized DBInstance of development
    const env = loadEnv('development');
    const found = synthesized('development').find((o) => o.object.kind === 'DBInstance')!;
    const without = (key: string) => {
      const { [key]: _, ...annotations } = (found.object.metadata as { annotations: Record<string, string> }).annotations;
      return { ...found, object: { ...found.object, metadata: { ...(found.object.metadata as object), annotations } } };
    };
    const name = (found.object.metadata as { name: string }).name;
    // WHEN one of the two annotations is missing THEN the synth checks name the object and the rule
    expect(POLICY_CHECK.run({ env, objects: [found], validator: manifestValidator() })).toEqual([]);
    expect(POLICY_CHECK.run({ env, objects: [without('rds.services.k8s.aws/skip-final-snapshot')], validator: manifestValidator() })).toEqual([
      `development/${found.file}: DBInstance ${name}: BackupPolicy: FinalSnapshotSkipped: annotation rds.services.k8s.aws/skip-final-snapshot is absent, must be "false" (absent means skip) (rds.services.k8s.aws/DBInstance)`,
    ]);
    expect(POLICY_CHECK.run({ env, objects: [without('rds.services.k8s.aws/final-db-snapshot-identifier')], validator: manifestValidator() })).toEqual([
      expect.stringContaining(`development/${found.file}: DBInstance ${name}: BackupPolicy: FinalSnapshotUnnamed: annotation rds.services.k8s.aws/final-db-snapshot-identifier is absent`),
    ]);
  });

  it('production: each instance carries its workload\'s recovery tier and objectives', () => {
    // GIVEN the seed's objectives: critical 5 min / 15 min, non-critical 30 min / 60 min
    const expected = {
      'customers-db': ['critical', '5', '15'],
      'payments-db': ['critical', '5', '15'],
      'inventory-db': ['non-critical', '30', '60'],
      'locations-db': ['non-critical', '30', '60'],
    };
    for (const [id, [tier, rpo, rto]] of Object.entries(expected)) {
      // WHEN the instance's metadata is read THEN label and annotations say so
      const { labels, annotations } = findObject('production', 'DBInstance', id).metadata;
      expect(labels!['platform.mycomputer.com/tier'], id).toBe(tier);
      expect(annotations!['platform.mycomputer.com/rpo-minutes'], id).toBe(rpo);
      expect(annotations!['platform.mycomputer.com/rto-minutes'], id).toBe(rto);
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: exported PostgreSQL logs land in log groups with the environment\'s retention, encrypted', (name) => {
    const env = loadEnv(name);
    for (const { id, application } of DATABASES) {
      const group = findObject(name, 'LogGroup', `log-group-aws-rds-instance-${id}-postgresql`);
      expect(group.spec).toMatchObject({ name: `/aws/rds/instance/${id}/postgresql`, retentionDays: env.logs.retentionDays, kmsKeyRef: ref('kms-logs') });
      expect(readTags(group).Application).toBe(application);
    }
  });
});
