import { twinConflicts } from '../validation/reference-twins';
import { SynthCheck, whereOf } from './check';

/**
 * An identifier field set together with its reference twin: the schema allows it, ACK refuses
 * it at reconcile ("both resource reference wrapper and ID cannot be used together").
 */
export const REFERENCE_TWINS_CHECK: SynthCheck = {
  name: 'reference twins',
  run: ({ objects, validator }) =>
    objects.flatMap((synthesized) => {
      const crd = validator.crdOf(String(synthesized.object.apiVersion), String(synthesized.object.kind));
      if (!crd) return [];
      return twinConflicts(synthesized.object, crd.schema).map(
        ({ field, ref }) => `${whereOf(synthesized)}: ${field.slice(1)} and ${ref.slice(1)} are both set; ACK refuses an identifier and its reference together: keep one`,
      );
    }),
};
