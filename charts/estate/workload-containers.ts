/**
 * The two containers of every workload's task: the application, and the X-Ray daemon it sends
 * trace segments to (docs/coverage/compute.md, "X-Ray").
 */
import { ContainerProps } from '../constructs/ecs-task-definition';
import { repositoryImage, secretArn } from '../lib/arns';
import { dbPoolSize } from '../lib/compute';
import { cacheUrl, databaseHost, POSTGRES_PORT } from '../lib/endpoints';
import { EnvironmentConfig } from '../lib/environment/types';
import { ReservedVariable } from '../lib/environment/variables';

/** The X-Ray daemon, pinned (aws/aws-xray-daemon release 3.6.0; multi-arch image). */
const XRAY_DAEMON_IMAGE = 'public.ecr.aws/xray/aws-xray-daemon:3.6.0';
const XRAY_CONTAINER_NAME = 'xray-daemon';
/** The daemon's UDP (segments) and TCP (sampling proxy) port; tasks share localhost (awsvpc). */
const XRAY_DAEMON_PORT = 2000;
/** The daemon's share of the task, as AWS's ECS example gives it. */
export const XRAY_CPU_UNITS = 32;
const XRAY_MEMORY_RESERVATION_MIB = 256;

/** Image of a workload: its ECR repository in the environment's account, at the pinned tag. */
function workloadImage(env: EnvironmentConfig, workload: string): string {
  const definition = env.catalogue.workloads[workload];
  const tag = env.versions.images[workload];
  if (!tag) throw new Error(`workloadImage: no image tag for "${workload}" in environments/${env.name}/versions.yaml`);
  return repositoryImage(env, definition.repository, tag);
}

/**
 * Plain environment of a workload's application container: the seed's common and
 * service-specific variables, derived from data (only RESERVED_VARIABLES, which the environment
 * checks keep out of the files), then the catalogue's `variables`, then this environment's
 * `variables` of versions.yaml, which override the catalogue's.
 */
export function applicationEnvironment(env: EnvironmentConfig, workload: string): Record<string, string> {
  const definition = env.catalogue.workloads[workload];
  const derived: Partial<Record<ReservedVariable, string>> = {
    NODE_ENV: env.compute.nodeEnv,
    AWS_REGION: env.aws.region,
    LOG_LEVEL: env.compute.logLevel,
    PORT: String(definition.port),
    // The application's X-Ray SDK samples at this rate (a local sampling rule): ACK has no
    // X-Ray controller for a centralised sampling rule.
    XRAY_SAMPLING_RATE: String(env.compute.tracingSamplingRate),
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${XRAY_DAEMON_PORT}`,
  };
  if (definition.database) {
    Object.assign(derived, {
      DB_HOST: databaseHost(env, definition.database),
      DB_NAME: definition.database,
      DB_PORT: String(POSTGRES_PORT),
      DB_POOL_SIZE: String(dbPoolSize(env, workload)),
    });
  }
  if (definition.usesCache) derived.REDIS_URL = cacheUrl(env, workload);
  return { ...derived, ...definition.variables, ...env.versions.variables?.[workload] };
}

/** Secrets of a workload: variable name → ARN of its catalogue secret. */
function applicationSecrets(env: EnvironmentConfig, workload: string): Record<string, string> {
  const secrets = env.catalogue.workloads[workload].secrets;
  return Object.fromEntries(Object.entries(secrets).map(([name, key]) => [name, secretArn(env, key)]));
}

/** A health check that needs nothing but Node.js in the image (no curl or wget). */
function httpHealthCheckCommand(port: number, path: string): string[] {
  const script = `require('http').get('http://127.0.0.1:${port}${path}',r=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))`;
  return ['CMD', 'node', '-e', script];
}

/** The application gets the task's CPU less the daemon's share. */
export function applicationContainer(env: EnvironmentConfig, workload: string): ContainerProps {
  const definition = env.catalogue.workloads[workload];
  return {
    name: workload,
    image: workloadImage(env, workload),
    essential: true,
    cpu: env.workloads[workload].cpu - XRAY_CPU_UNITS,
    portMappings: [{ containerPort: definition.port, protocol: 'tcp' }],
    environment: applicationEnvironment(env, workload),
    secrets: applicationSecrets(env, workload),
    logs: { logGroupName: definition.logGroup, region: env.aws.region, streamPrefix: workload },
    healthCheck: { command: httpHealthCheckCommand(definition.port, definition.healthCheckPath) },
  };
}

/** Not essential: losing the daemon loses traces, never requests. */
export function xrayDaemonContainer(env: EnvironmentConfig, workload: string): ContainerProps {
  return {
    name: XRAY_CONTAINER_NAME,
    image: XRAY_DAEMON_IMAGE,
    essential: false,
    cpu: XRAY_CPU_UNITS,
    memoryReservation: XRAY_MEMORY_RESERVATION_MIB,
    portMappings: [{ containerPort: XRAY_DAEMON_PORT, protocol: 'udp' }],
    logs: { logGroupName: env.catalogue.workloads[workload].logGroup, region: env.aws.region, streamPrefix: workload },
  };
}
