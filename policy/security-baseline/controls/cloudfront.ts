/** Security Hub controls for Amazon CloudFront on ACK Distributions (cloudfront-controls.html). */
import { check, controlUrl, list, record, refName, shown, spec, strings } from '../read';
import { DISTRIBUTION } from '../kinds';
import { Control } from '../types';
import { KubeObject } from '../../tag-shapes';

function config(object: KubeObject): Record<string, unknown> {
  return record(spec(object).distributionConfig);
}

function origins(object: KubeObject): Record<string, unknown>[] {
  return list(record(config(object).origins).items);
}

function behaviours(object: KubeObject): Record<string, unknown>[] {
  return [record(config(object).defaultCacheBehavior), ...list(record(config(object).cacheBehaviors).items)];
}

function viewerCertificate(object: KubeObject): Record<string, unknown> {
  return record(config(object).viewerCertificate);
}

function hasCustomCertificate(object: KubeObject): boolean {
  const certificate = viewerCertificate(object);
  return typeof certificate.acmCertificateARN === 'string' || refName(certificate.acmCertificateRef) !== undefined || typeof certificate.iamCertificateID === 'string';
}

function isS3Origin(origin: Record<string, unknown>): boolean {
  return origin.s3OriginConfig !== undefined || /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(String(origin.domainName ?? ''));
}

export const CLOUDFRONT_CONTROLS: readonly Control[] = [
  {
    id: 'CloudFront.1',
    title: 'CloudFront distributions should have a default root object configured',
    url: controlUrl('CloudFront.1'),
    appliesTo: [DISTRIBUTION],
    severity: 'Critical',
    evaluate: (object) => {
      const root = config(object).defaultRootObject;
      return check(typeof root === 'string' && root !== '', 'distributionConfig.defaultRootObject is unset');
    },
  },
  {
    id: 'CloudFront.3',
    title: 'CloudFront distributions should require encryption in transit',
    url: controlUrl('CloudFront.3'),
    appliesTo: [DISTRIBUTION],
    severity: 'Medium',
    evaluate: (object) => {
      const open = behaviours(object).filter((behaviour) => (behaviour.viewerProtocolPolicy ?? 'allow-all') === 'allow-all');
      return check(open.length === 0, `viewerProtocolPolicy is "allow-all" for ${open.map((b) => String(b.pathPattern ?? 'the default cache behavior')).join(', ')}`);
    },
  },
  {
    id: 'CloudFront.5',
    title: 'CloudFront distributions should have logging enabled',
    url: controlUrl('CloudFront.5'),
    appliesTo: [DISTRIBUTION],
    severity: 'Medium',
    evaluate: (object) => check(record(config(object).logging).enabled === true, `distributionConfig.logging.enabled is ${shown(record(config(object).logging).enabled)}, must be true`),
  },
  {
    id: 'CloudFront.6',
    title: 'CloudFront distributions should have WAF enabled',
    url: controlUrl('CloudFront.6'),
    appliesTo: [DISTRIBUTION],
    severity: 'Medium',
    evaluate: (object) => {
      const acl = config(object).webACLID;
      return check(typeof acl === 'string' && acl !== '', 'distributionConfig.webACLID is unset: no web ACL');
    },
  },
  {
    id: 'CloudFront.7',
    title: 'CloudFront distributions should use custom SSL/TLS certificates',
    url: controlUrl('CloudFront.7'),
    appliesTo: [DISTRIBUTION],
    severity: 'Medium',
    evaluate: (object) => check(hasCustomCertificate(object) && viewerCertificate(object).cloudFrontDefaultCertificate !== true, 'viewerCertificate uses the CloudFront default certificate'),
  },
  {
    id: 'CloudFront.8',
    title: 'CloudFront distributions should use SNI to serve HTTPS requests',
    url: controlUrl('CloudFront.8'),
    appliesTo: [DISTRIBUTION],
    severity: 'Low',
    evaluate: (object) => {
      if (!hasCustomCertificate(object)) return [];
      return check(viewerCertificate(object).sslSupportMethod !== 'vip', 'viewerCertificate.sslSupportMethod is "vip" (dedicated IP), must be "sni-only"');
    },
  },
  {
    id: 'CloudFront.9',
    title: 'CloudFront distributions should encrypt traffic to custom origins',
    url: controlUrl('CloudFront.9'),
    appliesTo: [DISTRIBUTION],
    severity: 'Medium',
    evaluate: (object) => {
      const viewerAllowsHttp = behaviours(object).some((behaviour) => (behaviour.viewerProtocolPolicy ?? 'allow-all') === 'allow-all');
      const plain = origins(object).filter((origin) => {
        const policy = record(origin.customOriginConfig).originProtocolPolicy;
        return origin.customOriginConfig !== undefined && (policy === 'http-only' || (policy === 'match-viewer' && viewerAllowsHttp));
      });
      return check(plain.length === 0, `custom origins reached without TLS: ${plain.map((o) => String(o.id)).join(', ')}`);
    },
  },
  {
    id: 'CloudFront.10',
    title: 'CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins',
    url: controlUrl('CloudFront.10'),
    appliesTo: [DISTRIBUTION],
    severity: 'Medium',
    evaluate: (object) => {
      const deprecated = origins(object).filter((origin) => strings(record(record(origin.customOriginConfig).originSSLProtocols).items).includes('SSLv3'));
      return check(deprecated.length === 0, `custom origins allowing SSLv3: ${deprecated.map((o) => String(o.id)).join(', ')}`);
    },
  },
  {
    id: 'CloudFront.13',
    title: 'CloudFront distributions should use origin access control',
    url: controlUrl('CloudFront.13'),
    appliesTo: [DISTRIBUTION],
    severity: 'Medium',
    evaluate: (object) => {
      const open = origins(object).filter((origin) => isS3Origin(origin) && !origin.originAccessControlID);
      return check(open.length === 0, `S3 origins without origin access control: ${open.map((o) => String(o.id)).join(', ')}`);
    },
  },
];
