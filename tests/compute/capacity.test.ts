import { describe, expect, it } from 'vitest';
import { RESERVED_DB_CONNECTIONS } from '../../charts/lib/compute';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv } from '../support/estate';

/**
 * The capacity plan of docs/capacity.md, checked against production's data. Change both together.
 * Peak: the seed's 10,000 requests/second, all assumed to reach the load balancer (no CDN hits).
 */
const PEAK_RPS = 10_000;
/** Requests/second one vCPU of a Node.js service serves at the 60% CPU target (docs/capacity.md). */
const RPS_PER_VCPU_AT_TARGET = 250;
/** Share of the peak each service receives. */
const SHARE: Record<string, number> = { inventory: 0.35, 'customer-base': 0.25, locations: 0.2, 'customer-base-frontend': 0.12, payments: 0.08 };
/** Max capacity must exceed the peak's need by this factor (error in the split, uneven load). */
const HEADROOM = 1.25;
const XRAY_CPU_UNITS = 32;

const perTaskRps = (cpu: number) => (RPS_PER_VCPU_AT_TARGET * (cpu - XRAY_CPU_UNITS)) / 1024;
const environmentOf = (env: string, workload: string) =>
  Object.fromEntries(
    (findObject(env, 'TaskDefinition', `task-definition-${workload}`).spec.containerDefinitions[0].environment as { name: string; value: string }[]).map((e) => [e.name, e.value]),
  );

describe('capacity planning: production carries the seed\'s peak of 10,000 requests/second', () => {
  const prod = loadEnv('production');

  it('the traffic split covers the whole peak and every workload', () => {
    expect(Object.keys(SHARE).sort()).toEqual(Object.keys(prod.catalogue.workloads).sort());
    expect(Object.values(SHARE).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('the plan\'s per-task throughput is measured at the scaling target (CPU 60%)', () => {
    expect(prod.compute.targetCpuPercent).toBe(60);
    expect(findObject('production', 'ScalingPolicy', 'scaling-policy-inventory-cpu').spec.targetTrackingScalingPolicyConfiguration.targetValue).toBe(60);
  });

  it.each([
    // workload, tasks needed at peak with headroom (ceil(1.25 × share × 10,000 / per-task rps))
    ['inventory', 19],
    ['customer-base', 13],
    ['customer-base-frontend', 13],
    ['payments', 3],
    ['locations', 11],
  ])('%s: needs %i tasks at peak with headroom; max capacity covers it', (workload, needed) => {
    const sizing = prod.workloads[workload];
    const required = Math.ceil((HEADROOM * SHARE[workload] * PEAK_RPS) / perTaskRps(sizing.cpu));
    expect(required).toBe(needed);
    expect(sizing.maxCapacity).toBeGreaterThanOrEqual(required);
    expect(findObject('production', 'ScalableTarget', `scalable-target-${workload}`).spec.maxCapacity).toBe(sizing.maxCapacity);
  });

  it('at max capacity and target CPU the services carry more than twice the peak in total', () => {
    const total = Object.keys(SHARE).reduce((sum, w) => sum + prod.workloads[w].maxCapacity * perTaskRps(prod.workloads[w].cpu), 0);
    expect(Math.floor(total)).toBe(24_921);
    expect(total).toBeGreaterThan(2 * PEAK_RPS);
  });
});

describe('database connections: 200 per service, never exhausted', () => {
  it('production\'s parameter group sets max_connections 200', () => {
    expect(loadEnv('production').database.maxConnections).toBe(200);
    const groups = kindsOf('production', 'DBParameterGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.spec.parameterOverrides.max_connections).toBe('200');
  });

  it('production pool sizes: 4 for the services scaling to 20 tasks, 6 for locations (15)', () => {
    expect(['inventory', 'customer-base', 'payments', 'locations'].map((w) => environmentOf('production', w).DB_POOL_SIZE)).toEqual(['4', '4', '4', '6']);
    expect(environmentOf('production', 'customer-base-frontend').DB_POOL_SIZE).toBeUndefined();
  });

  it.each(ENVIRONMENT_NAMES)('%s: every task at max capacity, doubled during a deployment, fits max_connections less the reserve', (env) => {
    const config = loadEnv(env);
    for (const [workload, definition] of Object.entries(config.catalogue.workloads)) {
      if (!definition.database) continue;
      const pool = Number(environmentOf(env, workload).DB_POOL_SIZE);
      const service = findObject(env, 'Service', `ecs-service-${workload}`).spec;
      const peakTasks = Math.ceil((config.workloads[workload].maxCapacity * service.deploymentConfiguration.maximumPercent) / 100);
      expect(pool, workload).toBeGreaterThanOrEqual(1);
      expect(peakTasks * pool + RESERVED_DB_CONNECTIONS, workload).toBeLessThanOrEqual(config.database.maxConnections);
    }
  });
});
