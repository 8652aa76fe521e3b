/**
 * Synthesizes and validates every environment into manifests/. Thin on purpose: tests import
 * the charts without synthesizing.
 */
import { CrdsDirError } from './lib/crds-dir';
import { EnvironmentError } from './lib/environment/errors';
import { FinalizeError } from './pipeline/finalize';
import { SynthValidationError } from './pipeline/synthesized';
import { synthesizeAll } from './pipeline/pipeline';
import { synthOptions } from './synth-config';

const started = process.hrtime.bigint();
try {
  const result = synthesizeAll(
    synthOptions({
      // Overridable so that tests can synthesize broken copies without touching the real tree.
      ...(process.env.PLATFORM_ENVIRONMENTS_DIR ? { environmentsDir: process.env.PLATFORM_ENVIRONMENTS_DIR } : {}),
      ...(process.env.PLATFORM_MANIFESTS_DIR ? { manifestsDir: process.env.PLATFORM_MANIFESTS_DIR } : {}),
    }),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`synthesized and validated ${result.objects} objects for ${result.environments.join(', ')} into manifests/ in ${ms.toFixed(0)} ms`);
} catch (error) {
  if (error instanceof EnvironmentError || error instanceof CrdsDirError || error instanceof SynthValidationError || error instanceof FinalizeError) {
    // One problem is one line; several get a header line and one line each.
    const single = !error.message.includes('\n');
    console.error(single ? `synth failed (manifests/ left untouched): ${error.message}` : `synth failed; manifests/ left untouched.\n${error.message}`);
    process.exit(1);
  }
  throw error;
}
