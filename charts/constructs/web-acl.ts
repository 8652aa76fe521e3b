import { Construct } from 'constructs';
import { WebAcl as AckWebAcl, WebAclSpecRules } from '../../imports/wafv2-webacl-wafv2.services.k8s.aws';
import { CLOUDFRONT_REGION, inRegion } from '../lib/regions';

/** One rule of the web ACL; rules are evaluated in the order given. */
export type WebAclRule =
  /** Blocks a client IP address once it exceeds `limit` requests within the window. */
  | { readonly kind: 'rate-limit'; readonly name: string; readonly limit: number; readonly windowSeconds: 60 | 120 | 300 | 600 }
  /** An AWS managed rule group (its own rule actions apply). */
  | { readonly kind: 'aws-managed'; readonly name: string; readonly group: string }
  /** Blocks, or allows, requests from the given countries (ISO 3166 alpha-2). */
  | { readonly kind: 'geo'; readonly name: string; readonly countries: readonly string[]; readonly action: 'block' | 'allow' };

export interface WebAclProps {
  /** metadata.name. */
  readonly name: string;
  /** The AWS name; also the CloudWatch metric name of the ACL. */
  readonly webAclName: string;
  /** `CLOUDFRONT` (created in us-east-1, annotated here) or `REGIONAL`. */
  readonly scope: 'CLOUDFRONT' | 'REGIONAL';
  /** What happens to a request no rule decided. */
  readonly defaultAction: 'allow' | 'block';
  readonly rules: readonly WebAclRule[];
  /**
   * ARN of the log group (or bucket, or Firehose stream) receiving the web ACL's logs; its name
   * must start with `aws-waf-logs-` and, for a log group, it must be in the web ACL's region.
   * @default no logging
   */
  readonly logDestinationArn?: string;
}

/**
 * An ACK WAFv2 web ACL. Every rule and the ACL publish CloudWatch metrics and sampled requests,
 * named `<webAclName>-<rule name>`.
 */
export class WebAcl extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const at = `WebAcl ${props.name}`;
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.webAclName)) throw new Error(`${at}: webAclName must be 1-128 of [A-Za-z0-9_-], got "${props.webAclName}"`);
    if (props.rules.length === 0) throw new Error(`${at}: rules must not be empty`);
    const names = props.rules.map((rule) => rule.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate) throw new Error(`${at}: rule name "${duplicate}" is used twice`);
    const destination = props.logDestinationArn;
    if (destination !== undefined && !/^arn:aws:(logs:[a-z0-9-]+:\d{12}:log-group:|s3:::|firehose:[a-z0-9-]+:\d{12}:deliverystream\/)aws-waf-logs-[A-Za-z0-9._/#-]+$/.test(destination)) {
      throw new Error(`${at}: logDestinationArn must be the ARN of a log group, bucket or Firehose stream named aws-waf-logs-*, got "${destination}"`);
    }
    if (destination?.startsWith('arn:aws:logs:') && props.scope === 'CLOUDFRONT' && destination.split(':')[3] !== CLOUDFRONT_REGION) {
      throw new Error(`${at}: a CLOUDFRONT web ACL logs to a log group in ${CLOUDFRONT_REGION}, got "${destination}"`);
    }
    this.name = props.name;
    new AckWebAcl(this, 'Resource', {
      // A CloudFront web ACL exists only in us-east-1, whatever the namespace's region.
      metadata: { name: props.name, ...(props.scope === 'CLOUDFRONT' ? { annotations: inRegion(CLOUDFRONT_REGION) } : {}) },
      spec: {
        name: props.webAclName,
        scope: props.scope,
        defaultAction: props.defaultAction === 'allow' ? { allow: {} } : { block: {} },
        rules: props.rules.map((rule, priority) => ({ ...ruleSpec(at, rule), name: rule.name, priority, visibilityConfig: visibility(`${props.webAclName}-${rule.name}`) })),
        visibilityConfig: visibility(props.webAclName),
        // WAF.11. Scope, type and the Firewall Manager flag are what AWS reads back, written here so
        // that git equals live; resourceARN the controller fills in from status (Argo CD ignores it).
        ...(destination !== undefined ? { loggingConfiguration: { logDestinationConfigs: [destination], logScope: 'CUSTOMER', logType: 'WAF_LOGS', managedByFirewallManager: false } } : {}),
      },
    });
  }
}

function visibility(metricName: string) {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function ruleSpec(at: string, rule: WebAclRule): Pick<WebAclSpecRules, 'statement' | 'action' | 'overrideAction'> {
  switch (rule.kind) {
    case 'rate-limit':
      if (!Number.isInteger(rule.limit) || rule.limit < 10 || rule.limit > 2_000_000_000) throw new Error(`${at}: rule ${rule.name}: limit must be 10-2000000000, got ${rule.limit}`);
      return { statement: { rateBasedStatement: { limit: rule.limit, evaluationWindowSec: rule.windowSeconds, aggregateKeyType: 'IP' } }, action: { block: {} } };
    case 'aws-managed':
      if (!/^AWSManagedRules[A-Za-z0-9]+$/.test(rule.group)) throw new Error(`${at}: rule ${rule.name}: group must be an AWSManagedRules* group, got "${rule.group}"`);
      return { statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: rule.group } }, overrideAction: { none: {} } };
    case 'geo': {
      const bad = rule.countries.find((country) => !/^[A-Z]{2}$/.test(country));
      if (rule.countries.length === 0 || bad !== undefined) throw new Error(`${at}: rule ${rule.name}: countries must be ISO 3166 alpha-2 codes, at least one, got ${JSON.stringify(rule.countries)}`);
      return { statement: { geoMatchStatement: { countryCodes: [...rule.countries] } }, action: rule.action === 'block' ? { block: {} } : { allow: {} } };
    }
  }
}
