import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, loadEnv, Obj } from '../support/estate';

const CATALOGUE = loadEnv('production').catalogue.workloads;
const WORKLOADS = Object.keys(CATALOGUE).sort();
const PROD_ACCOUNT = '111111111111';
const PROD_SECRETS = `arn:aws:secretsmanager:eu-west-1:${PROD_ACCOUNT}:secret:mycomputer/production`;
const XRAY_IMAGE = 'public.ecr.aws/xray/aws-xray-daemon:3.6.0';
const LOG_GROUPS: Record<string, string> = Object.fromEntries(WORKLOADS.map((w) => [w, CATALOGUE[w].logGroup]));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const taskDefinition = (env: string, workload: string) => findObject(env, 'TaskDefinition', `task-definition-${workload}`);
type Container = { name: string; image: string; environment?: { name: string; value: string }[]; secrets?: { name: string; valueFrom: string }[]; [k: string]: unknown };
const containers = (td: Obj): Container[] => td.spec.containerDefinitions;
const app = (td: Obj, workload: string) => containers(td).find((c) => c.name === workload)!;
const xray = (td: Obj) => containers(td).find((c) => c.name === 'xray-daemon')!;
const environmentOf = (c: Container) => Object.fromEntries((c.environment ?? []).map((e) => [e.name, e.value]));
const secretsOf = (c: Container) => Object.fromEntries((c.secrets ?? []).map((s) => [s.name, s.valueFrom]));

/** The common variables of every production container (seed "Common Variables" + X-Ray). */
const COMMON = { NODE_ENV: 'production', AWS_REGION: 'eu-west-1', LOG_LEVEL: 'info', XRAY_SAMPLING_RATE: '0.1', AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000' };

describe('task definitions in production (the seed\'s ECS, Fargate and Environment Variables)', () => {
  it.each([
    ['inventory', '1024', '2048', 'mycomputer/inventory'],
    ['customer-base', '1024', '2048', 'mycomputer/customer-base-api'],
    ['customer-base-frontend', '512', '1024', 'mycomputer/customer-base-frontend'],
    ['payments', '2048', '4096', 'mycomputer/payments'],
    ['locations', '1024', '2048', 'mycomputer/locations'],
  ])('%s: Fargate, awsvpc, cpu %s / memory %s, image %s from ECR at the tag of versions.yaml, the foundation\'s roles', (workload, cpu, memory, repository) => {
    const tag = loadEnv('production').versions.images[workload];
    const td = taskDefinition('production', workload);
    expect(td.spec).toMatchObject({
      family: `mycomputer-production-${workload}`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu,
      memory,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      executionRoleARN: `arn:aws:iam::${PROD_ACCOUNT}:role/ecsTaskExecutionRole`,
      taskRoleRef: { from: { name: 'ecs-task-role' } },
    });
    expect(td.spec.taskRoleARN).toBeUndefined();
    expect(containers(td).map((c) => c.name)).toEqual([workload, 'xray-daemon']);
    expect(app(td, workload).image).toBe(`${PROD_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/${repository}:${tag}`);
    expect(app(td, workload).cpu).toBe(Number(cpu) - 32);
  });

  it('the catalogue holds the seed\'s ports and log groups (the one place they are typed)', () => {
    const seed = { inventory: [3001, '/ecs/inventory'], 'customer-base': [3002, '/ecs/customer-base'], payments: [3003, '/ecs/payments'], locations: [3004, '/ecs/locations'] };
    for (const [workload, [port, logGroup]] of Object.entries(seed)) expect([CATALOGUE[workload].port, CATALOGUE[workload].logGroup], workload).toEqual([port, logGroup]);
  });

  it.each(WORKLOADS.map((w) => [w, CATALOGUE[w].port, CATALOGUE[w].logGroup] as const))('%s: listens on %s, logs to %s with its name as stream prefix, health-checked', (workload, port, logGroup) => {
    const container = app(taskDefinition('production', workload), workload);
    const path = workload === 'customer-base-frontend' ? '/' : '/health';
    expect(container).toMatchObject({
      essential: true,
      portMappings: [{ containerPort: port, hostPort: port, protocol: 'tcp' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logGroup, 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': workload } },
      healthCheck: { interval: 30, timeout: 5, retries: 3, startPeriod: 60 },
    });
    expect(container.healthCheck).toEqual(expect.objectContaining({ command: ['CMD', 'node', '-e', expect.stringContaining(`http://127.0.0.1:${port}${path}'`)] }));
  });

  it('the environment variables of each service are exactly the seed\'s (DB_HOST by private DNS name, REDIS_URL over TLS)', () => {
    const db = (name: string, pool: string) => ({ DB_HOST: `${name}-db.mycomputer-production.internal`, DB_NAME: name, DB_PORT: '5432', DB_POOL_SIZE: pool });
    expect(environmentOf(app(taskDefinition('production', 'inventory'), 'inventory'))).toEqual({
      ...COMMON, PORT: '3001', ...db('inventory', '4'), REDIS_URL: 'rediss://inventory-cache.mycomputer-production.internal:6379',
    });
    expect(environmentOf(app(taskDefinition('production', 'customer-base'), 'customer-base'))).toEqual({ ...COMMON, PORT: '3002', ...db('customers', '4'), SESSION_TIMEOUT: '3600' });
    expect(environmentOf(app(taskDefinition('production', 'customer-base-frontend'), 'customer-base-frontend'))).toEqual({ ...COMMON, PORT: '3005' });
    expect(environmentOf(app(taskDefinition('production', 'payments'), 'payments'))).toEqual({ ...COMMON, PORT: '3003', ...db('payments', '4') });
    expect(environmentOf(app(taskDefinition('production', 'locations'), 'locations'))).toEqual({
      ...COMMON, PORT: '3004', ...db('locations', '6'), POSTGIS_ENABLED: 'true', MAX_SEARCH_RADIUS: '100',
    });
  });

  it('secrets (JWT key, Stripe keys, webhook secret, database credentials) come from Secrets Manager by ARN', () => {
    expect(secretsOf(app(taskDefinition('production', 'customer-base'), 'customer-base'))).toEqual({
      DB_CREDENTIALS: `${PROD_SECRETS}/database/customers`,
      JWT_SECRET: `${PROD_SECRETS}/jwt-signing-key`,
    });
    expect(secretsOf(app(taskDefinition('production', 'payments'), 'payments'))).toEqual({
      DB_CREDENTIALS: `${PROD_SECRETS}/database/payments`,
      STRIPE_SECRET_KEY: `${PROD_SECRETS}/stripe/secret-key`,
      WEBHOOK_ENDPOINT_SECRET: `${PROD_SECRETS}/stripe/webhook`,
    });
    expect(secretsOf(app(taskDefinition('production', 'inventory'), 'inventory'))).toEqual({ DB_CREDENTIALS: `${PROD_SECRETS}/database/inventory` });
    expect(secretsOf(app(taskDefinition('production', 'locations'), 'locations'))).toEqual({ DB_CREDENTIALS: `${PROD_SECRETS}/database/locations` });
    expect(app(taskDefinition('production', 'customer-base-frontend'), 'customer-base-frontend').secrets).toBeUndefined();
  });

  it.each(WORKLOADS)('%s: an X-Ray daemon sidecar, pinned, UDP 2000, not essential, with its own small share', (workload) => {
    expect(xray(taskDefinition('production', workload))).toEqual({
      name: 'xray-daemon',
      image: XRAY_IMAGE,
      essential: false,
      readonlyRootFilesystem: true,
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
      cpu: 32,
      memoryReservation: 256,
      portMappings: [{ containerPort: 2000, hostPort: 2000, protocol: 'udp' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': LOG_GROUPS[workload], 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': workload } },
    });
  });
});

describe('task definitions across environments (differences are data)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: image tags are the ones pinned in versions.yaml, in the environment\'s own account', (env) => {
    const config = loadEnv(env);
    for (const workload of WORKLOADS) {
      const repository = config.catalogue.workloads[workload].repository;
      expect(app(taskDefinition(env, workload), workload).image).toBe(`${config.aws.accountId}.dkr.ecr.eu-west-1.amazonaws.com/${repository}:${config.versions.images[workload]}`);
    }
  });

  it('staging and development run the image tags and sizes of their own files', () => {
    for (const env of ['staging', 'development']) {
      expect(app(taskDefinition(env, 'inventory'), 'inventory').image).toMatch(new RegExp(`/mycomputer/inventory:${escapeRegExp(loadEnv(env).versions.images.inventory)}$`));
    }
    expect([taskDefinition('staging', 'payments').spec.cpu, taskDefinition('staging', 'payments').spec.memory]).toEqual(['1024', '2048']);
    expect([taskDefinition('development', 'payments').spec.cpu, taskDefinition('development', 'payments').spec.memory]).toEqual(['512', '1024']);
    expect(taskDefinition('development', 'inventory').spec.family).toBe('mycomputer-development-inventory');
  });

  it('development traces every request and logs at debug; staging samples like production', () => {
    const env = (e: string) => environmentOf(app(taskDefinition(e, 'inventory'), 'inventory'));
    expect([env('development').XRAY_SAMPLING_RATE, env('development').LOG_LEVEL, env('development').NODE_ENV]).toEqual(['1', 'debug', 'development']);
    expect([env('staging').XRAY_SAMPLING_RATE, env('staging').LOG_LEVEL, env('staging').NODE_ENV]).toEqual(['0.1', 'info', 'production']);
    expect(env('staging').DB_HOST).toBe('inventory-db.mycomputer-staging.internal');
    expect(env('development').DB_POOL_SIZE).toBe('10');
  });

  it.each(ENVIRONMENT_NAMES)('%s: every task definition uses the cpu and memory of environment.yaml, within the seed\'s 512-2048 / 1024-4096', (env) => {
    const config = loadEnv(env);
    for (const workload of WORKLOADS) {
      const { cpu, memory } = taskDefinition(env, workload).spec;
      expect([Number(cpu), Number(memory)]).toEqual([config.workloads[workload].cpu, config.workloads[workload].memory]);
      expect(Number(cpu)).toBeGreaterThanOrEqual(512);
      expect(Number(cpu)).toBeLessThanOrEqual(2048);
      expect(Number(memory)).toBeGreaterThanOrEqual(1024);
      expect(Number(memory)).toBeLessThanOrEqual(4096);
    }
  });
});
