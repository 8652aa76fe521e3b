import { KubeObject, kindKey, TAG_SHAPES, TagShape } from '../../policy/tag-shapes';

/** One entry of an Application's spec.ignoreDifferences. */
export interface IgnoreDifference {
  readonly group: string;
  readonly kind: string;
  readonly jsonPointers?: string[];
  readonly jqPathExpressions?: string[];
}

/** Prefix of the AWS tags every ACK controller adds on its own (controller version, namespace). */
export const CONTROLLER_TAG_PREFIX = 'services.k8s.aws/';

/**
 * Spec fields an ACK controller fills in after creation when git leaves them empty
 * (`late_initialize` in the controller's generator.yaml). Ignored only for kinds whose
 * synthesized objects do not set them: a field that git sets is never ignored.
 */
export const LATE_INITIALIZED: Readonly<Record<string, readonly string[]>> = {
  // rds-controller apis/v1alpha1/generator.yaml
  'rds.services.k8s.aws/DBInstance': [
    '/spec/availabilityZone',
    '/spec/backupTarget',
    '/spec/networkType',
    '/spec/performanceInsightsKMSKeyID',
    '/spec/performanceInsightsRetentionPeriod',
  ],
  // wafv2-controller pkg/resource/web_acl/hooks.go setLoggingConfiguration: read back from
  // GetLoggingConfiguration, whose ResourceArn is the web ACL's own ARN (status).
  'wafv2.services.k8s.aws/WebACL': ['/spec/loggingConfiguration/resourceARN'],
};

/** jq paths of the controller's own tags in each tag shape (they are added to spec by ACK). */
function controllerTagPaths(shape: TagShape | undefined): string[] {
  const prefixed = (field: string) => `select(.${field} | startswith("${CONTROLLER_TAG_PREFIX}"))`;
  switch (shape) {
    case 'keyValueList':
      return [`.spec.tags[]? | ${prefixed('key')}`];
    case 'tagKeyValueList':
      return [`.spec.tags[]? | ${prefixed('tagKey')}`];
    case 'tagSet':
      return [`.spec.tagging.tagSet[]? | ${prefixed('key')}`];
    case 'map':
      return ['controller-version', 'namespace'].map((key) => `.spec.tags["${CONTROLLER_TAG_PREFIX}${key}"]`);
    default:
      return [];
  }
}

/**
 * ignoreDifferences for the ACK kinds among `objects`, so that an estate ACK has reconciled
 * shows Synced: the status, the tags the controller adds, and late-initialized fields that
 * git leaves empty. One entry per kind, sorted.
 */
export function ignoreDifferencesFor(objects: readonly KubeObject[]): IgnoreDifference[] {
  const byKind = new Map<string, KubeObject[]>();
  for (const object of objects) {
    if (!object.apiVersion.split('/')[0].endsWith('.services.k8s.aws')) continue;
    byKind.set(kindKey(object), [...(byKind.get(kindKey(object)) ?? []), object]);
  }
  return [...byKind.keys()].sort().map((key) => {
    const [group, kind] = key.split('/');
    const lateInitialized = (LATE_INITIALIZED[key] ?? []).filter((pointer) => !(byKind.get(key) ?? []).some((o) => hasPointer(o, pointer)));
    const jq = controllerTagPaths(TAG_SHAPES[key]);
    return {
      group,
      kind,
      jsonPointers: ['/status', ...lateInitialized],
      ...(jq.length > 0 ? { jqPathExpressions: jq } : {}),
    };
  });
}

function hasPointer(object: KubeObject, pointer: string): boolean {
  let current: unknown = object;
  for (const segment of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return current !== undefined;
}
