/**
 * Field-by-field comparison of two versions of an object. Lists of objects that carry an
 * identity (tags by key, containers by name...) are matched by it, so that reordering is not a
 * change and "tag Owner changed" reads as such.
 */

/** One step of a path: a property, a list index, or a list element matched by identity. */
export type PathSegment = string | number | { readonly key: string; readonly value: string } | { readonly json: true };

export interface FieldChange {
  readonly path: readonly PathSegment[];
  /** Absent when the field was added. */
  readonly before?: unknown;
  /** Absent when the field was removed. */
  readonly after?: unknown;
}

/** Fields that identify an element of a list, in order of preference. */
const IDENTITY_FIELDS = ['key', 'tagKey', 'name', 'id', 'containerName', 'sid', 'priority'];

/** Every difference between `before` and `after`, leaves only, in document order. */
export function diffFields(before: unknown, after: unknown, path: PathSegment[] = []): FieldChange[] {
  if (deepEqual(before, after)) return [];
  if (before === undefined) return [{ path, after }];
  if (after === undefined) return [{ path, before }];
  const jsonBefore = parseJsonObject(before);
  const jsonAfter = parseJsonObject(after);
  if (jsonBefore && jsonAfter) return diffFields(jsonBefore, jsonAfter, [...path, { json: true }]);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffFields(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, path);
  return [{ path, before, after }];
}

function diffLists(before: unknown[], after: unknown[], path: PathSegment[]): FieldChange[] {
  const identity = identityField(before, after);
  if (identity) {
    const index = (list: unknown[]) => new Map(list.map((item) => [String((item as Record<string, unknown>)[identity]), item]));
    const a = index(before);
    const b = index(after);
    const keys = [...new Set([...a.keys(), ...b.keys()])];
    return keys.flatMap((value) => diffFields(a.get(value), b.get(value), [...path, { key: identity, value }]));
  }
  if (before.every(isScalar) && after.every(isScalar)) return [{ path, before, after }];
  const length = Math.max(before.length, after.length);
  return Array.from({ length }, (_, i) => diffFields(before[i], after[i], [...path, i])).flat();
}

/** The identity field every element has, with unique values on each side; undefined if none. */
function identityField(before: unknown[], after: unknown[]): string | undefined {
  const items = [...before, ...after];
  if (items.length === 0 || !items.every(isPlainObject)) return undefined;
  const valuesOf = (list: unknown[], field: string) => list.map((item) => (item as Record<string, unknown>)[field]);
  const identifies = (list: unknown[], field: string) => {
    const values = valuesOf(list, field);
    return values.every((v) => typeof v === 'string' || typeof v === 'number') && new Set(values).size === values.length;
  };
  return IDENTITY_FIELDS.find((field) => identifies(before, field) && identifies(after, field));
}

function parseJsonObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}
