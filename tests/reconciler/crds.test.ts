import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { CRDS_DIR, generateCrds } from '../../controllers/policy-reconciler/crds/generate';

const HINT = 'crds/ is stale: run `npx tsx controllers/policy-reconciler/crds/generate.ts` and commit the result';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; 'x-kubernetes-preserve-unknown-fields'?: boolean };

/** Paths of schema nodes without a type: a structural schema has none. */
function untyped(schema: Schema, at = ''): string[] {
  const own = schema.type || schema['x-kubernetes-preserve-unknown-fields'] ? [] : [at || '/'];
  const children = [
    ...Object.entries(schema.properties ?? {}).flatMap(([key, child]) => untyped(child, `${at}/${key}`)),
    ...(schema.items ? untyped(schema.items, `${at}[]`) : []),
    ...(typeof schema.additionalProperties === 'object' ? untyped(schema.additionalProperties, `${at}/*`) : []),
  ];
  return [...own, ...children];
}

describe('our CRDs (crds/)', () => {
  const generated = generateCrds();

  it('are committed exactly as a fresh generation writes them', () => {
    const committed = fs.readdirSync(CRDS_DIR).filter((file) => file.startsWith('platform.mycomputer.com_')).sort();
    expect(committed, HINT).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect(fs.readFileSync(path.join(CRDS_DIR, file), 'utf8'), `${HINT} (${file})`).toBe(text);
    expect(CRDS_DIR).toBe(path.join(REPO_ROOT, 'crds'));
  });

  it.each([...generated.keys()])('%s: cluster-scoped, structural, with status subresource, printer columns and short names', (file) => {
    const crd = parse(generated.get(file)!);
    const version = crd.spec.versions[0];
    expect(crd.spec.scope).toBe('Cluster');
    expect(crd.spec.group).toBe('platform.mycomputer.com');
    expect(version.name).toBe('v1alpha1');
    expect(version.subresources).toEqual({ status: {} });
    expect(crd.spec.names.shortNames.length).toBe(1);
    expect(version.additionalPrinterColumns.map((c: { name: string; jsonPath: string }) => `${c.name}=${c.jsonPath}`)).toEqual([
      'Mode=.spec.mode',
      'Checked=.status.resourcesChecked',
      'Compliant=.status.compliant',
      'Violating=.status.violating',
      'Not Verified=.status.notVerified',
      'Accepted=.status.accepted',
      'Last Evaluation=.status.lastEvaluation',
      'Age=.metadata.creationTimestamp',
    ]);
    expect(untyped(version.schema.openAPIV3Schema)).toEqual([]);
    const mode = version.schema.openAPIV3Schema.properties.spec.properties.mode;
    expect(mode.default).toBe('audit');
    expect(mode.enum).toContain('audit');
  });
});
