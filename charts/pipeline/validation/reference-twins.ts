/**
 * ACK refuses an object that sets an identifier field and its reference twin (`policies` and
 * `policyRefs`, `kmsKeyID` and `kmsKeyRef`): "both resource reference wrapper and ID cannot be
 * used together". The schema cannot say so, so this check derives the pairs from the CRD schema.
 *
 * The rule, read from the generated `validateReferenceFields` of every controller in
 * ../shared/ack-src (`pkg/resource/<kind>/references.go`) and checked against every CRD by
 * tests/validation/reference-twins.test.ts: a property `xRef` pairs with the first sibling of
 * `x`, `xID`, `xId`, `xARN`, `xArn`, `xIdentifier`, `xName`; `xRefs` with the first of the plural
 * `xs` (`policy` → `policies`), `xIDs`, `xIds`, `xARNs`, `xArns`, `xNames`, `x`.
 */

/** Sibling property names a reference property may pair with, in the order the rule prefers them. */
function twinCandidates(ref: string): string[] {
  if (ref.endsWith('Refs')) {
    const base = ref.slice(0, -'Refs'.length);
    const plural = /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ies` : `${base}s`;
    return [plural, `${base}IDs`, `${base}Ids`, `${base}ARNs`, `${base}Arns`, `${base}Names`, base];
  }
  const base = ref.slice(0, -'Ref'.length);
  return ['', 'ID', 'Id', 'ARN', 'Arn', 'Identifier', 'Name'].map((suffix) => `${base}${suffix}`);
}

/** The identifier twin of a reference property among its siblings, or undefined when none. */
export function twinOf(ref: string, siblings: readonly string[]): string | undefined {
  if (!/[a-z0-9]Refs?$/.test(ref)) return undefined;
  return twinCandidates(ref).find((candidate) => candidate !== ref && siblings.includes(candidate));
}

/** One `[identifier, reference]` pair of one object schema's properties. */
export type TwinPair = readonly [string, string];

interface SchemaNode {
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
}

/** The twin pairs declared in one object schema's own properties (not nested ones). */
export function twinPairs(schema: SchemaNode): TwinPair[] {
  const names = Object.keys(schema.properties ?? {});
  return names.flatMap((name) => {
    const twin = /Refs?$/.test(name) ? twinOf(name, names) : undefined;
    return twin ? [[twin, name] as const] : [];
  });
}

/** Every reference property of a schema (recursively) with its path and twin, undefined when it has none. */
export function referenceProperties(schema: SchemaNode, path = ''): { path: string; ref: string; twin: string | undefined }[] {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const own = names.filter((name) => /[a-z0-9]Refs?$/.test(name)).map((ref) => ({ path, ref, twin: twinOf(ref, names) }));
  const nested = names.flatMap((name) => referenceProperties(properties[name], `${path}.${name}`));
  return [...own, ...nested, ...(schema.items ? referenceProperties(schema.items, `${path}[]`) : [])];
}

/** One place where an object sets an identifier and its reference. */
export interface TwinConflict {
  /** e.g. `.spec.policies`. */
  readonly field: string;
  /** e.g. `.spec.policyRefs`. */
  readonly ref: string;
}

/**
 * Where `value` (an object or a part of one) sets both members of a twin pair of `schema`.
 * Present counts as set, even empty: the controllers test the Go field against nil.
 */
export function twinConflicts(value: unknown, schema: SchemaNode, path = ''): TwinConflict[] {
  if (Array.isArray(value)) {
    return schema.items ? value.flatMap((item, index) => twinConflicts(item, schema.items!, `${path}[${index}]`)) : [];
  }
  if (value === null || typeof value !== 'object' || !schema.properties) return [];
  const record = value as Record<string, unknown>;
  const set = (name: string) => record[name] !== undefined && record[name] !== null;
  const own = twinPairs(schema)
    .filter(([field, ref]) => set(field) && set(ref))
    .map(([field, ref]) => ({ field: `${path}.${field}`, ref: `${path}.${ref}` }));
  const nested = Object.entries(record).flatMap(([name, child]) => {
    const childSchema = schema.properties![name];
    return childSchema ? twinConflicts(child, childSchema, `${path}.${name}`) : [];
  });
  return [...own, ...nested];
}
