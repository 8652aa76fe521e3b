import { SynthCheck } from './check';

/** Every object against its CRD's schema (unknown fields rejected). */
export const SCHEMA_CHECK: SynthCheck = {
  name: 'schema',
  run: ({ objects, validator }) =>
    objects.flatMap(({ environment, file, object }) => validator.validate(object).map((v) => `${environment}/${file}: ${v.object}: ${v.path}: ${v.message}`)),
};
