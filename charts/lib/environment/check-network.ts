import { cidrContains, cidrsOverlap, parseCidr, Cidr } from './cidr';
import { EnvironmentError } from './errors';
import { EnvironmentFile, NetworkLayout } from './types';

function fail(file: string, keyPath: string, expected: string): never {
  throw new EnvironmentError(file, keyPath, expected);
}

/** `network`: its layout, and task ports in order. */
export function checkNetwork(env: EnvironmentFile, file: string): void {
  checkNetworkLayout(env.network, env.aws.availabilityZones.length, 'network', file);
  const { from, to } = env.network.taskPortRange;
  if (from > to) fail(file, 'network.taskPortRange', `expected from <= to, got ${from}-${to}`);
}

/** A VPC's subnets inside it, none overlapping, and 1 or one NAT gateway per zone (`at`: its key). */
export function checkNetworkLayout(network: NetworkLayout, zones: number, at: string, file: string): Cidr {
  const vpc = parseCidr(network.vpcCidr) ?? fail(file, `${at}.vpcCidr`, `expected an IPv4 CIDR such as 10.0.0.0/16, got "${network.vpcCidr}"`);
  if (vpc.prefix < 16 || vpc.prefix > 28) fail(file, `${at}.vpcCidr`, `expected a prefix between /16 and /28 (AWS VPC limits), got /${vpc.prefix}`);
  const seen: { keyPath: string; cidr: Cidr }[] = [];
  for (const tier of ['publicSubnets', 'privateSubnets', 'databaseSubnets'] as const) {
    network[tier].forEach((text, index) => {
      const keyPath = `${at}.${tier}[${index}]`;
      const cidr = parseCidr(text) ?? fail(file, keyPath, `expected an IPv4 CIDR such as 10.0.1.0/24, got "${text}"`);
      if (!cidrContains(vpc, cidr)) fail(file, keyPath, `expected a CIDR inside the VPC ${vpc.text}, got "${text}"`);
      const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
      if (clash) fail(file, keyPath, `expected a CIDR that does not overlap ${clash.keyPath} (${clash.cidr.text}), got "${text}"`);
      seen.push({ keyPath, cidr });
    });
  }
  // One shared gateway, or one per zone: any other count ties one zone's egress to another's.
  if (network.natGateways !== 1 && network.natGateways !== zones) {
    fail(file, `${at}.natGateways`, `expected 1 (shared) or ${zones} (one per zone), got ${network.natGateways}`);
  }
  return vpc;
}
