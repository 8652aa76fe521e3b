/**
 * Our policy custom resources (group platform.mycomputer.com, cluster-scoped): the spec of each
 * is the policy's own spec plus where it applies. The CRDs are generated from
 * controllers/policy-reconciler/crds/schema.ts into crds/.
 */
import { BackupPolicySpec } from './backup';
import type { SecurityBaselineSpec } from './security-baseline/types';
import { TaggingPolicySpec } from './tagging';

export const POLICY_GROUP = 'platform.mycomputer.com';
export const POLICY_VERSION = 'v1alpha1';
export const POLICY_API_VERSION = `${POLICY_GROUP}/${POLICY_VERSION}`;

export interface PolicyScope {
  /** Namespaces whose objects the policy covers. */
  readonly namespaces: readonly string[];
  /** Length bound of status.violations. @default 50 */
  readonly maxReportedViolations?: number;
}

export type TaggingPolicyResourceSpec = TaggingPolicySpec & PolicyScope;
export type BackupPolicyResourceSpec = BackupPolicySpec & PolicyScope;
export type SecurityBaselineResourceSpec = SecurityBaselineSpec & PolicyScope;

/** @default of maxReportedViolations, as the CRD defaults it. */
export const DEFAULT_MAX_REPORTED_VIOLATIONS = 50;

export interface ReportedViolation {
  /** `<group>/<Kind>`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly arn?: string;
  readonly reason: string;
  readonly message: string;
}

export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly observedGeneration?: number;
  readonly lastTransitionTime: string;
  readonly reason: string;
  readonly message: string;
}

export interface PolicyStatus {
  readonly observedGeneration?: number;
  readonly resourcesChecked?: number;
  readonly compliant?: number;
  readonly violating?: number;
  readonly notVerified?: number;
  readonly lastEvaluation?: string;
  readonly violations?: readonly ReportedViolation[];
  readonly violationsOmitted?: number;
  /** Objects with at least one accepted finding (an exception with its owner, an ACK gap). */
  readonly accepted?: number;
  readonly acceptedFindings?: readonly ReportedViolation[];
  readonly acceptedOmitted?: number;
  readonly conditions?: readonly Condition[];
}
