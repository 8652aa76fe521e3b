import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Distribution } from '../../charts/constructs/distribution';
import { HealthCheck } from '../../charts/constructs/health-check';
import { Listener } from '../../charts/constructs/listener';
import { ListenerRule } from '../../charts/constructs/listener-rule';
import { LoadBalancer } from '../../charts/constructs/load-balancer';
import { MetricAlarm } from '../../charts/constructs/metric-alarm';
import { RecordSet } from '../../charts/constructs/record-set';
import { SnsEmailSubscription } from '../../charts/constructs/sns-subscription';
import { TargetGroup } from '../../charts/constructs/target-group';
import { WebAcl } from '../../charts/constructs/web-acl';
import { loadBalancerArnSuffix, relativeName } from '../../charts/lib/edge';

const chart = () => new Chart(Testing.app(), 'test');
const metric = { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: {} };
/** Any topic of the chart's default region (the alarms' own topics are checked in alarms.test.ts). */
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:t';

describe('edge constructs refuse what AWS would refuse, naming the field and value', () => {
  it.each<[string, () => unknown, string]>([
    ['an ALB name over 32 characters', () => new LoadBalancer(chart(), 'x', { name: 'x', loadBalancerName: 'a'.repeat(33), subnetNames: ['a', 'b'], securityGroupNames: ['sg'] }), `loadBalancerName must be 1-32 letters, digits or inner hyphens, not starting "internal-", got "${'a'.repeat(33)}"`],
    ['an ALB in one zone', () => new LoadBalancer(chart(), 'x', { name: 'x', loadBalancerName: 'alb', subnetNames: ['a'], securityGroupNames: ['sg'] }), 'LoadBalancer x: subnetNames must name subnets in at least two zones, got 1'],
    ['a health check timeout not under its interval', () => new TargetGroup(chart(), 'x', { name: 'x', targetGroupName: 'tg', vpcName: 'vpc', port: 80, healthCheckPath: '/', healthCheckIntervalSeconds: 5, healthCheckTimeoutSeconds: 5 }), 'TargetGroup x: healthCheckTimeoutSeconds must be at least 2 and less than the interval 5, got 5'],
    ['an HTTPS listener without a certificate', () => new Listener(chart(), 'x', { name: 'x', loadBalancerName: 'lb', protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', defaultAction: { kind: 'redirect-to-https' } }), 'Listener x: an HTTPS listener needs an ACM certificateArn, got "undefined"'],
    ['an HTTP listener with a TLS policy', () => new Listener(chart(), 'x', { name: 'x', loadBalancerName: 'lb', protocol: 'HTTP', port: 80, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', defaultAction: { kind: 'redirect-to-https' } }), 'Listener x: sslPolicy and certificateArn belong to HTTPS listeners, got protocol HTTP'],
    ['a rule without condition', () => new ListenerRule(chart(), 'x', { name: 'x', listenerName: 'l', priority: 1, targetGroupName: 'tg' }), 'ListenerRule x: needs pathPatterns or hostHeaders, got neither'],
    ['a rule priority of 0', () => new ListenerRule(chart(), 'x', { name: 'x', listenerName: 'l', priority: 0, pathPatterns: ['/'], targetGroupName: 'tg' }), 'ListenerRule x: priority must be 1-50000, got 0'],
    ['a CNAME at the apex', () => new RecordSet(chart(), 'x', { name: 'x', hostedZoneName: 'z', recordType: 'CNAME', values: ['a.example.com'] }), 'RecordSet x: a CNAME cannot sit at the zone apex'],
    ['an alias with a TTL', () => new RecordSet(chart(), 'x', { name: 'x', hostedZoneName: 'z', recordType: 'A', aliasTarget: { dnsName: 'd1.cloudfront.net', hostedZoneId: 'Z', evaluateTargetHealth: false }, ttl: 60 }), 'RecordSet x: an alias takes its TTL from the target; ttl must be omitted'],
    ['a weight over 255', () => new RecordSet(chart(), 'x', { name: 'x', hostedZoneName: 'z', recordType: 'A', values: ['10.0.0.1'], weighted: { setIdentifier: 'a', weight: 256 } }), 'RecordSet x: weight must be 0-255, got 256'],
    ['a 20-second health check', () => new HealthCheck(chart(), 'x', { name: 'x', fullyQualifiedDomainName: 'a.example.com', resourcePath: '/', requestIntervalSeconds: 20 as 30 }), 'HealthCheck x: requestIntervalSeconds must be 10 or 30, got 20'],
    ['a rate limit under 10', () => new WebAcl(chart(), 'x', { name: 'x', webAclName: 'waf', scope: 'CLOUDFRONT', defaultAction: 'allow', rules: [{ kind: 'rate-limit', name: 'r', limit: 5, windowSeconds: 300 }] }), 'WebAcl x: rule r: limit must be 10-2000000000, got 5'],
    ['a web ACL rule name used twice', () => new WebAcl(chart(), 'x', { name: 'x', webAclName: 'waf', scope: 'CLOUDFRONT', defaultAction: 'allow', rules: [{ kind: 'aws-managed', name: 'r', group: 'AWSManagedRulesSQLiRuleSet' }, { kind: 'aws-managed', name: 'r', group: 'AWSManagedRulesCommonRuleSet' }] }), 'WebAcl x: rule name "r" is used twice'],
    ['a regional web ACL ARN on CloudFront', () => new Distribution(chart(), 'x', { name: 'x', comment: 'c', aliases: ['a.example.com'], originDomainName: 'o.example.com', certificateName: 'c', webAclArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/w/1', geoRestriction: { type: 'none', countries: [] }, logBucket: 'logs' }), 'Distribution x: webAclArn must be a CLOUDFRONT-scope WAFv2 web ACL ARN (us-east-1, global), got "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/w/1"'],
    ['an alarm period under a minute', () => new MetricAlarm(chart(), 'x', { name: 'x', alarmName: 'a', description: 'd', source: { kind: 'metric', metric, statistic: 'Sum' }, comparison: 'GreaterThanThreshold', threshold: 1, notify: TOPIC, periodSeconds: 30 }), 'MetricAlarm x: periodSeconds must be 60 or a multiple of it, got 30'],
    ['an alarm notifying something else than a topic', () => new MetricAlarm(chart(), 'x', { name: 'x', alarmName: 'a', description: 'd', source: { kind: 'metric', metric, statistic: 'Sum' }, comparison: 'GreaterThanThreshold', threshold: 1, notify: 'arn:aws:lambda:eu-west-1:111111111111:function:f' }), 'MetricAlarm x: notify must be an SNS topic ARN, got "arn:aws:lambda:eu-west-1:111111111111:function:f"'],
    ['an alarm notifying a topic of another region', () => new MetricAlarm(chart(), 'x', { name: 'x', alarmName: 'a', description: 'd', source: { kind: 'metric', metric, statistic: 'Sum' }, comparison: 'GreaterThanThreshold', threshold: 1, notify: TOPIC, region: 'us-east-1' }), `MetricAlarm x: notify must be a topic of the alarm's region us-east-1, got "${TOPIC}"`],
    ['an email subscription to no address', () => new SnsEmailSubscription(chart(), 'x', { name: 'x', topicName: 't', email: 'platform-team' }), 'SnsEmailSubscription x: email must be an address, got "platform-team"'],
    ['a record outside the zone', () => relativeName('api.example.org', 'example.com'), 'relativeName: "api.example.org" is not inside the zone example.com'],
    ['a classic load balancer ARN', () => loadBalancerArnSuffix('arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/n/1'), 'loadBalancerArnSuffix: expected an Application Load Balancer ARN'],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  it('a percentile becomes an extended statistic, anything else a statistic', () => {
    const c = chart();
    new MetricAlarm(c, 'p', { name: 'p', alarmName: 'p', description: 'd', source: { kind: 'metric', metric, statistic: 'p99.9' }, comparison: 'GreaterThanThreshold', threshold: 1, notify: TOPIC });
    new MetricAlarm(c, 's', { name: 's', alarmName: 's', description: 'd', source: { kind: 'metric', metric, statistic: 'Sum' }, comparison: 'GreaterThanThreshold', threshold: 1, notify: TOPIC });
    const [p, s] = c.toJson();
    expect([p.spec.extendedStatistic, p.spec.statistic, s.spec.extendedStatistic, s.spec.statistic]).toEqual(['p99.9', undefined, undefined, 'Sum']);
  });

  it('a web ACL with an allow list blocks by default and allows the listed countries last', () => {
    const c = chart();
    new WebAcl(c, 'x', { name: 'x', webAclName: 'waf', scope: 'REGIONAL', defaultAction: 'block', rules: [{ kind: 'geo', name: 'geo', countries: ['DE', 'FR'], action: 'allow' }] });
    const [acl] = c.toJson();
    expect(acl.spec.defaultAction).toEqual({ block: {} });
    expect(acl.spec.rules[0]).toMatchObject({ action: { allow: {} }, statement: { geoMatchStatement: { countryCodes: ['DE', 'FR'] } } });
    // REGIONAL scope stays in the namespace's region
    expect(acl.metadata.annotations).toBeUndefined();
  });
});
