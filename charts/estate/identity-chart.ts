import { Construct } from 'constructs';
import { IamInstanceProfile } from '../constructs/iam-instance-profile';
import { IamPolicy } from '../constructs/iam-policy';
import { IamRole, IamRoleProps } from '../constructs/iam-role';
import { awsManagedPolicyArn, customerPolicyArn, serviceArnPattern } from '../lib/arns';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { Statement, serviceTrustDocument } from '../lib/iam-policy-document';
import { names, roleNames } from '../lib/names';
import { PLATFORM_OWNER } from '../lib/ownership';
import { cloudWatchAgentStatements, lambdaExecutionStatements, taskExecutionStatements, taskStatements } from './identity-policies';

/** Prefix of the AWS names of the project's customer-managed policies. */
const POLICY_NAME_PREFIX = 'mycomputer';

/**
 * The seed's four IAM roles (same names in every environment's account), each trusted by one
 * AWS service, with its permissions in customer-managed ACK Policy objects (one reviewable,
 * separately diffable object per permission set; IamRole says how it attaches them), and the
 * EC2 role's instance profile.
 */
export class IdentityChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const env = this.env;
    // Confused-deputy guard: ECS may assume the roles only on behalf of this account.
    const ecsTasks = serviceTrustDocument('ecs-tasks.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': env.aws.accountId },
      ArnLike: { 'aws:SourceArn': serviceArnPattern(env, 'ecs') },
    });

    this.role('taskExecution', {
      description: 'ECS task execution: pulls images, writes container logs, injects secrets',
      trustPolicy: ecsTasks,
      policies: [this.policy('ecs-task-execution', 'Image pulls, container logs and secrets of the ECS tasks', taskExecutionStatements(env))],
    });

    this.role('task', {
      description: 'Application permissions of the ECS tasks',
      trustPolicy: ecsTasks,
      policies: [this.policy('ecs-task', 'Assets bucket, tracing and application metrics of the services', taskStatements(env))],
    });

    this.role('lambdaExecution', {
      description: 'Lambda functions: their own logs only',
      trustPolicy: serviceTrustDocument('lambda.amazonaws.com'),
      policies: [this.policy('lambda-execution', 'Logs of the Lambda functions', lambdaExecutionStatements(env))],
    });

    this.role('ec2Instance', {
      description: 'EC2 instances: Systems Manager and the CloudWatch agent',
      trustPolicy: serviceTrustDocument('ec2.amazonaws.com'),
      managedPolicyArns: [awsManagedPolicyArn('AmazonSSMManagedInstanceCore')],
      policies: [this.policy('ec2-cloudwatch-agent', 'CloudWatch agent of the EC2 instances', cloudWatchAgentStatements(env))],
    });

    new IamInstanceProfile(this, names.instanceProfile.ec2Instance, {
      name: names.instanceProfile.ec2Instance,
      profileName: roleNames.ec2Instance,
      roleName: names.role.ec2Instance,
    });
  }

  /** Adds one of the seed's roles: metadata.name from `names.role`, AWS name from `roleNames`. */
  private role(role: keyof typeof roleNames, props: Omit<IamRoleProps, 'name' | 'roleName'>): void {
    new IamRole(this, names.role[role], { name: names.role[role], roleName: roleNames[role], ...props });
  }

  /** Adds one customer-managed policy. */
  private policy(purpose: string, description: string, statements: Statement[]): IamPolicy {
    const policyName = `${POLICY_NAME_PREFIX}-${purpose}`;
    return new IamPolicy(this, names.iamPolicy(purpose), {
      name: names.iamPolicy(purpose),
      policyName,
      arn: customerPolicyArn(this.env, policyName),
      description,
      statements,
    });
  }
}
