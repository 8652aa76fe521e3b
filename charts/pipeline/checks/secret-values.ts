import { findSecretValues } from '../../lib/secret-values';
import { SynthCheck, whereOf } from './check';

/** No string of any object looks like a secret value: secrets are referenced, never in git. */
export const SECRET_VALUES_CHECK: SynthCheck = {
  name: 'secret values',
  run: ({ objects }) =>
    objects.flatMap((synthesized) =>
      findSecretValues(synthesized.object).map(({ keyPath, what }) => `${whereOf(synthesized)}: ${keyPath}: looks like a secret value (${what}); no secret may be in git`),
    ),
};
