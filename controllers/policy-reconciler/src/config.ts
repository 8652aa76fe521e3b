/**
 * The reconciler's configuration, read from the environment once at start (main.ts) and checked
 * there: a bad value stops the process with one error naming every variable at fault, instead of
 * running with a silent fallback (`WORKERS=abc` used to start zero workers).
 */
import { ENVIRONMENT_LABEL } from '../../../policy/annotations';
import { labelSelectorProblem } from './label-selector';
import { Level, LEVELS } from './logger';
import { DEFAULT_WORKERS } from './controller';

export interface Config {
  /** Lease holder and Event reportingInstance: POD_NAME. @default the host name */
  readonly identity: string;
  /** POLICY_SELECTOR: the policies of one environment. Required. */
  readonly policySelector: string;
  /** HTTP_PORT. @default 8080 */
  readonly httpPort: number;
  /** HTTP_HOST. @default 0.0.0.0 */
  readonly httpHost?: string;
  /** LOG_LEVEL. @default info */
  readonly logLevel: Level;
  /** WORKERS. @default DEFAULT_WORKERS (controller.ts) */
  readonly workers: number;
  /** RESYNC_SECONDS, in ms. @default 600 s */
  readonly resyncMs: number;
  /** POD_NAMESPACE and LEASE_NAME; undefined when LEADER_ELECTION=false (tests, benchmark). */
  readonly leaderElection?: { readonly namespace: string; readonly name: string };
}

/** The selector for one environment's policies, as charts/estate/policy-reconciler-chart.ts sets it. */
export const selectorFor = (environment: string): string => `${ENVIRONMENT_LABEL}=${environment}`;

export class ConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

/** Parses and checks `env`; throws one ConfigError listing every problem. */
export function loadConfig(env: Env, hostname: string): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
    return value;
  };
  const selector = env.POLICY_SELECTOR ?? '';
  if (selector === '') problems.push(`POLICY_SELECTOR is not set: give the label selector of one environment's policies, e.g. ${selectorFor('production')}`);
  else {
    const problem = labelSelectorProblem(selector);
    if (problem) problems.push(`POLICY_SELECTOR="${selector}" is not a label selector: ${problem}`);
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!(LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" must be one of ${LEVELS.join(', ')}`);
  const election = env.LEADER_ELECTION || 'true';
  if (election !== 'true' && election !== 'false') problems.push(`LEADER_ELECTION="${election}" must be true or false`);
  const config: Config = {
    identity: env.POD_NAME || hostname,
    policySelector: selector,
    httpPort: integer('HTTP_PORT', 8080, 0, 65535),
    httpHost: env.HTTP_HOST || undefined,
    logLevel: logLevel as Level,
    workers: integer('WORKERS', DEFAULT_WORKERS, 1, 1000),
    resyncMs: integer('RESYNC_SECONDS', 600, 1, 7 * 24 * 3600) * 1000,
    leaderElection: election === 'false' ? undefined : { namespace: env.POD_NAMESPACE || 'default', name: env.LEASE_NAME || 'policy-reconciler' },
  };
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return config;
}
