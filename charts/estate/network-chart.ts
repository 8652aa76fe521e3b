import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { FLOW_LOG_WAITING_ANNOTATION } from '../../policy/annotations';
import { ElasticIp } from '../constructs/elastic-ip';
import { VpcFlowLog } from '../constructs/flow-log';
import { InternetGateway } from '../constructs/internet-gateway';
import { NatGateway } from '../constructs/nat-gateway';
import { Route, RouteTable } from '../constructs/route-table';
import { Subnet } from '../constructs/subnet';
import { Vpc } from '../constructs/vpc';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { vpcFlowLogsDestination } from '../lib/log-delivery';
import { names, SubnetTier } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { addSecurityGroups } from './network-security-groups';

const ANYWHERE = '0.0.0.0/0';

/**
 * The environment's network, from `network` and `aws` of its data: the VPC, one subnet per tier
 * and zone, the internet gateway, NAT gateway(s) with their Elastic IPs, a route table per tier
 * (per zone for the private tier when each zone has its own NAT gateway) and the security groups.
 * Everything is wired by ACK references, which also orders creation: a NAT gateway waits for its
 * public subnet, which waits for the public route table, which waits for the attached gateway.
 * The VPC's flow log (EC2.6) to the logs bucket needs the VPC's id, which no reference carries:
 * it exists once `network.assigned.vpcId` is pinned, and is listed as waiting until then.
 */
export class NetworkChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { network, aws } = this.env;
    const zones = aws.availabilityZones;
    const awsName = (name: string) => `mycomputer-${this.env.tagging.environment}-${name}`;
    // One shared NAT gateway (cheap) or one per zone (a zone outage keeps egress elsewhere);
    // anything in between would tie a zone's egress to an arbitrary other zone.
    if (network.natGateways !== 1 && network.natGateways !== zones.length) {
      throw new Error(`NetworkChart (${this.env.name}): network.natGateways must be 1 or one per availability zone (${zones.length}), got ${network.natGateways}`);
    }
    const natZones = network.natGateways === 1 ? zones.slice(0, 1) : zones;

    const vpc = new Vpc(this, 'vpc', { name: names.vpc, cidr: network.vpcCidr, nameTag: awsName(names.vpc) });
    if (network.assigned.vpcId !== undefined) {
      new VpcFlowLog(this, names.vpcFlowLog, { name: names.vpcFlowLog, vpcName: vpc.name, vpcId: network.assigned.vpcId, s3Destination: vpcFlowLogsDestination(this.env) });
    } else {
      ApiObject.of(vpc).metadata.addAnnotation(FLOW_LOG_WAITING_ANNOTATION, 'network.assigned.vpcId');
    }
    const igw = new InternetGateway(this, 'internet-gateway', { name: names.internetGateway, vpcName: vpc.name, nameTag: awsName(names.internetGateway) });
    for (const zone of natZones) {
      const eip = new ElasticIp(this, names.natElasticIp(zone), { name: names.natElasticIp(zone), nameTag: awsName(names.natElasticIp(zone)) });
      new NatGateway(this, names.natGateway(zone), {
        name: names.natGateway(zone),
        subnetName: names.subnet('public', zone),
        elasticIpName: eip.name,
        nameTag: awsName(names.natGateway(zone)),
      });
    }

    const table = (name: string, routes?: readonly Route[]) => new RouteTable(this, name, { name, vpcName: vpc.name, routes, nameTag: awsName(name) }).name;
    const toNat = (natZone: string): Route[] => [{ destination: ANYWHERE, target: { natGateway: names.natGateway(natZone) } }];
    const publicTable = table(names.routeTable('public'), [{ destination: ANYWHERE, target: { internetGateway: igw.name } }]);
    // Private subnets leave through the NAT gateway of their own zone, or the one shared gateway.
    const sharedPrivateTable = natZones.length === 1 ? table(names.routeTable('private'), toNat(natZones[0])) : undefined;
    if (!sharedPrivateTable) zones.forEach((zone) => table(names.routeTable('private', zone), toNat(zone)));
    // The database tier has no route out: its table holds only the VPC's implicit local route.
    const databaseTable = table(names.routeTable('database'));

    const tiers: ReadonlyArray<{ tier: SubnetTier; cidrs: readonly string[]; routeTable: (zone: string) => string }> = [
      { tier: 'public', cidrs: network.publicSubnets, routeTable: () => publicTable },
      { tier: 'private', cidrs: network.privateSubnets, routeTable: (zone) => sharedPrivateTable ?? names.routeTable('private', zone) },
      { tier: 'database', cidrs: network.databaseSubnets, routeTable: () => databaseTable },
    ];
    for (const { tier, cidrs, routeTable } of tiers) {
      if (cidrs.length !== zones.length) throw new Error(`NetworkChart (${this.env.name}): network.${tier}Subnets must have one CIDR per availability zone (${zones.length}), got ${cidrs.length}`);
      zones.forEach((zone, i) => {
        const name = names.subnet(tier, zone);
        new Subnet(this, name, {
          name,
          vpcName: vpc.name,
          cidr: cidrs[i],
          availabilityZone: zone,
          routeTableName: routeTable(zone),
          nameTag: awsName(name),
        });
      });
    }

    addSecurityGroups(this, { vpcName: vpc.name, taskPorts: network.taskPortRange, awsName });
  }
}
