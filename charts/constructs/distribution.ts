import { Construct } from 'constructs';
import { Distribution as AckDistribution } from '../../imports/cloudfront-distribution-cloudfront.services.k8s.aws';

/**
 * AWS managed CloudFront policies (their IDs are the same in every account): an API must not
 * be cached, and the origin must see the viewer's Host header, cookies and query string.
 */
export const MANAGED_CACHE_POLICY_CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
export const MANAGED_ORIGIN_REQUEST_POLICY_ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

const ORIGIN_ID = 'load-balancer';

export interface DistributionProps {
  /** metadata.name. */
  readonly name: string;
  readonly comment: string;
  /** Host names the distribution answers for (all covered by the certificate). */
  readonly aliases: readonly string[];
  /** Host name of the HTTPS origin (it must present a certificate valid for the viewer's Host). */
  readonly originDomainName: string;
  /** metadata.name of the ACM Certificate in us-east-1 (`acmCertificateRef`). */
  readonly certificateName: string;
  /** ARN of the WAF web ACL (CLOUDFRONT scope); ACK's Distribution has no reference for it. */
  readonly webAclArn: string;
  /** Countries served or refused at the edge. */
  readonly geoRestriction: { readonly type: 'blacklist' | 'whitelist' | 'none'; readonly countries: readonly string[] };
  /** S3 bucket receiving the access logs (standard logging: the bucket must accept ACLs). */
  readonly logBucket: string;
  /**
   * Key prefix of the access logs.
   * @default 'cloudfront/'
   */
  readonly logPrefix?: string;
  /**
   * Edge locations used: PriceClass_100 is Europe and North America, where the customers are.
   * @default 'PriceClass_100'
   */
  readonly priceClass?: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /**
   * Oldest TLS the viewers may use.
   * @default 'TLSv1.2_2021'
   */
  readonly minimumProtocolVersion?: 'TLSv1.2_2021' | 'TLSv1.2_2019' | 'TLSv1.2_2018';
}

/**
 * A CloudFront distribution in front of one HTTPS-only origin: viewers are redirected to HTTPS,
 * nothing is cached, every method passes, and the web ACL filters every request.
 */
export class Distribution extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DistributionProps) {
    super(scope, id);
    const at = `Distribution ${props.name}`;
    if (props.aliases.length === 0) throw new Error(`${at}: aliases must not be empty`);
    if (!/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//.test(props.webAclArn)) throw new Error(`${at}: webAclArn must be a CLOUDFRONT-scope WAFv2 web ACL ARN (us-east-1, global), got "${props.webAclArn}"`);
    const { type, countries } = props.geoRestriction;
    if ((type === 'none') !== (countries.length === 0)) throw new Error(`${at}: geoRestriction needs countries exactly when its type is not "none", got ${type} with ${countries.length}`);
    this.name = props.name;
    new AckDistribution(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        distributionConfig: {
          comment: props.comment,
          enabled: true,
          httpVersion: 'http2and3',
          isIpv6Enabled: false,
          priceClass: props.priceClass ?? 'PriceClass_100',
          aliases: { items: [...props.aliases] },
          viewerCertificate: {
            acmCertificateRef: { from: { name: props.certificateName } },
            sslSupportMethod: 'sni-only',
            minimumProtocolVersion: props.minimumProtocolVersion ?? 'TLSv1.2_2021',
          },
          webAclid: props.webAclArn,
          origins: {
            items: [
              {
                id: ORIGIN_ID,
                domainName: props.originDomainName,
                customOriginConfig: {
                  httpPort: 80,
                  httpSPort: 443,
                  originProtocolPolicy: 'https-only',
                  originSslProtocols: { items: ['TLSv1.2'] },
                  originReadTimeout: 30,
                  originKeepaliveTimeout: 5,
                },
              },
            ],
          },
          defaultCacheBehavior: {
            targetOriginId: ORIGIN_ID,
            viewerProtocolPolicy: 'redirect-to-https',
            allowedMethods: { items: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'], cachedMethods: { items: ['GET', 'HEAD'] } },
            cachePolicyId: MANAGED_CACHE_POLICY_CACHING_DISABLED,
            originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY_ALL_VIEWER,
            compress: true,
          },
          restrictions: { geoRestriction: { restrictionType: type, ...(countries.length > 0 ? { items: [...countries] } : {}) } },
          logging: { enabled: true, bucket: `${props.logBucket}.s3.amazonaws.com`, prefix: props.logPrefix ?? 'cloudfront/', includeCookies: false },
        },
      },
    });
  }
}
