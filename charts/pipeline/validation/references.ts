import { KINDS } from '../../../policy/kinds';
import { findReferences } from '../../../policy/references';
import { isAckObject, kindKey } from '../../../policy/tag-shapes';

/**
 * Every reference field of the registry (policy/kinds.ts `references`) and the kind it names, for
 * the checks that look at a field without its kind (one field names one kind wherever it is).
 */
export const REFERENCE_KINDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(KINDS).flatMap((facts) => Object.entries(facts.references ?? {})),
);

/** A synthesized object, as far as references go. */
interface Referencing {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: unknown;
}

/**
 * Every ACK reference of `objects` that names no object of the right kind among them: one line
 * naming the referring object, the field and the missing object. ACK would wait on such a
 * reference for ever ("the referenced resource does not exist"), so synth refuses it.
 */
export function danglingReferences(objects: readonly Referencing[]): string[] {
  const present = new Set(objects.map((o) => `${kindKey(o)}|${o.metadata.namespace}/${o.metadata.name}`));
  // Only ACK objects: a RoleBinding's roleRef is Kubernetes RBAC, not an ACK reference.
  return objects
    .filter(isAckObject)
    .flatMap((object) =>
      findReferences(object.spec, '/spec').flatMap((ref) => {
        const where = `${object.kind} ${object.metadata.name}: ${ref.path.slice(1).replace(/\//g, '.')}`;
        const kind = kindKey(object);
        const target = KINDS[kind]?.references?.[ref.field];
        if (!target) return [`${where}: reference field ${ref.field} of ${kind} has no target kind in policy/kinds.ts (references)`];
        const namespace = ref.namespace ?? object.metadata.namespace;
        if (present.has(`${target}|${namespace}/${ref.name}`)) return [];
        return [`${where} names ${target.split('/')[1]} "${ref.name}" in ${namespace ?? 'no namespace'}, which is not synthesized: ACK would wait on it for ever`];
      }),
    );
}
