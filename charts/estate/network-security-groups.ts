import { Construct } from 'constructs';
import { SecurityGroup, SecurityGroupRule } from '../constructs/security-group';
import { POSTGRES_PORT, REDIS_PORT } from '../lib/endpoints';
import { names } from '../lib/names';

export interface SecurityGroupsProps {
  /** metadata.name of the VPC. */
  readonly vpcName: string;
  /** Ports ECS tasks accept from the load balancer (the seed's 3000-3010). */
  readonly taskPorts: { readonly from: number; readonly to: number };
  /** The AWS name of a resource of the estate, e.g. `alb-public` → `mycomputer-production-alb-public`. */
  readonly awsName: (name: string) => string;
}

const sg = names.securityGroup;
const fromTasks = (port: number, description: string): SecurityGroupRule => ({ protocol: 'tcp', ports: port, peer: { securityGroup: sg.ecsTasks }, description });

/**
 * The seed's three security groups with exactly its rules (ALB ← internet, tasks ← ALB,
 * RDS ← tasks), plus the two the estate's cache and file system need, both open to the tasks
 * only. Sources are other groups by reference, never CIDRs, so only the ALB faces the internet.
 * Every group keeps the seed's "all outbound" rule (the construct's default egress).
 */
export function addSecurityGroups(scope: Construct, props: SecurityGroupsProps): void {
  const groups: ReadonlyArray<{ name: string; description: string; ingress: SecurityGroupRule[] }> = [
    {
      name: sg.alb,
      description: 'Application Load Balancer: HTTPS and HTTP from the internet',
      ingress: [
        { protocol: 'tcp', ports: 443, peer: { cidr: '0.0.0.0/0' }, description: 'HTTPS from the internet' },
        { protocol: 'tcp', ports: 80, peer: { cidr: '0.0.0.0/0' }, description: 'HTTP from the internet' },
      ],
    },
    {
      name: sg.ecsTasks,
      description: 'ECS tasks: service ports from the load balancer only',
      ingress: [{ protocol: 'tcp', ports: props.taskPorts, peer: { securityGroup: sg.alb }, description: 'Service ports from the load balancer' }],
    },
    { name: sg.rds, description: 'RDS PostgreSQL: from ECS tasks only', ingress: [fromTasks(POSTGRES_PORT, 'PostgreSQL from ECS tasks')] },
    { name: sg.cache, description: 'ElastiCache Redis: from ECS tasks only', ingress: [fromTasks(REDIS_PORT, 'Redis from ECS tasks')] },
    { name: sg.efs, description: 'EFS mount targets: NFS from ECS tasks only', ingress: [fromTasks(2049, 'NFS from ECS tasks')] },
  ];
  for (const group of groups) {
    new SecurityGroup(scope, group.name, {
      name: group.name,
      // AWS forbids group names starting with "sg-"; the seed's name is kept as the Name tag.
      groupName: props.awsName(group.name.replace(/^sg-/, '')),
      description: group.description,
      vpcName: props.vpcName,
      ingress: group.ingress,
      nameTag: group.name,
    });
  }
}
