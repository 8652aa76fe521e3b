/**
 * describe() for the end-to-end suites: they need the whole stack of `scripts/cluster up --aws`
 * (kube-apiserver, AWS emulator, ACK controllers), found through PLATFORM_TEST_KUBECONFIG and
 * PLATFORM_TEST_AWS_ENDPOINT; the Argo CD suite also `--argocd` (PLATFORM_TEST_ARGOCD_*). Without
 * them a skip that says why, or (CI=true) a failure.
 */
import { describe } from 'vitest';

export const STACK_SKIP_REASON = 'no AWS emulator stack: run `npm run test:all`, or `scripts/cluster up --aws` and export what `scripts/cluster env` prints as PLATFORM_TEST_KUBECONFIG and PLATFORM_TEST_AWS_ENDPOINT';
export const ARGOCD_SKIP_REASON = 'no Argo CD stack: run `npm run test:all`, or `scripts/cluster up --aws --argocd` and export what `scripts/cluster env` prints (PLATFORM_TEST_KUBECONFIG=$KUBECONFIG, PLATFORM_TEST_AWS_ENDPOINT, PLATFORM_TEST_ARGOCD_*)';

function describeWhen(ready: boolean, reason: string, name: string, body: () => void): void {
  if (ready) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') throw new Error(`${name}: CI=true but ${reason}`);
  console.warn(`skipping "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, body);
}

const awsStack = () => Boolean(process.env.PLATFORM_TEST_KUBECONFIG && process.env.PLATFORM_TEST_AWS_ENDPOINT);

export function describeWithStack(name: string, body: () => void): void {
  describeWhen(awsStack(), STACK_SKIP_REASON, name, body);
}

export function describeWithArgoCd(name: string, body: () => void): void {
  const argocd = ['PLATFORM_TEST_ARGOCD_GIT_URL', 'PLATFORM_TEST_ARGOCD_GIT_DIR', 'PLATFORM_TEST_ARGOCD_STATE_DIR'].every((key) => process.env[key]);
  describeWhen(awsStack() && argocd, ARGOCD_SKIP_REASON, name, body);
}
