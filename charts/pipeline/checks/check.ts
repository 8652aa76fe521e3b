import { EnvironmentConfig } from '../../lib/environment/types';
import { SynthesizedObject } from '../synthesized';
import { ManifestValidator } from '../validation/manifest-validator';

/** What every check sees: one environment's synthesized objects and the CRD validator. */
export interface CheckContext {
  readonly env: EnvironmentConfig;
  readonly objects: readonly SynthesizedObject[];
  readonly validator: ManifestValidator;
}

/** One synth-time check: its problems, one line each, naming the file and the object. */
export interface SynthCheck {
  /** Short name, for the bench and the docs. */
  readonly name: string;
  run(context: CheckContext): string[];
}

/** `<environment>/<file>: <Kind> <name>`: how every problem names its object. */
export function whereOf({ environment, file, object }: SynthesizedObject): string {
  const name = (object.metadata as { name?: string } | undefined)?.name ?? '(no name)';
  return `${environment}/${file}: ${String(object.kind)} ${name}`;
}
