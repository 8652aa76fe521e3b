/**
 * Checks across all environments, which no single environment can make: a copied environment
 * (a folder renamed, `name:` changed) keeps the other's AWS names, identifiers and CIDR, and
 * would manage the same AWS resources from two folders.
 */
import { cidrsOverlap, parseCidr } from './cidr';
import { EnvironmentError, EnvironmentProblem } from './errors';
import { EnvironmentFile } from './types';

/** One value that must not repeat, where it is, and the pool of names it must be unique in. */
interface NamedValue {
  readonly pool: string;
  readonly why: string;
  readonly keyPath: string;
  readonly value: string;
}

const GLOBAL = 'globally unique in AWS';
const PER_ACCOUNT = 'unique per account and region in AWS, and each environment must name its own';

/**
 * The values of one environment file that name or identify its own AWS resources. Each `pool`
 * is a namespace of AWS names: an S3 bucket of one environment must not take the name of any
 * bucket of another. Per-account names are refused too, even across accounts: a copy that
 * kept them is a copy, not a new environment.
 */
function namedValues(env: EnvironmentFile): NamedValue[] {
  const entry = (pool: string, why: string, keyPath: string, value: string | undefined): NamedValue[] => (value ? [{ pool, why, keyPath, value }] : []);
  const each = (pool: string, why: string, keyPath: string, record: Readonly<Record<string, string>> | undefined) =>
    Object.entries(record ?? {}).flatMap(([key, value]) => entry(pool, why, `${keyPath}.${key}`, value));
  const { edge, storage, compute, network, database, cache } = env;
  return [
    ...each('S3 bucket', `S3 bucket names are ${GLOBAL}`, 'storage.buckets', storage.buckets as unknown as Record<string, string>),
    ...entry('DNS name', `hosted zone and record names are ${GLOBAL}`, 'edge.zoneName', edge.zoneName),
    ...entry('DNS name', `hosted zone and record names are ${GLOBAL}`, 'edge.apiHostName', edge.apiHostName),
    ...entry('namespace', 'each environment has its own Kubernetes namespace (Argo CD syncs every environment into one cluster)', 'namespace', env.namespace),
    ...entry('ECS cluster', `ECS cluster names are ${PER_ACCOUNT}`, 'compute.clusterName', compute.clusterName),
    ...entry('load balancer', `load balancer names are ${PER_ACCOUNT}`, 'edge.loadBalancerName', edge.loadBalancerName),
    ...entry('web ACL', `WAF web ACL names are ${PER_ACCOUNT}`, 'edge.webAclName', edge.webAclName),
    ...entry('file system', `EFS file system names are ${PER_ACCOUNT}`, 'storage.fileSystemName', storage.fileSystemName),
    // Identifiers AWS assigned to one environment's resources cannot belong to another's.
    ...entry('assigned', 'AWS assigned it to one environment\'s resource', 'network.assigned.vpcId', network.assigned.vpcId),
    ...Object.entries(edge.assigned)
      .filter((pair): pair is [string, string] => typeof pair[1] === 'string')
      .flatMap(([key, value]) => entry('assigned', 'AWS assigned it to one environment\'s resource', `edge.assigned.${key}`, value)),
    ...each('assigned', 'AWS assigned it to one environment\'s resource', 'database.assigned.endpoints', database.assigned.endpoints),
    ...each('assigned', 'AWS assigned it to one environment\'s resource', 'cache.assigned.primaryEndpoints', cache.assigned.primaryEndpoints),
  ];
}

/**
 * Refuses environments that share an AWS name, an assigned identifier or overlapping VPC CIDRs
 * (the simplest rule that keeps peering and a shared account possible), with one line per
 * clash naming both files and keys.
 * @param files environment name → its environment.yaml as messages show it
 */
export function checkAcrossEnvironments(envs: readonly EnvironmentFile[], files: Readonly<Record<string, string>>): void {
  const problems: EnvironmentProblem[] = [];
  const seen = new Map<string, { env: string; keyPath: string }>();
  for (const env of envs) {
    for (const { pool, why, keyPath, value } of namedValues(env)) {
      const key = `${pool}\u0000${value}`;
      const first = seen.get(key);
      if (first && first.env !== env.name) {
        problems.push({ keyPath: `${files[env.name]}: ${keyPath}`, expected: `"${value}" is also ${first.keyPath} of ${files[first.env]}; ${why}` });
      } else if (!first) {
        seen.set(key, { env: env.name, keyPath });
      }
    }
  }
  envs.forEach((env, index) => {
    const cidr = parseCidr(env.network.vpcCidr);
    for (const other of envs.slice(0, index)) {
      const otherCidr = parseCidr(other.network.vpcCidr);
      if (cidr && otherCidr && cidrsOverlap(cidr, otherCidr)) {
        problems.push({
          keyPath: `${files[env.name]}: network.vpcCidr`,
          expected: `${env.network.vpcCidr} overlaps network.vpcCidr ${other.network.vpcCidr} of ${files[other.name]}; environments' VPCs must not overlap, so that they can peer or share an account`,
        });
      }
    }
  });
  if (problems.length > 0) throw new EnvironmentClashError(problems);
}

/** Clashes between environment files: a header line, then one line per clash naming both files. */
export class EnvironmentClashError extends EnvironmentError {
  constructor(problems: readonly EnvironmentProblem[]) {
    super('environments', problems[0].keyPath, problems[0].expected, problems.slice(1));
    this.message = [`environments clash (${problems.length}): each environment must name and address its own AWS resources`, ...problems.map((p) => `  ${p.keyPath}: ${p.expected}`)].join('\n');
  }
}
