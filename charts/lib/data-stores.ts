/** Which catalogue workloads own a database or a cache, read by the data charts, private DNS and the environment checks. */
import { EnvironmentConfig } from './environment/types';

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
