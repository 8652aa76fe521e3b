/**
 * Where each ACK kind keeps its AWS tags. ACK uses four shapes (see ../shared/notes/ack.md);
 * tests/policy/tag-shapes.test.ts checks the registry (policy/kinds.ts) against the CRDs, so it
 * cannot go stale.
 */
import { kindView, TagShape } from './kinds';

export type { TagShape };

export type Tags = Readonly<Record<string, string>>;

/** `<group>/<Kind>` → shape, for every ACK kind this project synthesizes or polices. */
export const TAG_SHAPES: Readonly<Record<string, TagShape>> = kindView((facts) => facts.tags);

/** Minimal view of a Kubernetes object, as both synth output and the API server give it. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export function kindKey(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  return `${groupOf(object.apiVersion)}/${object.kind}`;
}

export function isAckObject(object: Pick<KubeObject, 'apiVersion'>): boolean {
  return groupOf(object.apiVersion).endsWith('.services.k8s.aws');
}

/** The shape of a kind, or undefined when this project does not know it. */
export function tagShapeOf(object: Pick<KubeObject, 'apiVersion' | 'kind'>): TagShape | undefined {
  return TAG_SHAPES[kindKey(object)];
}

/** Reads the tags of an object in its kind's shape; {} when it has none yet. */
export function readTags(object: KubeObject): Tags {
  const spec = object.spec ?? {};
  switch (tagShapeOf(object)) {
    case 'keyValueList':
      return fromPairs(spec.tags, 'key', 'value');
    case 'tagKeyValueList':
      return fromPairs(spec.tags, 'tagKey', 'tagValue');
    case 'tagSet':
      return fromPairs((spec.tagging as { tagSet?: unknown } | undefined)?.tagSet, 'key', 'value');
    case 'map':
      return { ...((spec.tags as Record<string, string> | undefined) ?? {}) };
    default:
      return {};
  }
}

function fromPairs(list: unknown, keyField: string, valueField: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const entry of Array.isArray(list) ? (list as Record<string, unknown>[]) : []) {
    const key = entry[keyField];
    if (typeof key === 'string') tags[key] = String(entry[valueField] ?? '');
  }
  return tags;
}

/**
 * The spec fragment that sets `tags` in the object's shape, sorted by key so output is stable.
 * Merge it into spec (it replaces the whole tag field).
 */
export function tagsSpecFragment(shape: TagShape, tags: Tags): Record<string, unknown> {
  const keys = Object.keys(tags).sort();
  switch (shape) {
    case 'keyValueList':
      return { tags: keys.map((key) => ({ key, value: tags[key] })) };
    case 'tagKeyValueList':
      return { tags: keys.map((key) => ({ tagKey: key, tagValue: tags[key] })) };
    case 'tagSet':
      return { tagging: { tagSet: keys.map((key) => ({ key, value: tags[key] })) } };
    case 'map':
      return { tags: Object.fromEntries(keys.map((key) => [key, tags[key]])) };
    case 'none':
      return {};
  }
}
