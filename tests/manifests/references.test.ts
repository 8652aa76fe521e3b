import { describe, expect, it } from 'vitest';
import { SynthValidationError } from '../../charts/pipeline/synthesized';
import { checkSynthesized } from '../../charts/pipeline/checks';
import { danglingReferences } from '../../charts/pipeline/validation/references';
import { findReferences } from '../../policy/references';
import { ENVIRONMENT_NAMES, loadEnv, manifestValidator, objectsOf, synthesized } from '../support/estate';

describe('ACK references', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every *Ref names an object of the right kind in the same environment', (env) => {
    expect(findReferences(objectsOf(env).map((o) => o.spec)).length).toBeGreaterThan(10);
    expect(danglingReferences(objectsOf(env))).toEqual([]);
  });

  describe('synth refuses a dangling reference, naming both objects', () => {
    const env = ENVIRONMENT_NAMES[0];
    // A real referring object of the data, pointed at a name nothing has.
    const index = synthesized(env).findIndex(({ object }) => findReferences((object as { spec?: unknown }).spec).length > 0);
    const { object } = synthesized(env)[index];
    const [ref] = findReferences((object as { spec?: unknown }).spec);
    const renamed = JSON.parse(JSON.stringify(object).replace(`"name":"${ref.name}"`, '"name":"nothing-has-this-name"'));
    const objects = synthesized(env).map((entry, i) => (i === index ? { ...entry, object: renamed } : entry));

    it('one line: the referring object, the field, the missing kind and name', () => {
      expect(() => checkSynthesized(loadEnv(env), objects, manifestValidator())).toThrow(SynthValidationError);
      const problems = danglingReferences(objects.map((entry) => entry.object as never));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`${String(object.kind)} ${(object.metadata as { name: string }).name}: spec.`);
      expect(problems[0]).toMatch(/names \w+ "nothing-has-this-name" in [\w-]+, which is not synthesized/);
    });

    it('a reference field with no known target kind is refused too', () => {
      const unknown = { ...renamed, spec: { ...renamed.spec, somethingRef: { from: { name: 'x' } } } };
      expect(danglingReferences([unknown])).toContainEqual(expect.stringMatching(/reference field somethingRef of [\w.]+\/\w+ has no target kind in policy\/kinds.ts/));
    });
  });

  it('the lookup finds single and list references with their paths', () => {
    const refs = findReferences({ vpcRef: { from: { name: 'nope' } }, subnetRefs: [{ from: { name: 'a' } }] });
    expect(refs).toEqual([
      { field: 'vpcRef', path: '/vpcRef', name: 'nope', namespace: undefined },
      { field: 'subnetRefs', path: '/subnetRefs/0', name: 'a', namespace: undefined },
    ]);
  });
});
