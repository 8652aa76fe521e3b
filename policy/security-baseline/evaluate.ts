/**
 * The SecurityBaseline policy's evaluation: the one definition for the synth-time check and the
 * live reconciler, like policy/backup.ts. Passes are not reported; a failure that an exception
 * covers is reported as Excepted, never dropped.
 */
import { CONTROLS, controlById } from './controls';
import { BaselineResult, Control, ControlParameters, DEFAULT_PARAMETERS, Peers, SecurityBaselineException, SecurityBaselineSpec } from './types';
import { KubeObject, kindKey } from '../tag-shapes';

export function coversSecurityBaseline(spec: Pick<SecurityBaselineSpec, 'kinds'>, object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return spec.kinds.includes(kindKey(object));
}

export function parametersOf(spec: Pick<SecurityBaselineSpec, 'parameters'>): ControlParameters {
  return { ...DEFAULT_PARAMETERS, ...spec.parameters };
}

/** The controls the spec evaluates on this object's kind, in registry order. */
export function controlsFor(spec: SecurityBaselineSpec, object: Pick<KubeObject, 'apiVersion' | 'kind'>): Control[] {
  if (!coversSecurityBaseline(spec, object)) return [];
  const disabled = spec.disabledControls ?? [];
  return CONTROLS.filter((control) => control.appliesTo.includes(kindKey(object)) && !disabled.includes(control.id));
}

/** The exception of the spec that covers this control on this object, if any. */
export function exceptionFor(spec: Pick<SecurityBaselineSpec, 'exceptions'>, control: string, object: KubeObject): SecurityBaselineException | undefined {
  return (spec.exceptions ?? []).find(
    (exception) => exception.control === control && (exception.kind === undefined || exception.kind === kindKey(object) || exception.kind === object.kind) && nameMatches(exception.name, object.metadata.name ?? ''),
  );
}

function nameMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(name);
}

/** Every failed, excepted or not-evaluable control of the object, in registry order. */
export function evaluateSecurityBaseline(spec: SecurityBaselineSpec, object: KubeObject, peers: Peers = []): BaselineResult[] {
  const parameters = parametersOf(spec);
  const results: BaselineResult[] = [];
  for (const control of controlsFor(spec, object)) {
    for (const finding of control.evaluate(object, peers, parameters)) {
      if (finding.kind === 'ackGap') {
        results.push({ control: control.id, result: 'AckGap', message: `${finding.message}; mitigation: ${finding.mitigation}` });
      } else if (finding.kind === 'fail') {
        const exception = exceptionFor(spec, control.id, object);
        results.push(exception ? { control: control.id, result: 'Excepted', message: `${finding.message} (excepted: ${exception.reason}; owner ${exception.owner})` } : { control: control.id, result: 'Failed', message: finding.message });
      }
    }
  }
  return results;
}

/**
 * Refuses a spec that names a control this policy does not have (in `disabledControls` or an
 * exception) or an exception without reason or owner: one error naming the source and the field.
 */
export function validateSecurityBaselineSpec(spec: SecurityBaselineSpec, source: string): void {
  (spec.disabledControls ?? []).forEach((id, index) => {
    if (!controlById(id)) throw new Error(`${source}: disabledControls[${index}] "${id}" is not a control of the SecurityBaseline policy`);
  });
  (spec.exceptions ?? []).forEach((exception, index) => {
    if (!controlById(exception.control)) throw new Error(`${source}: exceptions[${index}].control "${exception.control}" is not a control of the SecurityBaseline policy`);
    for (const field of ['name', 'reason', 'owner'] as const) {
      if (typeof exception[field] !== 'string' || exception[field].trim() === '') throw new Error(`${source}: exceptions[${index}].${field} is missing`);
    }
  });
}

/** A spec covering every kind some control applies to, in audit mode, with Security Hub's default parameters. */
export function defaultSecurityBaselineSpec(exceptions: readonly SecurityBaselineException[] = []): SecurityBaselineSpec {
  const kinds = [...new Set(CONTROLS.flatMap((control) => control.appliesTo))].sort();
  return { mode: 'audit', kinds, exceptions };
}
