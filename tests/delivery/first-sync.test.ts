/**
 * A first sync on an empty account, wave by wave, as Argo CD runs it: a wave starts only when
 * every resource of the earlier waves is Healthy. Each ACK object is given the status the
 * controller would report from what already exists (synced once everything it references is
 * healthy; its kind's state healthy, or, when the kind declares that a later kind moves it on,
 * the waiting state until an object of that kind exists), and its health comes from the Lua
 * script Argo CD runs. Derived from the references and the health rules, not a hand list.
 */
import { describe, expect, it } from 'vitest';
import { healthScript, KIND_HEALTH } from '../../charts/delivery/health-checks';
import { syncWaveOf } from '../../charts/lib/sync-waves';
import { SYNC_WAVE_ANNOTATION } from '../../policy/annotations';
import { A_PERSON } from '../../policy/kind-health';
import { groupOf, isAckObject, KubeObject, kindKey } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, Obj, objectsOf } from '../support/estate';
import { REFERENCE_KINDS } from '../../charts/pipeline/validation/references';
import { findReferences } from '../../policy/references';
import { runHealthScript } from './lua-vm';

const waveOf = (o: Obj) => Number(o.metadata.annotations![SYNC_WAVE_ANNOTATION]);
const idOf = (kind: string, name: string) => `${kind}|${name}`;

/** The status the controller would report for `object`, given the ids of healthy objects and the kinds created so far. */
function simulatedStatus(object: Obj, healthy: ReadonlySet<string>, created: ReadonlySet<string>): Record<string, unknown> {
  const key = kindKey(object as unknown as KubeObject);
  const unresolved = findReferences(object.spec).find((ref) => !healthy.has(idOf(REFERENCE_KINDS[ref.field], ref.name)));
  if (unresolved) return { conditions: [{ type: 'ACK.ResourceSynced', status: 'False', message: `waiting for reference ${unresolved.field} ${unresolved.name}` }] };
  const status: Record<string, unknown> = { conditions: [{ type: 'ACK.ResourceSynced', status: 'True', message: 'Resource synced successfully' }] };
  const check = KIND_HEALTH[key];
  if (check) {
    const waiting = check.settled && !created.has(check.settled.waitsFor);
    let node = { status } as Record<string, unknown>;
    check.path.slice(0, -1).forEach((segment) => {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    });
    node[check.path[check.path.length - 1]] = waiting ? check.settled!.states[0] : check.healthy[0];
  }
  return status;
}

describe.each(ENVIRONMENT_NAMES)('%s: a first sync on an empty account', (env) => {
  const ack = objectsOf(env).filter((o) => isAckObject(o as unknown as KubeObject));

  it('completes every wave: no resource stays Progressing on something a later wave creates', () => {
    const healthy = new Set<string>();
    const created = new Set<string>();
    const stuck: string[] = [];
    for (const wave of [...new Set(ack.map(waveOf))].sort((a, b) => a - b)) {
      const objects = ack.filter((o) => waveOf(o) === wave);
      objects.forEach((o) => created.add(kindKey(o as unknown as KubeObject)));
      // Within a wave the controllers settle in any order: iterate until nothing changes.
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const object of objects) {
          const key = kindKey(object as unknown as KubeObject);
          if (healthy.has(idOf(key, object.metadata.name))) continue;
          const result = runHealthScript(healthScript(key), { ...object, status: simulatedStatus(object, healthy, created) });
          if (result.status === 'Healthy') {
            healthy.add(idOf(key, object.metadata.name));
            progressed = true;
          }
        }
      }
      for (const object of objects.filter((o) => !healthy.has(idOf(kindKey(o as unknown as KubeObject), o.metadata.name)))) {
        stuck.push(`wave ${wave}: ${object.kind} ${object.metadata.name}`);
      }
      if (stuck.length > 0) break;
    }
    expect(stuck).toEqual([]);
    expect(healthy.size).toBe(ack.length);
  });

  it('creates what a waiting state waits for only in a later wave (otherwise it need not be settled)', () => {
    for (const [key, check] of Object.entries(KIND_HEALTH)) {
      if (!check.settled || check.settled.waitsFor === A_PERSON) continue;
      const [group, kind] = key.split('/');
      const [waitsGroup, waitsKind] = check.settled.waitsFor.split('/');
      expect(syncWaveOf(waitsGroup, waitsKind), `${check.settled.waitsFor} after ${key}`).toBeGreaterThan(syncWaveOf(group, kind)!);
    }
  });

  it('runs no workload before the ECR repository its image comes from', () => {
    const repositories = ack.filter((o) => o.kind === 'Repository' && groupOf(o.apiVersion) === 'ecr.services.k8s.aws');
    const deployments = objectsOf(env).filter((o) => o.kind === 'Deployment');
    expect(deployments.length).toBeGreaterThan(0);
    for (const deployment of deployments) {
      const images: string[] = (deployment.spec.template.spec.containers as { image: string }[]).map((c) => c.image);
      for (const image of images) {
        const repository = repositories.find((r) => image.includes(`/${r.spec.name}:`));
        expect(repository, `${deployment.metadata.name}: ${image} comes from a repository of the estate`).toBeDefined();
        expect(waveOf(deployment), `${deployment.metadata.name} after repository ${repository!.metadata.name}`).toBeGreaterThan(waveOf(repository!));
      }
    }
  });
});
