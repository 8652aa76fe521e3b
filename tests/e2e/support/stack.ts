/**
 * describe() for the end-to-end suites: they need the whole stack of `scripts/cluster up --aws`
 * (kube-apiserver, AWS emulator, ACK controllers), found through PLATFORM_TEST_KUBECONFIG and
 * PLATFORM_TEST_AWS_ENDPOINT. Without them a skip that says why, or (CI=true) a failure.
 */
import { describe } from 'vitest';

export const STACK_SKIP_REASON = 'no AWS emulator stack: run `npm run test:all`, or `scripts/cluster up --aws` and export what `scripts/cluster env` prints as PLATFORM_TEST_KUBECONFIG and PLATFORM_TEST_AWS_ENDPOINT';

export function describeWithStack(name: string, body: () => void): void {
  if (process.env.PLATFORM_TEST_KUBECONFIG && process.env.PLATFORM_TEST_AWS_ENDPOINT) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') throw new Error(`${name}: CI=true but ${STACK_SKIP_REASON}`);
  console.warn(`skipping "${name}": ${STACK_SKIP_REASON}`);
  describe.skip(`${name} (skipped: ${STACK_SKIP_REASON})`, body);
}
