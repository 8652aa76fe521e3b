import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkEnvironment, EnvironmentFiles } from './check-environment';
import { checkNoSecretValues } from './check-secret-values';
import { EnvironmentError } from './errors';
import { readYamlFile } from './read-yaml';
import { catalogueSchema, environmentSchema, versionsSchema } from './schema';
import { Schema } from './schema-builders';
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

/** The environments, in the order they are promoted through. */
export function listEnvironments(environmentsDir: string): string[] {
  return fs
    .readdirSync(environmentsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
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
  const read = <T>(file: keyof EnvironmentFiles, schema: Schema): T => {
    const data = validateAgainstSchema<T>(readYamlFile(paths[file], files[file]), schema, files[file]);
    checkNoSecretValues(data, files[file]);
    return data;
  };
  const catalogue = read<Catalogue>('catalogue', catalogueSchema);
  const environment = read<EnvironmentFile>('environment', environmentSchema);
  const versions = read<VersionsFile>('versions', versionsSchema);
  if (environment.name !== name) {
    throw new EnvironmentError(files.environment, 'name', `expected "${name}" (the folder's name), got "${environment.name}"`);
  }
  checkEnvironment(environment, catalogue, versions, files);
  return { ...environment, catalogue, versions };
}
