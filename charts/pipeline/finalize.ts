import { ApiObject, App, JsonPatch } from 'cdk8s';
import { APPLICATION_LABEL, ARGO_SYNC_OPTIONS_ANNOTATION, DELETION_POLICY_ANNOTATION, SYNC_WAVE_ANNOTATION, TEAM_LABEL } from '../../policy/annotations';
import { isStatefulKind } from '../../policy/stateful-kinds';
import { groupOf, isAckObject, KubeObject, kindKey, readTags, tagShapeOf, tagsSpecFragment } from '../../policy/tag-shapes';
import { EnvironmentConfig } from '../lib/environment/types';
import { tagsFor } from '../lib/ownership';
import { syncWaveOf } from '../lib/sync-waves';

/** Argo CD must neither prune nor delete what holds data. */
export const STATEFUL_SYNC_OPTIONS = 'Prune=false,Delete=false';

/** A synth-time problem with one object; the message names the object. */
export class FinalizeError extends Error {}

/**
 * The one central pass over every object of an environment, run before synth:
 *  - AWS tags: the six keys of the seed's tagging strategy, in each kind's own shape, derived
 *    from the owner labels the chart set; a kind with unknown tag shape is an error;
 *  - never lose data: stateful kinds get deletion-policy retain and Prune=false,Delete=false;
 *  - Argo CD sync waves by API group.
 */
export function finalize(app: App, env: EnvironmentConfig): void {
  for (const object of app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
    const json = object.toJson() as KubeObject;
    const where = `${json.kind} ${json.metadata.name ?? object.node.path}`;
    if (isAckObject(json)) {
      applyTags(object, json, env, where);
      if (isStatefulKind(kindKey(json))) {
        object.metadata.addAnnotation(DELETION_POLICY_ANNOTATION, 'retain');
        object.metadata.addAnnotation(ARGO_SYNC_OPTIONS_ANNOTATION, STATEFUL_SYNC_OPTIONS);
      }
    }
    const wave = syncWaveOf(groupOf(json.apiVersion), json.kind);
    if (wave === undefined) throw new FinalizeError(`${where}: API group "${groupOf(json.apiVersion)}" has no sync wave in charts/lib/sync-waves.ts`);
    if (!json.metadata.annotations?.[SYNC_WAVE_ANNOTATION]) object.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(wave));
  }
}

function applyTags(object: ApiObject, json: KubeObject, env: EnvironmentConfig, where: string): void {
  const shape = tagShapeOf(json);
  if (shape === undefined) throw new FinalizeError(`${where}: kind ${kindKey(json)} has no tag shape in policy/tag-shapes.ts`);
  if (shape === 'none') return;
  const labels = json.metadata.labels ?? {};
  const application = labels[APPLICATION_LABEL];
  const team = labels[TEAM_LABEL];
  if (!application || !team) throw new FinalizeError(`${where}: missing the ${APPLICATION_LABEL} or ${TEAM_LABEL} label (build it inside an EstateChart)`);
  const required = tagsFor(env, { application, team });
  const existing = readTags(json);
  for (const [key, value] of Object.entries(required)) {
    if (existing[key] !== undefined && existing[key] !== value) {
      throw new FinalizeError(`${where}: tag ${key}="${existing[key]}" contradicts the tagging strategy ("${value}"); set ownership through labels, not tags`);
    }
  }
  const fragment = tagsSpecFragment(shape, { ...existing, ...required });
  for (const [field, value] of Object.entries(fragment)) {
    object.addJsonPatch(JsonPatch.add(`/spec/${field}`, value));
  }
}
