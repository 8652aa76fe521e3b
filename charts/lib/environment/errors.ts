/**
 * A problem in an environment file. The message always names the file, the key path and what
 * was expected, e.g.
 *   environments/staging/environment.yaml: network.publicSubnets[1]: expected a CIDR inside 10.1.0.0/16, got "10.9.1.0/24"
 */
export class EnvironmentError extends Error {
  constructor(
    public readonly file: string,
    public readonly keyPath: string,
    public readonly expected: string,
  ) {
    super(`${file}: ${keyPath || '(top level)'}: ${expected}`);
    this.name = 'EnvironmentError';
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
