import { EnvironmentError } from './errors';
import { Catalogue, EnvironmentFile } from './types';
import type { EnvironmentFiles } from './environment-check';

function fail(file: string, keyPath: string, expected: string): never {
  throw new EnvironmentError(file, keyPath, expected);
}

/**
 * What the schema cannot check about the edge: host names inside the zone, one default route,
 * and values pinned in `edge.assigned` that belong to this account, region and resource (a
 * value copied from the wrong environment is the mistake this catches).
 */
export function checkEdge(env: EnvironmentFile, catalogue: Catalogue, files: EnvironmentFiles): void {
  const file = files.environment;
  const { edge, aws } = env;
  if (!edge.apiHostName.endsWith(`.${edge.zoneName}`)) fail(file, 'edge.apiHostName', `expected a host name inside edge.zoneName ${edge.zoneName}, got "${edge.apiHostName}"`);
  const { type, countries } = edge.geoRestriction;
  if ((type === 'none') !== (countries.length === 0)) fail(file, 'edge.geoRestriction.countries', `expected countries exactly when type is not "none", got type ${type} with ${countries.length} countries`);
  if (edge.primaryWeight === 0) fail(file, 'edge.primaryWeight', 'expected more than 0: the primary region serves the traffic');
  checkRoutes(catalogue, files.catalogue);

  const assigned = edge.assigned;
  const at = (key: string) => `edge.assigned.${key}`;
  const expectArn = (key: string, value: string | undefined, prefix: string) => {
    if (value !== undefined && !value.startsWith(prefix)) fail(file, at(key), `expected an ARN starting "${prefix}" (this environment's account, region and name), got "${value}"`);
  };
  expectArn('certificateArn', assigned.certificateArn, `arn:aws:acm:${aws.region}:${aws.accountId}:certificate/`);
  expectArn('loadBalancerArn', assigned.loadBalancerArn, `arn:aws:elasticloadbalancing:${aws.region}:${aws.accountId}:loadbalancer/app/${edge.loadBalancerName}/`);
  expectArn('webAclArn', assigned.webAclArn, `arn:aws:wafv2:us-east-1:${aws.accountId}:global/webacl/${edge.webAclName}/`);
  if (assigned.loadBalancerDnsName !== undefined && !assigned.loadBalancerDnsName.endsWith(`.${aws.region}.elb.amazonaws.com`)) {
    fail(file, at('loadBalancerDnsName'), `expected a load balancer of ${aws.region}, got "${assigned.loadBalancerDnsName}"`);
  }
  if (assigned.certificateValidation !== undefined && !assigned.certificateValidation.name.endsWith(`.${edge.zoneName}.`)) {
    fail(file, at('certificateValidation.name'), `expected a name inside ${edge.zoneName}. (with the final dot), got "${assigned.certificateValidation.name}"`);
  }
  if (assigned.healthCheckIds?.secondary !== undefined && !env.disasterRecovery.enabled) {
    fail(file, at('healthCheckIds.secondary'), 'expected no secondary health check while disasterRecovery.enabled is false');
  }
  if (assigned.drCertificateArn !== undefined) {
    if (!env.disasterRecovery.enabled) fail(file, at('drCertificateArn'), 'expected no DR certificate while disasterRecovery.enabled is false');
    expectArn('drCertificateArn', assigned.drCertificateArn, `arn:aws:acm:${aws.drRegion}:${aws.accountId}:certificate/`);
  }
  if (assigned.drLoadBalancerDnsName !== undefined) {
    if (!env.disasterRecovery.enabled) fail(file, at('drLoadBalancerDnsName'), 'expected no DR endpoint while disasterRecovery.enabled is false');
    if (!assigned.drLoadBalancerDnsName.endsWith(`.${aws.drRegion}.elb.amazonaws.com`)) {
      fail(file, at('drLoadBalancerDnsName'), `expected a load balancer of aws.drRegion ${aws.drRegion}, got "${assigned.drLoadBalancerDnsName}"`);
    }
  }
}

/**
 * Exactly one workload takes `/` (the listener's default action), prefixes are distinct, and
 * every other workload declares a listener rule priority of its own.
 */
function checkRoutes(catalogue: Catalogue, file: string): void {
  const seen = new Map<string, string>();
  const priorities = new Map<number, string>();
  for (const [name, workload] of Object.entries(catalogue.workloads)) {
    const clash = seen.get(workload.pathPrefix);
    if (clash) fail(file, `workloads.${name}.pathPrefix`, `expected a prefix not used by workload "${clash}", got "${workload.pathPrefix}"`);
    seen.set(workload.pathPrefix, name);
    const { rulePriority } = workload;
    const at = `workloads.${name}.rulePriority`;
    if (workload.pathPrefix === '/') {
      if (rulePriority !== undefined) fail(file, at, 'expected no rule priority on the default route (pathPrefix "/" is the listener\'s default action)');
      continue;
    }
    if (rulePriority === undefined) fail(file, at, 'expected a listener rule priority 1-99 not used by another workload (it keeps this workload\'s rules in place when others change)');
    const taken = priorities.get(rulePriority);
    if (taken) fail(file, at, `expected a priority not used by workload "${taken}", got ${rulePriority}`);
    priorities.set(rulePriority, name);
  }
  if (!seen.has('/')) fail(file, 'workloads', 'expected one workload with pathPrefix "/" (the load balancer\'s default route)');
}
