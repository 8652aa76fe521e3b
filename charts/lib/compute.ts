/**
 * Compute facts derived from environment data, shared by the workload chart and its containers,
 * the tests and docs/capacity.md: AWS names, where tasks run (on demand or Spot) and how many
 * database connections each task may open.
 */
import { CapacityProviderShare } from './fargate';
import { EnvironmentConfig } from './environment/types';

/** Rolling deployments: never below the desired count, at most twice it while replacing tasks. */
export const DEPLOYMENT_MINIMUM_HEALTHY_PERCENT = 100;
export const DEPLOYMENT_MAXIMUM_PERCENT = 200;

/**
 * Connections of each database kept out of the services' pools: RDS's own (rdsadmin, 3 reserved
 * for superusers), migrations, the on-call engineer's psql and monitoring.
 */
export const RESERVED_DB_CONNECTIONS = 20;
/** Pool size past which more connections per task only add contention (Node.js: one event loop). */
const MAX_DB_POOL_SIZE = 10;

/** AWS name of a workload's ECS service: its catalogue key (unique within the cluster). */
export function ecsServiceName(workload: string): string {
  return workload;
}

/** Task definition family of a workload: `mycomputer-production-inventory`. */
export function taskFamily(env: Pick<EnvironmentConfig, 'name'>, workload: string): string {
  return `mycomputer-${env.name}-${workload}`;
}

/**
 * Where a workload's tasks run. Critical: on-demand FARGATE only (a Spot reclaim must never
 * cost a payment). Non-critical: the first `onDemandBaseNonCritical` tasks on FARGATE, the rest
 * split `spotPercentNonCritical` % FARGATE_SPOT / the remainder FARGATE. Zero-weight entries
 * without a base are left out.
 */
export function capacityStrategy(env: Pick<EnvironmentConfig, 'compute' | 'workloads'>, workload: string): CapacityProviderShare[] {
  const sizing = env.workloads[workload];
  if (!sizing) throw new Error(`capacityStrategy: no workload "${workload}" in the environment's workloads`);
  if (sizing.tier === 'critical') return [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }];
  const spot = env.compute.spotPercentNonCritical;
  const shares: CapacityProviderShare[] = [
    { capacityProvider: 'FARGATE', weight: 100 - spot, base: env.compute.onDemandBaseNonCritical },
    { capacityProvider: 'FARGATE_SPOT', weight: spot, base: 0 },
  ];
  return shares.filter((share) => share.weight > 0 || (share.base ?? 0) > 0);
}

/**
 * DB_POOL_SIZE of a workload's tasks: the database's max_connections, less the reserved ones,
 * shared by the most tasks that can ever run at once (maxCapacity, doubled during a rolling
 * deployment at DEPLOYMENT_MAXIMUM_PERCENT), capped at MAX_DB_POOL_SIZE. So the service can
 * never exhaust its database (the seed's "200 connections per service"); docs/capacity.md.
 */
export function dbPoolSize(env: Pick<EnvironmentConfig, 'database' | 'workloads'>, workload: string): number {
  const sizing = env.workloads[workload];
  if (!sizing) throw new Error(`dbPoolSize: no workload "${workload}" in the environment's workloads`);
  const peakTasks = Math.ceil((sizing.maxCapacity * DEPLOYMENT_MAXIMUM_PERCENT) / 100);
  const pool = Math.min(MAX_DB_POOL_SIZE, Math.floor((env.database.maxConnections - RESERVED_DB_CONNECTIONS) / peakTasks));
  if (pool < 1) {
    throw new Error(`dbPoolSize: workload "${workload}" can run ${peakTasks} tasks (maxCapacity ${sizing.maxCapacity} during a deployment), more than database.maxConnections ${env.database.maxConnections} less ${RESERVED_DB_CONNECTIONS} reserved allows`);
  }
  return pool;
}
