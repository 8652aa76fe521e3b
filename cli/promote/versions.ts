import { isNode, parseDocument } from 'yaml';

/** One promoted value: its key path, the target's old value and the new one. */
export interface VersionChange {
  readonly path: readonly string[];
  /** Absent when the target did not have the key. */
  readonly before?: string;
  /** Absent when the key is dropped because the source no longer has it. */
  readonly after?: string;
}

/**
 * Makes the target versions file carry exactly the source's values, editing the target's YAML
 * document in place so that its comments and quoting stay as they are. Every key of a
 * versions file is promotable by design (see charts/lib/environment/types.ts VersionsFile).
 */
export function promoteVersions(sourceText: string, targetText: string): { readonly text: string; readonly changes: VersionChange[] } {
  const source = parseDocument(sourceText);
  const target = parseDocument(targetText);
  for (const doc of [source, target]) if (doc.errors.length > 0) throw new Error(`versions file is not valid YAML: ${doc.errors[0].message}`);
  const changes: VersionChange[] = [];
  const sourceLeaves = leaves(source.toJS());
  const targetLeaves = leaves(target.toJS());
  for (const [key, value] of sourceLeaves) {
    const path = JSON.parse(key) as string[];
    const before = targetLeaves.get(key);
    if (before === value) continue;
    const node = source.getIn(path, true);
    target.setIn(path, before === undefined && isNode(node) ? node.clone() : value);
    changes.push({ path, ...(before !== undefined ? { before } : {}), after: value });
  }
  for (const [key, before] of targetLeaves) {
    if (sourceLeaves.has(key)) continue;
    const path = JSON.parse(key) as string[];
    target.deleteIn(path);
    changes.push({ path, before });
  }
  return { text: changes.length > 0 ? target.toString() : targetText, changes };
}

/** JSON-encoded key path → scalar value (as text), for every leaf of a plain YAML value. */
function leaves(value: unknown, path: string[] = [], into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) leaves(child, [...path, key], into);
  } else {
    into.set(JSON.stringify(path), String(value));
  }
  return into;
}

/** A semantic-version pre-release such as `2.16.0-rc.1` (semver.org §9), optionally with a leading v. */
export function isPrerelease(tag: string): boolean {
  return /^v?\d+\.\d+\.\d+-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*(\+[0-9A-Za-z.-]+)?$/.test(tag);
}
