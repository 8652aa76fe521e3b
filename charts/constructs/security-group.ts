import { Construct } from 'constructs';
import { SecurityGroup as AckSecurityGroup, SecurityGroupSpecIngressRules } from '../../imports/ec2-securitygroup-ec2.services.k8s.aws';
import { parseCidr } from '../lib/environment/cidr';

/** The other end of a rule: an IPv4 range, or another security group by metadata.name. */
export type Peer = { readonly cidr: string } | { readonly securityGroup: string };

export interface SecurityGroupRule {
  /** `all` is every protocol on every port (ipProtocol "-1"). */
  readonly protocol: 'tcp' | 'udp' | 'all';
  /**
   * Port, or inclusive range, for tcp and udp.
   * @default every port (only allowed with protocol `all`)
   */
  readonly ports?: number | { readonly from: number; readonly to: number };
  readonly peer: Peer;
  /** Why the rule exists; AWS shows it next to the rule. */
  readonly description: string;
}

/** All traffic to anywhere: what AWS gives a new group, which ACK removes unless declared. */
export const ALLOW_ALL_EGRESS: SecurityGroupRule = { protocol: 'all', peer: { cidr: '0.0.0.0/0' }, description: 'All outbound traffic' };

export interface SecurityGroupProps {
  /** metadata.name; rules and other kinds reference the group by it. */
  readonly name: string;
  /** The group's name in AWS; AWS forbids names starting with "sg-". */
  readonly groupName: string;
  readonly description: string;
  /** metadata.name of the VPC. */
  readonly vpcName: string;
  /** @default none: no inbound traffic */
  readonly ingress?: readonly SecurityGroupRule[];
  /** @default [ALLOW_ALL_EGRESS] */
  readonly egress?: readonly SecurityGroupRule[];
  /**
   * Value of the AWS `Name` tag.
   * @default the metadata name
   */
  readonly nameTag?: string;
}

/**
 * An ACK ec2 SecurityGroup whose rules are exactly the ones given: the controller revokes any
 * rule not in the spec, including AWS's default egress rule.
 */
export class SecurityGroup extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    if (/^sg-/i.test(props.groupName)) throw new Error(`SecurityGroup ${props.name}: groupName must not start with "sg-" (AWS rejects it), got "${props.groupName}"`);
    this.name = props.name;
    const rules = (list: readonly SecurityGroupRule[], field: string) => list.map((rule, i) => toAckRule(rule, `SecurityGroup ${props.name}: ${field}[${i}]`));
    new AckSecurityGroup(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.groupName,
        description: props.description,
        vpcRef: { from: { name: props.vpcName } },
        ingressRules: rules(props.ingress ?? [], 'ingress'),
        egressRules: rules(props.egress ?? [ALLOW_ALL_EGRESS], 'egress'),
        tags: [{ key: 'Name', value: props.nameTag ?? props.name }],
      },
    });
  }
}

function toAckRule(rule: SecurityGroupRule, where: string): SecurityGroupSpecIngressRules {
  const peer = rule.peer;
  const peers =
    'cidr' in peer
      ? { ipRanges: [{ cidrIp: checkedCidr(peer.cidr, where), description: rule.description }] }
      : { userIdGroupPairs: [{ groupRef: { from: { name: peer.securityGroup } }, description: rule.description }] };
  // AWS ignores and drops ports for "-1"; leaving them out keeps desired and observed equal.
  if (rule.protocol === 'all') {
    if (rule.ports !== undefined) throw new Error(`${where}: ports must be omitted with protocol "all", got ${JSON.stringify(rule.ports)}`);
    return { ipProtocol: '-1', ...peers };
  }
  const { from, to } = typeof rule.ports === 'number' ? { from: rule.ports, to: rule.ports } : rule.ports ?? { from: NaN, to: NaN };
  if (!isPort(from) || !isPort(to) || from > to) throw new Error(`${where}: ports must be a port or range within 0-65535 for ${rule.protocol}, got ${JSON.stringify(rule.ports)}`);
  return { ipProtocol: rule.protocol, fromPort: from, toPort: to, ...peers };
}

function checkedCidr(cidr: string, where: string): string {
  if (!parseCidr(cidr)) throw new Error(`${where}: peer.cidr must be an IPv4 CIDR, got "${cidr}"`);
  return cidr;
}

function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 65535;
}
