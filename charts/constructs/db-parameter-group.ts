import { Construct } from 'constructs';
import { DbParameterGroup as AckDbParameterGroup } from '../../imports/rds-dbparametergroup-rds.services.k8s.aws';

export interface DbParameterGroupProps {
  /** metadata.name; DBInstances reference the group by it (`dbParameterGroupRef`). */
  readonly name: string;
  /** The group's AWS name (RDS stores it lower-case, so it must be lower-case here). */
  readonly groupName: string;
  /** Parameter group family, e.g. `postgres14`; must match the instances' major version. */
  readonly family: string;
  readonly description: string;
  /** Parameters that differ from the engine defaults (RDS takes every value as a string). */
  readonly parameters: Readonly<Record<string, string>>;
  /** e.g. `services.k8s.aws/region` for a group outside the namespace's default region. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An ACK RDS DBParameterGroup: engine defaults plus the overrides given. */
export class DbParameterGroup extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DbParameterGroupProps) {
    super(scope, id);
    // RDS: 1-255 letters, digits or hyphens, starting with a letter, no "--", no trailing "-".
    if (!/^[a-z](-?[a-z0-9])*$/.test(props.groupName) || props.groupName.length > 255) {
      throw new Error(`DbParameterGroup ${props.name}: groupName must be lower-case letters, digits and single hyphens starting with a letter, got "${props.groupName}"`);
    }
    if (!/^[a-z-]+\d+(\.\d+)?$/.test(props.family)) throw new Error(`DbParameterGroup ${props.name}: family must look like postgres14, got "${props.family}"`);
    this.name = props.name;
    const keys = Object.keys(props.parameters).sort();
    new AckDbParameterGroup(this, 'Resource', {
      metadata: { name: props.name, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: {
        name: props.groupName,
        family: props.family,
        description: props.description,
        parameterOverrides: Object.fromEntries(keys.map((key) => [key, props.parameters[key]])),
      },
    });
  }
}
