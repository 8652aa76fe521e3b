import { Construct } from 'constructs';
import { HealthCheck } from '../constructs/health-check';
import { HostedZone } from '../constructs/hosted-zone';
import { RecordSet } from '../constructs/record-set';
import { isFailedOver } from '../lib/dr-site';
import { albHostedZoneId, apiRoutes, CLOUDFRONT_HOSTED_ZONE_ID, defaultWorkload, originHost, relativeName } from '../lib/edge';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';

/** Mail exchangers change rarely; resolvers may cache them for an hour. */
const MX_TTL_SECONDS = 3600;

/**
 * The seed's Route 53 zone: the public names alias CloudFront, the services are CNAMEs of the
 * API host, and CloudFront's origin name is weighted between the primary region's load balancer
 * and the DR region's, each behind a health check, so that a failing primary drops out of the
 * answers (docs/edge.md). Records needing a value AWS assigned wait until it is pinned.
 */
export class DnsChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const env = this.env;
    const { edge, aws } = env;
    const assigned = edge.assigned;
    const zone = edge.zoneName;
    const record = (name: string, rest: Omit<ConstructorParameters<typeof RecordSet>[2], 'name' | 'hostedZoneName'>) =>
      new RecordSet(this, name, { name, hostedZoneName: names.hostedZone, ...rest });

    new HostedZone(this, names.hostedZone, { name: names.hostedZone, zoneName: zone, comment: `MyComputer ${env.name}: public names of the estate` });

    // Public names → CloudFront (WAF in front of the load balancer).
    if (assigned.distributionDomainName !== undefined) {
      const cloudFront = { dnsName: assigned.distributionDomainName, hostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID, evaluateTargetHealth: false };
      record('record-apex', { recordType: 'A', aliasTarget: cloudFront });
      record('record-api', { recordName: relativeName(edge.apiHostName, zone), recordType: 'A', aliasTarget: cloudFront });
    }
    for (const route of apiRoutes(env)) {
      record(`record-${route.workload}`, { recordName: relativeName(route.host!, zone), recordType: 'CNAME', values: [edge.apiHostName] });
    }

    // Origin → the regions' load balancers, weighted, each behind its health check.
    const healthPath = env.catalogue.workloads[defaultWorkload(env)].healthCheckPath;
    const origin = relativeName(originHost(env), zone);
    // After a failover the DR region takes the primary's weight and the primary none: its
    // databases are no longer the primaries, a request served there would write to a stale copy.
    const failedOver = isFailedOver(env);
    const regions: { setIdentifier: 'primary' | 'secondary'; weight: number; dnsName?: string; region: string }[] = [
      { setIdentifier: 'primary', weight: failedOver ? 0 : edge.primaryWeight, dnsName: assigned.loadBalancerDnsName, region: aws.region },
    ];
    if (env.disasterRecovery.enabled) {
      regions.push({ setIdentifier: 'secondary', weight: failedOver ? edge.primaryWeight : edge.secondaryWeight, dnsName: assigned.drLoadBalancerDnsName, region: aws.drRegion });
    }
    for (const { setIdentifier, weight, dnsName, region } of regions) {
      if (dnsName === undefined) continue;
      const healthCheck = new HealthCheck(this, names.healthCheck(setIdentifier), {
        name: names.healthCheck(setIdentifier),
        fullyQualifiedDomainName: dnsName,
        resourcePath: healthPath,
        requestIntervalSeconds: edge.healthCheckIntervalSeconds,
        nameTag: `${edge.loadBalancerName}-${setIdentifier}`,
      });
      record(`record-origin-${setIdentifier}`, {
        recordName: origin,
        recordType: 'A',
        aliasTarget: { dnsName, hostedZoneId: albHostedZoneId(region), evaluateTargetHealth: true },
        weighted: { setIdentifier, weight, healthCheckName: healthCheck.name },
      });
    }

    record('record-mx', { recordType: 'MX', values: edge.mailExchangers, ttl: MX_TTL_SECONDS });

    // The CNAME that proves to ACM we own the zone; one record validates both certificates.
    if (assigned.certificateValidation !== undefined) {
      record('record-certificate-validation', {
        recordName: relativeName(assigned.certificateValidation.name, zone),
        recordType: 'CNAME',
        values: [assigned.certificateValidation.value],
      });
    }
  }
}
