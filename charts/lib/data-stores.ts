/** Which catalogue workloads own a database or a cache, read by the data charts, private DNS and the environment checks. */
import { DatabaseInstanceSettings, EnvironmentConfig } from './environment/types';
import { names } from './names';

type Catalogued = Pick<EnvironmentConfig, 'catalogue'>;

/** Catalogue workloads that own a database, sorted by key, with the database name. */
export function databaseWorkloads(env: Catalogued): { workload: string; database: string }[] {
  return Object.keys(env.catalogue.workloads)
    .sort()
    .flatMap((workload) => {
      const database = env.catalogue.workloads[workload].database;
      return database ? [{ workload, database }] : [];
    });
}

/** Catalogue workloads with `usesCache`, sorted by key. */
export function cacheWorkloads(env: Catalogued): string[] {
  return Object.keys(env.catalogue.workloads)
    .sort()
    .filter((workload) => env.catalogue.workloads[workload].usesCache);
}

/**
 * How the database `database` (DB_NAME) is sized: the environment's `database` settings, with
 * the entry of `database.overrides` for its DBInstance (`names.dbInstance`) over them.
 */
export function databaseSettings(env: Pick<EnvironmentConfig, 'database'>, database: string): DatabaseInstanceSettings {
  const { engineVersion, instanceClass, multiAZ, allocatedStorageGiB, maxAllocatedStorageGiB, backupRetentionDays, backupWindow, maintenanceWindow, deletionProtection } = env.database;
  const shared = { engineVersion, instanceClass, multiAZ, allocatedStorageGiB, maxAllocatedStorageGiB, backupRetentionDays, backupWindow, maintenanceWindow, deletionProtection };
  return { ...shared, ...env.database.overrides?.[names.dbInstance(database)] };
}

/** AWS name of the environment's DB subnet group (the DR region's adds its region: dr-site.ts). */
export function dbSubnetGroupName(env: Pick<EnvironmentConfig, 'name'>): string {
  return `mycomputer-${env.name}-database`;
}
