import { Construct } from 'constructs';
import { InstanceProfile as AckInstanceProfile } from '../../imports/iam-instanceprofile-iam.services.k8s.aws';

export interface IamInstanceProfileProps {
  /** metadata.name. */
  readonly name: string;
  /** The instance profile's AWS name (EC2 launch configurations name it). */
  readonly profileName: string;
  /** metadata.name of the ACK Role the profile carries. */
  readonly roleName: string;
}

/** An ACK IAM InstanceProfile carrying one role, by reference. */
export class IamInstanceProfile extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: IamInstanceProfileProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9+=,.@_-]{1,128}$/.test(props.profileName)) throw new Error(`IamInstanceProfile ${props.name}: profileName must be 1-128 of [A-Za-z0-9+=,.@_-], got "${props.profileName}"`);
    this.name = props.name;
    new AckInstanceProfile(this, 'Resource', {
      metadata: { name: props.name },
      spec: { name: props.profileName, roleRef: { from: { name: props.roleName } } },
    });
  }
}
