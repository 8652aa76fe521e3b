import { Construct } from 'constructs';
import { Role as AckRole } from '../../imports/iam-role-iam.services.k8s.aws';
import { IamPolicy } from './iam-policy';

export interface IamRoleProps {
  /** metadata.name; instance profiles and task definitions name the role by it. */
  readonly name: string;
  /** The role's AWS name. */
  readonly roleName: string;
  readonly description: string;
  /** Who may assume the role (JSON, see serviceTrustDocument). */
  readonly trustPolicy: string;
  /**
   * The ACK Policy objects attached to the role.
   * @default none
   */
  readonly policies?: readonly IamPolicy[];
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

/**
 * An ACK IAM Role whose permissions come from Policy objects and AWS managed policies.
 *
 * ACK refuses `policies` and `policyRefs` together ("both resource reference wrapper and ID
 * cannot be used together"), and an AWS managed policy has no object to reference. So a role
 * with only our policies attaches them by reference (the controller waits until they exist);
 * a role with a managed policy attaches everything by ARN (until our policy exists,
 * AttachRolePolicy fails and the controller retries).
 */
export class IamRole extends Construct {
  public readonly name: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: IamRoleProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9+=,.@_-]{1,64}$/.test(props.roleName)) throw new Error(`IamRole ${props.name}: roleName must be 1-64 of [A-Za-z0-9+=,.@_-], got "${props.roleName}"`);
    const maxSessionDuration = props.maxSessionDuration ?? 3600;
    if (maxSessionDuration < 3600 || maxSessionDuration > 43200) throw new Error(`IamRole ${props.name}: maxSessionDuration must be 3600-43200, got ${maxSessionDuration}`);
    const policies = props.policies ?? [];
    const managedPolicyArns = props.managedPolicyArns ?? [];
    if (policies.length + managedPolicyArns.length === 0) throw new Error(`IamRole ${props.name}: a role needs policies or managedPolicyArns, got neither`);
    this.name = props.name;
    this.roleName = props.roleName;
    new AckRole(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.roleName,
        description: props.description,
        assumeRolePolicyDocument: props.trustPolicy,
        maxSessionDuration,
        ...(managedPolicyArns.length > 0
          ? { policies: [...managedPolicyArns, ...policies.map((policy) => policy.arn)] }
          : { policyRefs: policies.map((policy) => ({ from: { name: policy.name } })) }),
      },
    });
  }
}
