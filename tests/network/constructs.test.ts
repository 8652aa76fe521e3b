import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../charts/constructs/route-table';
import { SecurityGroup } from '../../charts/constructs/security-group';
import { Subnet } from '../../charts/constructs/subnet';
import { NetworkChart } from '../../charts/estate/network-chart';
import { loadEnv } from '../support/estate';

const chart = () => new Chart(Testing.app(), 'test');
const group = (props: Partial<ConstructorParameters<typeof SecurityGroup>[2]>) =>
  new SecurityGroup(chart(), 'sg', { name: 'sg-x', groupName: 'x', description: 'x', vpcName: 'vpc', ...props });

describe('network constructs refuse what AWS or the design would reject', () => {
  it('a security group named "sg-..." in AWS (AWS forbids the prefix)', () => {
    expect(() => group({ groupName: 'sg-alb-public' })).toThrow('SecurityGroup sg-x: groupName must not start with "sg-" (AWS rejects it), got "sg-alb-public"');
  });

  it('a tcp rule without ports, with an inverted range, or out of range; an "all" rule with ports', () => {
    const peer = { cidr: '10.0.0.0/16' };
    expect(() => group({ ingress: [{ protocol: 'tcp', peer, description: 'd' }] })).toThrow('SecurityGroup sg-x: ingress[0]: ports must be a port or range within 0-65535 for tcp, got undefined');
    expect(() => group({ ingress: [{ protocol: 'tcp', ports: { from: 10, to: 9 }, peer, description: 'd' }] })).toThrow('ingress[0]: ports must be');
    expect(() => group({ ingress: [{ protocol: 'udp', ports: 70000, peer, description: 'd' }] })).toThrow('ingress[0]: ports must be');
    expect(() => group({ egress: [{ protocol: 'all', ports: 1, peer, description: 'd' }] })).toThrow('SecurityGroup sg-x: egress[0]: ports must be omitted with protocol "all", got 1');
  });

  it('a malformed CIDR in a rule, a subnet or a route', () => {
    expect(() => group({ ingress: [{ protocol: 'tcp', ports: 1, peer: { cidr: '10.0.0.1/16' }, description: 'd' }] })).toThrow('ingress[0]: peer.cidr must be an IPv4 CIDR, got "10.0.0.1/16"');
    expect(() => new Subnet(chart(), 's', { name: 's', vpcName: 'vpc', cidr: '10.0.1.0', availabilityZone: 'eu-west-1a' })).toThrow('Subnet s: cidr must be an IPv4 CIDR such as 10.0.1.0/24, got "10.0.1.0"');
    expect(() => new RouteTable(chart(), 'r', { name: 'r', vpcName: 'vpc', routes: [{ destination: 'anywhere', target: { natGateway: 'n' } }] })).toThrow('RouteTable r: routes[].destination must be an IPv4 CIDR, got "anywhere"');
  });

  it('two routes to the same destination', () => {
    const route = { destination: '0.0.0.0/0', target: { internetGateway: 'igw' } };
    expect(() => new RouteTable(chart(), 'r', { name: 'r', vpcName: 'vpc', routes: [route, route] })).toThrow('RouteTable r: routes[].destination must be unique, got "0.0.0.0/0" twice');
  });

  it('a NAT gateway count that is neither 1 nor one per zone', () => {
    // GIVEN production's data with two NAT gateways for three zones
    const env = loadEnv('production');
    const two = { ...env, network: { ...env.network, natGateways: 2 } };
    // WHEN the network chart is built THEN it refuses, naming the field and value
    expect(() => new NetworkChart(new App(), 'network', { env: two })).toThrow('NetworkChart (production): network.natGateways must be 1 or one per availability zone (3), got 2');
  });

  it('an egress default of all traffic, and rules exactly as given', () => {
    const sg = group({ ingress: [{ protocol: 'tcp', ports: { from: 1, to: 2 }, peer: { securityGroup: 'other' }, description: 'd' }] });
    const [object] = Testing.synth(Chart.of(sg));
    expect(object.spec.ingressRules).toEqual([{ ipProtocol: 'tcp', fromPort: 1, toPort: 2, userIDGroupPairs: [{ description: 'd', groupRef: { from: { name: 'other' } } }] }]);
    expect(object.spec.egressRules).toEqual([{ ipProtocol: '-1', ipRanges: [{ cidrIP: '0.0.0.0/0', description: 'All outbound traffic' }] }]);
  });
});
