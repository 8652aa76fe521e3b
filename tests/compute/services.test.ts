import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, Obj, readTags, synthesized } from '../support/estate';

/** The catalogue's workloads and their ports (the seed's ports are held by tests/compute/task-definitions.test.ts). */
const CATALOGUE = loadEnv('production').catalogue.workloads;
const WORKLOADS = Object.keys(CATALOGUE).sort();
const PORTS: Record<string, number> = Object.fromEntries(WORKLOADS.map((w) => [w, CATALOGUE[w].port]));
const service = (env: string, workload: string) => findObject(env, 'Service', `ecs-service-${workload}`);
const ON_DEMAND_ONLY = [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }];
const SPOT_60 = [
  { capacityProvider: 'FARGATE', weight: 40, base: 1 },
  { capacityProvider: 'FARGATE_SPOT', weight: 60, base: 0 },
];

describe('ECS cluster', () => {
  it('production: mycomputer-production, Container Insights on, FARGATE and FARGATE_SPOT, on-demand by default', () => {
    expect(findObject('production', 'Cluster', 'ecs-cluster').spec).toMatchObject({
      name: 'mycomputer-production',
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    });
    expect(readTags(findObject('production', 'Cluster', 'ecs-cluster'))).toMatchObject({ Application: 'platform', Team: 'platform' });
  });

  it.each(ENVIRONMENT_NAMES)('%s: one cluster, named mycomputer-<env>', (env) => {
    expect(kindsOf(env, 'Cluster', 'ecs.services.k8s.aws').map((c) => c.spec.name)).toEqual([`mycomputer-${env}`]);
  });
});

describe('ECS services in production', () => {
  it.each(WORKLOADS)('%s: in the cluster, running its task definition, private subnets, sg-ecs-tasks, no public IP', (workload) => {
    expect(service('production', workload).spec).toMatchObject({
      name: workload,
      clusterRef: { from: { name: 'ecs-cluster' } },
      taskDefinitionRef: { from: { name: `task-definition-${workload}` } },
      platformVersion: 'LATEST',
      networkConfiguration: {
        awsVPCConfiguration: {
          assignPublicIP: 'DISABLED',
          subnetRefs: ['a', 'b', 'c'].map((zone) => ({ from: { name: `subnet-private-${zone}` } })),
          securityGroupRefs: [{ from: { name: 'sg-ecs-tasks' } }],
        },
      },
    });
    expect(service('production', workload).spec.launchType).toBeUndefined();
  });

  it.each(WORKLOADS)('%s: registered with its target group on its container port', (workload) => {
    expect(service('production', workload).spec.loadBalancers).toEqual([
      { targetGroupRef: { from: { name: `tg-${workload}` } }, containerName: workload, containerPort: PORTS[workload] },
    ]);
  });

  it.each(WORKLOADS)('%s: rolling updates with zero downtime: 100%% healthy, up to 200%%, circuit breaker with rollback', (workload) => {
    expect(service('production', workload).spec).toMatchObject({
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
      healthCheckGracePeriodSeconds: 60,
      enableECSManagedTags: true,
      propagateTags: 'SERVICE',
      enableExecuteCommand: false,
    });
  });

  it('critical services (payments, customer-base) run on on-demand Fargate only; the others 60% on Spot, one task always on demand', () => {
    expect(service('production', 'payments').spec.capacityProviderStrategy).toEqual(ON_DEMAND_ONLY);
    expect(service('production', 'customer-base').spec.capacityProviderStrategy).toEqual(ON_DEMAND_ONLY);
    for (const workload of ['inventory', 'locations', 'customer-base-frontend']) {
      expect(service('production', workload).spec.capacityProviderStrategy, workload).toEqual(SPOT_60);
    }
  });

  it('desired counts are the environment\'s', () => {
    expect(WORKLOADS.map((w) => service('production', w).spec.desiredCount)).toEqual([4, 3, 4, 3, 4]);
  });

  it('each service carries the digest of its task definition, so a new revision rolls out', () => {
    const digests = WORKLOADS.map((w) => readTags(service('production', w)).TaskDefinitionDigest);
    for (const digest of digests) expect(digest).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(digests).size).toBe(WORKLOADS.length);
    // Different images (versions.yaml) make different revisions in staging.
    expect(readTags(service('staging', 'inventory')).TaskDefinitionDigest).not.toBe(readTags(service('production', 'inventory')).TaskDefinitionDigest);
  });
});

describe('ECS services across environments', () => {
  it('the Spot share and on-demand base are data: development runs non-critical services all on Spot, staging like production', () => {
    expect(service('development', 'inventory').spec.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 100, base: 0 }]);
    expect(service('staging', 'inventory').spec.capacityProviderStrategy).toEqual(SPOT_60);
    expect(service('development', 'payments').spec.capacityProviderStrategy).toEqual(ON_DEMAND_ONLY);
    expect(service('staging', 'customer-base').spec.capacityProviderStrategy).toEqual(ON_DEMAND_ONLY);
  });

  it.each(ENVIRONMENT_NAMES)('%s: which services are critical follows environment.yaml', (env) => {
    const config = loadEnv(env);
    for (const workload of WORKLOADS) {
      const providers = service(env, workload).spec.capacityProviderStrategy.map((s: { capacityProvider: string }) => s.capacityProvider);
      if (config.workloads[workload].tier === 'critical') expect(providers, workload).toEqual(['FARGATE']);
      else expect(providers, workload).toContain('FARGATE_SPOT');
    }
  });

  it('desired counts differ per environment', () => {
    expect(WORKLOADS.map((w) => service('staging', w).spec.desiredCount)).toEqual([2, 2, 2, 2, 2]);
    expect(WORKLOADS.map((w) => service('development', w).spec.desiredCount)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('autoscaling (the seed\'s capacity planning: CPU 60%, memory 70%)', () => {
  const PROD_BOUNDS: Record<string, [number, number]> = {
    'customer-base': [4, 20], 'customer-base-frontend': [3, 15], inventory: [4, 20], locations: [3, 15], payments: [4, 20],
  };

  it.each(WORKLOADS)('production %s: a scalable target on the service\'s desired count with the environment\'s bounds', (workload) => {
    expect(findObject('production', 'ScalableTarget', `scalable-target-${workload}`).spec).toEqual({
      serviceNamespace: 'ecs',
      resourceID: `service/mycomputer-production/${workload}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: PROD_BOUNDS[workload][0],
      maxCapacity: PROD_BOUNDS[workload][1],
    });
  });

  it.each(WORKLOADS)('production %s: target tracking on CPU at 60%% and memory at 70%%', (workload) => {
    const policy = (metric: string) => findObject('production', 'ScalingPolicy', `scaling-policy-${workload}-${metric}`).spec;
    const common = { policyType: 'TargetTrackingScaling', serviceNamespace: 'ecs', resourceID: `service/mycomputer-production/${workload}`, scalableDimension: 'ecs:service:DesiredCount' };
    expect(policy('cpu')).toEqual({
      ...common,
      policyName: `mycomputer-production-${workload}-cpu-target-tracking`,
      targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' }, targetValue: 60, scaleInCooldown: 300, scaleOutCooldown: 60, disableScaleIn: false },
    });
    expect(policy('memory')).toEqual({
      ...common,
      policyName: `mycomputer-production-${workload}-memory-target-tracking`,
      targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageMemoryUtilization' }, targetValue: 70, scaleInCooldown: 300, scaleOutCooldown: 60, disableScaleIn: false },
    });
  });

  it.each(ENVIRONMENT_NAMES)('%s: one scalable target and two policies per service, bounds from environment.yaml', (env) => {
    const config = loadEnv(env);
    const targets = kindsOf(env, 'ScalableTarget').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(targets.map((t) => [t.metadata.name, t.spec.minCapacity, t.spec.maxCapacity])).toEqual(
      WORKLOADS.map((w) => [`scalable-target-${w}`, config.workloads[w].minCapacity, config.workloads[w].maxCapacity]),
    );
    expect(kindsOf(env, 'ScalingPolicy')).toHaveLength(2 * WORKLOADS.length);
    expect(kindsOf(env, 'ScalableTarget').every((t) => t.spec.resourceID.startsWith(`service/mycomputer-${env}/`))).toBe(true);
  });

  it('staging and development scale within their own, smaller bounds', () => {
    expect(findObject('staging', 'ScalableTarget', 'scalable-target-payments').spec).toMatchObject({ minCapacity: 2, maxCapacity: 6 });
    expect(findObject('development', 'ScalableTarget', 'scalable-target-payments').spec).toMatchObject({ minCapacity: 1, maxCapacity: 2 });
  });
});

describe('ownership and recovery objectives on every workload object', () => {
  const OWNERS: Record<string, [string, string]> = {
    'customer-base': ['customer-base', 'backend'], 'customer-base-frontend': ['customer-base', 'frontend'],
    inventory: ['inventory', 'backend'], locations: ['locations', 'backend'], payments: ['payments', 'backend'],
  };
  const CRITICAL = ['customer-base', 'payments'];

  it.each(WORKLOADS)('production %s: owner labels, tier label, RPO/RTO annotations (critical 5/15, non-critical 30/60)', (workload) => {
    const owned = synthesized('production').filter((s) => s.file === `workload-${workload}.yaml`).map((s) => s.object as unknown as Obj);
    expect(owned.map((o) => o.kind).sort()).toEqual(['ScalableTarget', 'ScalingPolicy', 'ScalingPolicy', 'Service', 'TaskDefinition']);
    const [rpo, rto] = CRITICAL.includes(workload) ? ['5', '15'] : ['30', '60'];
    for (const object of owned) {
      expect(object.metadata.labels, `${object.kind} ${object.metadata.name}`).toMatchObject({
        'platform.mycomputer.com/application': OWNERS[workload][0],
        'platform.mycomputer.com/team': OWNERS[workload][1],
        'platform.mycomputer.com/tier': CRITICAL.includes(workload) ? 'critical' : 'non-critical',
      });
      expect(object.metadata.annotations, `${object.kind} ${object.metadata.name}`).toMatchObject({
        'platform.mycomputer.com/rpo-minutes': rpo,
        'platform.mycomputer.com/rto-minutes': rto,
      });
    }
    expect(readTags(service('production', workload))).toMatchObject({ Application: OWNERS[workload][0], Team: OWNERS[workload][1] });
  });
});
