import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_LOG_WAITING_ANNOTATION } from '../../policy/annotations';
import { HostedZone } from '../../charts/constructs/hosted-zone';
import { buildEstate } from '../../charts/estate';
import { elastiCacheRegionCode } from '../../charts/lib/environment/check-endpoints';
import { loadEnvironment } from '../../charts/lib/environment/load';
import { names } from '../../charts/lib/names';
import { synthesizeEnvironment } from '../../charts/pipeline/render';
import { ENVIRONMENT_NAMES, ENVIRONMENTS_DIR, findObject, kindsOf, loadEnv, manifestValidator, Obj, objectsOf, synthesized } from '../support/estate';
import { copyToTemp } from '../support/temp-tree';

const ZONE = 'private-hosted-zone';

/** Records of the private zone as `<fully qualified name>` → {type, values, ttl}. */
function privateRecords(objects: readonly Obj[], zoneName: string): Record<string, { type: string; values: string[]; ttl: number }> {
  const records = objects.filter((o) => o.kind === 'RecordSet' && o.spec.hostedZoneRef.from.name === ZONE);
  const byName = records.map((r) => [`${r.spec.name}.${zoneName}`, { type: r.spec.recordType, values: r.spec.resourceRecords.map((v: { value: string }) => v.value), ttl: r.spec.ttl }] as const);
  // a name twice would hide behind fromEntries
  expect(new Set(byName.map(([name]) => name)).size).toBe(byName.length);
  return Object.fromEntries(byName);
}

interface HostUse {
  readonly taskDefinition: string;
  readonly variable: 'DB_HOST' | 'REDIS_URL';
  readonly host: string;
  /** The value the record must carry: the endpoint pinned for what the host names. */
  readonly pinned: string | undefined;
}

/** Every DB_HOST and REDIS_URL host of every task definition, with the endpoint pinned for it. */
function hostsUsed(env: string): HostUse[] {
  const data = loadEnv(env);
  return kindsOf(env, 'TaskDefinition').flatMap((td) =>
    (td.spec.containerDefinitions as { name: string; environment?: { name: string; value: string }[] }[]).flatMap((container) => {
      const variables = Object.fromEntries((container.environment ?? []).map((e) => [e.name, e.value]));
      const uses: HostUse[] = [];
      if (variables.DB_HOST !== undefined) {
        const instance = names.dbInstance(variables.DB_NAME);
        uses.push({ taskDefinition: td.metadata.name, variable: 'DB_HOST', host: variables.DB_HOST, pinned: data.database.assigned.endpoints?.[instance] });
      }
      if (variables.REDIS_URL !== undefined) {
        // the application container is named after its workload
        uses.push({ taskDefinition: td.metadata.name, variable: 'REDIS_URL', host: new URL(variables.REDIS_URL).hostname, pinned: data.cache.assigned.primaryEndpoints?.[container.name] });
      }
      return uses;
    }),
  );
}

describe('private DNS: the names the task definitions use', () => {
  it.each([
    ['development', 'mycomputer-development.internal', 'vpc-00000000000000003'],
    ['staging', 'mycomputer-staging.internal', 'vpc-00000000000000002'],
    ['production', 'mycomputer-production.internal', 'vpc-00000000000000001'],
  ])('%s: zone %s is private and attached to %s in eu-west-1', (env, zoneName, vpcId) => {
    // GIVEN the environment's data
    const data = loadEnv(env);
    expect([data.network.assigned.vpcId, data.aws.region]).toEqual([vpcId, 'eu-west-1']);

    // WHEN its private zone is read THEN it is private to the pinned VPC, in the primary region
    const zone = findObject(env, 'HostedZone', ZONE);
    expect(zone.spec.name).toBe(zoneName);
    expect(zone.spec.hostedZoneConfig.privateZone).toBe(true);
    expect(zone.spec.vpc).toEqual({ vpcID: vpcId, vpcRegion: 'eu-west-1' });
    // one VPC, at creation; the public zone stays public
    expect(zone.spec.vpcs).toBeUndefined();
    expect(findObject(env, 'HostedZone', 'hosted-zone').spec.hostedZoneConfig.privateZone).toBe(false);
  });

  it.each(ENVIRONMENT_NAMES)('%s: every DB_HOST and REDIS_URL host has exactly one CNAME to its pinned endpoint, TTL 60, and nothing else is in the zone', (env) => {
    // GIVEN the hosts every task definition uses
    const zoneName = findObject(env, 'HostedZone', ZONE).spec.name;
    const uses = hostsUsed(env);
    expect(uses.map((u) => `${u.taskDefinition} ${u.variable}`).sort()).toEqual([
      'task-definition-customer-base DB_HOST',
      'task-definition-inventory DB_HOST',
      'task-definition-inventory REDIS_URL',
      'task-definition-locations DB_HOST',
      'task-definition-payments DB_HOST',
    ]);

    // WHEN the private zone's records are read
    const records = privateRecords(objectsOf(env), zoneName);

    // THEN each host is one CNAME to the endpoint pinned for it, and the zone has no other record
    for (const use of uses) {
      expect(use.pinned, `${env} ${use.variable} ${use.host}`).toBeDefined();
      expect(records[use.host], `${env} ${use.taskDefinition} ${use.variable}`).toEqual({ type: 'CNAME', values: [use.pinned], ttl: 60 });
    }
    expect(Object.keys(records).sort()).toEqual([...new Set(uses.map((u) => u.host))].sort());
  });

  it('production: the seed\'s hosts, each to its own RDS instance or replication group', () => {
    const records = privateRecords(objectsOf('production'), 'mycomputer-production.internal');
    expect(Object.fromEntries(Object.entries(records).map(([name, r]) => [name, r.values[0]]))).toEqual({
      'customers-db.mycomputer-production.internal': 'customers-db.c00000000001.eu-west-1.rds.amazonaws.com',
      'inventory-db.mycomputer-production.internal': 'inventory-db.c00000000001.eu-west-1.rds.amazonaws.com',
      'locations-db.mycomputer-production.internal': 'locations-db.c00000000001.eu-west-1.rds.amazonaws.com',
      'payments-db.mycomputer-production.internal': 'payments-db.c00000000001.eu-west-1.rds.amazonaws.com',
      'inventory-cache.mycomputer-production.internal': 'master.inventory-cache.000001.euw1.cache.amazonaws.com',
    });
    // the endpoints' first labels are the objects the estate builds
    expect(['customers-db', 'inventory-db', 'locations-db', 'payments-db'].map((n) => findObject('production', 'DBInstance', n).spec.dbInstanceIdentifier)).toEqual(['customers-db', 'inventory-db', 'locations-db', 'payments-db']);
    expect(findObject('production', 'ReplicationGroup', 'inventory-cache').spec.replicationGroupID).toBe('inventory-cache');
  });

  it.each(ENVIRONMENT_NAMES)('%s: every object of the private zone validates against its CRD', (env) => {
    const objects = synthesized(env).filter((s) => s.file === 'private-dns.yaml').map((s) => s.object as unknown as Obj);
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
      'HostedZone private-hosted-zone',
      'RecordSet private-record-customers-db',
      'RecordSet private-record-inventory-db',
      'RecordSet private-record-locations-db',
      'RecordSet private-record-payments-db',
      'RecordSet private-record-inventory-cache',
    ]);
    const problems = objects.flatMap((object) => manifestValidator().validate(object).map((v) => `${object.kind} ${object.metadata.name}: ${v.path}: ${v.message}`));
    expect(problems).toEqual([]);
  });
});

describe('private DNS: a value not pinned leaves out what needs it, and nothing else', () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Synthesizes `env` from a copy of the environments with one edit; objects as `<file> <Kind> <name>` → object. */
  function synthesizeEdited(env: string, from: string, to: string): Map<string, unknown> {
    const environmentsDir = copyToTemp(ENVIRONMENTS_DIR, 'private-dns-env-');
    temps.push(path.dirname(environmentsDir));
    const file = path.join(environmentsDir, env, 'environment.yaml');
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`test setup: "${from}" not in ${env}/environment.yaml`);
    fs.writeFileSync(file, text.replace(from, to));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'private-dns-out-'));
    temps.push(outdir);
    return keyed(synthesizeEnvironment(loadEnvironment(env, { environmentsDir }), buildEstate, outdir));
  }

  it.each([
    ['a database endpoint', 'production', '      payments-db: payments-db.c00000000001.eu-west-1.rds.amazonaws.com\n', '', ['private-dns.yaml RecordSet private-record-payments-db']],
    ['the cache endpoint', 'staging', '    primaryEndpoints:\n      inventory: master.inventory-cache.000002.euw1.cache.amazonaws.com\n', '    primaryEndpoints: {}\n', ['private-dns.yaml RecordSet private-record-inventory-cache']],
    [
      'the VPC id (a zone without its VPC would be public)',
      'development',
      '  assigned:\n    vpcId: vpc-00000000000000003\n',
      '  assigned: {}\n',
      [
        // the VPC's flow log names its VPC by id only
        'network.yaml FlowLog vpc-flow-log',
        'private-dns.yaml HostedZone private-hosted-zone',
        'private-dns.yaml RecordSet private-record-customers-db',
        'private-dns.yaml RecordSet private-record-inventory-cache',
        'private-dns.yaml RecordSet private-record-inventory-db',
        'private-dns.yaml RecordSet private-record-locations-db',
        'private-dns.yaml RecordSet private-record-payments-db',
      ],
    ],
  ])('without %s (%s)', (_what, env, from, to, missing) => {
    // GIVEN the environment as committed, and a copy with one pinned value removed
    const before = keyed(synthesized(env));

    // WHEN the copy is synthesized
    const after = synthesizeEdited(env, from, to);

    // THEN exactly the objects needing the value are gone, and every other object is unchanged
    expect([...before.keys()].filter((key) => !after.has(key)).sort()).toEqual(missing);
    expect([...after.keys()].filter((key) => !before.has(key))).toEqual([]);
    // (the one change: a VPC whose flow log waits says so, for the SecurityBaseline's EC2.6)
    const waitingFlowLog = (object: unknown) => (object as { metadata: { annotations?: Record<string, string> } }).metadata.annotations?.[FLOW_LOG_WAITING_ANNOTATION];
    const withoutNote = (object: unknown) => JSON.parse(JSON.stringify(object, (k, v) => (k === FLOW_LOG_WAITING_ANNOTATION ? undefined : v)));
    for (const [key, object] of after) expect(withoutNote(object), key).toEqual(before.get(key));
    expect([...after].filter(([, object]) => waitingFlowLog(object)).map(([key]) => key)).toEqual(missing.includes('network.yaml FlowLog vpc-flow-log') ? ['network.yaml VPC vpc'] : []);
  });

  it('production: a DR failover re-points one record to the promoted replica with a one-line change; the task definitions stay', () => {
    // GIVEN payments-db-dr promoted in eu-central-1 and its endpoint pinned in place of the primary's
    const before = keyed(synthesized('production'));
    const promoted = 'payments-db-dr.c00000000009.eu-central-1.rds.amazonaws.com';

    // WHEN production is synthesized with that one line changed
    const after = synthesizeEdited('production', 'payments-db: payments-db.c00000000001.eu-west-1.rds.amazonaws.com', `payments-db: ${promoted}`);

    // THEN only the payments CNAME differs, and it answers with the replica
    const changed = [...after.keys()].filter((key) => JSON.stringify(after.get(key)) !== JSON.stringify(before.get(key)));
    expect(changed).toEqual(['private-dns.yaml RecordSet private-record-payments-db']);
    expect((after.get(changed[0]) as Obj).spec.resourceRecords).toEqual([{ value: promoted }]);
    expect(after.size).toBe(before.size);
  });
});

function keyed(objects: readonly { file: string; object: Record<string, unknown> }[]): Map<string, unknown> {
  return new Map(objects.map(({ file, object }) => [`${file} ${object.kind} ${(object.metadata as { name: string }).name}`, object]));
}

describe('ElastiCache endpoints name the region in short', () => {
  it.each([
    ['eu-west-1', 'euw1'],
    ['eu-central-1', 'euc1'],
    ['us-east-1', 'use1'],
    ['ap-southeast-2', 'apse2'],
    ['ap-northeast-1', 'apne1'],
  ])('%s → %s', (region, code) => {
    expect(elastiCacheRegionCode(region)).toBe(code);
  });

  it('refuses a region it cannot shorten', () => {
    expect(() => elastiCacheRegionCode('eu-middle-1')).toThrow('elastiCacheRegionCode: no ElastiCache region code known for "eu-middle-1"');
  });
});

describe('a private HostedZone refuses what AWS would refuse', () => {
  const zone = (vpc: { vpcId: string; region: string }) => () => new HostedZone(new Chart(Testing.app(), 'test'), 'x', { name: 'x', zoneName: 'a.internal', comment: 'c', vpc });

  it.each<[string, () => unknown, string]>([
    ['a VPC id that is not one', zone({ vpcId: 'vpc-XYZ', region: 'eu-west-1' }), 'HostedZone x: vpc.vpcId must be a VPC id (vpc-<8 to 17 hex digits>), got "vpc-XYZ"'],
    ['a region that is not one', zone({ vpcId: 'vpc-0123456789abcdef0', region: 'euw1' }), 'HostedZone x: vpc.region must be an AWS region, got "euw1"'],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
