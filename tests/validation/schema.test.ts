import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, manifestValidator, synthesized } from '../support/estate';

describe('every synthesized object against the upstream CRD schemas', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every object validates with unknown fields rejected', (env) => {
    // GIVEN the synthesized objects of the environment
    const objects = synthesized(env);
    expect(objects.length).toBeGreaterThan(0);

    // WHEN each is validated against the openAPIV3Schema of its CRD
    const problems = objects.flatMap(({ environment, file, object }) =>
      manifestValidator().validate(object).map((v) => `${environment}/${file}: ${v.object}: ${v.path}: ${v.message}`),
    );

    // THEN there is no violation (each line names environment, file, object and JSON path)
    expect(problems).toEqual([]);
  });
});

describe('the validator itself', () => {
  const bucket = {
    apiVersion: 's3.services.k8s.aws/v1alpha1',
    kind: 'Bucket',
    metadata: { name: 'assets', namespace: 'x' },
    spec: { name: 'mycomputer-assets', versioning: { status: 'Enabled' } },
  };

  it('accepts a valid object', () => {
    expect(manifestValidator().validate(bucket)).toEqual([]);
  });

  it('rejects an unknown field with its JSON path, as strict field validation does', () => {
    const broken = { ...bucket, spec: { ...bucket.spec, versioning: { status: 'Enabled', mfa: 'x' } } };
    expect(manifestValidator().validate(broken)).toEqual([{ object: 'Bucket assets', path: '/spec/versioning', message: 'unknown field "mfa"' }]);
  });

  it('rejects a wrong type and a missing required field', () => {
    const wrongType = { ...bucket, spec: { name: 42 } };
    expect(manifestValidator().validate(wrongType)).toEqual([{ object: 'Bucket assets', path: '/spec/name', message: 'must be string' }]);
    const missing = { ...bucket, spec: { versioning: { status: 'Enabled' } } };
    expect(manifestValidator().validate(missing).map((v) => v.message)).toEqual(["must have required property 'name'"]);
  });

  it('rejects a kind no CRD serves', () => {
    const unknown = { ...bucket, kind: 'Buckets' };
    expect(manifestValidator().validate(unknown)).toEqual([{ object: 'Buckets assets', path: '', message: 'no CRD serves s3.services.k8s.aws/v1alpha1 Buckets' }]);
  });
});
