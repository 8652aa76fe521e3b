/**
 * The SecurityBaseline policy: AWS Security Hub's controls (policy/security-baseline/) as a policy
 * kind. A failed control is a violation; a failure the environment records as an exception (with
 * its reason and owner) and a control ACK cannot express (an ACK gap, with its mitigation) are
 * accepted findings: listed in status and Events, never counted as compliant silently.
 */
import { commonSpec, int, set, str } from './crd-schema';
import { PolicyDefinition, Schema } from './definition';
import { PolicyEnvironment } from './environment';
import { SecurityBaselineResourceSpec } from './policy-resources';
import { CONTROLS, controlById, coversSecurityBaseline, evaluateSecurityBaseline, SecurityBaselineSpec } from './security-baseline';
import { kindKey } from './tag-shapes';

/** Every kind some control applies to, and the peers those controls read. */
export const BASELINE_KINDS: readonly string[] = [...new Set(CONTROLS.flatMap((control) => [...control.appliesTo, ...(control.reads ?? [])]))].sort();

/** Kind → the kinds its controls read besides the object itself (each control's `reads`), once: the reconciler asks per object. */
const PEER_KINDS: ReadonlyMap<string, readonly string[]> = new Map(
  BASELINE_KINDS.map((kind) => [kind, [...new Set(CONTROLS.filter((control) => control.appliesTo.includes(kind)).flatMap((control) => control.reads ?? []))]]),
);

/** The environment's baseline: its exceptions, Security Hub's default parameters. */
export function securityBaselineFor(env: PolicyEnvironment): SecurityBaselineSpec {
  return { mode: 'audit', kinds: BASELINE_KINDS, exceptions: env.securityBaseline.exceptions };
}

const exception: Schema = {
  type: 'object',
  required: ['control', 'name', 'reason', 'owner'],
  properties: {
    control: str({ pattern: '^[A-Za-z0-9]+\\.\\d+$', description: 'Security Hub control id, e.g. RDS.5.' }),
    kind: str({ description: '`<group>/<Kind>` or Kind of the excepted objects; every kind of the control when absent.' }),
    name: str({ minLength: 1, description: 'metadata.name of the excepted objects; `*` matches any run of characters.' }),
    reason: str({ minLength: 1, description: 'Why the estate accepts the failure.' }),
    owner: str({ minLength: 1, description: 'Team accountable for the exception.' }),
  },
};

const baselineSpec: Schema = {
  type: 'object',
  required: ['namespaces', 'kinds'],
  properties: {
    ...commonSpec,
    mode: str({ enum: ['audit'], default: 'audit', description: 'audit only: a control is fixed in git, never changed in the cluster.' }),
    disabledControls: set(str(), 'Control ids not evaluated in this environment.'),
    parameters: {
      type: 'object',
      description: "Overrides of the controls' parameters (Security Hub's defaults otherwise).",
      properties: {
        authorizedTcpPorts: { type: 'array', items: int({ minimum: 1, maximum: 65535 }), description: 'EC2.18: ports that may be open to the world.' },
        rdsBackupRetentionMinimumDays: int({ minimum: 1, maximum: 35, description: 'RDS.11: minimum backup retention.' }),
        elastiCacheSnapshotRetentionMinimumDays: int({ minimum: 1, description: 'ElastiCache.1: minimum snapshot retention.' }),
      },
    },
    exceptions: { type: 'array', items: exception, description: 'Accepted failures, each with its reason and owner; shown in status.accepted.' },
  },
};

export const SECURITY_BASELINE: PolicyDefinition<'SecurityBaseline', SecurityBaselineSpec> = {
  kind: 'SecurityBaseline',
  plural: 'securitybaselines',
  shortNames: ['secbase'],
  description: "AWS Security Hub's Foundational Security Best Practices controls that apply to the estate's ACK kinds, evaluated at synth and by the policy reconciler.",
  specSchema: baselineSpec,
  coverableKinds: BASELINE_KINDS,
  fromEnvironment: securityBaselineFor,
  withDefaults: (spec) => ({ mode: 'audit', namespaces: [], kinds: [], exceptions: [], ...spec }) as unknown as SecurityBaselineResourceSpec,
  covers: coversSecurityBaseline,
  evaluate: (spec, object, peers) =>
    evaluateSecurityBaseline(spec, object, peers).map((result) => {
      const control = controlById(result.control);
      const message = `${result.control} ${control?.title ?? ''}: ${result.message} (${control?.url ?? ''})`;
      if (result.result === 'Failed') return { reason: 'ControlFailed', message };
      return { reason: result.result === 'Excepted' ? 'ControlExcepted' : 'ControlNotExpressible', message, accepted: true };
    }),
  peerKinds: (object) => PEER_KINDS.get(kindKey(object)) ?? [],
  specProblems: (spec) => [
    ...(spec.disabledControls ?? []).filter((id) => !controlById(id)).map((id) => `spec.disabledControls: "${id}" is not a control of the SecurityBaseline policy`),
    ...(spec.exceptions ?? []).filter((e) => !controlById(e.control)).map((e) => `spec.exceptions: control "${e.control}" is not a control of the SecurityBaseline policy`),
  ],
};
