import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crdsDir } from '../../charts/lib/crds-dir';
import { loadCrdCatalog } from '../../charts/pipeline/validation/crd-catalog';
import { readTags, TAG_SHAPES, TagShape, tagsSpecFragment } from '../../policy/tag-shapes';

/** The tag shape a CRD's schema declares, read the same way a reader of the CRD would. */
function shapeFromSchema(spec: Record<string, any>): TagShape {
  const tags = spec.properties?.tags;
  if (spec.properties?.tagging?.properties?.tagSet) return 'tagSet';
  if (!tags) return 'none';
  if (tags.type === 'object') return 'map';
  const item = tags.items?.properties ?? {};
  if (item.tagKey && item.tagValue) return 'tagKeyValueList';
  if (item.key && item.value) return 'keyValueList';
  throw new Error(`unrecognised tags schema ${JSON.stringify(tags)}`);
}

describe('policy/tag-shapes.ts', () => {
  const catalog = loadCrdCatalog(path.join(crdsDir(), 'ack'));

  it.each(Object.entries(TAG_SHAPES))('%s is %s, as its CRD says', (kindKey, shape) => {
    const [group, kind] = kindKey.split('/');
    const crd = catalog.get(`${group}/v1alpha1/${kind}`);
    expect(crd, `no CRD for ${kindKey}`).toBeDefined();
    expect(shapeFromSchema((crd!.schema as any).properties.spec)).toBe(shape);
  });

  it('covers every ACK kind the project imports', () => {
    const imported = fs
      .readFileSync(path.join(__dirname, '../../cdk8s.yaml'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('/ack/'))
      .map((line) => line.split(':=')[1].trim());
    const kinds = imported.map((file) => {
      const crd = parse(fs.readFileSync(path.join(crdsDir(), file.replace('../shared/crds/', '')), 'utf8'));
      return `${crd.spec.group}/${crd.spec.names.kind}`;
    });
    expect(kinds.filter((kind) => !(kind in TAG_SHAPES))).toEqual([]);
  });

  it.each<[TagShape, Record<string, unknown>]>([
    ['keyValueList', { tags: [{ key: 'A', value: '1' }, { key: 'B', value: '2' }] }],
    ['tagKeyValueList', { tags: [{ tagKey: 'A', tagValue: '1' }, { tagKey: 'B', tagValue: '2' }] }],
    ['tagSet', { tagging: { tagSet: [{ key: 'A', value: '1' }, { key: 'B', value: '2' }] } }],
    ['map', { tags: { A: '1', B: '2' } }],
  ])('writes and reads back the %s shape', (shape, expected) => {
    const kindKey = Object.entries(TAG_SHAPES).find(([, s]) => s === shape)![0];
    const [group, kind] = kindKey.split('/');
    const fragment = tagsSpecFragment(shape, { B: '2', A: '1' });
    expect(fragment).toEqual(expected);
    expect(readTags({ apiVersion: `${group}/v1alpha1`, kind, metadata: {}, spec: fragment })).toEqual({ A: '1', B: '2' });
  });
});
