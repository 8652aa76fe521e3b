import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The project's cache folder, shared with the scripts (kube-apiserver, ACK controllers, emulator):
 * $PLATFORM_CACHE_DIR, default ~/.cache/mycomputer-platform. What is kept here is derived by
 * content and can always be deleted.
 */
export function platformCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLATFORM_CACHE_DIR ? path.resolve(env.PLATFORM_CACHE_DIR) : path.join(os.homedir(), '.cache', 'mycomputer-platform');
}

/** A cached file's text, or undefined when it is not there (or unreadable). */
export function readCached(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache entry through a temporary file and a rename, so that parallel processes never
 * read half a file. A read-only or full disk is not an error: the next run computes it again.
 */
export function writeCached(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch {
    // An optimisation only.
  }
}
