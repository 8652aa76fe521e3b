import { Construct } from 'constructs';
import { CacheSubnetGroup as AckCacheSubnetGroup } from '../../imports/elasticache-cachesubnetgroup-elasticache.services.k8s.aws';

export interface CacheSubnetGroupProps {
  /** metadata.name; replication groups reference the group by it (`cacheSubnetGroupRef`). */
  readonly name: string;
  /** The group's AWS name (ElastiCache stores it lower-case, so it must be lower-case here). */
  readonly groupName: string;
  readonly description: string;
  /** metadata.names of the ACK Subnets. */
  readonly subnetNames: readonly string[];
}

/** An ACK ElastiCache CacheSubnetGroup over subnets referenced by name. */
export class CacheSubnetGroup extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: CacheSubnetGroupProps) {
    super(scope, id);
    if (!/^[a-z](-?[a-z0-9])*$/.test(props.groupName) || props.groupName.length > 255) {
      throw new Error(`CacheSubnetGroup ${props.name}: groupName must be lower-case letters, digits and single hyphens starting with a letter, got "${props.groupName}"`);
    }
    if (props.subnetNames.length === 0) throw new Error(`CacheSubnetGroup ${props.name}: subnetNames must not be empty`);
    this.name = props.name;
    new AckCacheSubnetGroup(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        cacheSubnetGroupName: props.groupName,
        cacheSubnetGroupDescription: props.description,
        subnetRefs: props.subnetNames.map((name) => ({ from: { name } })),
      },
    });
  }
}
