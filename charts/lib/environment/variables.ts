/**
 * Names of the plain environment variables of a workload's container: which the compute charts
 * derive themselves (reserved), and which look like secrets (those come by ARN, through a
 * catalogue `secrets` entry, never as plain values).
 */

/** Variables the compute charts derive from data (workload-containers.ts); no file may set them. */
export const RESERVED_VARIABLES = {
  NODE_ENV: 'compute.nodeEnv',
  AWS_REGION: 'aws.region',
  LOG_LEVEL: 'compute.logLevel',
  PORT: 'the catalogue port',
  XRAY_SAMPLING_RATE: 'compute.tracingSamplingRate',
  AWS_XRAY_DAEMON_ADDRESS: 'the X-Ray daemon container',
  DB_HOST: 'the database private DNS name',
  DB_NAME: 'the catalogue database',
  DB_PORT: 'the PostgreSQL port',
  DB_POOL_SIZE: 'database.maxConnections and the workload sizing',
  REDIS_URL: 'the cache private DNS name',
} as const;

export type ReservedVariable = keyof typeof RESERVED_VARIABLES;

/** A plain variable with such a name would carry a secret value. */
export const SECRET_LIKE_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY/;

/** Why `name` cannot be a plain variable, or undefined when it can. */
export function variableNameProblem(name: string): string | undefined {
  if (Object.hasOwn(RESERVED_VARIABLES, name)) {
    return `reserved: the compute charts derive ${name} from ${RESERVED_VARIABLES[name as ReservedVariable]}; remove it`;
  }
  if (SECRET_LIKE_NAME.test(name)) {
    return `looks like a secret (${SECRET_LIKE_NAME.exec(name)![0]}): declare it under the workload's secrets (a Secrets Manager reference), not as a plain variable`;
  }
  return undefined;
}
