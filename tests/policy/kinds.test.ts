/**
 * The kind registry (policy/kinds.ts) against the CRDs and the estate: every reference field it
 * declares is a field of the kind's CRD, each field names one kind wherever it appears, every
 * target is itself a registered kind, and every ACK kind the estate synthesizes is registered.
 * (Tag shapes: tag-shapes.test.ts; health paths: tests/delivery/health.test.ts.)
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crdsDir } from '../../charts/lib/crds-dir';
import { loadCrdCatalog } from '../../charts/pipeline/validation/crd-catalog';
import { KINDS } from '../../policy/kinds';
import { isAckObject, kindKey } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, objectsOf } from '../support/estate';

/** Every property name anywhere under a schema node. */
function propertyNames(schema: Record<string, any> | undefined): Set<string> {
  const names = new Set<string>();
  const walk = (node: Record<string, any> | undefined) => {
    if (!node || typeof node !== 'object') return;
    for (const [name, child] of Object.entries<Record<string, any>>(node.properties ?? {})) {
      names.add(name);
      walk(child);
    }
    walk(node.items);
  };
  walk(schema);
  return names;
}

describe('policy/kinds.ts', () => {
  const catalog = new Map([...loadCrdCatalog(path.join(crdsDir(), 'ack'))].map(([, crd]) => [`${crd.group}/${crd.kind}`, crd]));
  const withReferences = Object.entries(KINDS).filter(([, facts]) => facts.references);

  it.each(withReferences)('%s: every declared reference field is in its CRD, and names a registered kind', (kind, facts) => {
    const crd = catalog.get(kind);
    expect(crd, `no CRD for ${kind}`).toBeDefined();
    const fields = propertyNames((crd!.schema as Record<string, any>).properties.spec);
    for (const [field, target] of Object.entries(facts.references!)) {
      expect(fields.has(field), `${kind} has no field ${field}`).toBe(true);
      expect(KINDS[target], `${kind} ${field} names ${target}, which is not registered`).toBeDefined();
    }
  });

  it('a reference field names the same kind wherever it appears', () => {
    const targets = new Map<string, Set<string>>();
    for (const facts of Object.values(KINDS)) {
      for (const [field, target] of Object.entries(facts.references ?? {})) targets.set(field, (targets.get(field) ?? new Set()).add(target));
    }
    expect([...targets].filter(([, kinds]) => kinds.size > 1).map(([field, kinds]) => `${field}: ${[...kinds].join(', ')}`)).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: every ACK kind synthesized is registered', (env) => {
    const kinds = new Set(objectsOf(env).filter(isAckObject).map(kindKey));
    expect(kinds.size).toBeGreaterThan(10);
    expect([...kinds].filter((kind) => !KINDS[kind])).toEqual([]);
  });
});
