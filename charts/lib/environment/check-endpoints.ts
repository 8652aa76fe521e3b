import { cacheWorkloads, databaseWorkloads } from '../data-stores';
import { criticalDatabases } from '../disaster-recovery';
import { names } from '../names';
import { EnvironmentError } from './errors';
import { Catalogue, EnvironmentFile } from './types';
import type { EnvironmentFiles } from './environment-check';

function fail(file: string, keyPath: string, expected: string): never {
  throw new EnvironmentError(file, keyPath, expected);
}

const COMPASS: Readonly<Record<string, string>> = { north: 'n', south: 's', east: 'e', west: 'w', central: 'c' };

/** ElastiCache's short region in endpoint names: eu-west-1 → euw1, ap-southeast-2 → apse2. */
export function elastiCacheRegionCode(region: string): string {
  const [area, direction, number] = region.split('-');
  const parts = direction?.match(/north|south|east|west|central/g) ?? [];
  if (parts.join('') !== direction || number === undefined) throw new Error(`elastiCacheRegionCode: no ElastiCache region code known for "${region}"`);
  return `${area}${parts.map((part) => COMPASS[part]).join('')}${number}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** AWS's endpoint of DB instance `identifier` in `region`: `<identifier>.<12 characters>.<region>.rds.amazonaws.com`. */
export function isRdsEndpointOf(address: string, identifier: string, region: string): boolean {
  return new RegExp(`^${escape(identifier)}\\.[a-z0-9]{12}\\.${escape(region)}\\.rds\\.amazonaws\\.com$`).test(address);
}

/**
 * What the schema cannot check about the values AWS assigned to the network and data stores
 * (`network.assigned`, `database.assigned`, `cache.assigned`): each endpoint names an object of
 * the catalogue and is that object's, in this environment's region. A value copied from another
 * environment, region or database is the mistake this catches; the records would silently send
 * a service to the wrong data. The VPC id carries no region, so its shape (schema) is all there is.
 */
export function checkAssignedEndpoints(env: EnvironmentFile, catalogue: Catalogue, files: EnvironmentFiles): void {
  checkDatabaseEndpoints(env, catalogue, files.environment);
  checkCacheEndpoints(env, catalogue, files.environment);
}

function checkDatabaseEndpoints(env: EnvironmentFile, catalogue: Catalogue, file: string): void {
  const { aws } = env;
  const instances = new Map(databaseWorkloads({ catalogue }).map(({ database }) => [names.dbInstance(database), database]));
  // After a DR failover the record points at the promoted replica (docs/coverage/dr.md).
  const replicated = new Set(env.disasterRecovery.enabled ? criticalDatabases({ catalogue, workloads: env.workloads }).map((c) => c.database) : []);
  for (const [instance, address] of Object.entries(env.database.assigned.endpoints ?? {})) {
    const keyPath = `database.assigned.endpoints.${instance}`;
    const database = instances.get(instance);
    if (database === undefined) fail(file, keyPath, `expected the DBInstance of a catalogue database (one of ${[...instances.keys()].sort().join(', ')})`);
    if (isRdsEndpointOf(address, instance, aws.region)) continue;
    const replica = replicated.has(database) ? names.dr.dbInstance(database) : undefined;
    if (replica !== undefined && isRdsEndpointOf(address, replica, aws.drRegion)) continue;
    const promoted = replica !== undefined ? ` or of its promoted replica ${replica} in aws.drRegion ${aws.drRegion}` : '';
    fail(file, keyPath, `expected the endpoint of DBInstance ${instance} in ${aws.region} ("${instance}.<12 characters>.${aws.region}.rds.amazonaws.com")${promoted}, got "${address}"`);
  }
}

function checkCacheEndpoints(env: EnvironmentFile, catalogue: Catalogue, file: string): void {
  const users = cacheWorkloads({ catalogue });
  for (const [workload, address] of Object.entries(env.cache.assigned.primaryEndpoints ?? {})) {
    const keyPath = `cache.assigned.primaryEndpoints.${workload}`;
    if (!users.includes(workload)) fail(file, keyPath, `expected a catalogue workload with usesCache (one of ${users.join(', ') || 'none'})`);
    const group = names.cache(workload);
    const code = elastiCacheRegionCode(env.aws.region);
    if (!new RegExp(`^master\\.${escape(group)}\\.[a-z0-9]{6}\\.${code}\\.cache\\.amazonaws\\.com$`).test(address)) {
      fail(file, keyPath, `expected the primary endpoint of ReplicationGroup ${group} in ${env.aws.region} ("master.${group}.<6 characters>.${code}.cache.amazonaws.com"), got "${address}"`);
    }
  }
}
