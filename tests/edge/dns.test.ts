import { describe, expect, it } from 'vitest';
import { findObject, kindsOf, loadEnv, Obj, synthesized } from '../support/estate';

const ENV = 'production';
const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';
const ALB_ZONE_EU_WEST_1 = 'Z32O12XQLNTSW2';
const ALB_ZONE_EU_CENTRAL_1 = 'Z215JYRZR1TBD5';

/** Record sets of the dns chart (the private zone's are tests/edge/private-dns.test.ts's). */
const publicRecords = (env: string): Obj[] =>
  synthesized(env).filter((s) => s.file === 'dns.yaml' && s.object.kind === 'RecordSet').map((s) => s.object as unknown as Obj);

/** Records as `<type> <name relative to the zone, @ for the apex>[/<set identifier>]` → what they answer. */
function records(env: string): Record<string, unknown> {
  return Object.fromEntries(
    publicRecords(env).map((record) => {
      const s = record.spec;
      const key = `${s.recordType} ${s.name ?? '@'}${s.setIdentifier ? `/${s.setIdentifier}` : ''}`;
      const answer = s.aliasTarget ? `alias ${s.aliasTarget.dnsName} (${s.aliasTarget.hostedZoneID})` : s.resourceRecords.map((r: { value: string }) => r.value).join(', ');
      return [key, answer];
    }),
  );
}

describe('Route 53 (production)', () => {
  const assigned = loadEnv(ENV).edge.assigned;

  it('hosts the public zone mycomputer.com', () => {
    const zone = findObject(ENV, 'HostedZone', 'hosted-zone');
    expect(zone.spec.name).toBe('mycomputer.com');
    expect(zone.spec.hostedZoneConfig.privateZone).toBe(false);
    // every record lives in it (ACK appends the zone's domain to each relative name)
    expect(publicRecords(ENV).every((record) => record.spec.hostedZoneRef.from.name === 'hosted-zone')).toBe(true);
  });

  it('has A alias records for the public names and the load balancers, CNAMEs for the services, MX for mail', () => {
    expect(records(ENV)).toEqual({
      'A @': `alias ${assigned.distributionDomainName} (${CLOUDFRONT_ZONE})`,
      'A api': `alias ${assigned.distributionDomainName} (${CLOUDFRONT_ZONE})`,
      'A origin/primary': `alias mycomputer-alb-0000000001.eu-west-1.elb.amazonaws.com (${ALB_ZONE_EU_WEST_1})`,
      'A origin/secondary': `alias mycomputer-alb-dr-0000000001.eu-central-1.elb.amazonaws.com (${ALB_ZONE_EU_CENTRAL_1})`,
      'CNAME customers': 'api.mycomputer.com',
      'CNAME inventory': 'api.mycomputer.com',
      'CNAME locations': 'api.mycomputer.com',
      'CNAME payments': 'api.mycomputer.com',
      'CNAME _00000000000000000000000000000a10': assigned.certificateValidation!.value,
      'MX @': '10 inbound-smtp.eu-west-1.amazonaws.com.',
    });
  });

  it('weights the origin 90 primary / 10 secondary, each record behind its own health check', () => {
    const primary = findObject(ENV, 'RecordSet', 'record-origin-primary').spec;
    const secondary = findObject(ENV, 'RecordSet', 'record-origin-secondary').spec;
    expect([primary.weight, secondary.weight]).toEqual([90, 10]);
    expect([primary.setIdentifier, secondary.setIdentifier]).toEqual(['primary', 'secondary']);
    expect(primary.healthCheckRef).toEqual({ from: { name: 'health-check-primary' } });
    expect(secondary.healthCheckRef).toEqual({ from: { name: 'health-check-secondary' } });
    // an ALB alias also drops out when the load balancer has no healthy target
    expect([primary.aliasTarget.evaluateTargetHealth, secondary.aliasTarget.evaluateTargetHealth]).toEqual([true, true]);
    expect(primary.aliasTarget.dnsName).toBe(assigned.loadBalancerDnsName);
    expect(secondary.aliasTarget.dnsName).toBe(assigned.drLoadBalancerDnsName);
  });

  it('checks each region every 30 seconds over HTTPS, unhealthy after 3 failures', () => {
    const checks = Object.fromEntries(kindsOf(ENV, 'HealthCheck').map((check) => [check.metadata.name, check.spec.healthCheckConfig]));
    const common = { type: 'HTTPS', port: 443, enableSNI: true, requestInterval: 30, failureThreshold: 3, resourcePath: '/' };
    expect(checks).toEqual({
      'health-check-primary': { ...common, fullyQualifiedDomainName: assigned.loadBalancerDnsName },
      'health-check-secondary': { ...common, fullyQualifiedDomainName: assigned.drLoadBalancerDnsName },
    });
    // the path checked is the health path of the listener's default route (the front end)
    expect(loadEnv(ENV).catalogue.workloads['customer-base-frontend'].healthCheckPath).toBe('/');
  });

  it('keeps simple records simple: no weight, set identifier or health check outside the origin', () => {
    for (const record of kindsOf(ENV, 'RecordSet').filter((r) => r.spec.name !== 'origin')) {
      expect([record.metadata.name, record.spec.weight, record.spec.setIdentifier, record.spec.healthCheckRef]).toEqual([record.metadata.name, undefined, undefined, undefined]);
    }
  });
});
