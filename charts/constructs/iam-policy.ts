import { Construct } from 'constructs';
import { Policy as AckPolicy } from '../../imports/iam-policy-iam.services.k8s.aws';
import { permissionsDocument, Statement } from '../lib/iam-policy-document';

export interface IamPolicyProps {
  /** metadata.name; roles attach the policy by it (`policyRefs`). */
  readonly name: string;
  /** The policy's AWS name. */
  readonly policyName: string;
  /** Its ARN (`customerPolicyArn`): roles that cannot reference it by name attach it by ARN. */
  readonly arn: string;
  readonly description: string;
  /** Checked for least privilege (see charts/lib/iam-policy-document.ts). */
  readonly statements: readonly Statement[];
}

/** An ACK IAM customer-managed Policy. */
export class IamPolicy extends Construct {
  public readonly name: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: IamPolicyProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9+=,.@_-]{1,128}$/.test(props.policyName)) throw new Error(`IamPolicy ${props.name}: policyName must be 1-128 of [A-Za-z0-9+=,.@_-], got "${props.policyName}"`);
    if (!props.arn.endsWith(`:policy/${props.policyName}`)) throw new Error(`IamPolicy ${props.name}: arn must end with ":policy/${props.policyName}", got "${props.arn}"`);
    this.name = props.name;
    this.arn = props.arn;
    new AckPolicy(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        name: props.policyName,
        description: props.description,
        policyDocument: permissionsDocument(`IamPolicy ${props.name}`, props.statements),
      },
    });
  }
}
