/** Security Hub controls for Amazon EC2 (security groups, VPCs, subnets) on ACK objects (ec2-controls.html). */
import { check, controlUrl, fail, list, peersOfKind, PASS, record, shown, spec, strings } from '../read';
import { FLOW_LOG_VPC_ANNOTATION, FLOW_LOG_WAITING_ANNOTATION } from '../../annotations';
import { FLOW_LOG, SECURITY_GROUP, SUBNET, VPC } from '../kinds';
import { Control, Finding } from '../types';
import { KubeObject } from '../../tag-shapes';

/** EC2.19: ports that no security group may open to 0.0.0.0/0 or ::/0 (the list on the control's page). */
export const HIGH_RISK_PORTS: readonly number[] = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

/** An ingress rule open to the whole internet, with its port range (all ports for protocol -1). */
interface OpenRule {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

function openIngress(object: KubeObject): OpenRule[] {
  return list(spec(object).ingressRules)
    .filter((rule) => list(rule.ipRanges).some((range) => range.cidrIP === '0.0.0.0/0') || list(rule.ipv6Ranges).some((range) => range.cidrIPv6 === '::/0'))
    .map((rule) => {
      const protocol = String(rule.ipProtocol ?? '-1');
      const all = protocol === '-1' || protocol === 'all';
      return { protocol, from: all ? 0 : Number(rule.fromPort ?? 0), to: all ? 65535 : Number(rule.toPort ?? rule.fromPort ?? 65535) };
    });
}

function describe(rule: OpenRule): string {
  return rule.protocol === '-1' ? 'all traffic' : `${rule.protocol} ${rule.from === rule.to ? rule.from : `${rule.from}-${rule.to}`}`;
}

function authorized(rule: OpenRule, ports: readonly number[]): boolean {
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  for (let port = rule.from; port <= rule.to; port++) if (!ports.includes(port)) return false;
  return true;
}

function vpcFlowLogs(object: KubeObject, peers: readonly KubeObject[]): Finding[] {
  const vpcID = record(object.status).vpcID;
  const ofVpc = peersOfKind(peers, FLOW_LOG).filter((log) => spec(log).resourceType === 'VPC');
  // Live, the VPC's id decides. Before the VPC has a status (at synth), a FlowLog annotated with this
  // VPC's name: its resourceID is the pinned id that `platform bind` read from this VPC's status.
  const logged =
    typeof vpcID === 'string'
      ? ofVpc.some((log) => spec(log).resourceID === vpcID || strings(spec(log).resourceIDs).includes(vpcID))
      : ofVpc.some((log) => log.metadata.annotations?.[FLOW_LOG_VPC_ANNOTATION] === object.metadata.name && typeof spec(log).resourceID === 'string');
  if (logged) return [PASS];
  const waitingFor = object.metadata.annotations?.[FLOW_LOG_WAITING_ANNOTATION];
  if (waitingFor && typeof vpcID !== 'string') {
    return [{ kind: 'ackGap', message: `its FlowLog waits for ${waitingFor}: ACK's FlowLog names a VPC by id only`, mitigation: 'platform bind pins the id after the first sync; the FlowLog follows in the next one' }];
  }
  return [fail(`no FlowLog of this VPC${typeof vpcID === 'string' ? ` (${vpcID})` : ` (by id, or by the ${FLOW_LOG_VPC_ANNOTATION} annotation before the VPC has one)`} among the namespace's objects`)];
}

export const EC2_CONTROLS: readonly Control[] = [
  {
    id: 'EC2.2',
    title: 'The VPC default security group should not allow inbound and outbound traffic',
    url: controlUrl('EC2.2'),
    appliesTo: [VPC],
    severity: 'High',
    // The default security group is not an ACK object; the VPC's disallowSecurityGroupDefaultRules empties it.
    evaluate: (object) => check(spec(object).disallowSecurityGroupDefaultRules === true, `disallowSecurityGroupDefaultRules is ${shown(spec(object).disallowSecurityGroupDefaultRules)}: the default security group keeps its allow rules`),
  },
  {
    id: 'EC2.6',
    title: 'VPC flow logging should be enabled in all VPCs',
    url: controlUrl('EC2.6'),
    appliesTo: [VPC],
    severity: 'Medium',
    reads: [FLOW_LOG],
    evaluate: (object, peers) => vpcFlowLogs(object, peers),
  },
  {
    id: 'EC2.15',
    title: 'Amazon EC2 subnets should not automatically assign public IP addresses',
    url: controlUrl('EC2.15'),
    appliesTo: [SUBNET],
    severity: 'Medium',
    evaluate: (object) => check(spec(object).mapPublicIPOnLaunch !== true, 'mapPublicIPOnLaunch is true'),
  },
  {
    id: 'EC2.18',
    title: 'Security groups should only allow unrestricted incoming traffic for authorized ports',
    url: controlUrl('EC2.18'),
    appliesTo: [SECURITY_GROUP],
    severity: 'High',
    evaluate: (object, _peers, parameters) => {
      const unauthorized = openIngress(object).filter((rule) => !authorized(rule, parameters.authorizedTcpPorts));
      return check(unauthorized.length === 0, `ingress open to the internet on ${unauthorized.map(describe).join(', ')}; authorized TCP ports: ${parameters.authorizedTcpPorts.join(', ')}`);
    },
  },
  {
    id: 'EC2.19',
    title: 'Security groups should not allow unrestricted access to ports with high risk',
    url: controlUrl('EC2.19'),
    appliesTo: [SECURITY_GROUP],
    severity: 'Critical',
    evaluate: (object) => {
      const risky = openIngress(object).filter((rule) => HIGH_RISK_PORTS.some((port) => port >= rule.from && port <= rule.to));
      return check(risky.length === 0, `ingress open to the internet on high-risk ports: ${risky.map(describe).join(', ')}`);
    },
  },
];
