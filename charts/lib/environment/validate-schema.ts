import { ErrorObject, ValidateFunction } from 'ajv';
import { CompiledValidators } from '../compiled-validators';
import { EnvironmentError, EnvironmentProblem, joinKeyPath, pointerToKeyPath } from './errors';
import { Infer, Schema } from './schema-builders';
import { closestKey } from './suggest';

// allErrors: a file's every problem is reported at once, not one per run; verbose: the messages
// quote the value and the allowed keys.
const validators = new CompiledValidators({ allErrors: true, strict: true, verbose: true });
const compiled = new WeakMap<Schema, ValidateFunction>();

/** Validates `data` against `schema`, throwing one EnvironmentError listing every problem. */
export function validateAgainstSchema<S extends Schema>(data: unknown, schema: S, file: string): Infer<S> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = validators.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(data)) {
    // A bad key name reports twice: the propertyNames error, and its pattern's (marked propertyName).
    const errors = validate.errors!.filter((error) => error.propertyName === undefined);
    const problems = uniqueProblems(errors.map((error) => ({ keyPath: keyPathOf(error), expected: describe(error) })));
    throw new EnvironmentError(file, problems[0].keyPath, problems[0].expected, problems.slice(1));
  }
  // The schema is the type: data that passed it is what it accepts (schema-builders' Infer).
  return data as Infer<S>;
}

/** Drops repeats (a value failing both `type` and its pattern reports twice at one key path). */
function uniqueProblems(problems: EnvironmentProblem[]): EnvironmentProblem[] {
  const seen = new Set<string>();
  return problems.filter(({ keyPath }) => !seen.has(keyPath) && seen.add(keyPath));
}

function keyPathOf(error: ErrorObject): string {
  const base = pointerToKeyPath(error.instancePath);
  if (error.keyword === 'required') return joinKeyPath(base, String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') return joinKeyPath(base, String(error.params.additionalProperty));
  if (error.keyword === 'propertyNames') return joinKeyPath(base, String(error.params.propertyName));
  return base;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'missing required key';
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closestKey(String(error.params.additionalProperty), allowed);
      return suggestion ? `unknown key (did you mean ${suggestion}?)` : `unknown key (expected one of ${allowed.join(', ')})`;
    }
    case 'type':
      return `expected ${error.params.type}, got ${typeName(error.data)}`;
    case 'enum':
      return `expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(error.data)}`;
    case 'pattern':
      return `expected a value matching ${error.params.pattern}, got ${JSON.stringify(error.data)}`;
    case 'minimum':
    case 'maximum':
      return `expected a number ${error.params.comparison} ${error.params.limit}, got ${JSON.stringify(error.data)}`;
    case 'minItems':
    case 'maxItems':
      return `expected ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${error.params.limit} items, got ${(error.data as unknown[]).length}`;
    case 'propertyNames':
      return `invalid key name (expected a name matching ${(error.parentSchema as { propertyNames: { pattern: string } }).propertyNames.pattern})`;
    default:
      return `${error.message ?? 'invalid value'}`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return `${typeof value} ${JSON.stringify(value)}`;
}
