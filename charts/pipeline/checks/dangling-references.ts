import { danglingReferences } from '../validation/references';
import { SynthCheck } from './check';

/** A `*Ref` to an object the environment does not have: ACK would wait on it forever. */
export const DANGLING_REFERENCES_CHECK: SynthCheck = {
  name: 'dangling references',
  run: ({ env, objects }) => danglingReferences(objects.map(({ object }) => object as never)).map((problem) => `${env.name}: ${problem}`),
};
