import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { EnvironmentError } from './errors';

/**
 * Reads one YAML document; malformed YAML or duplicate keys become an EnvironmentError of one
 * line, `<file>:<line>:<column>: <problem>` (the yaml library's message repeats the position and
 * ends in a colon before an excerpt: both are cut).
 */
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
    const [line, column] = problem.linePos ? [problem.linePos[0].line, problem.linePos[0].col] : [1, 1];
    const what = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
    throw EnvironmentError.at(displayName, line, column, `malformed YAML: ${what}`);
  }
  return document.toJS();
}
