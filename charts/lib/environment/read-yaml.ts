import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { EnvironmentError } from './errors';

/** Reads one YAML document; malformed YAML or duplicate keys become an EnvironmentError. */
export function readYamlFile(file: string, displayName: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new EnvironmentError(displayName, '', `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problem = document.errors[0];
  if (problem) {
    const where = problem.linePos ? `line ${problem.linePos[0].line}, column ${problem.linePos[0].col}` : 'unknown position';
    throw new EnvironmentError(displayName, '', `malformed YAML at ${where}: ${problem.message.split('\n')[0]}`);
  }
  return document.toJS();
}
