/**
 * What the emulator holds of the EC2 kinds, by id, read with boto3, to count resources against the
 * Kubernetes objects that should own them: a resource no object's status names is an orphan (a
 * creation that ACK lost track of, e.g. a controller killed between AWS's answer and its status
 * write), and would be created a second time. What AWS creates by itself with a VPC (its main
 * route table, its default security group) and the account's default VPC are left out.
 * No vitest here, so that bench/ can use it.
 */
import { ManifestObject } from '../../../cli/diff/manifest-tree';
import { kindKey } from '../../../policy/tag-shapes';
import { aws, AwsCall } from './aws';

interface Inventoried {
  readonly call: AwsCall;
  /** The ids in the answer, without what AWS creates by itself. */
  readonly ids: (result: Record<string, any>) => string[];
  /** Where ACK writes the id in the object's status. */
  readonly statusId: (status: Record<string, any>) => string | undefined;
}

const tagged = (resource: { Tags?: { Key: string }[] }) => (resource.Tags ?? []).some((tag) => tag.Key.startsWith('services.k8s.aws/'));

/** `<group>/<Kind>` → how to list it and where its id is. */
export const INVENTORIED: Readonly<Record<string, Inventoried>> = {
  'ec2.services.k8s.aws/VPC': { call: { service: 'ec2', operation: 'describe_vpcs' }, ids: (r) => r.Vpcs.filter((v: any) => !v.IsDefault).map((v: any) => v.VpcId), statusId: (s) => s.vpcID },
  'ec2.services.k8s.aws/Subnet': { call: { service: 'ec2', operation: 'describe_subnets' }, ids: (r) => r.Subnets.filter((s: any) => !s.DefaultForAz).map((s: any) => s.SubnetId), statusId: (s) => s.subnetID },
  'ec2.services.k8s.aws/SecurityGroup': { call: { service: 'ec2', operation: 'describe_security_groups' }, ids: (r) => r.SecurityGroups.filter((g: any) => g.GroupName !== 'default').map((g: any) => g.GroupId), statusId: (s) => s.id },
  'ec2.services.k8s.aws/RouteTable': {
    call: { service: 'ec2', operation: 'describe_route_tables' },
    ids: (r) => r.RouteTables.filter((t: any) => !(t.Associations ?? []).some((a: any) => a.Main) || tagged(t)).map((t: any) => t.RouteTableId),
    statusId: (s) => s.routeTableID,
  },
  'ec2.services.k8s.aws/InternetGateway': { call: { service: 'ec2', operation: 'describe_internet_gateways' }, ids: (r) => r.InternetGateways.map((g: any) => g.InternetGatewayId), statusId: (s) => s.internetGatewayID },
  'ec2.services.k8s.aws/NATGateway': { call: { service: 'ec2', operation: 'describe_nat_gateways' }, ids: (r) => r.NatGateways.filter((g: any) => g.State !== 'deleted').map((g: any) => g.NatGatewayId), statusId: (s) => s.natGatewayID },
  'ec2.services.k8s.aws/ElasticIPAddress': { call: { service: 'ec2', operation: 'describe_addresses' }, ids: (r) => r.Addresses.map((a: any) => a.AllocationId), statusId: (s) => s.allocationID },
};

/** `<group>/<Kind>` → the ids the emulator holds, for the inventoried kinds among `kinds`. */
export async function inventory(kinds: readonly string[], region: string): Promise<Map<string, string[]>> {
  const listed = kinds.filter((kind) => INVENTORIED[kind]);
  const answers = await aws(listed.map((kind) => INVENTORIED[kind].call), region);
  return new Map(listed.map((kind, i) => {
    const answer = answers[i];
    if (answer.error) throw new Error(`${kind}: ${answer.error.code}: ${answer.error.message}`);
    return [kind, INVENTORIED[kind].ids(answer.result)];
  }));
}

/** Per kind: resources created since `before` that no object's status names, and objects whose id is missing or named twice. */
export interface Reconciliation {
  readonly kind: string;
  readonly objects: number;
  readonly created: number;
  readonly orphans: readonly string[];
  readonly missing: readonly string[];
  readonly duplicates: number;
}

/**
 * Compares what the emulator holds now (`after`) with `before` and with the ids ACK wrote into the
 * objects' status (`statuses`: identity → status).
 */
export function reconcileInventory(objects: readonly ManifestObject[], statuses: ReadonlyMap<string, Record<string, any>>, before: ReadonlyMap<string, string[]>, after: ReadonlyMap<string, string[]>, identityOf: (o: ManifestObject) => string): Reconciliation[] {
  return [...after.keys()].map((kind) => {
    const ofKind = objects.filter((o) => kindKey(o) === kind);
    const known = new Set(before.get(kind) ?? []);
    const created = after.get(kind)!.filter((id) => !known.has(id));
    const named = new Map(ofKind.map((o) => [o.metadata.name, INVENTORIED[kind].statusId(statuses.get(identityOf(o)) ?? {})]));
    const ids = new Set(named.values());
    return {
      kind,
      objects: ofKind.length,
      created: created.length,
      orphans: created.filter((id) => !ids.has(id)),
      missing: [...named].filter(([, id]) => !id || !after.get(kind)!.includes(id)).map(([name]) => name),
      duplicates: Math.max(0, created.length - ofKind.length),
    };
  });
}
