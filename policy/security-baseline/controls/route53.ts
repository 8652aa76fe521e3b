/** Security Hub controls for Route 53 on ACK HostedZones (route53-controls.html). */
import { ackGap, controlUrl, record, spec } from '../read';
import { HOSTED_ZONE } from '../kinds';
import { Control } from '../types';

export const ROUTE53_CONTROLS: readonly Control[] = [
  {
    id: 'Route53.2',
    title: 'Route 53 public hosted zones should log DNS queries',
    url: controlUrl('Route53.2'),
    appliesTo: [HOSTED_ZONE],
    severity: 'Medium',
    evaluate: (object) => {
      if (record(spec(object).hostedZoneConfig).privateZone === true) return [];
      // The route53 controller has no QueryLoggingConfig kind and HostedZone no query logging field.
      return [ackGap('ACK route53 cannot configure query logging (no QueryLoggingConfig kind)', 'create the query logging configuration once per public zone (route53 CreateQueryLoggingConfig to a us-east-1 log group) in the account bootstrap')];
    },
  },
];
