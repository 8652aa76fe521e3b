/**
 * Turns a CRD's structural schema into what `kubectl apply --validate=strict` enforces: an
 * object schema with `properties` rejects fields it does not list, unless it says
 * x-kubernetes-preserve-unknown-fields or has its own additionalProperties. Kubernetes
 * extension keywords are dropped (CEL rules are checked by the API server tests).
 */
export function strictSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (node === null || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties' || key === 'patternProperties') {
      result[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, child]) => [name, strictSchema(child)]));
    } else if (key === 'enum' || key === 'default' || key === 'example' || key === 'required') {
      result[key] = value;
    } else {
      result[key] = strictSchema(value);
    }
  }
  if (source['x-kubernetes-int-or-string']) {
    delete result.type;
    result.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const preserves = source['x-kubernetes-preserve-unknown-fields'] === true;
  if (source.properties && source.additionalProperties === undefined && !preserves) result.additionalProperties = false;
  return result;
}
