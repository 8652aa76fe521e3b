import { Construct } from 'constructs';
import { AcmCertificate } from '../constructs/acm-certificate';
import { Distribution } from '../constructs/distribution';
import { KmsAlias } from '../constructs/kms-alias';
import { KmsKey } from '../constructs/kms-key';
import { LogGroup } from '../constructs/log-group';
import { WebAcl, WebAclRule } from '../constructs/web-acl';
import { logGroupArn } from '../lib/arns';
import { originHost, publicHosts } from '../lib/edge';
import { kmsAliasName } from '../lib/kms';
import { cloudWatchLogsGrant, keyPolicy } from '../lib/kms-key-policy';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { names } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { CLOUDFRONT_REGION } from '../lib/regions';

/** The seed's rate limit is per five minutes. */
const RATE_WINDOW_SECONDS = 300;
/** WAF delivers only to destinations whose name starts with this (WAF developer guide, "Logging destinations"). */
const WAF_LOGS_PREFIX = 'aws-waf-logs-';
/** Purpose of the us-east-1 key encrypting the web ACL's log group (the estate's `logs` key is in the environment's region). */
const EDGE_LOGS_KEY = 'logs-edge';

/**
 * CloudFront in front of the load balancer, filtered by the seed's WAF web ACL: a rate limit
 * per client IP, SQL injection and XSS protection (AWS managed rule groups), and the
 * environment's geographic restriction, enforced both by WAF and by CloudFront itself. The
 * web ACL and CloudFront's certificate live in us-east-1, where CloudFront reads them; so do
 * the web ACL's logs (WAF.11): a log group `aws-waf-logs-<web ACL>` there, with the
 * environment's retention, encrypted by a customer key of its own region (CloudWatch Logs takes
 * a key of the log group's region only), aliased like the `logs` key of the environment's region.
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
    const wafLogGroup = `${WAF_LOGS_PREFIX}${edge.webAclName}`;
    new KmsKey(this, names.kmsKey(EDGE_LOGS_KEY), {
      name: names.kmsKey(EDGE_LOGS_KEY),
      description: `mycomputer ${env.name}: CloudWatch Logs log groups in ${CLOUDFRONT_REGION} (the CloudFront web ACL's logs)`,
      policy: keyPolicy(env, [cloudWatchLogsGrant(env, CLOUDFRONT_REGION)]),
      region: CLOUDFRONT_REGION,
    });
    new KmsAlias(this, names.kmsAlias(EDGE_LOGS_KEY), {
      name: names.kmsAlias(EDGE_LOGS_KEY),
      aliasName: kmsAliasName(env, 'logs'),
      keyName: names.kmsKey(EDGE_LOGS_KEY),
      region: CLOUDFRONT_REGION,
    });
    new LogGroup(this, names.logGroup(wafLogGroup), {
      name: names.logGroup(wafLogGroup),
      logGroupName: wafLogGroup,
      retentionDays: env.logs.retentionDays,
      kmsKeyName: names.kmsKey(EDGE_LOGS_KEY),
      region: CLOUDFRONT_REGION,
    });
    new WebAcl(this, names.webAcl, {
      logDestinationArn: logGroupArn(env, wafLogGroup, CLOUDFRONT_REGION),
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
