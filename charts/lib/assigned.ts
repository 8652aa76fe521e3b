/**
 * The one registry of values AWS assigns on creation that the environment files pin in their
 * `assigned` blocks (docs/edge.md, "Bootstrap"): for each key path, the ACK object whose status
 * carries the value (kind, name from `names`, as the charts name it) and where in its status.
 * `platform bind` reads the cluster through it; `platform diff` and `platform status` use it to
 * say which objects wait on which binding. The DR region's stack (charts/lib/dr-site.ts) binds
 * the same values of its own objects (`-dr`) into its own keys.
 */
import { Certificate } from '../../imports/acm-certificate-acm.services.k8s.aws';
import { Distribution } from '../../imports/cloudfront-distribution-cloudfront.services.k8s.aws';
import { HealthCheck } from '../../imports/route53-healthcheck-route53.services.k8s.aws';
import { Vpc } from '../../imports/ec2-vpc-ec2.services.k8s.aws';
import { ReplicationGroup } from '../../imports/elasticache-replicationgroup-elasticache.services.k8s.aws';
import { LoadBalancer } from '../../imports/elbv2-loadbalancer-elbv2.services.k8s.aws';
import { DbInstance } from '../../imports/rds-dbinstance-rds.services.k8s.aws';
import { WebAcl } from '../../imports/wafv2-webacl-wafv2.services.k8s.aws';
import { cacheWorkloads, databaseWorkloads } from './data-stores';
import { criticalDatabases } from './disaster-recovery';
import { elastiCacheRegionCode } from './environment/check-endpoints';
import { EnvironmentConfig } from './environment/types';
import { drName } from './dr-site';
import { names } from './names';

/** A pinned value: a string, or the validation record's name and value. */
export type AssignedValue = string | { readonly name: string; readonly value: string };

/** The ACK object a value is read from. */
export interface AssignedSource {
  readonly apiVersion: string;
  readonly kind: string;
  /** metadata.name, in the environment's namespace. */
  readonly name: string;
  /** Where in the object: `status.ackResourceMetadata.arn`. */
  readonly statusPath: string;
}

export interface Binding {
  /** Key path in environment.yaml: `['edge', 'assigned', 'certificateArn']`. */
  readonly path: readonly string[];
  readonly source: AssignedSource;
  /** The value to pin from the live object (undefined while its status does not have it). */
  read(object: unknown): AssignedValue | undefined;
  /**
   * A value of the right shape for this environment, never written: what the charts are given
   * to find which objects wait on this binding (tests check it passes the load checks).
   */
  readonly example: AssignedValue;
}

const ARN = 'status.ackResourceMetadata.arn';
const apiVersion = (gvk: { apiVersion: string }) => gvk.apiVersion;

/** Reads `status.nodeGroups[0].primaryEndpoint.address` out of an object; undefined on any gap. */
export function valueAt(object: unknown, dotted: string): unknown {
  let here: unknown = object;
  for (const part of dotted.split('.').flatMap((step) => step.split(/\[(\d+)\]/).filter((s) => s !== ''))) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

const text = (statusPath: string) => (object: unknown) => {
  const value = valueAt(object, statusPath);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** ACM's CNAME: its name and value (the record's type is always CNAME). */
const validationRecord = (statusPath: string) => (object: unknown) => {
  const record = valueAt(object, statusPath) as { name?: unknown; value?: unknown } | undefined;
  return typeof record?.name === 'string' && typeof record.value === 'string' && record.name && record.value ? { name: record.name, value: record.value } : undefined;
};

function binding(path: readonly string[], gvk: { apiVersion: string; kind: string }, name: string, statusPath: string, example: AssignedValue, read: Binding['read'] = text(statusPath)): Binding {
  return { path, source: { apiVersion: apiVersion(gvk), kind: gvk.kind, name, statusPath }, read, example };
}

/** Placeholder digits and id of the bindings' examples. */
const zero = (length: number) => '0'.repeat(length);
const uuid = '00000000-0000-4000-8000-000000000000';

/** Every value of `env` that an `assigned` block pins, in the order a bootstrap can bind them. */
export function bindingsOf(env: EnvironmentConfig): Binding[] {
  const { aws, edge } = env;
  const validation = 'status.domainValidations[0].resourceRecord';
  return [
    binding(['network', 'assigned', 'vpcId'], Vpc.GVK, names.vpc, 'status.vpcID', `vpc-${zero(17)}`),
    binding(['edge', 'assigned', 'certificateArn'], Certificate.GVK, names.certificate.regional, ARN, `arn:aws:acm:${aws.region}:${aws.accountId}:certificate/${uuid}`),
    binding(['edge', 'assigned', 'certificateValidation'], Certificate.GVK, names.certificate.regional, validation,
      { name: `_${zero(32)}.${edge.zoneName}.`, value: `_${zero(32)}.${zero(10)}.acm-validations.aws.` }, validationRecord(validation)),
    binding(['edge', 'assigned', 'loadBalancerArn'], LoadBalancer.GVK, names.loadBalancer, ARN,
      `arn:aws:elasticloadbalancing:${aws.region}:${aws.accountId}:loadbalancer/app/${edge.loadBalancerName}/${zero(16)}`),
    binding(['edge', 'assigned', 'loadBalancerDnsName'], LoadBalancer.GVK, names.loadBalancer, 'status.dnsName', `${edge.loadBalancerName}-${zero(10)}.${aws.region}.elb.amazonaws.com`),
    binding(['edge', 'assigned', 'webAclArn'], WebAcl.GVK, names.webAcl, ARN, `arn:aws:wafv2:us-east-1:${aws.accountId}:global/webacl/${edge.webAclName}/${uuid}`),
    binding(['edge', 'assigned', 'distributionDomainName'], Distribution.GVK, names.distribution, 'status.domainName', `d${zero(13)}.cloudfront.net`),
    ...drBindings(env),
    // The health checks exist once their origin's DNS name is pinned (dns chart); their ids are the alarms' dimension.
    ...healthCheckSides(env).map((side) => binding(['edge', 'assigned', 'healthCheckIds', side], HealthCheck.GVK, names.healthCheck(side), 'status.id', uuid)),
    ...databaseWorkloads(env).map(({ database }) => {
      const instance = names.dbInstance(database);
      return binding(['database', 'assigned', 'endpoints', instance], DbInstance.GVK, instance, 'status.endpoint.address', `${instance}.${zero(12)}.${aws.region}.rds.amazonaws.com`);
    }),
    ...cacheWorkloads(env).map((workload) => {
      const group = names.cache(workload);
      return binding(['cache', 'assigned', 'primaryEndpoints', workload], ReplicationGroup.GVK, group, 'status.nodeGroups[0].primaryEndpoint.address',
        `master.${group}.${zero(6)}.${elastiCacheRegionCode(aws.region)}.cache.amazonaws.com`);
    }),
  ];
}

/** The DR region's stack: its VPC (flow log), certificate (HTTPS listener) and load balancer (the weighted secondary). */
function drBindings(env: EnvironmentConfig): Binding[] {
  if (!env.disasterRecovery.enabled) return [];
  const { aws, edge } = env;
  return [
    binding(['disasterRecovery', 'network', 'assigned', 'vpcId'], Vpc.GVK, drName(names.vpc), 'status.vpcID', `vpc-${zero(17)}`),
    binding(['edge', 'assigned', 'drCertificateArn'], Certificate.GVK, drName(names.certificate.regional), ARN, `arn:aws:acm:${aws.drRegion}:${aws.accountId}:certificate/${uuid}`),
    binding(['edge', 'assigned', 'drLoadBalancerDnsName'], LoadBalancer.GVK, drName(names.loadBalancer), 'status.dnsName', `${drName(edge.loadBalancerName)}-${zero(10)}.${aws.drRegion}.elb.amazonaws.com`),
    ...criticalDatabases(env).map(({ database }) => {
      const replica = names.dr.dbInstance(database);
      return binding(['disasterRecovery', 'assigned', 'endpoints', replica], DbInstance.GVK, replica, 'status.endpoint.address', `${replica}.${zero(12)}.${aws.drRegion}.rds.amazonaws.com`);
    }),
  ];
}

/** The weighted origins that have a health check: the primary, and the secondary where DR runs. */
function healthCheckSides(env: EnvironmentConfig): ('primary' | 'secondary')[] {
  return env.disasterRecovery.enabled ? ['primary', 'secondary'] : ['primary'];
}

/** `edge.assigned.certificateArn`: how messages name a binding. */
export const keyOf = (binding: Pick<Binding, 'path'>) => binding.path.join('.');

/** The value pinned at a binding's path of a loaded environment (or of plain YAML data). */
export function pinnedValue(data: unknown, binding: Pick<Binding, 'path'>): AssignedValue | undefined {
  const value = valueAt(data, binding.path.join('.'));
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const { name, value: record } = value as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && typeof record === 'string') return { name, value: record };
  }
  return undefined;
}

export const sameValue = (a: AssignedValue | undefined, b: AssignedValue | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** Shows a value in one line. */
export const showValue = (value: AssignedValue) => (typeof value === 'string' ? value : `${value.name} CNAME ${value.value}`);
