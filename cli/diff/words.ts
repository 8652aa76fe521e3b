import { FieldChange, PathSegment } from './field-diff';

/** Abbreviations written in capitals when a camelCase field name is spelled out. */
const ACRONYMS = new Set([
  'acl', 'acm', 'alb', 'arn', 'az', 'aws', 'cidr', 'cpu', 'db', 'dns', 'dr', 'ecr', 'ecs', 'efs', 'http', 'https', 'iam', 'id',
  'ip', 'ipv4', 'ipv6', 'kms', 'mfa', 'nat', 'rds', 's3', 'sns', 'sql', 'ssl', 'tcp', 'tls', 'ttl', 'uri', 'url', 'vpc', 'waf',
]);

/** "dbInstanceClass" → "DB instance class", "kmsKeyRef" → "KMS key ref". */
export function spellOut(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z]{2,})/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean);
  return words.map(spellWord).join(' ');
}

/** "db" → "DB", "ids" → "IDs", anything else in lower case. */
function spellWord(word: string): string {
  const lower = word.toLowerCase();
  if (ACRONYMS.has(lower)) return lower.toUpperCase();
  if (lower.endsWith('s') && ACRONYMS.has(lower.slice(0, -1))) return `${lower.slice(0, -1).toUpperCase()}s`;
  return lower;
}

/** The field a change is about, in words: "DB instance class", "tag Owner", "ingress rules › from port". */
export function fieldLabel(path: readonly PathSegment[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const previous = path[i - 1];
    if (i === 0 && segment === 'spec') continue;
    if (typeof segment === 'object' && 'json' in segment) continue;
    if (i === 1 && path[0] === 'metadata' && (segment === 'labels' || segment === 'annotations')) {
      parts.push(`${segment === 'labels' ? 'label' : 'annotation'} ${String(path[i + 1] ?? '')}`.trim());
      break;
    }
    if (segment === 'metadata' && i === 0) continue;
    // The value of a tag is the tag: "tag Owner", not "tag Owner › value".
    if ((segment === 'value' || segment === 'tagValue') && typeof previous === 'object' && 'key' in previous && (path[i - 2] === 'tags' || path[i - 2] === 'tagSet')) continue;
    if (typeof segment === 'object' && 'key' in segment) {
      const isTag = previous === 'tags' || previous === 'tagSet';
      if (isTag) parts[parts.length - 1] = `tag ${segment.value}`;
      else parts.push(`"${segment.value}"`);
      continue;
    }
    parts.push(typeof segment === 'number' ? `#${segment + 1}` : spellOut(segment));
  }
  return parts.join(' › ') || 'the whole object';
}

/** A value for a one-line summary; long values are cut. */
export function showValue(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "DB instance class: db.r6g.large → db.r6g.xlarge", "backup target: set to region". */
export function describeChange(change: FieldChange): string {
  const label = fieldLabel(change.path);
  if (!('before' in change) || change.before === undefined) return `${label}: set to ${showValue(change.after)}`;
  if (!('after' in change) || change.after === undefined) return `${label}: removed (was ${showValue(change.before)})`;
  const [before, after] = trimCommonPath(change.before, change.after);
  return `${label}: ${showValue(before)} → ${showValue(after)}`;
}

/**
 * Long strings that share a path-like prefix (image references, ARNs) are shown from their
 * last common "/": "…/inventory:2.14.0 → …/inventory:2.15.0".
 */
function trimCommonPath(before: unknown, after: unknown): [unknown, unknown] {
  if (typeof before !== 'string' || typeof after !== 'string' || Math.max(before.length, after.length) <= 60) return [before, after];
  let common = 0;
  while (common < before.length && before[common] === after[common]) common++;
  const cut = before.lastIndexOf('/', common - 1);
  return cut > 0 ? [`…${before.slice(cut)}`, `…${after.slice(cut)}`] : [before, after];
}
