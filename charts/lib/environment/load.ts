import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkAcrossEnvironments } from './check-across';
import { checkEnvironment } from './check-environment';
import { EnvironmentFiles } from './environment-check';
import { checkNoSecretValues } from './check-secret-values';
import { EnvironmentError } from './errors';
import { promotionOrder, PromotionStage } from './promotion';
import { readYamlFile } from './read-yaml';
import { catalogueSchema, environmentSchema, versionsSchema } from './schema';
import { Infer, Schema } from './schema-builders';
import { EnvironmentFileAsWritten } from './schema-types';
import { Catalogue, EnvironmentConfig, EnvironmentFile, VersionsFile } from './types';
import { validateAgainstSchema } from './validate-schema';

export interface LoadOptions {
  /**
   * Folder holding catalogue.yaml and one folder per environment.
   * @default <repo>/environments
   */
  readonly environmentsDir: string;
  /**
   * Folder that file names in messages are shown relative to.
   * @default the parent of environmentsDir
   */
  readonly displayRoot?: string;
}

/**
 * The environment folders (those holding an environment.yaml), alphabetically; loadEnvironments()
 * gives them in promotion order. Refuses when the catalogue or every environment is missing,
 * so that a synth never succeeds with nothing (and empties manifests/).
 */
export function listEnvironments(environmentsDir: string, displayRoot = path.dirname(environmentsDir)): string[] {
  const show = (file: string) => path.relative(displayRoot, file) || file;
  if (!fs.statSync(environmentsDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new EnvironmentError(show(environmentsDir), '', 'expected the folder of catalogue.yaml and one folder per environment; it does not exist');
  }
  const catalogue = path.join(environmentsDir, 'catalogue.yaml');
  if (!fs.existsSync(catalogue)) throw new EnvironmentError(show(catalogue), '', 'expected the catalogue of the estate; the file does not exist');
  const names = fs
    .readdirSync(environmentsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(environmentsDir, entry.name, 'environment.yaml')))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new EnvironmentError(show(environmentsDir), '', 'expected at least one environment (a folder <name>/ with environment.yaml and versions.yaml); found none');
  return names;
}

/**
 * Every environment, loaded and checked (each alone, then across environments: names AWS
 * needs unique, CIDRs), in promotion order (each after the one its
 * `promotion.from` names: development, staging, production).
 */
export function loadEnvironments(options: LoadOptions): EnvironmentConfig[] {
  const displayRoot = options.displayRoot ?? path.dirname(options.environmentsDir);
  const envs = listEnvironments(options.environmentsDir, displayRoot).map((name) => loadEnvironment(name, options));
  const file = (name: string) => path.relative(displayRoot, path.join(options.environmentsDir, name, 'environment.yaml'));
  const order = promotionOrder(envs.map((env) => ({ name: env.name, from: env.promotion?.from, file: file(env.name) })));
  checkAcrossEnvironments(envs, Object.fromEntries(envs.map((env) => [env.name, file(env.name)])));
  return order.map((name) => envs.find((env) => env.name === name)!);
}

/** The promotion stages of loaded environments (for successorsOf and the CLI). */
export function promotionStages(envs: readonly EnvironmentConfig[]): PromotionStage[] {
  return envs.map((env) => ({ name: env.name, from: env.promotion?.from, file: path.posix.join('environments', env.name, 'environment.yaml') }));
}

/** Where the three files of one environment are, and how messages name them. */
export function environmentFiles(name: string, options: LoadOptions): { paths: EnvironmentFiles; files: EnvironmentFiles } {
  const displayRoot = options.displayRoot ?? path.dirname(options.environmentsDir);
  const show = (file: string) => path.relative(displayRoot, file);
  const paths = {
    catalogue: path.join(options.environmentsDir, 'catalogue.yaml'),
    environment: path.join(options.environmentsDir, name, 'environment.yaml'),
    versions: path.join(options.environmentsDir, name, 'versions.yaml'),
  };
  return { paths, files: { catalogue: show(paths.catalogue), environment: show(paths.environment), versions: show(paths.versions) } };
}

/** Reads, validates and cross-checks the three files of one environment. */
export function loadEnvironment(name: string, options: LoadOptions): EnvironmentConfig {
  const { paths, files } = environmentFiles(name, options);
  const read = <S extends Schema>(file: keyof EnvironmentFiles, schema: S): Infer<S> => {
    const data = validateAgainstSchema(readYamlFile(paths[file], files[file]), schema, files[file]);
    checkNoSecretValues(data, files[file]);
    return data;
  };
  // Typed by their schemas; schema-types.ts holds those types equal to types.ts.
  const catalogue: Catalogue = read('catalogue', catalogueSchema);
  const environment = withAssignedBlocks(read('environment', environmentSchema));
  const versions: VersionsFile = read('versions', versionsSchema);
  if (environment.name !== name) {
    throw new EnvironmentError(files.environment, 'name', `expected "${name}" (the folder's name), got "${environment.name}"`);
  }
  checkEnvironment(environment, catalogue, versions, files);
  return { ...environment, catalogue, versions };
}

/**
 * An `assigned` block left out is an empty one: nothing pinned yet, as on a new account
 * (docs/edge.md, "Bootstrap"). The one default of the environment file, so charts need no `?.`.
 */
function withAssignedBlocks(env: EnvironmentFileAsWritten): EnvironmentFile {
  return {
    ...env,
    network: { ...env.network, assigned: env.network.assigned ?? {} },
    database: { ...env.database, assigned: env.database.assigned ?? {} },
    cache: { ...env.cache, assigned: env.cache.assigned ?? {} },
    edge: { ...env.edge, assigned: env.edge.assigned ?? {} },
  };
}
