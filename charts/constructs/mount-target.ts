import { Construct } from 'constructs';
import { MountTarget as AckMountTarget } from '../../imports/efs-mounttarget-efs.services.k8s.aws';

export interface MountTargetProps {
  /** metadata.name. */
  readonly name: string;
  /** metadata.name of the ACK EFS FileSystem. */
  readonly fileSystemName: string;
  /** metadata.name of the ACK Subnet the mount target's interface is placed in. */
  readonly subnetName: string;
  /** metadata.names of the ACK SecurityGroups of the mount target (NFS 2049 from the clients). */
  readonly securityGroupNames: readonly string[];
}

/** An ACK EFS MountTarget, all by reference. The kind has no tags in AWS. */
export class MountTarget extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: MountTargetProps) {
    super(scope, id);
    if (props.securityGroupNames.length === 0 || props.securityGroupNames.length > 5) {
      throw new Error(`MountTarget ${props.name}: securityGroupNames must name 1-5 groups (EFS limit), got ${props.securityGroupNames.length}`);
    }
    this.name = props.name;
    new AckMountTarget(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        fileSystemRef: { from: { name: props.fileSystemName } },
        subnetRef: { from: { name: props.subnetName } },
        securityGroupRefs: props.securityGroupNames.map((name) => ({ from: { name } })),
      },
    });
  }
}
