/**
 * Facts of the edge derived from environment data, shared by the load balancer, DNS, CDN and
 * alarm charts (docs/edge.md).
 */
import { EnvironmentConfig } from './environment/types';

/**
 * Route 53 hosted zone of Application Load Balancers per region, for alias records (AWS
 * General Reference, "Elastic Load Balancing endpoints and quotas"). Published constants.
 */
const ALB_HOSTED_ZONE_IDS: Readonly<Record<string, string>> = {
  'eu-central-1': 'Z215JYRZR1TBD5',
  'eu-north-1': 'Z23TAZ6LKFMNIO',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-west-2': 'ZHURV8PSTC4K8',
  'eu-west-3': 'Z3Q77PNBQS71R4',
  'us-east-1': 'Z35SXDOTRQ7X7K',
};

/** Hosted zone of every CloudFront distribution, for alias records. */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

export function albHostedZoneId(region: string): string {
  const id = ALB_HOSTED_ZONE_IDS[region];
  if (!id) throw new Error(`albHostedZoneId: no ALB hosted zone known for region "${region}" (add it to charts/lib/edge.ts from the AWS General Reference)`);
  return id;
}

/** A workload the load balancer routes to, with its path prefix and host name. */
export interface Route {
  readonly workload: string;
  /** `/inventory`; `/` for the default route. */
  readonly pathPrefix: string;
  /** `inventory.mycomputer.com` (from the path prefix); undefined for the default route. */
  readonly host?: string;
  /** The workload's declared `rulePriority` (checked present and unique by check-edge). */
  readonly priority: number;
}

/** The API routes (every workload but the default), sorted by workload name. */
export function apiRoutes(env: Pick<EnvironmentConfig, 'catalogue' | 'edge'>): Route[] {
  return Object.keys(env.catalogue.workloads)
    .sort()
    .filter((workload) => env.catalogue.workloads[workload].pathPrefix !== '/')
    .map((workload) => {
      const { pathPrefix, rulePriority } = env.catalogue.workloads[workload];
      if (rulePriority === undefined) throw new Error(`apiRoutes: workload "${workload}" has no rulePriority in environments/catalogue.yaml`);
      return { workload, pathPrefix, host: `${pathPrefix.slice(1)}.${env.edge.zoneName}`, priority: rulePriority };
    });
}

/** The workload behind `/`: the listener's default action (checked unique by check-edge). */
export function defaultWorkload(env: Pick<EnvironmentConfig, 'catalogue'>): string {
  const found = Object.entries(env.catalogue.workloads).find(([, workload]) => workload.pathPrefix === '/');
  if (!found) throw new Error('defaultWorkload: no workload with pathPrefix "/" in environments/catalogue.yaml');
  return found[0];
}

/** Every public host name CloudFront answers for: the zone apex, the API host, one per API route. */
export function publicHosts(env: Pick<EnvironmentConfig, 'catalogue' | 'edge'>): string[] {
  return [env.edge.zoneName, env.edge.apiHostName, ...apiRoutes(env).map((route) => route.host!)];
}

/** Host name CloudFront fetches from: the weighted origin record in front of the load balancers. */
export function originHost(env: Pick<EnvironmentConfig, 'edge'>): string {
  return `origin.${env.edge.zoneName}`;
}

/**
 * The name ACK's RecordSet takes: relative to the hosted zone (the controller appends the
 * zone's domain), undefined for the apex.
 */
export function relativeName(host: string, zone: string): string | undefined {
  const bare = host.replace(/\.$/, '');
  if (bare === zone) return undefined;
  if (!bare.endsWith(`.${zone}`)) throw new Error(`relativeName: "${host}" is not inside the zone ${zone}`);
  return bare.slice(0, -(zone.length + 1));
}

/** `arn:...:loadbalancer/app/mycomputer-alb/50dc6c495c0c9188` → `app/mycomputer-alb/50dc6c495c0c9188` (CloudWatch's LoadBalancer dimension). */
export function loadBalancerArnSuffix(arn: string): string {
  const match = /:loadbalancer\/(app\/[^/]+\/[0-9a-f]+)$/.exec(arn);
  if (!match) throw new Error(`loadBalancerArnSuffix: expected an Application Load Balancer ARN, got "${arn}"`);
  return match[1];
}
