/**
 * The environment files' TypeScript types (types.ts, documented field by field) and their JSON
 * schemas (schema.ts, what loading enforces) describe the same data, and the compiler holds them
 * equal here: a key added to one only, or optional in one and required in the other, makes
 * `npx tsc` fail on one of the lines below. Loading reads each file as its schema's type
 * (load.ts), so no cast joins the two.
 */
import type { catalogueSchema, environmentSchema, versionsSchema } from './schema';
import type { Infer } from './schema-builders';
import type { Catalogue, EnvironmentFile, VersionsFile } from './types';

/** True when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Flatten<T> = { [K in keyof T]: T[K] };

/** environment.yaml as written: its `assigned` blocks may be left out (a new account). */
export type EnvironmentFileAsWritten = Infer<typeof environmentSchema>;

/** The sections whose `assigned` block load.ts defaults to `{}` (its one default). */
type AssignedSection = 'network' | 'database' | 'cache' | 'edge';
type WithAssigned<S extends { readonly assigned?: unknown }> = Flatten<Omit<S, 'assigned'> & { readonly assigned: NonNullable<S['assigned']> }>;
type Defaulted<F extends Record<AssignedSection, { readonly assigned?: unknown }>> = Flatten<Omit<F, AssignedSection> & { readonly [K in AssignedSection]: WithAssigned<F[K]> }>;

export const catalogueMatchesItsSchema: Same<Catalogue, Infer<typeof catalogueSchema>> = true;
export const environmentFileMatchesItsSchema: Same<EnvironmentFile, Defaulted<EnvironmentFileAsWritten>> = true;
export const versionsFileMatchesItsSchema: Same<VersionsFile, Infer<typeof versionsSchema>> = true;
