import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, manifestValidator, synthesized } from '../support/estate';

const FILES = ['keys.yaml', 'databases.yaml', 'cache.yaml'];

describe('data charts against the upstream CRD schemas', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every object of keys, databases and cache validates', (name) => {
    // GIVEN the objects of the data charts
    const objects = synthesized(name).filter((o) => FILES.includes(o.file));
    expect(new Set(objects.map((o) => o.file))).toEqual(new Set(FILES));
    // WHEN each is validated THEN none breaks its CRD (unknown fields rejected)
    expect(objects.flatMap(({ file, object }) => manifestValidator().validate(object).map((v) => `${file}: ${v.object}: ${v.path}: ${v.message}`))).toEqual([]);
  });
});
