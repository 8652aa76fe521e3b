import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, manifestValidator, synthesized } from '../support/estate';

describe('storage chart against the upstream CRD schemas', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every object of the storage chart validates', (name) => {
    // GIVEN the buckets, file system and mount targets of the environment
    const objects = synthesized(name).filter((o) => o.file === 'storage.yaml');
    expect(objects.map((o) => o.object.kind)).toEqual(['Bucket', 'Bucket', 'Bucket', 'FileSystem', 'MountTarget', 'MountTarget', 'MountTarget']);
    // WHEN each is validated THEN none breaks its CRD (unknown fields rejected)
    expect(objects.flatMap(({ object }) => manifestValidator().validate(object).map((v) => `${v.object}: ${v.path}: ${v.message}`))).toEqual([]);
  });
});
