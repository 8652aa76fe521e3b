import { Construct } from 'constructs';
import { AcmCertificate } from '../constructs/acm-certificate';
import { Distribution } from '../constructs/distribution';
import { WebAcl, WebAclRule } from '../constructs/web-acl';
import { originHost, publicHosts } from '../lib/edge';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { CLOUDFRONT_REGION } from '../lib/regions';

/** The seed's rate limit is per five minutes. */
const RATE_WINDOW_SECONDS = 300;

/**
 * CloudFront in front of the load balancer, filtered by the seed's WAF web ACL: a rate limit
 * per client IP, SQL injection and XSS protection (AWS managed rule groups), and the
 * environment's geographic restriction, enforced both by WAF and by CloudFront itself. The
 * web ACL and CloudFront's certificate live in us-east-1, where CloudFront reads them.
 */
export class CdnChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const env = this.env;
    const { edge } = env;
    const geo = edge.geoRestriction;

    const rules: WebAclRule[] = [
      { kind: 'rate-limit', name: 'rate-limit-per-ip', limit: edge.rateLimitPerFiveMinutes, windowSeconds: RATE_WINDOW_SECONDS },
      { kind: 'aws-managed', name: 'sql-injection', group: 'AWSManagedRulesSQLiRuleSet' },
      // The common rule set carries the cross-site scripting rules (CrossSiteScripting_*).
      { kind: 'aws-managed', name: 'common-and-xss', group: 'AWSManagedRulesCommonRuleSet' },
    ];
    // Last, so that an allow list never lets a request skip the rules above.
    if (geo.type !== 'none') rules.push({ kind: 'geo', name: 'geo-restriction', countries: geo.countries, action: geo.type === 'blacklist' ? 'block' : 'allow' });
    new WebAcl(this, names.webAcl, {
      name: names.webAcl,
      webAclName: edge.webAclName,
      scope: 'CLOUDFRONT',
      defaultAction: geo.type === 'whitelist' ? 'block' : 'allow',
      rules,
    });

    new AcmCertificate(this, names.certificate.cloudFront, {
      name: names.certificate.cloudFront,
      domainName: edge.zoneName,
      subjectAlternativeNames: [`*.${edge.zoneName}`],
      region: CLOUDFRONT_REGION,
    });

    // webACLID takes an ARN only: without the pinned ARN there is no distribution, never an
    // unprotected one (docs/edge.md, Bootstrap).
    if (edge.assigned.webAclArn === undefined) return;
    new Distribution(this, names.distribution, {
      name: names.distribution,
      comment: `MyComputer ${env.name}: ${edge.apiHostName} and the public names, in front of ${edge.loadBalancerName}`,
      aliases: publicHosts(env),
      originDomainName: originHost(env),
      certificateName: names.certificate.cloudFront,
      webAclArn: edge.assigned.webAclArn,
      geoRestriction: geo,
      logBucket: env.storage.buckets.logs,
    });
  }
}
