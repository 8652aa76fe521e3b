/**
 * Tiny builders for the JSON schemas of the environment files. Every object is closed
 * (additionalProperties: false) and every listed property is required unless named optional,
 * so an unknown or missing key is always an error.
 *
 * Each builder also carries, for the compiler only, the type of what its schema accepts
 * (`Infer<typeof schema>`): types.ts is held equal to it (schema-types.ts), so a key added to
 * one and not the other, or optional in one and required in the other, does not compile.
 */
declare const ACCEPTS: unique symbol;

/** A JSON schema, typed by what it accepts (a phantom: nothing reads it at run time). */
export type Schema<T = unknown> = Record<string, unknown> & { readonly [ACCEPTS]: T };

/** The type of the values a schema accepts. */
export type Infer<S> = S extends { readonly [ACCEPTS]: infer T } ? T : never;

/** One object type from an intersection, so that the compiler compares it key by key. */
type Flatten<T> = { [K in keyof T]: T[K] };

const typed = <T>(schema: Record<string, unknown>): Schema<T> => schema as Schema<T>;

export const string = (pattern?: string, description?: string): Schema<string> =>
  typed({
    type: 'string',
    minLength: 1,
    ...(pattern ? { pattern } : {}),
    ...(description ? { description } : {}),
  });

export const integer = (minimum: number, maximum: number): Schema<number> => typed({ type: 'integer', minimum, maximum });

export const number = (minimum: number, maximum: number): Schema<number> => typed({ type: 'number', minimum, maximum });

export const boolean = (): Schema<boolean> => typed({ type: 'boolean' });

export const oneOf = <const V extends readonly string[]>(...values: V): Schema<V[number]> => typed({ type: 'string', enum: [...values] });

/** An integer from a fixed set, e.g. the retention periods CloudWatch Logs accepts. */
export const integerOf = <const V extends readonly number[]>(...values: V): Schema<V[number]> => typed({ type: 'integer', enum: [...values] });

export const list = <T>(items: Schema<T>, minItems = 0, maxItems?: number): Schema<readonly T[]> =>
  typed({
    type: 'array',
    items,
    minItems,
    ...(maxItems !== undefined ? { maxItems } : {}),
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Properties = Record<string, Schema<any>>;
type ObjectOf<P extends Properties, O extends keyof P> = Flatten<{ readonly [K in Exclude<keyof P, O>]: Infer<P[K]> } & { readonly [K in O]?: Infer<P[K]> }>;

export const object = <P extends Properties, O extends keyof P & string = never>(properties: P, optional: readonly O[] = []): Schema<ObjectOf<P, O>> =>
  typed({
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !(optional as readonly string[]).includes(key)),
    additionalProperties: false,
  });

/** A map with free keys (matching keyPattern) and values of one schema. */
export const record = <T>(values: Schema<T>, keyPattern = '^[a-z][a-z0-9-]*$'): Schema<Readonly<Record<string, T>>> =>
  typed({
    type: 'object',
    propertyNames: { pattern: keyPattern },
    additionalProperties: values,
  });
