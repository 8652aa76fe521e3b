import { findSecretValues } from '../secret-values';
import { EnvironmentError } from './errors';

/** Refuses a file any string of which looks like a secret value, naming every such key path. */
export function checkNoSecretValues(data: unknown, file: string): void {
  const problems = findSecretValues(data).map(({ keyPath, what }) => ({
    keyPath,
    expected: `looks like a secret value (${what}); no secret may be in git: store it in Secrets Manager and reference it from the catalogue's secrets`,
  }));
  if (problems.length > 0) throw new EnvironmentError(file, problems[0].keyPath, problems[0].expected, problems.slice(1));
}
