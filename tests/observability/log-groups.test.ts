import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { LogGroup } from '../../charts/constructs/log-group';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { sharedByWorkloads } from '../../charts/lib/workload-owners';
import { ENVIRONMENT_NAMES, kindsOf, loadEnv, manifestValidator, Obj, readTags, synthesized } from '../support/estate';

/** The seed's log groups → [Application, Team] of the workloads logging there. */
const LOG_GROUPS: [string, string, string][] = [
  ['/ecs/customer-base', 'customer-base', 'backend'],
  ['/ecs/inventory', 'inventory', 'backend'],
  ['/ecs/locations', 'locations', 'backend'],
  ['/ecs/payments', 'payments', 'backend'],
];

/** The seed's four databases (DB_HOST): each primary exports its PostgreSQL log (charts/estate/databases-chart.ts). */
const RDS_INSTANCES = ['customers-db', 'inventory-db', 'locations-db', 'payments-db'];

const logGroups = (env: string) => kindsOf(env, 'LogGroup', 'cloudwatchlogs.services.k8s.aws');
const isSeedGroup = (group: Obj) => group.spec.name.startsWith('/ecs/');
/** The web ACL's log group: in us-east-1 with the CloudFront-scope web ACL (tests/edge). */
const isWafGroup = (group: Obj) => group.spec.name.startsWith('aws-waf-logs-');
/** The DBInstances exporting logs, with the log group RDS writes each export to. */
const rdsExports = (env: string) =>
  kindsOf(env, 'DBInstance', 'rds.services.k8s.aws').flatMap((db) =>
    (db.spec.enableCloudwatchLogsExports ?? []).map((log: string) => ({ db, logGroupName: `/aws/rds/instance/${db.spec.dbInstanceIdentifier}/${log}` })),
  );

describe('CloudWatch log groups (the seed\'s Monitoring)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: exactly the four /ecs/* log groups of the seed', (env) => {
    // GIVEN the synthesized log groups WHEN the /ecs/* ones are read THEN they are the seed's four
    expect(logGroups(env).filter(isSeedGroup).map((g) => [g.metadata.name, g.spec.name])).toEqual(LOG_GROUPS.map(([name]) => [`log-group-${name.slice(1).replace('/', '-')}`, name]));
  });

  it.each(ENVIRONMENT_NAMES)('%s: every other log group is one RDS exports a DBInstance\'s logs to, one per exported log', (env) => {
    // GIVEN the DBInstances exporting logs: the four primaries, each its postgresql and upgrade logs (DR read replicas export none)
    const exports = rdsExports(env);
    expect(exports.map(({ db, logGroupName }) => [db.metadata.name, logGroupName])).toEqual(
      RDS_INSTANCES.flatMap((id) => ['postgresql', 'upgrade'].map((log) => [id, `/aws/rds/instance/${id}/${log}`])),
    );

    // WHEN the log groups outside /ecs/* are read
    const others = logGroups(env).filter((g) => !isSeedGroup(g) && !isWafGroup(g));

    // THEN they are exactly those export targets, none unexplained, each expiring and encrypted with the logs key
    expect(others.map((g) => [g.metadata.name, g.spec.name])).toEqual(exports.map(({ logGroupName }) => [`log-group-${logGroupName.slice(1).replace(/\//g, '-')}`, logGroupName]));
    for (const group of others) {
      expect(group.spec.retentionDays, group.spec.name).toBe(30);
      expect(group.spec.kmsKeyRef, group.spec.name).toEqual({ from: { name: 'kms-logs' } });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: every log group (seed and RDS) has 30-day retention, encrypted with the logs key', (env) => {
    expect(loadEnv(env).logs.retentionDays).toBe(30);
    for (const group of logGroups(env)) {
      expect(group.spec.retentionDays, group.spec.name).toBe(30);
      // CloudWatch Logs takes a key of its own region: the us-east-1 group has the edge logs key.
      expect(group.spec.kmsKeyRef, group.spec.name).toEqual({ from: { name: isWafGroup(group) ? 'kms-logs-edge' : 'kms-logs' } });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: owned by the application logging there (an RDS group: its database\'s owner), tags in the map shape', (env) => {
    // GIVEN every log group WHEN its owner is looked up (the seed's table, or the DBInstance writing to it)
    const dbOwner = (name: string) => {
      const tags = readTags(rdsExports(env).find(({ logGroupName }) => logGroupName === name)!.db);
      return [tags.Application, tags.Team];
    };
    for (const group of logGroups(env).filter((g) => !isWafGroup(g))) {
      const [application, team] = isSeedGroup(group) ? LOG_GROUPS.find(([name]) => name === group.spec.name)!.slice(1) : dbOwner(group.spec.name);

      // THEN its tags name that owner
      expect(application, group.spec.name).toBeDefined();
      expect(group.spec.tags, group.spec.name).toMatchObject({ Application: application, Team: team, Environment: env });
      expect([readTags(group).Application, readTags(group).Team]).toEqual([application, team]);
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: every object of observability.yaml validates against its CRD', (env) => {
    const objects = synthesized(env).filter((s) => s.file === 'observability.yaml');
    expect(objects).toHaveLength(LOG_GROUPS.length);
    expect(objects.flatMap((s) => manifestValidator().validate(s.object))).toEqual([]);
  });
});

describe('owners of resources shared by workloads', () => {
  const catalogue = (workloads: Record<string, { application: string; team: string; logGroup: string }>) =>
    ({ catalogue: { workloads } }) as unknown as EnvironmentConfig;

  it('the first workload in name order decides the team when teams differ', () => {
    const env = catalogue({
      'customer-base-frontend': { application: 'customer-base', team: 'frontend', logGroup: '/ecs/customer-base' },
      'customer-base': { application: 'customer-base', team: 'backend', logGroup: '/ecs/customer-base' },
    });
    expect(sharedByWorkloads(env, 'logGroup')).toEqual([
      { resource: '/ecs/customer-base', workloads: ['customer-base', 'customer-base-frontend'], owner: { application: 'customer-base', team: 'backend' } },
    ]);
  });

  it('refuses a resource shared by two applications', () => {
    const env = catalogue({
      a: { application: 'inventory', team: 'backend', logGroup: '/ecs/shared' },
      b: { application: 'payments', team: 'backend', logGroup: '/ecs/shared' },
    });
    expect(() => sharedByWorkloads(env, 'logGroup')).toThrow('environments/catalogue.yaml: workloads a, b share logGroup "/ecs/shared" but belong to different applications (inventory, payments)');
  });
});

describe('LogGroup construct', () => {
  it('rejects a name CloudWatch Logs does not accept', () => {
    expect(() => new LogGroup(new Chart(new App(), 'c'), 'g', { name: 'g', logGroupName: '/ecs/bad name', retentionDays: 30, kmsKeyName: 'k' })).toThrow(
      'LogGroup g: logGroupName must be 1-512 of [.-_/#A-Za-z0-9], got "/ecs/bad name"',
    );
  });
});
