import * as fs from 'node:fs';
import * as path from 'node:path';

/** A folder beside `target` to render into; nothing reaches `target` until swapInto. */
export function stagingBeside(target: string): string {
  return fs.mkdtempSync(path.join(path.dirname(path.resolve(target)), '.manifests-synth-'));
}

/** Replaces `target` by `source` with two renames, so a reader never sees a half-written tree. */
export function swapInto(source: string, target: string): void {
  const previous = `${target}.previous-${process.pid}`;
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, previous);
  fs.renameSync(source, target);
  if (hadTarget) fs.rmSync(previous, { recursive: true, force: true });
}
