/** Security Hub controls for AWS WAF on ACK wafv2 WebACLs (waf-controls.html). */
import { check, controlUrl, list, record, spec, strings } from '../read';
import { WEB_ACL } from '../kinds';
import { Control } from '../types';

export const WAF_CONTROLS: readonly Control[] = [
  {
    id: 'WAF.10',
    title: 'AWS WAF web ACLs should have at least one rule or rule group',
    url: controlUrl('WAF.10'),
    appliesTo: [WEB_ACL],
    severity: 'Medium',
    evaluate: (object) => check(list(spec(object).rules).length > 0, 'the web ACL has no rules'),
  },
  {
    id: 'WAF.11',
    title: 'AWS WAF web ACL logging should be enabled',
    url: controlUrl('WAF.11'),
    appliesTo: [WEB_ACL],
    severity: 'Low',
    evaluate: (object) => check(strings(record(spec(object).loggingConfiguration).logDestinationConfigs).length > 0, 'loggingConfiguration.logDestinationConfigs is empty: no web ACL logging'),
  },
  {
    id: 'WAF.12',
    title: 'AWS WAF rules should have CloudWatch metrics enabled',
    url: controlUrl('WAF.12'),
    appliesTo: [WEB_ACL],
    severity: 'Medium',
    evaluate: (object) => {
      const dark = list(spec(object).rules).filter((rule) => record(rule.visibilityConfig).cloudWatchMetricsEnabled !== true);
      return check(dark.length === 0, `rules without CloudWatch metrics: ${dark.map((r) => String(r.name)).join(', ')}`);
    },
  },
];
