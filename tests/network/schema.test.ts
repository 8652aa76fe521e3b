import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, manifestValidator, synthesized } from '../support/estate';

describe('network chart against the upstream CRDs', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every object of network.yaml validates, unknown fields rejected', (env) => {
    // GIVEN the objects of the network chart
    const objects = synthesized(env).filter((s) => s.file === 'network.yaml');
    expect(objects.map((s) => s.object.kind)).toContain('SecurityGroup');
    // WHEN each is validated against its CRD THEN nothing is reported
    expect(objects.flatMap((s) => manifestValidator().validate(s.object))).toEqual([]);
  });
});
