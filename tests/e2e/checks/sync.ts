/**
 * What ACK made of the rollout: every object synced or on the environment's gap list (and no
 * entry stale), references resolved. (`platform status` saying the same: checks/policies.ts.)
 */
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../../../charts/lib/crds-dir';
import { identity, isAck } from '../../cluster/support/manifests';
import { gapOf, gapsFile } from '../support/gaps';
import { isSynced, Run } from '../support/run';

export function syncChecks(run: Run): void {
  const synced = isSynced.bind(undefined, run);

  it('syncs every ACK object, except those on the gap list', () => {
    const notSynced = run.objects.filter((o) => isAck(o) && !gapOf(o, run.gaps) && !synced(o)).map((o) => run.states.get(identity(o)));
    const total = run.objects.filter(isAck).length;
    console.log(`e2e ${run.env}: ${run.objects.filter(synced).length} of ${total} ACK objects synced; waves: ${run.waves.map((w) => `${w.wave}=${w.seconds.toFixed(0)}s`).join(' ')}`);
    expect(notSynced.map((s) => `${s?.kind}/${s?.name}: ${s?.synced} ${s?.message}`)).toEqual([]);
  });

  it(`has no stale gap in ${gapsFile(run.env).replace(`${REPO_ROOT}/`, '')}: every entry covers an object, and none of them synced`, () => {
    const stale = run.gaps.filter((gap) => !run.objects.some((o) => isAck(o) && gapOf(o, [gap]) && !synced(o)));
    expect(stale.map((gap) => `${gap.group}/${gap.kind} ${gap.name}: ${gap.reason}`)).toEqual([]);
  });

  it('resolves the references between resources (subnets into the VPC, rules into security groups, ...)', () => {
    const unresolved = run.objects
      .filter((o) => synced(o))
      .filter((o) => (run.states.get(identity(o))?.status.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'ACK.ReferencesResolved' && c.status !== 'True'));
    expect(unresolved.map(identity)).toEqual([]);
  });
}
