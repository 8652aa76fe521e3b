import * as path from 'node:path';
import { synthesizeBootstrap } from './bootstrap/synth-bootstrap';
import { synthesizeDelivery } from './delivery/synth-delivery';
import { REPO_ROOT, requireCrdsDir } from './lib/crds-dir';
import { SynthAllOptions } from './pipeline/pipeline';
import { buildEstate } from './estate';

/**
 * The synth as `npm run synth` runs it: the one place that wires environments, output, CRD
 * roots, the estate and the extra outputs. Tests use it with other folders.
 */
export function synthOptions(overrides: Partial<SynthAllOptions> = {}): SynthAllOptions {
  return {
    environmentsDir: path.join(REPO_ROOT, 'environments'),
    manifestsDir: path.join(REPO_ROOT, 'manifests'),
    crdRoots: overrides.crdRoots ?? [requireCrdsDir(), path.join(REPO_ROOT, 'crds')],
    build: buildEstate,
    extras: (envs, outDir, validator, synthesized) => {
      synthesizeDelivery(envs, outDir, validator, synthesized);
      synthesizeBootstrap(envs, outDir, validator, synthesized);
    },
    ...overrides,
  };
}
