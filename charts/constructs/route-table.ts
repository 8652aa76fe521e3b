import { Construct } from 'constructs';
import { RouteTable as AckRouteTable, RouteTableSpecRoutes } from '../../imports/ec2-routetable-ec2.services.k8s.aws';
import { parseCidr } from '../lib/environment/cidr';

/** Where a route sends traffic: a gateway of the estate, named by its metadata.name. */
export type RouteTarget = { readonly internetGateway: string } | { readonly natGateway: string };

export interface Route {
  /** Destination IPv4 CIDR, e.g. 0.0.0.0/0. */
  readonly destination: string;
  readonly target: RouteTarget;
}

export interface RouteTableProps {
  /** metadata.name; subnets reference the table by it to be associated with it. */
  readonly name: string;
  /** metadata.name of the VPC. */
  readonly vpcName: string;
  /**
   * Routes besides the VPC's implicit local route (which AWS adds and ACK leaves alone).
   * @default none: local traffic only
   */
  readonly routes?: readonly Route[];
  /**
   * Value of the AWS `Name` tag.
   * @default the metadata name
   */
  readonly nameTag?: string;
}

/** An ACK ec2 RouteTable; subnets associate themselves with it (Subnet `routeTableRefs`). */
export class RouteTable extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: RouteTableProps) {
    super(scope, id);
    this.name = props.name;
    const routes = props.routes ?? [];
    const destinations = routes.map((route) => route.destination);
    for (const destination of destinations) {
      if (!parseCidr(destination)) throw new Error(`RouteTable ${props.name}: routes[].destination must be an IPv4 CIDR, got "${destination}"`);
    }
    const duplicate = destinations.find((d, i) => destinations.indexOf(d) !== i);
    if (duplicate) throw new Error(`RouteTable ${props.name}: routes[].destination must be unique, got "${duplicate}" twice`);
    new AckRouteTable(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        vpcRef: { from: { name: props.vpcName } },
        routes: routes.length > 0 ? routes.map(toAckRoute) : undefined,
        tags: [{ key: 'Name', value: props.nameTag ?? props.name }],
      },
    });
  }
}

function toAckRoute(route: Route): RouteTableSpecRoutes {
  const target = route.target;
  return 'internetGateway' in target
    ? { destinationCidrBlock: route.destination, gatewayRef: { from: { name: target.internetGateway } } }
    : { destinationCidrBlock: route.destination, natGatewayRef: { from: { name: target.natGateway } } };
}
