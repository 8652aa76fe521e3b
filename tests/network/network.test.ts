import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, readTags } from '../support/estate';

const TIERS = ['public', 'private', 'database'] as const;
const ref = (name: string) => ({ from: { name } });

describe('network: VPC', () => {
  it('production: the seed\'s VPC 10.0.0.0/16 with DNS on and its Name tag', () => {
    // GIVEN the production estate WHEN its VPC is read
    const vpc = findObject('production', 'VPC', 'vpc');
    // THEN it carries the seed's CIDR
    expect(vpc.spec.cidrBlocks).toEqual(['10.0.0.0/16']);
    expect(vpc.spec.enableDNSSupport).toBe(true);
    expect(vpc.spec.enableDNSHostnames).toBe(true);
    expect(vpc.spec.disallowSecurityGroupDefaultRules).toBe(true);
    expect(readTags(vpc).Name).toBe('mycomputer-production-vpc');
  });

  it.each(['staging', 'development'])('%s: the VPC CIDR of its data, one VPC only', (env) => {
    const data = loadEnv(env);
    expect(kindsOf(env, 'VPC').map((v) => v.spec.cidrBlocks)).toEqual([[data.network.vpcCidr]]);
    expect(readTags(findObject(env, 'VPC', 'vpc')).Name).toBe(`mycomputer-${data.tagging.environment}-vpc`);
  });
});

describe('network: subnets', () => {
  it('production: the nine subnets of the seed, exact CIDRs in eu-west-1a/b/c', () => {
    // GIVEN the production estate WHEN its subnets are listed
    const subnets = Object.fromEntries(kindsOf('production', 'Subnet').map((s) => [s.metadata.name, [s.spec.cidrBlock, s.spec.availabilityZone]]));
    // THEN they are exactly the seed's
    expect(subnets).toEqual({
      'subnet-public-a': ['10.0.1.0/24', 'eu-west-1a'],
      'subnet-public-b': ['10.0.2.0/24', 'eu-west-1b'],
      'subnet-public-c': ['10.0.3.0/24', 'eu-west-1c'],
      'subnet-private-a': ['10.0.10.0/24', 'eu-west-1a'],
      'subnet-private-b': ['10.0.11.0/24', 'eu-west-1b'],
      'subnet-private-c': ['10.0.12.0/24', 'eu-west-1c'],
      'subnet-database-a': ['10.0.20.0/24', 'eu-west-1a'],
      'subnet-database-b': ['10.0.21.0/24', 'eu-west-1b'],
      'subnet-database-c': ['10.0.22.0/24', 'eu-west-1c'],
    });
  });

  it.each(ENVIRONMENT_NAMES)('%s: one subnet per tier and zone, CIDR and zone from the data, in the VPC', (env) => {
    // GIVEN the environment's data
    const { network, aws } = loadEnv(env);
    const cidrs = { public: network.publicSubnets, private: network.privateSubnets, database: network.databaseSubnets };
    // WHEN the subnets are synthesized
    const subnets = kindsOf(env, 'Subnet');
    // THEN there are nine, each where the data puts it
    expect(subnets).toHaveLength(9);
    for (const tier of TIERS) {
      aws.availabilityZones.forEach((zone, i) => {
        const subnet = findObject(env, 'Subnet', `subnet-${tier}-${zone.slice(-1)}`);
        expect(subnet.spec).toMatchObject({ cidrBlock: cidrs[tier][i], availabilityZone: zone, vpcRef: ref('vpc') });
      });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: no subnet maps a public IP on launch (NAT gateways and the ALB get theirs; Security Hub EC2.15)', (env) => {
    const subnets = kindsOf(env, 'Subnet');
    expect(subnets.some((s) => s.metadata.name.startsWith('subnet-public-'))).toBe(true);
    expect(subnets.filter((s) => s.spec.mapPublicIPOnLaunch !== false).map((s) => s.metadata.name)).toEqual([]);
  });
});

describe('network: gateways', () => {
  it.each(ENVIRONMENT_NAMES)('%s: one internet gateway attached to the VPC', (env) => {
    expect(kindsOf(env, 'InternetGateway').map((g) => [g.metadata.name, g.spec])).toEqual([
      ['internet-gateway', { vpcRef: ref('vpc'), tags: expect.any(Array) }],
    ]);
  });

  it.each([
    ['production', ['a', 'b', 'c']],
    ['staging', ['a', 'b', 'c']],
    ['development', ['a']],
  ])('%s: NAT gateways in the public subnets of zones %j, each with its own Elastic IP', (env, zones) => {
    // GIVEN the environment WHEN its NAT gateways and Elastic IPs are read
    const nats = kindsOf(env, 'NATGateway');
    // THEN there is one per listed zone (3 per-zone, or 1 shared), each public, in that zone's public subnet
    expect(nats.length).toBe(loadEnv(env).network.natGateways);
    expect(nats.map((n) => [n.metadata.name, n.spec.subnetRef, n.spec.allocationRef, n.spec.connectivityType])).toEqual(
      zones.map((z) => [`nat-gateway-${z}`, ref(`subnet-public-${z}`), ref(`nat-eip-${z}`), 'public']),
    );
    expect(kindsOf(env, 'ElasticIPAddress').map((e) => e.metadata.name)).toEqual(zones.map((z) => `nat-eip-${z}`));
  });
});

describe('network: route tables', () => {
  const toIgw = [{ destinationCIDRBlock: '0.0.0.0/0', gatewayRef: ref('internet-gateway') }];
  const toNat = (zone: string) => [{ destinationCIDRBlock: '0.0.0.0/0', natGatewayRef: ref(`nat-gateway-${zone}`) }];

  it.each(['production', 'staging'])('%s: public → internet gateway, one private table per zone → its NAT gateway, database local only', (env) => {
    // GIVEN an environment with a NAT gateway per zone WHEN its route tables are read
    const tables = Object.fromEntries(kindsOf(env, 'RouteTable').map((t) => [t.metadata.name, t.spec.routes]));
    // THEN each tier routes as the design says (undefined: no route but the implicit local one)
    expect(tables).toEqual({ 'rt-public': toIgw, 'rt-private-a': toNat('a'), 'rt-private-b': toNat('b'), 'rt-private-c': toNat('c'), 'rt-database': undefined });
  });

  it('development: public → internet gateway, one shared private table → the one NAT gateway, database local only', () => {
    const tables = Object.fromEntries(kindsOf('development', 'RouteTable').map((t) => [t.metadata.name, t.spec.routes]));
    expect(tables).toEqual({ 'rt-public': toIgw, 'rt-private': toNat('a'), 'rt-database': undefined });
  });

  it.each(ENVIRONMENT_NAMES)('%s: every route table is in the VPC', (env) => {
    for (const table of kindsOf(env, 'RouteTable')) expect([table.metadata.name, table.spec.vpcRef]).toEqual([table.metadata.name, ref('vpc')]);
  });

  it.each([
    ['production', (z: string) => `rt-private-${z}`],
    ['staging', (z: string) => `rt-private-${z}`],
    ['development', () => 'rt-private'],
  ] as const)('%s: each subnet is associated with its tier\'s table', (env, privateTable) => {
    // GIVEN the subnets WHEN their route table associations are read
    const associations = Object.fromEntries(kindsOf(env, 'Subnet').map((s) => [s.metadata.name, s.spec.routeTableRefs]));
    // THEN public → rt-public, private → its zone's (or the shared) table, database → rt-database
    const expected: Record<string, unknown> = {};
    for (const z of ['a', 'b', 'c']) {
      expected[`subnet-public-${z}`] = [ref('rt-public')];
      expected[`subnet-private-${z}`] = [ref(privateTable(z))];
      expected[`subnet-database-${z}`] = [ref('rt-database')];
    }
    expect(associations).toEqual(expected);
  });

  it.each(ENVIRONMENT_NAMES)('%s: every NAT gateway sits in a subnet whose table routes to the internet gateway', (env) => {
    // A NAT gateway needs a route to the internet; the reference chain also makes ACK create it
    // only after the public table, hence the attached internet gateway, exists.
    for (const nat of kindsOf(env, 'NATGateway')) {
      const subnet = findObject(env, 'Subnet', nat.spec.subnetRef.from.name);
      const table = findObject(env, 'RouteTable', subnet.spec.routeTableRefs[0].from.name);
      expect(table.spec.routes).toEqual(toIgw);
    }
  });
});
