import { Construct } from 'constructs';
import { DbSubnetGroup as AckDbSubnetGroup } from '../../imports/rds-dbsubnetgroup-rds.services.k8s.aws';

export interface DbSubnetGroupProps {
  /** metadata.name; DBInstances reference the group by it (`dbSubnetGroupRef`). */
  readonly name: string;
  /** The group's AWS name (RDS stores it lower-case, so it must be lower-case here). */
  readonly groupName: string;
  readonly description: string;
  /** metadata.names of the ACK Subnets, at least two zones (RDS minimum). */
  readonly subnetNames: readonly string[];
  /** e.g. `services.k8s.aws/region` for a group outside the namespace's default region. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An ACK RDS DBSubnetGroup over subnets referenced by name. */
export class DbSubnetGroup extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DbSubnetGroupProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9._ -]{0,254}$/.test(props.groupName) || props.groupName === 'default') {
      throw new Error(`DbSubnetGroup ${props.name}: groupName must be 1-255 lower-case letters, digits, ". _ -" and not "default", got "${props.groupName}"`);
    }
    if (props.subnetNames.length < 2) throw new Error(`DbSubnetGroup ${props.name}: subnetNames must name at least 2 subnets (RDS needs two zones), got ${props.subnetNames.length}`);
    this.name = props.name;
    new AckDbSubnetGroup(this, 'Resource', {
      metadata: { name: props.name, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: {
        name: props.groupName,
        description: props.description,
        subnetRefs: props.subnetNames.map((name) => ({ from: { name } })),
      },
    });
  }
}
