/**
 * Host names the services reach their database and cache by. AWS assigns RDS and ElastiCache
 * endpoints at creation (`<id>.<random>.<region>.rds.amazonaws.com`) and an ECS task definition
 * cannot reference them, so the services use stable names in the environment's private DNS zone
 * instead; each is a CNAME to the endpoint (charts/estate/private-dns-chart.ts; docs/coverage/
 * compute.md, "DB_HOST"). The same names survive a disaster-recovery failover: the record is
 * re-pointed, the task definitions stay.
 */
import { EnvironmentConfig } from './environment/types';
import { names } from './names';

/** PostgreSQL's port (RDS default; sg-rds opens it to the tasks). */
export const POSTGRES_PORT = 5432;
/** Redis's port (the replication group's; sg-elasticache opens it to the tasks). */
export const REDIS_PORT = 6379;

type Namespaced = Pick<EnvironmentConfig, 'namespace'>;

/** The environment's private hosted zone (attached to its VPC): `mycomputer-production.internal`. */
export function privateZoneName(env: Namespaced): string {
  return `${env.namespace}.internal`;
}

/** DB_HOST of a database: `inventory-db.mycomputer-production.internal`. */
export function databaseHost(env: Namespaced, database: string): string {
  return `${names.dbInstance(database)}.${privateZoneName(env)}`;
}

/** Host of a workload's cache: `inventory-cache.mycomputer-production.internal`. */
export function cacheHost(env: Namespaced, workload: string): string {
  return `${names.cache(workload)}.${privateZoneName(env)}`;
}

/** REDIS_URL of a workload's cache; `rediss` because the replication group encrypts in transit. */
export function cacheUrl(env: Namespaced, workload: string): string {
  return `rediss://${cacheHost(env, workload)}:${REDIS_PORT}`;
}
