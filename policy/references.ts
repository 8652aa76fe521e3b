/** ACK references inside an object: `*Ref: {from: {name}}` and `*Refs: [{from: {name}}]`. */

export interface FoundReference {
  readonly field: string;
  /** JSON path of the reference inside the object. */
  readonly path: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Every `*Ref` / `*Refs` inside `value`, with where it sits. */
export function findReferences(value: unknown, path = ''): FoundReference[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => findReferences(item, `${path}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const childPath = `${path}/${key}`;
    if (/Refs?$/.test(key)) {
      const entries = Array.isArray(child) ? child : [child];
      return entries.map((entry: { from?: { name?: string; namespace?: string } }, index) => ({
        field: key,
        path: Array.isArray(child) ? `${childPath}/${index}` : childPath,
        name: entry?.from?.name ?? '',
        namespace: entry?.from?.namespace,
      }));
    }
    return findReferences(child, childPath);
  });
}
