/** Every control of the SecurityBaseline policy, in documentation order: one entry per Security Hub control id. */
import { ACM_CONTROLS } from './acm';
import { CLOUDFRONT_CONTROLS } from './cloudfront';
import { CLOUDWATCH_CONTROLS } from './cloudwatch';
import { EC2_CONTROLS } from './ec2';
import { ECR_CONTROLS } from './ecr';
import { ECS_CONTROLS } from './ecs';
import { EFS_CONTROLS } from './efs';
import { ELASTICACHE_CONTROLS } from './elasticache';
import { ELB_CONTROLS } from './elb';
import { IAM_CONTROLS } from './iam';
import { KMS_CONTROLS } from './kms';
import { RDS_CONTROLS } from './rds';
import { ROUTE53_CONTROLS } from './route53';
import { S3_CONTROLS } from './s3';
import { SECRETSMANAGER_CONTROLS } from './secretsmanager';
import { WAF_CONTROLS } from './waf';
import { Control } from '../types';

export const CONTROLS: readonly Control[] = [
  ...ACM_CONTROLS,
  ...CLOUDFRONT_CONTROLS,
  ...CLOUDWATCH_CONTROLS,
  ...EC2_CONTROLS,
  ...ECR_CONTROLS,
  ...ECS_CONTROLS,
  ...EFS_CONTROLS,
  ...ELASTICACHE_CONTROLS,
  ...ELB_CONTROLS,
  ...IAM_CONTROLS,
  ...KMS_CONTROLS,
  ...RDS_CONTROLS,
  ...ROUTE53_CONTROLS,
  ...S3_CONTROLS,
  ...SECRETSMANAGER_CONTROLS,
  ...WAF_CONTROLS,
];

export function controlById(id: string): Control | undefined {
  return CONTROLS.find((control) => control.id === id);
}
