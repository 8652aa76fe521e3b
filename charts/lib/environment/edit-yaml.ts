/**
 * Sets values in a YAML file by editing its text where the value is, so that everything else
 * (comments, their alignment, quoting, blank lines, key order) stays byte for byte: an edit of
 * environment.yaml reviews as the lines it changes. A replaced scalar keeps its line's comment; a
 * new key goes after the last entry of its mapping, at that mapping's indentation; an empty flow
 * mapping (`assigned: {}`) becomes a block.
 */
import { isMap, isScalar, Node, parseDocument, Scalar, stringify, YAMLMap } from 'yaml';

export interface YamlEdit {
  readonly path: readonly string[];
  /** A string, or a mapping of strings (written as one edit per leaf). */
  readonly value: string | Readonly<Record<string, string>>;
}

/** A YAML text that cannot be edited in place (not a mapping where one is needed). */
export class YamlEditError extends Error {
  override readonly name = 'YamlEditError';
}

export function setYamlValues(text: string, edits: readonly YamlEdit[]): string {
  const leaves = edits.flatMap(({ path, value }) => (typeof value === 'string' ? [{ path, value }] : Object.entries(value).map(([key, leaf]) => ({ path: [...path, key], value: leaf }))));
  return leaves.reduce((current, { path, value }) => setOne(current, path, value), text);
}

const scalarText = (value: string) => stringify(value).trimEnd();
const keyText = (key: string) => scalarText(key);
const columnOf = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
const endOfLine = (text: string, offset: number) => (text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset));

function setOne(text: string, path: readonly string[], value: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new YamlEditError(`not valid YAML: ${doc.errors[0].message}`);
  const where = path.join('.');
  // The deepest mapping on the path that exists, and what is missing under it.
  let parent: unknown = doc.contents;
  let depth = 0;
  while (depth < path.length) {
    if (!isMap(parent)) throw new YamlEditError(`${path.slice(0, depth).join('.') || '(document)'} is not a mapping: cannot set ${where}`);
    const child = parent.get(path[depth], true) as Node | undefined;
    if (child === undefined || child === null) break;
    if (depth === path.length - 1) {
      if (!isScalar(child)) throw new YamlEditError(`${where} is not a scalar: cannot set it`);
      return replaceScalar(text, child, value);
    }
    parent = child;
    depth += 1;
  }
  return insertUnder(text, parent as YAMLMap, path.slice(depth), value, where);
}

function replaceScalar(text: string, node: Scalar, value: string): string {
  const [start, end] = node.range!;
  return `${text.slice(0, start)}${scalarText(value)}${text.slice(end)}`;
}

/** Adds `missing` (keys, the last one with `value`) as a block under `map`. */
function insertUnder(text: string, map: YAMLMap, missing: readonly string[], value: string, where: string): string {
  const block = (indent: number) =>
    missing.map((key, index) => `${' '.repeat(indent + 2 * index)}${keyText(key)}:${index === missing.length - 1 ? ` ${scalarText(value)}` : ''}`).join('\n');
  if (map.flow) {
    if (map.items.length > 0) throw new YamlEditError(`${where}: its mapping is written in flow style ({ ... }); write it as a block to let it be edited`);
    // `assigned: {}` → `assigned:` and the block below, indented under the key.
    const [start, end] = map.range!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const keyColumn = text.slice(lineStart).search(/\S/);
    return `${text.slice(0, start).trimEnd()}\n${block(keyColumn + 2)}${text.slice(end)}`;
  }
  if (map.items.length === 0) throw new YamlEditError(`${where}: empty block mapping cannot be located`);
  const first = map.items[0].key as Node;
  const indent = columnOf(text, first.range![0]);
  const last = map.items[map.items.length - 1];
  const lastEnd = ((last.value as Node | null) ?? (last.key as Node)).range![1];
  const at = endOfLine(text, Math.max(lastEnd - 1, 0));
  return `${text.slice(0, at)}\n${block(indent)}${text.slice(at)}`;
}

/** Removes the key at `path` with its line (a one-line scalar entry of a block mapping); no-op when absent. */
export function deleteYamlKey(text: string, path: readonly string[]): string {
  const doc = parseDocument(text);
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent) || parent.flow) throw new YamlEditError(`${path.slice(0, -1).join('.')} is not a block mapping: cannot remove ${path.join('.')}`);
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
  if (!pair) return text;
  if (!isScalar(pair.value)) throw new YamlEditError(`${path.join('.')} is not a scalar: cannot remove it`);
  const start = text.lastIndexOf('\n', (pair.key as Node).range![0] - 1) + 1;
  const end = endOfLine(text, pair.value.range![1]);
  return `${text.slice(0, start)}${text.slice(Math.min(end + 1, text.length))}`;
}
