/**
 * Security Hub controls of the estate's services that were considered and are not evaluated,
 * because the resource type they check is not in the estate. Listed so that their absence from the
 * table is a recorded decision, not an oversight; tests/policy/security-baseline.test.ts fails when
 * an environment's manifests gain an object of the kind, so the control is written then.
 */
import { controlUrl } from '../read';

export interface NotApplicableControl {
  /** Security Hub control id, e.g. `RDS.7`. */
  readonly id: string;
  /** The control's title in the Security Hub documentation. */
  readonly title: string;
  readonly url: string;
  /** `<group>/<Kind>` of the ACK kind that would carry the resource, were the estate to have one. */
  readonly kind: string;
  /** Why nothing in the estate is checked, and what covers the same risk. */
  readonly reason: string;
}

export const NOT_APPLICABLE_CONTROLS: readonly NotApplicableControl[] = [
  {
    id: 'RDS.7',
    title: 'RDS clusters should have deletion protection enabled',
    url: controlUrl('RDS.7'),
    kind: 'rds.services.k8s.aws/DBCluster',
    reason: 'checks AWS::RDS::DBCluster (Aurora and Multi-AZ DB clusters); the estate runs DB instances only, whose deletion protection RDS.8 checks',
  },
];
