import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, synthesized } from '../support/estate';

// One snapshot per environment, for review of a change as a whole. The facts that matter are
// asserted exactly in the other test files; this only shows what else moved.
describe('snapshot for review', () => {
  it.each(ENVIRONMENT_NAMES)('%s', (env) => {
    const summary = synthesized(env).map(({ file, object }) => ({ file, object }));
    expect(summary).toMatchSnapshot();
  });
});
