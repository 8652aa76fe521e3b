/**
 * Tiny builders for the JSON schemas of the environment files. Every object is closed
 * (additionalProperties: false) and every listed property is required unless named optional,
 * so an unknown or missing key is always an error.
 */
export type Schema = Record<string, unknown>;

export const string = (pattern?: string, description?: string): Schema => ({
  type: 'string',
  minLength: 1,
  ...(pattern ? { pattern } : {}),
  ...(description ? { description } : {}),
});

export const integer = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });

export const number = (minimum: number, maximum: number): Schema => ({ type: 'number', minimum, maximum });

export const boolean = (): Schema => ({ type: 'boolean' });

export const oneOf = (...values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });

export const list = (items: Schema, minItems = 0, maxItems?: number): Schema => ({
  type: 'array',
  items,
  minItems,
  ...(maxItems !== undefined ? { maxItems } : {}),
});

export const object = (properties: Record<string, Schema>, optional: readonly string[] = []): Schema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  additionalProperties: false,
});

/** A map with free keys (matching keyPattern) and values of one schema. */
export const record = (values: Schema, keyPattern = '^[a-z][a-z0-9-]*$'): Schema => ({
  type: 'object',
  propertyNames: { pattern: keyPattern },
  additionalProperties: values,
});
