import { CrdVersion, loadCrdCatalog } from '../../charts/pipeline/validation/crd-catalog';
import { isPlainObject, PathSegment } from './field-diff';

/** The transition rule that makes a field immutable once set (ACK writes exactly this). */
export const IMMUTABLE_RULE = 'self == oldSelf';

type SchemaNode = Record<string, unknown>;

/**
 * Answers "does changing this field replace the resource?" from the CRDs' own
 * `x-kubernetes-validations` rules, read from the CRD files (never copied).
 */
export class ImmutableFields {
  /** The CRDs read (apiVersion/Kind → served version), shared with the other CRD readers of the diff. */
  readonly catalog: ReadonlyMap<string, CrdVersion>;

  constructor(crdRoots: readonly string[]) {
    this.catalog = new Map(crdRoots.flatMap((root) => [...loadCrdCatalog(root)]));
  }

  /** Whether a CRD of this apiVersion/kind was read (without it, no field reads as immutable). */
  knows(apiVersion: string, kind: string): boolean {
    return this.catalog.has(`${apiVersion}/${kind}`);
  }

  /**
   * The dotted schema path of the field (or of the enclosing field) that the CRD marks
   * immutable along `path`, or undefined when a change there is made in place.
   */
  immutableAlong(apiVersion: string, kind: string, path: readonly PathSegment[]): string | undefined {
    let node: SchemaNode | undefined = this.catalog.get(`${apiVersion}/${kind}`)?.schema;
    const walked: string[] = [];
    for (const segment of path) {
      if (!node) return undefined;
      if (typeof segment === 'object' && 'json' in segment) return undefined; // inside a JSON document held in a string
      node = typeof segment === 'string' ? property(node, segment) : items(node);
      if (typeof segment === 'string') walked.push(segment);
      if (node && isImmutable(node)) return walked.join('.');
    }
    return undefined;
  }
}

function property(node: SchemaNode, name: string): SchemaNode | undefined {
  const properties = node.properties;
  if (isPlainObject(properties) && isPlainObject(properties[name])) return properties[name] as SchemaNode;
  return isPlainObject(node.additionalProperties) ? (node.additionalProperties as SchemaNode) : undefined;
}

function items(node: SchemaNode): SchemaNode | undefined {
  return isPlainObject(node.items) ? (node.items as SchemaNode) : undefined;
}

function isImmutable(node: SchemaNode): boolean {
  const rules = node['x-kubernetes-validations'];
  return Array.isArray(rules) && rules.some((rule) => isPlainObject(rule) && String(rule.rule).replace(/\s+/g, ' ').trim() === IMMUTABLE_RULE);
}
