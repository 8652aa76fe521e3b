/**
 * The synth-time checks, in the order they report: every synthesized object of an environment
 * goes through each, and synth fails with every problem of every check at once.
 */
import { EnvironmentConfig } from '../../lib/environment/types';
import { SynthesizedObject, SynthValidationError } from '../synthesized';
import { ManifestValidator } from '../validation/manifest-validator';
import { SynthCheck } from './check';
import { DANGLING_REFERENCES_CHECK } from './dangling-references';
import { POLICY_CHECK } from './policies';
import { REFERENCE_TWINS_CHECK } from './reference-twins';
import { SCHEMA_CHECK } from './schema';
import { SECRET_VALUES_CHECK } from './secret-values';

export const SYNTH_CHECKS: readonly SynthCheck[] = [SCHEMA_CHECK, REFERENCE_TWINS_CHECK, DANGLING_REFERENCES_CHECK, POLICY_CHECK, SECRET_VALUES_CHECK];

/** Runs every check on one environment's objects; throws one error listing every problem. */
export function checkSynthesized(env: EnvironmentConfig, objects: readonly SynthesizedObject[], validator: ManifestValidator, checks: readonly SynthCheck[] = SYNTH_CHECKS): void {
  const problems = checks.flatMap((check) => check.run({ env, objects, validator }));
  if (problems.length > 0) throw new SynthValidationError(problems);
}
