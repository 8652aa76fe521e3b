import { describe, expect, it } from 'vitest';
import { findObject, loadEnv } from '../support/estate';

const ENV = 'production';
const visible = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

describe('WAF web ACL (production)', () => {
  const acl = findObject(ENV, 'WebACL', 'web-acl');

  it('is mycomputer-waf, for CloudFront, created in us-east-1, allowing what no rule blocks', () => {
    expect(acl.spec.name).toBe('mycomputer-waf');
    expect(acl.spec.scope).toBe('CLOUDFRONT');
    expect(acl.metadata.annotations?.['services.k8s.aws/region']).toBe('us-east-1');
    expect(acl.spec.defaultAction).toEqual({ allow: {} });
    expect(acl.spec.visibilityConfig).toEqual(visible('mycomputer-waf'));
  });

  it('has the seed rules in order: rate limit, SQL injection, XSS, geographic restriction', () => {
    expect(acl.spec.rules).toEqual([
      {
        name: 'rate-limit-per-ip',
        priority: 0,
        // 2000 requests per 5 minutes (300 s) per client IP
        statement: { rateBasedStatement: { limit: 2000, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
        action: { block: {} },
        visibilityConfig: visible('mycomputer-waf-rate-limit-per-ip'),
      },
      {
        name: 'sql-injection',
        priority: 1,
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesSQLiRuleSet' } },
        overrideAction: { none: {} },
        visibilityConfig: visible('mycomputer-waf-sql-injection'),
      },
      {
        name: 'common-and-xss',
        priority: 2,
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
        overrideAction: { none: {} },
        visibilityConfig: visible('mycomputer-waf-common-and-xss'),
      },
      {
        name: 'geo-restriction',
        priority: 3,
        statement: { geoMatchStatement: { countryCodes: ['CU', 'IR', 'KP', 'SY'] } },
        action: { block: {} },
        visibilityConfig: visible('mycomputer-waf-geo-restriction'),
      },
    ]);
    expect(loadEnv(ENV).edge.geoRestriction).toEqual({ type: 'blacklist', countries: ['CU', 'IR', 'KP', 'SY'] });
  });
});

describe('CloudFront (production)', () => {
  const env = loadEnv(ENV);
  const config = findObject(ENV, 'Distribution', 'distribution').spec.distributionConfig;

  it('is protected by the web ACL mycomputer-waf (by ARN: ACK has no reference)', () => {
    expect(config.webACLID).toBe(env.edge.assigned.webAclArn);
    expect(config.webACLID).toMatch(/^arn:aws:wafv2:us-east-1:111111111111:global\/webacl\/mycomputer-waf\//);
  });

  it('serves HTTPS only to viewers (TLS 1.2+, SNI) with the us-east-1 certificate', () => {
    expect(config.defaultCacheBehavior.viewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.viewerCertificate).toEqual({ acmCertificateRef: { from: { name: 'certificate-cloudfront' } }, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' });
    const certificate = findObject(ENV, 'Certificate', 'certificate-cloudfront');
    expect(certificate.metadata.annotations?.['services.k8s.aws/region']).toBe('us-east-1');
    expect(certificate.spec).toMatchObject({ domainName: 'mycomputer.com', subjectAlternativeNames: ['*.mycomputer.com'] });
  });

  it('answers for the public names and fetches from the weighted origin over HTTPS only, TLS 1.2', () => {
    expect(config.aliases.items).toEqual(['mycomputer.com', 'api.mycomputer.com', 'customers.mycomputer.com', 'inventory.mycomputer.com', 'locations.mycomputer.com', 'payments.mycomputer.com']);
    expect(config.origins.items).toEqual([
      {
        id: 'load-balancer',
        domainName: 'origin.mycomputer.com',
        customOriginConfig: { httpPort: 80, httpSPort: 443, originProtocolPolicy: 'https-only', originSSLProtocols: { items: ['TLSv1.2'] }, originReadTimeout: 30, originKeepaliveTimeout: 5 },
      },
    ]);
    // the origin name is the weighted record in the zone
    expect(findObject(ENV, 'RecordSet', 'record-origin-primary').spec.name).toBe('origin');
    expect(config.defaultCacheBehavior).toMatchObject({
      targetOriginID: 'load-balancer',
      cachePolicyID: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled: an API is not cached
      originRequestPolicyID: '216adef6-5c7f-47e4-b989-5492eafa07d3', // Managed-AllViewer: Host reaches the host rules
    });
  });

  it('refuses the same countries as WAF at the edge, and logs to the logs bucket', () => {
    expect(config.restrictions.geoRestriction).toEqual({ restrictionType: 'blacklist', items: ['CU', 'IR', 'KP', 'SY'] });
    expect(config.logging).toEqual({ enabled: true, bucket: 'mycomputer-logs.s3.amazonaws.com', prefix: 'cloudfront/', includeCookies: false });
    expect(findObject(ENV, 'Bucket', 'bucket-logs').spec.name).toBe('mycomputer-logs');
  });
});
