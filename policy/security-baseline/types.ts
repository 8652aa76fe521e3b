/**
 * The SecurityBaseline policy's shapes: its spec (data, per environment), the controls it checks
 * (AWS Security Hub controls, one entry per control id) and what an evaluation reports.
 */
import { KubeObject } from '../tag-shapes';

export type Severity = 'Critical' | 'High' | 'Medium' | 'Low';

/**
 * What one control says about one object. `ackGap`: the control needs something the ACK object
 * cannot carry (an account setting, a field the CRD lacks), so it is reported with the mitigation
 * instead of passing or failing on a guess.
 */
export type Finding =
  | { readonly kind: 'pass' }
  | { readonly kind: 'fail'; readonly message: string }
  | { readonly kind: 'ackGap'; readonly message: string; readonly mitigation: string };

/** The other objects a control may need to see (listeners of a load balancer, flow logs of a VPC): the same namespace's objects. */
export type Peers = readonly KubeObject[];

/** Parameters of the controls that AWS lets an account tune; the defaults are Security Hub's. */
export interface ControlParameters {
  /** EC2.18: TCP ports that may be open to 0.0.0.0/0 or ::/0. @default [80, 443] */
  readonly authorizedTcpPorts: readonly number[];
  /** RDS.11: minimum automated backup retention, days. @default 7 */
  readonly rdsBackupRetentionMinimumDays: number;
  /** ElastiCache.1: minimum snapshot retention, days. @default 1 */
  readonly elastiCacheSnapshotRetentionMinimumDays: number;
}

export const DEFAULT_PARAMETERS: ControlParameters = {
  authorizedTcpPorts: [80, 443],
  rdsBackupRetentionMinimumDays: 7,
  elastiCacheSnapshotRetentionMinimumDays: 1,
};

/** One Security Hub control, as this project evaluates it against ACK objects. */
export interface Control {
  /** Security Hub control id, e.g. `S3.5`. */
  readonly id: string;
  /** The control's title in the Security Hub documentation. */
  readonly title: string;
  /** The control's page in the AWS Security Hub user guide. */
  readonly url: string;
  /** `<group>/<Kind>` keys of the ACK kinds the control is evaluated on. */
  readonly appliesTo: readonly string[];
  readonly severity: Severity;
  /**
   * `account`: AWS checks an account-level setting that no ACK object carries; every evaluation is
   * an `ackGap` naming the mitigation. @default 'resource'
   */
  readonly scope?: 'resource' | 'account';
  /** `<group>/<Kind>` of the namespace's other objects `evaluate` reads as peers. @default none */
  readonly reads?: readonly string[];
  /** Findings of the control on one object; passes may be left out. */
  evaluate(object: KubeObject, peers: Peers, parameters: ControlParameters): readonly Finding[];
}

/** An accepted failure of one control on some objects: visible in results and status, never silent. */
export interface SecurityBaselineException {
  /** Control id, e.g. `RDS.5`. */
  readonly control: string;
  /** `<group>/<Kind>` or bare `Kind`; any kind of the control when absent. */
  readonly kind?: string;
  /** `metadata.name` of the object; `*` matches any run of characters. */
  readonly name: string;
  readonly reason: string;
  readonly owner: string;
}

export interface SecurityBaselineSpec {
  readonly mode: 'enforce' | 'audit';
  /** `<group>/<Kind>` keys the policy covers. */
  readonly kinds: readonly string[];
  /** Control ids switched off for this environment (as Security Hub lets an account disable controls). @default [] */
  readonly disabledControls?: readonly string[];
  /** Overrides of the control parameters. @default DEFAULT_PARAMETERS */
  readonly parameters?: Partial<ControlParameters>;
  /** @default [] */
  readonly exceptions?: readonly SecurityBaselineException[];
}

export type BaselineResultKind = 'Failed' | 'Excepted' | 'AckGap';

export interface BaselineResult {
  readonly control: string;
  readonly result: BaselineResultKind;
  readonly message: string;
}
