import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, isDrStackFile, kindsOf, loadEnv, manifestValidator, Obj, synthesized } from '../support/estate';

const EDGE_GROUPS = ['elbv2', 'acm', 'route53', 'wafv2', 'cloudfront', 'cloudwatch'].map((service) => `${service}.services.k8s.aws/`);
/** The primary region's edge (and the global one): the DR region's stack is tests/dr/dr-stack.test.ts's. */
const edgeObjects = (env: string) => synthesized(env).filter((s) => !isDrStackFile(s.file)).map((s) => s.object as unknown as Obj).filter((o) => EDGE_GROUPS.some((group) => o.apiVersion.startsWith(group)));

describe('the edge across environments', () => {
  it.each([
    ['development', 'dev.mycomputer.com', 'mycomputer-alb-development', 'mycomputer-waf-development'],
    ['staging', 'staging.mycomputer.com', 'mycomputer-alb-staging', 'mycomputer-waf-staging'],
    ['production', 'mycomputer.com', 'mycomputer-alb', 'mycomputer-waf'],
  ])('%s: zone %s, load balancer %s, web ACL %s', (env, zone, loadBalancer, webAcl) => {
    expect(findObject(env, 'HostedZone', 'hosted-zone').spec.name).toBe(zone);
    expect(findObject(env, 'LoadBalancer', 'load-balancer').spec.name).toBe(loadBalancer);
    expect(findObject(env, 'WebACL', 'web-acl').spec.name).toBe(webAcl);
    expect(findObject(env, 'Certificate', 'certificate-regional').spec.domainName).toBe(zone);
    expect(findObject(env, 'RecordSet', 'record-inventory').spec.resourceRecords).toEqual([{ value: `api.${zone}` }]);
    expect(findObject(env, 'Distribution', 'distribution').spec.distributionConfig.aliases.items[0]).toBe(zone);
    expect(findObject(env, 'MetricAlarm', 'alarm-alb-p99-response-time').spec.dimensions[0].value).toMatch(new RegExp(`^app/${loadBalancer}/[0-9a-f]{16}$`));
  });

  it.each(ENVIRONMENT_NAMES)('%s: the same security at the edge (TLS 1.2+, rate limit, WAF rules, 30 s health checks, 90 weight)', (env) => {
    expect(findObject(env, 'Listener', 'listener-https').spec.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    const rules = findObject(env, 'WebACL', 'web-acl').spec.rules;
    expect(rules.map((r: { name: string }) => r.name)).toEqual(['rate-limit-per-ip', 'sql-injection', 'common-and-xss', 'geo-restriction']);
    expect(rules[0].statement.rateBasedStatement).toEqual({ limit: 2000, evaluationWindowSec: 300, aggregateKeyType: 'IP' });
    expect(findObject(env, 'HealthCheck', 'health-check-primary').spec.healthCheckConfig.requestInterval).toBe(30);
    expect(findObject(env, 'RecordSet', 'record-origin-primary').spec.weight).toBe(90);
    expect(findObject(env, 'Distribution', 'distribution').spec.distributionConfig.viewerCertificate.minimumProtocolVersion).toBe('TLSv1.2_2021');
  });

  it.each([
    ['development', false],
    ['staging', false],
    ['production', true],
  ])('%s: a weighted secondary in the DR region only where DR runs (%s)', (env, dr) => {
    const names = (kind: string) => kindsOf(env, kind).map((o) => o.metadata.name);
    expect(names('RecordSet').includes('record-origin-secondary')).toBe(dr);
    expect(names('HealthCheck')).toEqual(dr ? ['health-check-primary', 'health-check-secondary'] : ['health-check-primary']);
  });

  it.each(ENVIRONMENT_NAMES)('%s: every edge object validates against its CRD', (env) => {
    const objects = edgeObjects(env);
    expect(objects.length).toBeGreaterThan(30);
    const problems = objects.flatMap((object) => manifestValidator().validate(object).map((v) => `${object.kind} ${object.metadata.name}: ${v.path}: ${v.message}`));
    expect(problems).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: only CloudFront\'s web ACL and certificate, and alarms where their metric is, leave the primary region', (env) => {
    const { aws } = loadEnv(env);
    const elsewhere = edgeObjects(env).filter((o) => o.metadata.annotations?.['services.k8s.aws/region'] !== undefined);
    const regionOf = (o: Obj) => o.metadata.annotations!['services.k8s.aws/region'];
    const cloudFront = ['WebACL web-acl us-east-1', 'Certificate certificate-cloudfront us-east-1'];
    expect(elsewhere.filter((o) => o.kind !== 'MetricAlarm').map((o) => `${o.kind} ${o.metadata.name} ${regionOf(o)}`).sort()).toEqual(cloudFront.sort());
    // Route 53 publishes health-check metrics in us-east-1 only; the replicas report their lag, and
    // the DR services their tasks, in the DR region.
    const namespaceOf = (o: Obj): string => o.spec.namespace ?? o.spec.metrics.find((m: { metricStat?: unknown }) => m.metricStat).metricStat.metric.namespace;
    const alarms = elsewhere.filter((o) => o.kind === 'MetricAlarm').map((o) => [namespaceOf(o), regionOf(o)]);
    for (const [namespace, region] of alarms) expect(region, namespace).toBe(namespace === 'AWS/Route53' ? 'us-east-1' : aws.drRegion);
    const { edge, disasterRecovery, compute } = loadEnv(env);
    const expected = [
      ...(Object.keys(edge.assigned.healthCheckIds ?? {}).length > 0 ? ['AWS/Route53'] : []),
      ...(disasterRecovery.enabled ? ['AWS/RDS'] : []),
      ...(disasterRecovery.enabled && compute.containerInsights ? ['ECS/ContainerInsights'] : []),
    ];
    expect(new Set(alarms.map(([namespace]) => namespace))).toEqual(new Set(expected));
  });
});
