import { describe, expect, it } from 'vitest';
import { drLogsBucketName, drName, drSiteEnvironment, DR_SUFFIX } from '../../charts/lib/dr-site';
import { names } from '../../charts/lib/names';
import { REGION_ANNOTATION } from '../../policy/annotations';
import { findReferences } from '../../policy/references';
import { drStackOf, ENVIRONMENT_NAMES, isDrStackFile, loadEnv, Obj, objectsOf, synthesized } from '../support/estate';

/** Environments that run DR, and the others. */
const DR_ENVIRONMENTS = ENVIRONMENT_NAMES.filter((name) => loadEnv(name).disasterRecovery.enabled);
const OTHERS = ENVIRONMENT_NAMES.filter((name) => !DR_ENVIRONMENTS.includes(name));

const key = (o: Obj) => `${o.kind} ${o.metadata.name}`;
const regionOf = (o: Obj) => o.metadata.annotations?.[REGION_ANNOTATION];

/** Spec keys whose DR value is the DR data's, not the primary's (asserted from the data below). */
const SIZED_BY_DR_DATA = new Set(['desiredCount', 'minCapacity']);
/** The task definition's digest tag: the DR task definition is another document (its region). */
const DIGEST_TAG = 'TaskDefinitionDigest';

/**
 * The primary's spec as the DR region should have it, from the data alone: the region, zones,
 * CIDRs, VPC id, logs bucket, load balancer name and certificate replaced by the DR section's,
 * and every reference to an object with a DR twin renamed to it.
 */
function translator(envName: string, drObjectNames: ReadonlySet<string>) {
  const env = loadEnv(envName);
  const site = drSiteEnvironment(env);
  const pairs: [string, string][] = [
    [env.edge.assigned.certificateArn ?? '', site.edge.assigned.certificateArn ?? ''],
    [env.network.assigned.vpcId ?? '', site.network.assigned.vpcId ?? ''],
    [env.storage.buckets.logs, drLogsBucketName(env)],
    [env.edge.loadBalancerName, site.edge.loadBalancerName],
    [env.network.vpcCidr, site.network.vpcCidr],
    ...(['publicSubnets', 'privateSubnets', 'databaseSubnets'] as const).flatMap((tier) => env.network[tier].map((cidr, i) => [cidr, site.network[tier][i]] as [string, string])),
    ...env.aws.availabilityZones.map((zone, i) => [zone, site.aws.availabilityZones[i]] as [string, string]),
    // DB_HOST in the DR zone: each replicated database's replica there
    ...Object.entries(site.database.assigned.endpoints ?? {}).map(([instance, endpoint]) => [env.database.assigned.endpoints?.[instance] ?? '', endpoint] as [string, string]),
    [env.aws.region, site.aws.region],
  ];
  const text = (value: string) => pairs.reduce((out, [from, to]) => (from ? out.split(from).join(to) : out), value);
  // A reference is `{from: {name}}`: its name moves to the DR twin, when there is one.
  const translate = (value: unknown, path: readonly string[] = []): unknown => {
    const isReference = path.length >= 2 && path[path.length - 1] === 'name' && path[path.length - 2] === 'from';
    if (typeof value === 'string') return isReference && drObjectNames.has(`${value}${DR_SUFFIX}`) ? `${value}${DR_SUFFIX}` : text(value);
    if (Array.isArray(value)) return value.map((item) => translate(item, path));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translate(v, [...path, k])]));
    return value;
  };
  return (spec: unknown) => withoutDrSizing(translate(spec));
}

/** A spec without the keys the DR data sizes and the task definition digest tag. */
function withoutDrSizing(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item?.key !== DIGEST_TAG).map(withoutDrSizing);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !SIZED_BY_DR_DATA.has(k)).map(([k, v]) => [k, withoutDrSizing(v)]));
  return value;
}

describe.each(DR_ENVIRONMENTS)('%s: the DR region\'s stack is the primary\'s, built by the same charts', (envName) => {
  const env = loadEnv(envName);
  const stack = drStackOf(envName);
  const all = objectsOf(envName);
  const inDrRegion = new Set(all.filter((o) => regionOf(o) === env.aws.drRegion).map((o) => o.metadata.name));
  // The primary's objects of the same charts: `dr-network.yaml` is `network.yaml` moved.
  const primaryByFile = synthesized(envName).filter((s) => !isDrStackFile(s.file));
  const twinOf = (file: string, o: Obj) => primaryByFile.find((s) => s.file === file.replace(/^dr-/, '') && (s.object as unknown as Obj).kind === o.kind && (s.object as unknown as Obj).metadata.name === o.metadata.name.slice(0, -DR_SUFFIX.length));

  it('has the network, registry, log groups, cluster, every workload and the load balancer', () => {
    const kinds = new Set(stack.map((o) => o.kind));
    for (const kind of ['VPC', 'Subnet', 'NATGateway', 'SecurityGroup', 'Repository', 'LogGroup', 'Cluster', 'TaskDefinition', 'Service', 'LoadBalancer', 'TargetGroup', 'Listener', 'Certificate']) expect(kinds, kind).toContain(kind);
    expect(stack.filter((o) => o.kind === 'Service').map((o) => o.spec.serviceName ?? o.spec.name).sort()).toEqual(Object.keys(env.catalogue.workloads).sort());
  });

  it('puts every object in aws.drRegion, named <primary name>-dr', () => {
    expect(stack.filter((o) => regionOf(o) !== env.aws.drRegion).map(key)).toEqual([]);
    expect(stack.filter((o) => !o.metadata.name.endsWith(DR_SUFFIX)).map(key)).toEqual([]);
  });

  it('gives every object the spec of its primary twin, translated by the DR data only', () => {
    const translate = translator(envName, inDrRegion);
    const mismatches = synthesized(envName).filter((s) => isDrStackFile(s.file)).flatMap(({ file, object }) => {
      const dr = object as unknown as Obj;
      const twin = twinOf(file, dr);
      if (!twin) return [`${key(dr)}: no primary twin in ${file.replace(/^dr-/, '')}`];
      const expected = translate((twin.object as unknown as Obj).spec);
      const actual = withoutDrSizing(dr.spec);
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${key(dr)}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('sizes the services from disasterRecovery: warm while passive, the primary\'s sizing once failed over', () => {
    const site = drSiteEnvironment(env);
    for (const workload of Object.keys(env.catalogue.workloads)) {
      const service = stack.find((o) => o.kind === 'Service' && o.metadata.name === drName(names.ecsService(workload)))!;
      const target = stack.find((o) => o.kind === 'ScalableTarget' && o.metadata.name === drName(`scalable-target-${workload}`))!;
      const expected = env.disasterRecovery.activeRegion === env.aws.drRegion ? env.workloads[workload].desiredCount : env.disasterRecovery.warmDesiredCount![workload];
      expect(service.spec.desiredCount, workload).toBe(expected);
      expect(target.spec.minCapacity, workload).toBe(site.workloads[workload].minCapacity);
      expect(target.spec.maxCapacity, workload).toBe(env.workloads[workload].maxCapacity);
    }
  });

  it('refers only to objects in aws.drRegion, or to the global IAM roles', () => {
    const byName = new Map(all.map((o) => [`${o.metadata.name}`, o]));
    const outside = stack.flatMap((o) =>
      findReferences(o.spec, '').map((ref) => byName.get(ref.name)).filter((target): target is Obj => target !== undefined && regionOf(target) !== env.aws.drRegion && !target.apiVersion.startsWith('iam.')).map((target) => `${key(o)} → ${key(target)}`),
    );
    expect(outside).toEqual([]);
  });

  it('places the replicas in its database subnets behind its sg-rds', () => {
    const replicas = all.filter((o) => o.kind === 'DBInstance' && regionOf(o) === env.aws.drRegion);
    expect(replicas.length).toBeGreaterThan(0);
    const group = all.find((o) => o.kind === 'DBSubnetGroup' && o.metadata.name === drName(names.dbSubnetGroup))!;
    const subnets = group.spec.subnetRefs.map((r: { from: { name: string } }) => stack.find((o) => o.kind === 'Subnet' && o.metadata.name === r.from.name)?.spec.cidrBlock);
    expect(subnets.sort()).toEqual([...env.disasterRecovery.network!.databaseSubnets].sort());
    for (const replica of replicas) {
      expect(replica.spec.dbSubnetGroupRef.from.name).toBe(group.metadata.name);
      expect(replica.spec.vpcSecurityGroupRefs.map((r: { from: { name: string } }) => r.from.name)).toEqual([drName(names.securityGroup.rds)]);
    }
  });
});

describe.each(DR_ENVIRONMENTS)('%s: the primary region points at the DR region only where DR needs it', (envName) => {
  /**
   * Where an object outside the DR region may name it: the backups copy (replication rule, its
   * role and policy), the secrets' replicas, the weighted secondary record and its health check,
   * and the policies' own data (the backup policy's DR region, accepted exceptions).
   */
  const ALLOWED: ReadonlyArray<{ kind: string; name: RegExp; path: RegExp }> = [
    { kind: 'Bucket', name: /^bucket-backups$/, path: /^replication\.rules\[\]\.destination\./ },
    { kind: 'Role', name: /^s3-replication-role$/, path: /^description$/ },
    { kind: 'Policy', name: /^iam-policy-s3-replication$/, path: /^(description|policyDocument)$/ },
    { kind: 'Secret', name: /^secret-/, path: /^replicaRegions\[\]\.region$/ },
    // One (global) execution role for the tasks of both regions: it may pull, log and read secrets in each.
    { kind: 'Policy', name: /^iam-policy-ecs-task-execution$/, path: /^policyDocument$/ },
    { kind: 'RecordSet', name: /^record-origin-secondary$/, path: /^aliasTarget\.dnsName$/ },
    { kind: 'HealthCheck', name: /^health-check-secondary$/, path: /^healthCheckConfig\.fullyQualifiedDomainName$/ },
    { kind: 'BackupPolicy', name: /./, path: /^drRegion$/ },
    { kind: 'SecurityBaseline', name: /./, path: /^exceptions\[\]\.(name|reason)$/ },
  ];

  it('names the DR region or its objects nowhere else', () => {
    const env = loadEnv(envName);
    const all = objectsOf(envName);
    const drObjects = all.filter((o) => regionOf(o) === env.aws.drRegion);
    const drNames = new Set(drObjects.map((o) => o.metadata.name));
    const found: { kind: string; name: string; path: string }[] = [];
    const walk = (value: unknown, path: string, o: Obj) => {
      if (typeof value === 'string') {
        if (value.includes(env.aws.drRegion) || drNames.has(value)) found.push({ kind: o.kind, name: o.metadata.name, path: path.replace(/\[\d+\]/g, '[]') });
      } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, o));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, o);
    };
    for (const o of all.filter((o) => regionOf(o) !== env.aws.drRegion)) walk(o.spec, '', o);
    expect(found.length).toBeGreaterThan(0);
    const unexpected = found.filter((f) => !ALLOWED.some((a) => a.kind === f.kind && a.name.test(f.name) && a.path.test(f.path)));
    expect(unexpected).toEqual([]);
    // and the weighted secondary is the DR load balancer, bound from its status
    const secondary = all.find((o) => o.kind === 'RecordSet' && o.metadata.name === 'record-origin-secondary')!;
    expect(secondary.spec.aliasTarget.dnsName).toBe(env.edge.assigned.drLoadBalancerDnsName);
  });
});

describe.each(OTHERS)('%s: no DR region stack', (envName) => {
  it('has no dr-* file and nothing in aws.drRegion', () => {
    expect(drStackOf(envName)).toEqual([]);
    expect(objectsOf(envName).filter((o) => regionOf(o) === loadEnv(envName).aws.drRegion).map(key)).toEqual([]);
  });
});
