import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { afterEach, describe, expect, it } from 'vitest';
import { AlarmsChart } from '../../charts/estate/alarms-chart';
import { CdnChart } from '../../charts/estate/cdn-chart';
import { DnsChart } from '../../charts/estate/dns-chart';
import { LoadBalancerChart } from '../../charts/estate/load-balancer-chart';
import { loadEnvironment } from '../../charts/lib/environment/load';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { ENVIRONMENTS_DIR, loadEnv } from '../support/estate';
import { copyToTemp } from '../support/temp-tree';

/** `Kind name` of every object the edge charts build for `env`. */
function edgeObjects(env: EnvironmentConfig): string[] {
  const app = new App();
  const charts = [
    new LoadBalancerChart(app, 'load-balancer', { env }),
    new DnsChart(app, 'dns', { env }),
    new CdnChart(app, 'cdn', { env }),
    new AlarmsChart(app, 'alarms', { env }),
  ];
  return charts.flatMap((chart) => chart.toJson().map((o: { kind: string; metadata: { name: string } }) => `${o.kind} ${o.metadata.name}`));
}

describe('bootstrap: values AWS assigns are pinned after a first sync', () => {
  it('before any is pinned, builds what needs none and leaves out what needs one', () => {
    // GIVEN production with nothing pinned in edge.assigned
    const production = loadEnv('production');
    const fresh: EnvironmentConfig = { ...production, edge: { ...production.edge, assigned: {} } };

    // WHEN the edge charts are built
    const objects = edgeObjects(fresh);

    // THEN the first sync creates the load balancer, target groups, HTTP redirect, zone, service
    // CNAMEs, MX, web ACL and both certificates ...
    expect(objects).toEqual([
      'Certificate certificate-regional',
      'LoadBalancer load-balancer',
      'TargetGroup tg-customer-base',
      'TargetGroup tg-customer-base-frontend',
      'TargetGroup tg-inventory',
      'TargetGroup tg-locations',
      'TargetGroup tg-payments',
      'Listener listener-http',
      'HostedZone hosted-zone',
      'RecordSet record-customer-base',
      'RecordSet record-inventory',
      'RecordSet record-locations',
      'RecordSet record-payments',
      'RecordSet record-mx',
      // the web ACL's logs: its us-east-1 key and log group (WAF.11)
      'Key kms-logs-edge',
      'Alias kms-alias-logs-edge',
      `LogGroup log-group-aws-waf-logs-${production.edge.webAclName}`,
      'WebACL web-acl',
      'Certificate certificate-cloudfront',
      // where alarms notify (keys, topics, subscriptions; tests/edge/alarms.test.ts has them), then
      // the alarms that need nothing assigned: the DR replicas' lag, the ECS services' task counts
      ...objects.filter((o) => /^(Key|Alias|Topic|Subscription) /.test(o) && !o.includes('logs-edge')),
      'MetricAlarm alarm-customers-db-dr-replica-lag',
      'MetricAlarm alarm-payments-db-dr-replica-lag',
      ...objects.filter((o) => /^MetricAlarm alarm-ecs-service-.*-running-tasks(-dr)?$/.test(o)),
    ]);
    // one per service in each region services run (the DR region's warm standby too)
    const regions = production.disasterRecovery.enabled ? 2 : 1;
    expect(objects.filter((o) => o.startsWith('MetricAlarm alarm-ecs-service-'))).toHaveLength(Object.keys(production.catalogue.workloads).length * regions);
    // ... and never a listener without its certificate, nor a distribution without its web ACL
    const full = edgeObjects(production);
    expect(full.filter((o) => !objects.includes(o))).toEqual([
      'Listener listener-https',
      'Rule rule-customer-base-host',
      'Rule rule-customer-base-path',
      'Rule rule-inventory-host',
      'Rule rule-inventory-path',
      'Rule rule-locations-host',
      'Rule rule-locations-path',
      'Rule rule-payments-host',
      'Rule rule-payments-path',
      'RecordSet record-apex',
      'RecordSet record-api',
      'HealthCheck health-check-primary',
      'RecordSet record-origin-primary',
      'HealthCheck health-check-secondary',
      'RecordSet record-origin-secondary',
      'RecordSet record-certificate-validation',
      'Distribution distribution',
      // the health checks' alarms notify the platform team in us-east-1, where their metric is
      'Key kms-alarms-us-east-1',
      'Alias kms-alias-alarms-us-east-1',
      'Topic sns-topic-alarms-platform-us-east-1',
      'Subscription sns-subscription-alarms-platform-us-east-1',
      'MetricAlarm alarm-alb-p99-response-time',
      'MetricAlarm alarm-alb-5xx-rate',
      'MetricAlarm alarm-health-check-primary',
      'MetricAlarm alarm-health-check-secondary',
    ]);
  });
});

describe('a pinned value that does not belong to the environment is refused at load', () => {
  let environmentsDir: string | undefined;
  afterEach(() => {
    if (environmentsDir) fs.rmSync(path.dirname(environmentsDir), { recursive: true, force: true });
  });

  it.each([
    [
      'a certificate of another account',
      'staging',
      'arn:aws:acm:eu-west-1:222222222222:certificate/',
      'arn:aws:acm:eu-west-1:111111111111:certificate/',
      'environments/staging/environment.yaml: edge.assigned.certificateArn: expected an ARN starting "arn:aws:acm:eu-west-1:222222222222:certificate/"',
    ],
    [
      'the ARN of another load balancer',
      'production',
      'loadbalancer/app/mycomputer-alb/',
      'loadbalancer/app/mycomputer-alb-staging/',
      'environments/production/environment.yaml: edge.assigned.loadBalancerArn: expected an ARN starting "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/mycomputer-alb/"',
    ],
    [
      'a web ACL of another name',
      'production',
      'global/webacl/mycomputer-waf/',
      'global/webacl/other-waf/',
      'environments/production/environment.yaml: edge.assigned.webAclArn: expected an ARN starting "arn:aws:wafv2:us-east-1:111111111111:global/webacl/mycomputer-waf/"',
    ],
    [
      'a DR load balancer outside the DR region',
      'production',
      'mycomputer-alb-dr-0000000001.eu-central-1.elb',
      'mycomputer-alb-dr-0000000001.eu-west-2.elb',
      'environments/production/environment.yaml: edge.assigned.drLoadBalancerDnsName: expected a load balancer of aws.drRegion eu-central-1',
    ],
    [
      'a DR endpoint where DR is off',
      'staging',
      '    distributionDomainName: d00000000000002.cloudfront.net\n',
      '    distributionDomainName: d00000000000002.cloudfront.net\n    drLoadBalancerDnsName: x-1.eu-central-1.elb.amazonaws.com\n',
      'environments/staging/environment.yaml: edge.assigned.drLoadBalancerDnsName: expected no DR endpoint while disasterRecovery.enabled is false',
    ],
    [
      'an API host outside the zone',
      'development',
      'apiHostName: api.dev.mycomputer.com',
      'apiHostName: api.example.com',
      'environments/development/environment.yaml: edge.apiHostName: expected a host name inside edge.zoneName dev.mycomputer.com, got "api.example.com"',
    ],
  ])('%s', (_name, env, from, to, message) => {
    // GIVEN a copy of the environments with one value changed
    environmentsDir = copyToTemp(ENVIRONMENTS_DIR, 'edge-env-');
    const file = path.join(environmentsDir, env, 'environment.yaml');
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`test setup: "${from}" not in ${env}/environment.yaml`);
    fs.writeFileSync(file, text.replace(from, to));

    // WHEN it is loaded THEN the message names the file, the key and what was expected
    expect(() => loadEnvironment(env, { environmentsDir: environmentsDir! })).toThrow(message);
  });
});
