/** One problem at one key path of an environment file. */
export interface EnvironmentProblem {
  /** e.g. `network.publicSubnets[1]`; empty for the file as a whole. */
  readonly keyPath: string;
  /** What was expected, and what was found. */
  readonly expected: string;
}

/**
 * Problems in an environment file. One problem is one line naming the file, the key path and
 * what was expected, e.g.
 *   environments/staging/environment.yaml: network.publicSubnets[1]: expected a CIDR inside 10.1.0.0/16, got "10.9.1.0/24"
 * Several (every schema error of a file at once) are a header line naming the file, then one
 * line per problem:
 *   environments/staging/environment.yaml: 2 problems
 *     database.instanceClas: unknown key (did you mean instanceClass?)
 *     database.instanceClass: missing required key
 */
export class EnvironmentError extends Error {
  public readonly problems: readonly EnvironmentProblem[];

  constructor(
    public readonly file: string,
    keyPath: string,
    expected: string,
    more: readonly EnvironmentProblem[] = [],
  ) {
    const problems = [{ keyPath, expected }, ...more];
    super(
      problems.length === 1
        ? `${file}: ${keyPath || '(top level)'}: ${expected}`
        : [`${file}: ${problems.length} problems`, ...problems.map((p) => `  ${p.keyPath || '(top level)'}: ${p.expected}`)].join('\n'),
    );
    this.problems = problems;
    this.name = 'EnvironmentError';
  }

  /** A problem at a position of the file's text (malformed YAML): `<file>:<line>:<column>: <problem>`. */
  static at(file: string, line: number, column: number, problem: string): EnvironmentError {
    const error = new EnvironmentError(file, '', problem);
    error.message = `${file}:${line}:${column}: ${problem}`;
    return error;
  }
}

/** Turns a JSON pointer (/a/b/0) into a key path (a.b[0]). */
export function pointerToKeyPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

export function joinKeyPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}
