import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { FLOW_LOG_VPC_ANNOTATION, FLOW_LOG_WAITING_ANNOTATION, REGION_ANNOTATION } from '../../policy/annotations';
import { KINDS } from '../../policy/kinds';
import { groupOf, KubeObject, kindKey } from '../../policy/tag-shapes';
import { findReferences } from '../../policy/references';
import { DR_DATA_PATHS, drName } from './dr-site';

/** Kinds whose resources are global (IAM): a DR object may use the primary's, there is one. */
const GLOBAL_GROUPS: ReadonlySet<string> = new Set(['iam.services.k8s.aws']);

/** A chart's object cannot be moved: it refers to a regional object that has no twin there. */
export class RelocationError extends Error {}

const apiObjectsOf = (scope: IConstruct): ApiObject[] => scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);

/**
 * Moves every object of `charts` into `region`: named `<name>-dr`, annotated with the region,
 * each reference to an object of the region's stack (another moved object, or one already in
 * `region`, such as the DR chart's keys) renamed to that twin, and the annotations that carry an
 * object's name or a data key renamed alike. A reference to a regional object with no twin in
 * `region` is an error: ACK would wire the DR stack to the primary region's resource.
 */
export function relocateCharts(charts: readonly Chart[], everything: IConstruct, region: string): void {
  const moved = charts.flatMap(apiObjectsOf);
  const movedSet = new Set<ApiObject>(moved);
  const inRegion = new Set<string>(moved.map((object) => drName(object.name)));
  for (const object of apiObjectsOf(everything)) {
    if (!movedSet.has(object) && (object.toJson() as KubeObject).metadata.annotations?.[REGION_ANNOTATION] === region) inRegion.add(object.name);
  }
  for (const object of moved) relocate(object, inRegion, region);
}

function relocate(object: ApiObject, inRegion: ReadonlySet<string>, region: string): void {
  const json = object.toJson() as KubeObject & { spec?: unknown };
  // Patches apply to the object before an imported kind converts its keys to the CRD's spelling
  // (`userIdGroupPairs` → `userIDGroupPairs`): the references' paths are found in that form.
  const unconverted = ApiObject.prototype.toJson.call(object) as { spec?: unknown };
  const where = `${json.kind} ${json.metadata.name}`;
  if (GLOBAL_GROUPS.has(groupOf(json.apiVersion))) throw new RelocationError(`${where}: an IAM object is global; build it once, outside the DR stack`);
  for (const reference of findReferences(unconverted.spec, '/spec')) {
    const twin = drName(reference.name);
    if (inRegion.has(twin)) {
      object.addJsonPatch(JsonPatch.replace(`${reference.path}/from/name`, twin));
      continue;
    }
    const target = KINDS[kindKey(json)]?.references?.[reference.field];
    if (target !== undefined && GLOBAL_GROUPS.has(target.split('/')[0])) continue;
    throw new RelocationError(`${where}: ${reference.path.slice(1).replace(/\//g, '.')} names "${reference.name}", which has no twin "${twin}" in ${region}; build one there (charts/estate/disaster-recovery-chart.ts or the DR stack)`);
  }
  const annotations = json.metadata.annotations ?? {};
  const vpc = annotations[FLOW_LOG_VPC_ANNOTATION];
  if (vpc !== undefined) object.metadata.addAnnotation(FLOW_LOG_VPC_ANNOTATION, drName(vpc));
  const waitingFor = annotations[FLOW_LOG_WAITING_ANNOTATION];
  if (waitingFor !== undefined) object.metadata.addAnnotation(FLOW_LOG_WAITING_ANNOTATION, DR_DATA_PATHS[waitingFor] ?? waitingFor);
  object.metadata.addAnnotation(REGION_ANNOTATION, region);
  object.addJsonPatch(JsonPatch.replace('/metadata/name', drName(object.name)));
}
