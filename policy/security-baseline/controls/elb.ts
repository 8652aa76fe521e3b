/** Security Hub controls for Application Load Balancers on ACK elbv2 LoadBalancers (elb-controls.html). */
import { attributes, check, controlUrl, list, peersOfKind, record, refName, shown, spec } from '../read';
import { LISTENER, LOAD_BALANCER } from '../kinds';
import { Control, Finding } from '../types';
import { KubeObject } from '../../tag-shapes';

function isApplication(object: KubeObject): boolean {
  return (spec(object).type ?? 'application') === 'application';
}

/** An ALB attribute that AWS leaves "false" unless set: the control passes on "true" only. */
function attributeTrue(key: string) {
  return (object: KubeObject): Finding[] => {
    if (!isApplication(object)) return [];
    const value = attributes(object)[key];
    return check(value === 'true', `attribute ${key} is ${shown(value)}, must be "true"`);
  };
}

/** ELB.1: every HTTP listener of the ALB redirects to HTTPS. */
function httpRedirects(object: KubeObject, peers: readonly KubeObject[]): Finding[] {
  if (!isApplication(object)) return [];
  const listeners = peersOfKind(peers, LISTENER).filter((listener) => refName(spec(listener).loadBalancerRef) === object.metadata.name);
  const plain = listeners.filter((listener) => spec(listener).protocol === 'HTTP');
  const notRedirecting = plain.filter((listener) => !list(spec(listener).defaultActions).some((action) => action.type === 'redirect' && record(action.redirectConfig).protocol === 'HTTPS'));
  return check(notRedirecting.length === 0, `HTTP listeners without a redirect to HTTPS: ${notRedirecting.map((l) => l.metadata.name).join(', ')}`);
}

export const ELB_CONTROLS: readonly Control[] = [
  {
    id: 'ELB.1',
    title: 'Application Load Balancer should be configured to redirect all HTTP requests to HTTPS',
    url: controlUrl('ELB.1'),
    appliesTo: [LOAD_BALANCER],
    severity: 'Medium',
    reads: [LISTENER],
    evaluate: (object, peers) => httpRedirects(object, peers),
  },
  {
    id: 'ELB.4',
    title: 'Application Load Balancer should be configured to drop http headers',
    url: controlUrl('ELB.4'),
    appliesTo: [LOAD_BALANCER],
    severity: 'Medium',
    evaluate: attributeTrue('routing.http.drop_invalid_header_fields.enabled'),
  },
  {
    id: 'ELB.5',
    title: 'Application and Classic Load Balancers logging should be enabled',
    url: controlUrl('ELB.5'),
    appliesTo: [LOAD_BALANCER],
    severity: 'Medium',
    evaluate: attributeTrue('access_logs.s3.enabled'),
  },
  {
    id: 'ELB.6',
    title: 'Application Load Balancer deletion protection should be enabled',
    url: controlUrl('ELB.6'),
    appliesTo: [LOAD_BALANCER],
    severity: 'Medium',
    evaluate: attributeTrue('deletion_protection.enabled'),
  },
  {
    id: 'ELB.12',
    title: 'Application Load Balancer should be configured with defensive or strictest desync mitigation mode',
    url: controlUrl('ELB.12'),
    appliesTo: [LOAD_BALANCER],
    severity: 'Medium',
    evaluate: (object) => {
      if (!isApplication(object)) return [];
      // AWS's default mode is "defensive".
      const mode = attributes(object)['routing.http.desync_mitigation_mode'] ?? 'defensive';
      return check(mode === 'defensive' || mode === 'strictest', `attribute routing.http.desync_mitigation_mode is "${mode}"`);
    },
  },
  {
    id: 'ELB.13',
    title: 'Application, Network and Gateway Load Balancers should span multiple Availability Zones',
    url: controlUrl('ELB.13'),
    appliesTo: [LOAD_BALANCER],
    severity: 'Medium',
    evaluate: (object) => {
      const lb = spec(object);
      const subnets = list(lb.subnetRefs).length + list(lb.subnetMappings).length + (Array.isArray(lb.subnets) ? lb.subnets.length : 0);
      return check(subnets >= 2, `${subnets} subnet(s): a load balancer needs subnets in at least two Availability Zones`);
    },
  },
];
