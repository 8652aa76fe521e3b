/** Work queue keys: `object|<group>/<Kind>|<namespace>|<name>` and `policy|<Kind>|<name>`. */
import { isPolicyKind, PolicyKindName } from '../../../policy/registry';

export type Key =
  | { readonly type: 'object'; readonly kindKey: string; readonly namespace: string; readonly name: string }
  | { readonly type: 'policy'; readonly kind: PolicyKindName; readonly name: string };

export function objectKey(kindKey: string, namespace: string, name: string): string {
  return `object|${kindKey}|${namespace}|${name}`;
}

export function policyKey(kind: PolicyKindName, name: string): string {
  return `policy|${kind}|${name}`;
}

export function parseKey(key: string): Key {
  const parts = key.split('|');
  if (parts[0] === 'object' && parts.length === 4) return { type: 'object', kindKey: parts[1], namespace: parts[2], name: parts[3] };
  if (parts[0] === 'policy' && parts.length === 3 && isPolicyKind(parts[1])) return { type: 'policy', kind: parts[1], name: parts[2] };
  throw new Error(`parseKey: not a work queue key: "${key}"`);
}
