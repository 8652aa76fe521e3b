import { isRdsEndpointOf } from './check-endpoints';
import { checkNetworkLayout } from './check-network';
import { cidrsOverlap, parseCidr } from './cidr';
import { EnvironmentError } from './errors';
import { databaseWorkloads } from '../data-stores';
import { names } from '../names';
import { Catalogue, EnvironmentFile } from './types';

function fail(file: string, keyPath: string, expected: string): never {
  throw new EnvironmentError(file, keyPath, expected);
}

/**
 * `disasterRecovery` (docs/disaster-recovery.md): where DR is enabled, the DR region's stack is
 * fully described (zones of aws.drRegion, a network that does not overlap the primary's, a warm
 * size for every workload within its maximum) and the traffic is in one of the two regions; where
 * it is not, none of it is given. Secrets must be replicated there: the DR tasks read them in-region.
 */
export function checkDisasterRecovery(env: EnvironmentFile, catalogue: Catalogue, file: string): void {
  const dr = env.disasterRecovery;
  const at = (key: string) => `disasterRecovery.${key}`;
  const given = (['activeRegion', 'availabilityZones', 'network', 'warmDesiredCount', 'assigned'] as const).filter((key) => dr[key] !== undefined);
  if (!dr.enabled) {
    if (given.length > 0) fail(file, at(given[0]), 'expected nothing here while disasterRecovery.enabled is false');
    return;
  }
  const { region, drRegion } = env.aws;
  if (drRegion === region) fail(file, 'aws.drRegion', `expected a region other than aws.region ${region}`);
  if (dr.activeRegion !== undefined && dr.activeRegion !== region && dr.activeRegion !== drRegion) {
    fail(file, at('activeRegion'), `expected aws.region ${region} or aws.drRegion ${drRegion}, got "${dr.activeRegion}"`);
  }
  const zones = dr.availabilityZones ?? fail(file, at('availabilityZones'), `expected the DR region's zones (three of ${drRegion}) while disasterRecovery.enabled is true`);
  zones.forEach((zone, index) => {
    if (!zone.startsWith(drRegion) || zone.length !== drRegion.length + 1) fail(file, `${at('availabilityZones')}[${index}]`, `expected a zone of aws.drRegion ${drRegion}, got "${zone}"`);
  });
  if (new Set(zones).size !== zones.length) fail(file, at('availabilityZones'), `expected distinct zones, got ${zones.join(', ')}`);
  const network = dr.network ?? fail(file, at('network'), "expected the DR region's network (vpcCidr, subnets, natGateways) while disasterRecovery.enabled is true");
  const vpc = checkNetworkLayout(network, zones.length, at('network'), file);
  const primary = parseCidr(env.network.vpcCidr);
  if (primary && cidrsOverlap(primary, vpc)) fail(file, at('network.vpcCidr'), `expected a CIDR that does not overlap network.vpcCidr (${env.network.vpcCidr}): the regions may be peered, got "${network.vpcCidr}"`);
  const warm = dr.warmDesiredCount ?? fail(file, at('warmDesiredCount'), 'expected the tasks each workload runs in the DR region while passive');
  for (const [workload, sizing] of Object.entries(env.workloads)) {
    const count = warm[workload] ?? fail(file, `${at('warmDesiredCount')}.${workload}`, `expected a warm size for workload "${workload}" (0 to its maxCapacity ${sizing.maxCapacity})`);
    if (count > sizing.maxCapacity) fail(file, `${at('warmDesiredCount')}.${workload}`, `expected at most workloads.${workload}.maxCapacity (${sizing.maxCapacity}), got ${count}`);
  }
  const unknown = Object.keys(warm).find((workload) => !env.workloads[workload]);
  if (unknown) fail(file, `${at('warmDesiredCount')}.${unknown}`, `unknown workload (expected one of ${Object.keys(env.workloads).join(', ')})`);
  // A critical database's replica (bound), or a non-critical one restored there after a failover (pinned by hand).
  const drInstances = new Set(databaseWorkloads({ catalogue }).map(({ database }) => names.dr.dbInstance(database)));
  for (const [instance, address] of Object.entries(dr.assigned?.endpoints ?? {})) {
    const keyPath = `${at('assigned.endpoints')}.${instance}`;
    if (!drInstances.has(instance)) fail(file, keyPath, `expected the DR instance of a catalogue database (one of ${[...drInstances].sort().join(', ') || 'none'})`);
    if (!isRdsEndpointOf(address, instance, drRegion)) {
      fail(file, keyPath, `expected the endpoint of DBInstance ${instance} in aws.drRegion ${drRegion} ("${instance}.<12 characters>.${drRegion}.rds.amazonaws.com"), got "${address}"`);
    }
  }
  if (!env.secrets.replicateToDrRegion) fail(file, 'secrets.replicateToDrRegion', "expected true while disasterRecovery.enabled is true: the DR region's tasks read their secrets' replicas there");
}
