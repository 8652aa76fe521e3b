/**
 * One environment's estate deployed for real: manifests/<env> applied wave by wave (as Argo CD
 * would) into the cluster of `scripts/cluster up --aws`, where the ACK controllers built from source
 * create it in the AWS emulator and the policy reconciler watches it. The environment is
 * PLATFORM_E2E_ENV (default development; `scripts/cluster env` exports the stack's own, and
 * `scripts/e2e-nightly` runs staging and production). Objects that cannot sync against the emulator
 * are on tests/e2e/gaps/<env>.yaml with their reason.
 *
 * Then the checks of tests/e2e/checks/ (estateChecks, in their order). Nightly (scripts/e2e-nightly) for every environment; CI runs the same groups on the development
 * estate Argo CD delivered (tests/e2e/argocd.test.ts).
 */
import { beforeAll, expect, vi } from 'vitest';
import { estateChecks } from './checks';
import { awsOne } from './support/aws';
import { rollout, syncStates } from './support/rollout';
import { newRun } from './support/run';
import { describeWithStack } from './support/stack';

/** Longest wait per sync wave; a wave whose objects all sync ends sooner. */
const WAVE_TIMEOUT_MS = Number(process.env.PLATFORM_E2E_WAVE_TIMEOUT_SECONDS ?? 240) * 1000;

// Each AWS read starts a boto3 process (about a second on a busy machine): more than the 60 s default.
vi.setConfig({ testTimeout: 180_000 });

const run = newRun();

describeWithStack(`${run.env} deployed by the ACK controllers against the AWS emulator`, () => {
  beforeAll(async () => {
    // The stack serves one environment's account (PLATFORM_AWS_ENV at `scripts/cluster up --aws`).
    const { Account } = await awsOne({ service: 'sts', operation: 'get_caller_identity' }, run.region);
    expect(Account, `the emulator answers for account ${Account}, but ${run.env} is account ${run.accountId}: bring the stack up with PLATFORM_AWS_ENV=${run.env}`).toBe(run.accountId);
    run.waves = await rollout(run.objects, { waveTimeoutMs: WAVE_TIMEOUT_MS, gaps: run.gaps, log: (line) => console.log(`e2e ${run.env}: ${line}`) });
    run.states = await syncStates(run.objects);
  }, WAVE_TIMEOUT_MS * 8 + 120_000);

  estateChecks(run);
});
