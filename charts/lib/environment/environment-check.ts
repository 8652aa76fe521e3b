import { Catalogue, EnvironmentFile, VersionsFile } from './types';

/** Names of the files one environment is read from, as shown in messages. */
export interface EnvironmentFiles {
  readonly catalogue: string;
  readonly environment: string;
  readonly versions: string;
}

/** What each environment check sees: the three files of one environment, already schema-valid. */
export interface EnvironmentInput {
  readonly env: EnvironmentFile;
  readonly catalogue: Catalogue;
  readonly versions: VersionsFile;
  readonly files: EnvironmentFiles;
}

/** One check of what a JSON schema cannot say; throws an EnvironmentError naming the file and the field. */
export type EnvironmentCheck = (input: EnvironmentInput) => void;
