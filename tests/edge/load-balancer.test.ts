import { describe, expect, it } from 'vitest';
import { LOG_PREFIXES } from '../../charts/lib/log-delivery';
import { findObject, kindsOf, loadEnv, readTags } from '../support/estate';

const ENV = 'production';
const refs = (...names: string[]) => names.map((name) => ({ from: { name } }));

describe('load balancer (production)', () => {
  it('is the seed ALB: mycomputer-alb, application, internet-facing, IPv4, sg-alb-public, the three public subnets', () => {
    // GIVEN the synthesized production estate WHEN the load balancer is read
    const alb = findObject(ENV, 'LoadBalancer', 'load-balancer');

    // THEN it has the seed's name, type, scheme, address type, security group and subnets
    expect(alb.spec.name).toBe('mycomputer-alb');
    expect(alb.spec.type).toBe('application');
    expect(alb.spec.scheme).toBe('internet-facing');
    expect(alb.spec.ipAddressType).toBe('ipv4');
    expect(alb.spec.securityGroupRefs).toEqual(refs('sg-alb-public'));
    expect(alb.spec.subnetRefs).toEqual(refs('subnet-public-a', 'subnet-public-b', 'subnet-public-c'));
    // AND it drops malformed headers, is protected from deletion and writes access logs to the environment's logs bucket (ELB.4, ELB.6, ELB.5)
    expect(alb.spec.attributes).toEqual([
      { key: 'routing.http.drop_invalid_header_fields.enabled', value: 'true' },
      { key: 'deletion_protection.enabled', value: 'true' },
      { key: 'access_logs.s3.enabled', value: 'true' },
      { key: 'access_logs.s3.bucket', value: loadEnv(ENV).storage.buckets.logs },
      { key: 'access_logs.s3.prefix', value: LOG_PREFIXES.loadBalancer },
    ]);
    // AND the referenced subnets are the seed's public ones
    expect(['a', 'b', 'c'].map((zone) => findObject(ENV, 'Subnet', `subnet-public-${zone}`).spec.cidrBlock)).toEqual(['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
    expect(readTags(alb)).toMatchObject({ Name: 'mycomputer-alb', Application: 'platform', Team: 'platform' });
  });

  it('has one HTTP target group per workload on its port, for Fargate IP targets, health-checked on its path', () => {
    const groups = kindsOf(ENV, 'TargetGroup');
    const summary = Object.fromEntries(
      groups.map((tg) => [tg.metadata.name, { name: tg.spec.name, port: tg.spec.port, path: tg.spec.healthCheckPath, owner: `${readTags(tg).Application}/${readTags(tg).Team}` }]),
    );
    expect(summary).toEqual({
      'tg-customer-base': { name: 'tg-customer-base', port: 3002, path: '/health', owner: 'customer-base/backend' },
      'tg-customer-base-frontend': { name: 'tg-customer-base-frontend', port: 3005, path: '/', owner: 'customer-base/frontend' },
      'tg-inventory': { name: 'tg-inventory', port: 3001, path: '/health', owner: 'inventory/backend' },
      'tg-locations': { name: 'tg-locations', port: 3004, path: '/health', owner: 'locations/backend' },
      'tg-payments': { name: 'tg-payments', port: 3003, path: '/health', owner: 'payments/backend' },
    });
    for (const tg of groups) {
      expect(tg.spec).toMatchObject({
        protocol: 'HTTP',
        targetType: 'ip',
        vpcRef: { from: { name: 'vpc' } },
        healthCheckEnabled: true,
        healthCheckProtocol: 'HTTP',
        healthCheckPort: 'traffic-port',
        healthCheckIntervalSeconds: 15,
        healthCheckTimeoutSeconds: 5,
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
        matcher: { httpCode: '200-299' },
      });
    }
  });

  it('reaches every ECS service: each target group an ECS service registers with exists', () => {
    const services = kindsOf(ENV, 'Service', 'ecs.services.k8s.aws');
    const registered = services.flatMap((service) => (service.spec.loadBalancers ?? []).map((lb: { targetGroupRef: { from: { name: string } } }) => lb.targetGroupRef.from.name));
    expect(registered.sort()).toEqual(kindsOf(ENV, 'TargetGroup').map((tg) => tg.metadata.name).sort());
  });

  it('redirects HTTP:80 to HTTPS:443 permanently, keeping host, path and query', () => {
    const http = findObject(ENV, 'Listener', 'listener-http');
    expect(http.spec).toMatchObject({ loadBalancerRef: { from: { name: 'load-balancer' } }, protocol: 'HTTP', port: 80 });
    expect(http.spec.certificates).toBeUndefined();
    expect(http.spec.defaultActions).toEqual([
      { type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } },
    ]);
  });

  it('serves HTTPS:443 with a TLS 1.2+ policy and the pinned certificate, defaulting to the front end', () => {
    const https = findObject(ENV, 'Listener', 'listener-https');
    expect(https.spec).toMatchObject({ loadBalancerRef: { from: { name: 'load-balancer' } }, protocol: 'HTTPS', port: 443 });
    // TLS13-1-2: TLS 1.3 and 1.2, nothing older (the seed's "TLS 1.2+").
    expect(https.spec.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(https.spec.certificates).toEqual([{ certificateARN: loadEnv(ENV).edge.assigned.certificateArn }]);
    expect(https.spec.certificates[0].certificateARN).toMatch(/^arn:aws:acm:eu-west-1:111111111111:certificate\//);
    expect(https.spec.defaultActions).toEqual([{ type: 'forward', targetGroupRef: { from: { name: 'tg-customer-base-frontend' } } }]);
  });

  it('routes each API by its own host first, then by path prefix on any host', () => {
    const rules = kindsOf(ENV, 'Rule', 'elbv2.services.k8s.aws').map((rule) => ({
      name: rule.metadata.name,
      priority: rule.spec.priority,
      listener: rule.spec.listenerRef.from.name,
      match: rule.spec.conditions.map((c: { field: string; hostHeaderConfig?: { values: string[] }; pathPatternConfig?: { values: string[] } }) => `${c.field}=${(c.hostHeaderConfig ?? c.pathPatternConfig)!.values.join(',')}`).join(' '),
      forward: rule.spec.actions.map((a: { type: string; targetGroupRef: { from: { name: string } } }) => `${a.type}:${a.targetGroupRef.from.name}`).join(),
    }));
    // The seed's hosts and paths; the priorities are the catalogue's rulePriority (path rules + 100).
    const priority = (workload: string) => loadEnv(ENV).catalogue.workloads[workload].rulePriority!;
    const expected = [
      { workload: 'customer-base', host: 'customers.mycomputer.com', path: '/customers' },
      { workload: 'inventory', host: 'inventory.mycomputer.com', path: '/inventory' },
      { workload: 'locations', host: 'locations.mycomputer.com', path: '/locations' },
      { workload: 'payments', host: 'payments.mycomputer.com', path: '/payments' },
    ].flatMap(({ workload, host, path }) => [
      { name: `rule-${workload}-host`, priority: priority(workload), listener: 'listener-https', match: `host-header=${host}`, forward: `forward:tg-${workload}` },
      { name: `rule-${workload}-path`, priority: priority(workload) + 100, listener: 'listener-https', match: `path-pattern=${path},${path}/*`, forward: `forward:tg-${workload}` },
    ]);
    const byPriority = (a: { priority: number }, b: { priority: number }) => a.priority - b.priority;
    expect(rules.sort(byPriority)).toEqual(expected.sort(byPriority));
  });

  it('requests an ACM certificate for the zone and its subdomains in the primary region', () => {
    const certificate = findObject(ENV, 'Certificate', 'certificate-regional');
    expect(certificate.spec).toMatchObject({ domainName: 'mycomputer.com', subjectAlternativeNames: ['*.mycomputer.com'], keyAlgorithm: 'RSA_2048' });
    // No region annotation: the namespace's default region, eu-west-1, where the load balancer is.
    expect(certificate.metadata.annotations?.['services.k8s.aws/region']).toBeUndefined();
    expect(findObject(ENV, 'Namespace', 'mycomputer-production').metadata.annotations?.['services.k8s.aws/default-region']).toBe('eu-west-1');
  });
});
