/**
 * Test support for the real kube-apiserver of `scripts/cluster` (docs/cluster.md), reached through
 * the kubeconfig in PLATFORM_TEST_KUBECONFIG (`scripts/test-all` exports it). Without it, suites
 * are skipped locally with the reason, and fail in CI (CI=true), where the cluster is always there.
 */
import { describe } from 'vitest';

export const TEST_KUBECONFIG = process.env.PLATFORM_TEST_KUBECONFIG;
export const SKIP_REASON = 'no API server: run `npm run test:all` or set PLATFORM_TEST_KUBECONFIG';

/** describe() with the cluster; without it a skip that says why, or (CI=true) a failure. */
export function describeWithCluster(name: string, body: () => void): void {
  if (TEST_KUBECONFIG) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') throw new Error(`${name}: CI=true but ${SKIP_REASON}`);
  console.warn(`skipping "${name}": ${SKIP_REASON}`);
  describe.skip(`${name} (skipped: ${SKIP_REASON})`, body);
}

export * from './kube';
