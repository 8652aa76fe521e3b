import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { EcsCluster } from '../../charts/constructs/ecs-cluster';
import { EcsService, EcsServiceProps } from '../../charts/constructs/ecs-service';
import { ContainerProps, EcsTaskDefinition, EcsTaskDefinitionProps } from '../../charts/constructs/ecs-task-definition';
import { ScalableTarget } from '../../charts/constructs/scalable-target';
import { TargetTrackingPolicy } from '../../charts/constructs/scaling-policy';
import { capacityStrategy, dbPoolSize } from '../../charts/lib/compute';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { recoveryMetadata } from '../../charts/lib/recovery';
import { applicationEnvironment } from '../../charts/estate/workload-containers';
import { WorkloadChart } from '../../charts/estate/workload-chart';
import { RESERVED_VARIABLES } from '../../charts/lib/environment/variables';
import { ENVIRONMENT_NAMES, loadEnv } from '../support/estate';

const chart = () => new Chart(Testing.app(), 'test');
const LOGS = { logGroupName: '/ecs/test', region: 'eu-west-1', streamPrefix: 'test' };
const APP: ContainerProps = { name: 'app', image: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/mycomputer/test:1.0.0', logs: LOGS };
const TASK: EcsTaskDefinitionProps = {
  name: 'td',
  family: 'mycomputer-test-app',
  cpu: 512,
  memory: 1024,
  executionRoleArn: 'arn:aws:iam::111111111111:role/ecsTaskExecutionRole',
  taskRoleName: 'ecs-task-role',
  containers: [APP],
};
const SERVICE: EcsServiceProps = {
  name: 'svc',
  serviceName: 'app',
  clusterName: 'ecs-cluster',
  taskDefinitionName: 'td',
  desiredCount: 2,
  capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
  subnetNames: ['subnet-private-a'],
  securityGroupNames: ['sg-ecs-tasks'],
};
const taskDefinition = (props: Partial<EcsTaskDefinitionProps>) => () => new EcsTaskDefinition(chart(), 'td', { ...TASK, ...props });
const withApp = (props: Partial<ContainerProps>) => taskDefinition({ containers: [{ ...APP, ...props }] });

describe('EcsTaskDefinition refuses', () => {
  it('a plain environment variable that looks like a secret', () => {
    expect(withApp({ environment: { STRIPE_SECRET_KEY: 'x' } })).toThrow('EcsTaskDefinition td container app: environment variable STRIPE_SECRET_KEY looks like a secret; pass it in secrets (by ARN)');
    expect(withApp({ environment: { DB_PASSWORD: 'x' } })).toThrow(/DB_PASSWORD looks like a secret/);
  });

  it('a secret that is not a Secrets Manager or SSM ARN (a value)', () => {
    expect(withApp({ secrets: { JWT_SECRET: 'hunter2' } })).toThrow('EcsTaskDefinition td container app: secret JWT_SECRET must come from a Secrets Manager or SSM ARN, got "hunter2"');
  });

  it('an image without a pinned tag, or at latest', () => {
    expect(withApp({ image: 'public.ecr.aws/xray/aws-xray-daemon' })).toThrow(/image must be pinned/);
    expect(withApp({ image: 'public.ecr.aws/xray/aws-xray-daemon:latest' })).toThrow(/image must be pinned/);
  });

  it('a size Fargate does not offer', () => {
    expect(taskDefinition({ cpu: 768 })).toThrow('EcsTaskDefinition td: cpu must be a Fargate size (256, 512, 1024, 2048, 4096), got 768');
    expect(taskDefinition({ cpu: 1024, memory: 1024 })).toThrow('EcsTaskDefinition td: memory 1024 MiB is not a Fargate size for cpu 1024');
  });

  it('containers reserving more than the task, twice the same name, or no essential one', () => {
    expect(withApp({ cpu: 600 })).toThrow('EcsTaskDefinition td: containers reserve 600 CPU units, more than the task\'s 512');
    expect(taskDefinition({ containers: [APP, APP] })).toThrow(/container names must be unique/);
    expect(withApp({ essential: false })).toThrow(/at least one container must be essential/);
  });

  it('an execution role that is not a role ARN', () => {
    expect(taskDefinition({ executionRoleArn: 'ecsTaskExecutionRole' })).toThrow(/executionRoleArn must be an IAM role ARN/);
  });
});

describe('EcsService, ScalableTarget, TargetTrackingPolicy, EcsCluster refuse', () => {
  const service = (props: Partial<EcsServiceProps>) => () => new EcsService(chart(), 'svc', { ...SERVICE, ...props });

  it('a deployment that cannot start new tasks before stopping old ones, or may drop below the floor', () => {
    expect(service({ maximumPercent: 100 })).toThrow('EcsService svc: maximumPercent must be 101-200, got 100');
    expect(service({ minimumHealthyPercent: 120 })).toThrow('EcsService svc: minimumHealthyPercent must be 0-100, got 120');
  });

  it('a strategy with two bases, no positive weight, or a provider twice', () => {
    expect(service({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 1 }] })).toThrow(/only one capacity provider may have a base/);
    expect(service({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 0, base: 1 }] })).toThrow(/at least one capacity provider needs a weight above 0/);
    expect(service({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'FARGATE', weight: 1 }] })).toThrow(/each capacity provider may appear once/);
  });

  it('a service without subnets or security groups', () => {
    expect(service({ subnetNames: [] })).toThrow('EcsService svc: subnetNames must not be empty');
    expect(service({ securityGroupNames: [] })).toThrow('EcsService svc: securityGroupNames must not be empty');
  });

  it('bounds upside down and a target outside 0-100%', () => {
    expect(() => new ScalableTarget(chart(), 't', { name: 't', resourceId: 'service/c/s', minCapacity: 4, maxCapacity: 2 })).toThrow('ScalableTarget t: maxCapacity must be an integer of at least minCapacity (4), got 2');
    const target = { resourceId: 'service/c/s', serviceNamespace: 'ecs', scalableDimension: 'ecs:service:DesiredCount' };
    expect(() => new TargetTrackingPolicy(chart(), 'p', { name: 'p', policyName: 'p', target, predefinedMetricType: 'ECSServiceAverageCPUUtilization', targetValue: 0 })).toThrow(/targetValue must be above 0 and at most 100/);
  });

  it('a cluster name AWS would refuse', () => {
    expect(() => new EcsCluster(chart(), 'c', { name: 'c', clusterName: 'my cluster' })).toThrow('EcsCluster c: clusterName must be 1-255 of [A-Za-z0-9_-], got "my cluster"');
  });

  it('default: Container Insights on, everything on on-demand FARGATE', () => {
    const c = chart();
    new EcsCluster(c, 'c', { name: 'c', clusterName: 'x' });
    expect(Testing.synth(c)[0].spec).toEqual({
      name: 'x',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    });
  });
});

describe('compute rules derived from data', () => {
  const prod = loadEnv('production');
  const withCompute = (compute: Partial<EnvironmentConfig['compute']>): EnvironmentConfig => ({ ...prod, compute: { ...prod.compute, ...compute } });

  it('no Spot at 0%: non-critical tasks all on demand, the base kept', () => {
    expect(capacityStrategy(withCompute({ spotPercentNonCritical: 0 }), 'inventory')).toEqual([{ capacityProvider: 'FARGATE', weight: 100, base: 1 }]);
  });

  it('a critical workload never gets Spot, whatever the Spot share', () => {
    expect(capacityStrategy(withCompute({ spotPercentNonCritical: 100, onDemandBaseNonCritical: 0 }), 'payments')).toEqual([{ capacityProvider: 'FARGATE', weight: 1, base: 0 }]);
  });

  it('dbPoolSize refuses a max capacity the database cannot serve even one connection per task', () => {
    const big: EnvironmentConfig = { ...prod, workloads: { ...prod.workloads, inventory: { ...prod.workloads.inventory, maxCapacity: 100 } } };
    expect(() => dbPoolSize(big, 'inventory')).toThrow('dbPoolSize: workload "inventory" can run 200 tasks (maxCapacity 100 during a deployment), more than database.maxConnections 200 less 20 reserved allows');
  });

  it('every variable the charts derive is reserved, so that the environment checks keep it out of the files', () => {
    // GIVEN every workload, with no variables of its own
    for (const name of ENVIRONMENT_NAMES) {
      const env = loadEnv(name);
      const bare: EnvironmentConfig = {
        ...env,
        versions: { images: env.versions.images },
        catalogue: { ...env.catalogue, workloads: Object.fromEntries(Object.entries(env.catalogue.workloads).map(([w, d]) => [w, { ...d, variables: {} }])) },
      };
      for (const workload of Object.keys(bare.catalogue.workloads)) {
        // THEN what the charts give it is all reserved (a derived name missing from the list could be overridden silently)
        expect(Object.keys(applicationEnvironment(bare, workload)).filter((v) => !Object.hasOwn(RESERVED_VARIABLES, v))).toEqual([]);
      }
    }
  });

  it('recoveryMetadata names an unknown workload', () => {
    expect(() => recoveryMetadata(prod, 'nope')).toThrow(/no workload "nope"/);
  });
});

describe('rolling out a new image', () => {
  const serviceDigest = (env: EnvironmentConfig) => {
    const objects = Testing.synth(new WorkloadChart(new App(), 'workload-inventory', { env, workload: 'inventory' }));
    const service = objects.find((o) => o.kind === 'Service')!;
    return (service.spec.tags as { key: string; value: string }[]).find((t) => t.key === 'TaskDefinitionDigest')!.value;
  };

  it('GIVEN a new image tag WHEN synthesized THEN the service\'s spec changes with the task definition (ACK updates the service)', () => {
    const prod = loadEnv('production');
    const promoted: EnvironmentConfig = { ...prod, versions: { images: { ...prod.versions.images, inventory: `${prod.versions.images.inventory}-next` } } };
    expect(serviceDigest(promoted)).not.toBe(serviceDigest(prod));
    expect(serviceDigest(loadEnv('production'))).toBe(serviceDigest(prod));
  });
});
