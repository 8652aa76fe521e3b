/**
 * The DR region's stack (docs/coverage/dr.md, "The DR region's stack"): the charts that build the
 * primary region's network, registry, logs, compute and edge build the secondary's too, from
 * the environment seen from aws.drRegion (`drSiteEnvironment`). Their objects are then moved
 * there (charts/lib/relocate.ts): named with DR_SUFFIX, annotated with the region.
 */
import { databaseWorkloads, dbSubnetGroupName } from './data-stores';
import { EnvironmentConfig, WorkloadSizing } from './environment/types';
import { names } from './names';

/** metadata.name suffix of an object in the DR region: `vpc` → `vpc-dr`. */
export const DR_SUFFIX = '-dr';

export const drName = (name: string): string => `${name}${DR_SUFFIX}`;

/**
 * Where the DR region's values live in environment.yaml, by the key the charts read in the
 * primary's view: a waiting object of the DR stack (the flow log's VPC, FLOW_LOG_WAITING_ANNOTATION)
 * names the key a bind fills.
 */
export const DR_DATA_PATHS: Readonly<Record<string, string>> = {
  'network.assigned.vpcId': 'disasterRecovery.network.assigned.vpcId',
};

/** AWS name of the DR region's DB subnet group: the primary's, with the region. */
export function drDbSubnetGroupName(env: Pick<EnvironmentConfig, 'name' | 'aws'>): string {
  return `${dbSubnetGroupName(env)}-${env.aws.drRegion}`;
}

/** True once `platform failover --to <drRegion>` has moved the traffic to the DR region. */
export function isFailedOver(env: Pick<EnvironmentConfig, 'aws' | 'disasterRecovery'>): boolean {
  return env.disasterRecovery.enabled && env.disasterRecovery.activeRegion === env.aws.drRegion;
}

/** The logs bucket of the DR region (S3 delivers ALB, flow and access logs in-region only). */
export function drLogsBucketName(env: Pick<EnvironmentConfig, 'aws' | 'storage'>): string {
  return `${env.storage.buckets.logs}-${env.aws.drRegion}`;
}

/**
 * Each workload's sizing in the DR region: `warmDesiredCount` tasks while passive (the
 * autoscaling floor too, so the standby stays warm and scales up under load), the primary's
 * full sizing once failed over.
 */
export function drWorkloadSizing(env: EnvironmentConfig): Readonly<Record<string, WorkloadSizing>> {
  if (isFailedOver(env)) return env.workloads;
  const warm = requireDrSite(env).warmDesiredCount;
  return Object.fromEntries(
    Object.entries(env.workloads).map(([workload, sizing]) => [workload, { ...sizing, desiredCount: warm[workload], minCapacity: warm[workload] }]),
  );
}

/**
 * The environment as the DR region's charts read it: that region and its zones, its network
 * (the primary's task ports), its logs bucket, the DR load balancer's name and certificate, and
 * the workloads at their DR sizing. Everything else (accounts, images, tags, catalogue) is the
 * environment's own.
 */
export function drSiteEnvironment(env: EnvironmentConfig): EnvironmentConfig {
  const site = requireDrSite(env);
  return {
    ...env,
    aws: { ...env.aws, region: env.aws.drRegion, availabilityZones: site.availabilityZones },
    network: { ...site.network, taskPortRange: env.network.taskPortRange, assigned: site.network.assigned ?? {} },
    storage: { ...env.storage, buckets: { ...env.storage.buckets, logs: drLogsBucketName(env) } },
    // DB_HOST in the DR region's private zone: each database's instance there (keyed by the
    // primary's name, as the zone's records are); no cache runs there (docs/coverage/dr.md).
    database: { ...env.database, assigned: { endpoints: drDatabaseEndpoints(env) } },
    cache: { ...env.cache, assigned: {} },
    workloads: drWorkloadSizing(env),
    edge: { ...env.edge, loadBalancerName: drName(env.edge.loadBalancerName), assigned: { certificateArn: env.edge.assigned.drCertificateArn } },
  };
}

/**
 * `<db>-db` → the pinned endpoint of its DR instance `<db>-db-dr`: a critical database's replica,
 * or a non-critical one restored there after a failover.
 */
function drDatabaseEndpoints(env: EnvironmentConfig): Record<string, string> {
  const pinned = env.disasterRecovery.assigned?.endpoints ?? {};
  return Object.fromEntries(
    databaseWorkloads(env).flatMap(({ database }) => {
      const endpoint = pinned[names.dr.dbInstance(database)];
      return endpoint === undefined ? [] : [[names.dbInstance(database), endpoint]];
    }),
  );
}

type DrSite = Required<Pick<EnvironmentConfig['disasterRecovery'], 'availabilityZones' | 'network' | 'warmDesiredCount'>>;

/** The DR section's stack data; the environment check makes it present wherever DR is enabled. */
function requireDrSite(env: Pick<EnvironmentConfig, 'name' | 'disasterRecovery'>): DrSite {
  const { enabled, availabilityZones, network, warmDesiredCount } = env.disasterRecovery;
  if (!enabled || !availabilityZones || !network || !warmDesiredCount) {
    throw new Error(`environments/${env.name}/environment.yaml: disasterRecovery needs enabled, availabilityZones, network and warmDesiredCount to build the DR region`);
  }
  return { availabilityZones, network, warmDesiredCount };
}
