import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { DbInstance, DbInstanceProps } from '../../charts/constructs/db-instance';
import { DbParameterGroup } from '../../charts/constructs/db-parameter-group';
import { DbSubnetGroup } from '../../charts/constructs/db-subnet-group';
import { KmsAlias } from '../../charts/constructs/kms-alias';
import { KmsKey } from '../../charts/constructs/kms-key';
import { ReplicationGroup, ReplicationGroupProps } from '../../charts/constructs/replication-group';
import { DatabasesChart, postgresFamily } from '../../charts/estate/databases-chart';
import { keyPolicy } from '../../charts/lib/kms-key-policy';
import { loadEnv } from '../support/estate';

const chart = () => new Chart(Testing.app(), 'test');
const DB: DbInstanceProps = {
  name: 'orders-db',
  dbName: 'orders',
  engineVersion: '14.7',
  instanceClass: 'db.t3.medium',
  multiAZ: false,
  allocatedStorageGiB: 20,
  maxAllocatedStorageGiB: 50,
  backupRetentionDays: 7,
  backupWindow: '01:00-02:00',
  maintenanceWindow: 'sun:03:00-sun:04:00',
  deletionProtection: true,
  kmsKeyName: 'kms-rds',
  masterUserSecretKmsKeyName: 'kms-secrets',
  securityGroupNames: ['sg-rds'],
  subnetGroupName: 'db-subnet-group',
  parameterGroupName: 'pg',
};
const CACHE: ReplicationGroupProps = {
  name: 'orders-cache',
  description: 'd',
  nodeType: 'cache.t4g.small',
  engineVersion: '7.1',
  replicas: 0,
  snapshotRetentionDays: 1,
  snapshotWindow: '01:00-02:00',
  maintenanceWindow: 'sun:03:00-sun:04:00',
  kmsKeyName: 'kms-elasticache',
  securityGroupNames: ['sg-elasticache'],
  subnetGroupName: 'cache-subnet-group',
};

describe('data constructs refuse what AWS would reject or what would lose data', () => {
  it('a DB instance identifier or database name RDS rejects', () => {
    expect(() => new DbInstance(chart(), 'd', { ...DB, name: 'Orders_DB' })).toThrow('DbInstance Orders_DB: name must be 1-63 lower-case letters, digits and single hyphens starting with a letter, got "Orders_DB"');
    expect(() => new DbInstance(chart(), 'd', { ...DB, dbName: '1orders' })).toThrow('DbInstance orders-db: dbName must be a letter then up to 62 letters, digits or "_", got "1orders"');
  });

  it('backups turned off, storage autoscaling below the allocation, or malformed windows', () => {
    expect(() => new DbInstance(chart(), 'd', { ...DB, backupRetentionDays: 0 })).toThrow('DbInstance orders-db: backupRetentionDays must be an integer 1-35 (0 would turn backups off), got 0');
    expect(() => new DbInstance(chart(), 'd', { ...DB, maxAllocatedStorageGiB: 10 })).toThrow('DbInstance orders-db: maxAllocatedStorageGiB must be at least allocatedStorageGiB (20), got 10');
    expect(() => new DbInstance(chart(), 'd', { ...DB, backupWindow: '1:00-2:00' })).toThrow('backupWindow must be hh24:mi-hh24:mi, got "1:00-2:00"');
    expect(() => new DbInstance(chart(), 'd', { ...DB, maintenanceWindow: 'sunday 03:00' })).toThrow('maintenanceWindow must be ddd:hh24:mi-ddd:hh24:mi, got "sunday 03:00"');
    expect(() => new DbInstance(chart(), 'd', { ...DB, securityGroupNames: [] })).toThrow('DbInstance orders-db: securityGroupNames must not be empty');
  });

  it('a DB instance defaults to PostgreSQL on 5432, gp3, postgres logs, a final snapshot and no password field', () => {
    const [object] = Testing.synth(Chart.of(new DbInstance(chart(), 'd', DB)));
    expect(object.spec).toMatchObject({ engine: 'postgres', port: 5432, storageType: 'gp3', masterUsername: 'postgres', enableCloudwatchLogsExports: ['postgresql', 'upgrade'], enableIAMDatabaseAuthentication: true, manageMasterUserPassword: true });
    expect(object.spec).not.toHaveProperty('masterUserPassword');
    expect(object.metadata.annotations).toMatchObject({ 'rds.services.k8s.aws/skip-final-snapshot': 'false', 'rds.services.k8s.aws/final-db-snapshot-identifier': 'orders-db-final' });
  });

  it('subnet and parameter groups RDS rejects', () => {
    const subnets = ['subnet-database-a', 'subnet-database-b'];
    expect(() => new DbSubnetGroup(chart(), 's', { name: 's', groupName: 'default', description: 'd', subnetNames: subnets })).toThrow('DbSubnetGroup s: groupName must be 1-255 lower-case letters, digits, ". _ -" and not "default", got "default"');
    expect(() => new DbSubnetGroup(chart(), 's', { name: 's', groupName: 'g', description: 'd', subnetNames: subnets.slice(0, 1) })).toThrow('DbSubnetGroup s: subnetNames must name at least 2 subnets (RDS needs two zones), got 1');
    expect(() => new DbParameterGroup(chart(), 'p', { name: 'p', groupName: 'pg--x', family: 'postgres14', description: 'd', parameters: {} })).toThrow('DbParameterGroup p: groupName must be lower-case letters');
    expect(() => new DbParameterGroup(chart(), 'p', { name: 'p', groupName: 'pg', family: '14', description: 'd', parameters: {} })).toThrow('DbParameterGroup p: family must look like postgres14, got "14"');
  });

  it('the parameter group family follows the engine major version', () => {
    expect(postgresFamily('14.7')).toBe('postgres14');
    expect(postgresFamily('16.3')).toBe('postgres16');
  });

  it('a database name with "_" (allowed by DB_NAME) still gives a valid instance identifier', () => {
    // GIVEN development with a workload whose database is "order_lines"
    const env = loadEnv('development');
    const workloads = { ...env.catalogue.workloads, inventory: { ...env.catalogue.workloads.inventory, database: 'order_lines' } };
    const app = new App();
    // WHEN the databases chart is built THEN the instance is order-lines-db, its database order_lines
    const chartObjects = Testing.synth(new DatabasesChart(app, 'databases', { env: { ...env, catalogue: { ...env.catalogue, workloads } } }));
    const instance = chartObjects.find((o) => o.kind === 'DBInstance' && o.metadata.name === 'order-lines-db');
    expect(instance?.spec.dbName).toBe('order_lines');
  });

  it('a cache without snapshots, with too many replicas, or with an invalid id', () => {
    expect(() => new ReplicationGroup(chart(), 'c', { ...CACHE, snapshotRetentionDays: 0 })).toThrow('ReplicationGroup orders-cache: snapshotRetentionDays must be an integer 1-35 (0 would turn snapshots off), got 0');
    expect(() => new ReplicationGroup(chart(), 'c', { ...CACHE, replicas: 6 })).toThrow('ReplicationGroup orders-cache: replicas must be an integer 0-5, got 6');
    expect(() => new ReplicationGroup(chart(), 'c', { ...CACHE, name: 'a'.repeat(41) })).toThrow('must be 1-40 lower-case letters');
  });

  it('KMS: a pending window outside 7-30 days, an alias under alias/aws/, a service grant without condition', () => {
    expect(() => new KmsKey(chart(), 'k', { name: 'k', description: 'd', policy: '{}', pendingWindowDays: 3 })).toThrow('KmsKey k: pendingWindowDays must be an integer 7-30, got 3');
    expect(() => new KmsAlias(chart(), 'a', { name: 'a', aliasName: 'alias/aws/rds', keyName: 'k' })).toThrow('KmsAlias a: aliasName must be "alias/" and 1-250 of [A-Za-z0-9/_-], not under alias/aws/, got "alias/aws/rds"');
    const env = loadEnv('development');
    expect(() => keyPolicy(env, [{ sid: 'X', service: 'logs.eu-west-1.amazonaws.com', actions: ['kms:Decrypt'], condition: {} }])).toThrow('keyPolicy X: condition must not be empty');
  });
});
