import * as path from 'node:path';

/** Root of the repository (this file lives in charts/lib). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The CRD root that `cdk8s.yaml` names in its import paths. */
export const DEFAULT_CRDS_PREFIX = '../shared/crds';

/**
 * The one setting that says where the upstream CRDs live.
 *
 * @default `../shared/crds` next to the repository, overridden by PLATFORM_CRDS_DIR.
 */
export function crdsDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PLATFORM_CRDS_DIR;
  return configured ? path.resolve(configured) : path.resolve(REPO_ROOT, DEFAULT_CRDS_PREFIX);
}
