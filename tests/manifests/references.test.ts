import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, objectsOf } from '../support/estate';
import { findReferences, REFERENCE_KINDS } from '../support/references';

describe('ACK references', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every *Ref names an object of the right kind in the same environment', (env) => {
    // GIVEN the objects of the environment, indexed by group/Kind and namespace/name
    const objects = objectsOf(env);
    const index = new Set(objects.map((o) => `${o.apiVersion.split('/')[0]}/${o.kind}|${o.metadata.namespace}/${o.metadata.name}`));

    // WHEN every reference is looked up
    // Only ACK objects: a RoleBinding's roleRef is Kubernetes RBAC, not an ACK reference.
    const unresolved = objects.filter((o) => o.apiVersion.split('/')[0].endsWith('.services.k8s.aws')).flatMap((object) =>
      findReferences(object.spec).flatMap((ref) => {
        const where = `${object.kind} ${object.metadata.name} ${ref.path}`;
        const kind = REFERENCE_KINDS[ref.field];
        if (!kind) return [`${where}: reference field ${ref.field} is not in tests/support/references.ts`];
        const namespace = ref.namespace ?? object.metadata.namespace;
        return index.has(`${kind}|${namespace}/${ref.name}`) ? [] : [`${where}: no ${kind} named "${ref.name}" in ${namespace}`];
      }),
    );

    // THEN each resolves
    expect(unresolved).toEqual([]);
  });

  it('the lookup catches a dangling reference', () => {
    const refs = findReferences({ vpcRef: { from: { name: 'nope' } }, subnetRefs: [{ from: { name: 'a' } }] });
    expect(refs).toEqual([
      { field: 'vpcRef', path: '/vpcRef', name: 'nope', namespace: undefined },
      { field: 'subnetRefs', path: '/subnetRefs/0', name: 'a', namespace: undefined },
    ]);
  });
});
