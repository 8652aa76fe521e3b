import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkEnvironment, EnvironmentFiles } from './check-environment';
import { EnvironmentError } from './errors';
import { readYamlFile } from './read-yaml';
import { catalogueSchema, environmentSchema, versionsSchema } from './schema';
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

/** Reads, validates and cross-checks the three files of one environment. */
export function loadEnvironment(name: string, options: LoadOptions): EnvironmentConfig {
  const displayRoot = options.displayRoot ?? path.dirname(options.environmentsDir);
  const show = (file: string) => path.relative(displayRoot, file);
  const paths = {
    catalogue: path.join(options.environmentsDir, 'catalogue.yaml'),
    environment: path.join(options.environmentsDir, name, 'environment.yaml'),
    versions: path.join(options.environmentsDir, name, 'versions.yaml'),
  };
  const files: EnvironmentFiles = { catalogue: show(paths.catalogue), environment: show(paths.environment), versions: show(paths.versions) };

  const catalogue = validateAgainstSchema<Catalogue>(readYamlFile(paths.catalogue, files.catalogue), catalogueSchema, files.catalogue);
  const environment = validateAgainstSchema<EnvironmentFile>(readYamlFile(paths.environment, files.environment), environmentSchema, files.environment);
  const versions = validateAgainstSchema<VersionsFile>(readYamlFile(paths.versions, files.versions), versionsSchema, files.versions);
  if (environment.name !== name) {
    throw new EnvironmentError(files.environment, 'name', `expected "${name}" (the folder's name), got "${environment.name}"`);
  }
  checkEnvironment(environment, catalogue, versions, files);
  return { ...environment, catalogue, versions };
}
