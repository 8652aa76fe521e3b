import { Construct } from 'constructs';
import { Role as AckRole } from '../../imports/iam-role-iam.services.k8s.aws';

export interface IamRoleProps {
  /** metadata.name; instance profiles and task definitions name the role by it. */
  readonly name: string;
  /** The role's AWS name. */
  readonly roleName: string;
  readonly description: string;
  /** Who may assume the role (JSON, see serviceTrustDocument). */
  readonly trustPolicy: string;
  /**
   * metadata.name of the ACK Policy objects attached to the role.
   * @default none
   */
  readonly policyNames?: readonly string[];
  /**
   * ARNs of AWS managed policies attached to the role.
   * @default none
   */
  readonly managedPolicyArns?: readonly string[];
  /**
   * Longest session, in seconds (3600-43200).
   * @default 3600
   */
  readonly maxSessionDuration?: number;
}

/** An ACK IAM Role whose permissions come from Policy objects and AWS managed policies. */
export class IamRole extends Construct {
  public readonly name: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: IamRoleProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9+=,.@_-]{1,64}$/.test(props.roleName)) throw new Error(`IamRole ${props.name}: roleName must be 1-64 of [A-Za-z0-9+=,.@_-], got "${props.roleName}"`);
    const maxSessionDuration = props.maxSessionDuration ?? 3600;
    if (maxSessionDuration < 3600 || maxSessionDuration > 43200) throw new Error(`IamRole ${props.name}: maxSessionDuration must be 3600-43200, got ${maxSessionDuration}`);
    const policyNames = props.policyNames ?? [];
    const managedPolicyArns = props.managedPolicyArns ?? [];
    if (policyNames.length + managedPolicyArns.length === 0) throw new Error(`IamRole ${props.name}: a role needs policyNames or managedPolicyArns, got neither`);
    this.name = props.name;
    this.roleName = props.roleName;
    new AckRole(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.roleName,
        description: props.description,
        assumeRolePolicyDocument: props.trustPolicy,
        maxSessionDuration,
        ...(policyNames.length > 0 ? { policyRefs: policyNames.map((name) => ({ from: { name } })) } : {}),
        ...(managedPolicyArns.length > 0 ? { policies: [...managedPolicyArns] } : {}),
      },
    });
  }
}
