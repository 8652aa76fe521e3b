import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A throwaway copy of a folder, for tests that break files: `<tmp>/<prefix>XXXXXX/<basename>`,
 * so that names shown relative to its parent read as in the repository.
 */
export function copyToTemp(source: string, prefix: string): string {
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), path.basename(source));
  fs.cpSync(source, target, { recursive: true });
  return target;
}

/** Every file below `dir` with its content, keyed by relative path, for byte comparisons. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return files;
}
