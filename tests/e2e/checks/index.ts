/**
 * The end-to-end checks of one deployed estate, in the order they must run: what synced; the
 * policy reconciler's findings (before anything below adds or deletes objects it counts); the AWS
 * side read back; a hand-made untagged resource; drift, a real DBInstance deletion, and retain.
 * Used after the rollout by waves (tests/e2e/estate.test.ts) and after Argo CD's (tests/e2e/argocd.test.ts).
 */
import { Run } from '../support/run';
import { awsSideChecks } from './aws-side';
import { lifecycleChecks } from './lifecycle';
import { policyChecks } from './policies';
import { syncChecks } from './sync';
import { untaggedResourceChecks } from './untagged';

export function estateChecks(run: Run): void {
  syncChecks(run);
  policyChecks(run);
  awsSideChecks(run);
  untaggedResourceChecks(run);
  lifecycleChecks(run);
}
