/**
 * The reviewed list of parliament's findings (policy/iam-lint-reviewed.yaml): each accepted
 * finding with its reason and owner. A finding no entry matches, or an entry no finding matches,
 * is what tests/security/iam-lint.test.ts fails on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { IamFinding, IamLintResult } from './lint';

export const REVIEWED_FILE = path.join(REPO_ROOT, 'policy', 'iam-lint-reviewed.yaml');

export interface ReviewedFinding {
  /** Document ids it covers: `<folder>/<Kind>/<name>/<field>` where `*` is any characters but `/`. */
  readonly documents: string;
  /** parliament's issue code. */
  readonly issue: string;
  /**
   * When given, every action the finding names (its `actions`, or the actions of a RESOURCE_STAR)
   * must match one of these patterns (`*` any characters, case-insensitive): the entry accepts
   * these grants, not the issue whatever it is about.
   */
  readonly actions?: readonly string[];
  /** When given, the finding's detail must contain this text. */
  readonly detail?: string;
  /** Why it is accepted: parliament is wrong here, or the grant is needed and nothing narrower does. */
  readonly reason: string;
  /** The team (environments/catalogue.yaml) that reviewed it and answers for it. */
  readonly owner: string;
}

const KEYS = ['documents', 'issue', 'actions', 'detail', 'reason', 'owner'];

/** The entries of `file`; one error listing every problem, each naming the entry and field. */
export function loadReviewed(file = REVIEWED_FILE): ReviewedFinding[] {
  const data = parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${file}: expected a list of reviewed findings`);
  const problems: string[] = [];
  data.forEach((entry: Record<string, unknown>, index) => {
    const at = `${file}: entry ${index + 1}`;
    if (entry === null || typeof entry !== 'object') return problems.push(`${at}: expected a mapping`);
    for (const key of Object.keys(entry)) if (!KEYS.includes(key)) problems.push(`${at}: unknown field "${key}" (have ${KEYS.join(', ')})`);
    for (const key of ['documents', 'issue', 'reason', 'owner']) {
      if (typeof entry[key] !== 'string' || (entry[key] as string).trim() === '') problems.push(`${at}: ${key} must be a non-empty string`);
    }
    if (typeof entry.issue === 'string' && !/^[A-Z_]+$/.test(entry.issue)) problems.push(`${at}: issue must be a parliament issue code such as RESOURCE_STAR, got "${entry.issue}"`);
    if (entry.actions !== undefined && (!Array.isArray(entry.actions) || entry.actions.length === 0 || entry.actions.some((a) => typeof a !== 'string'))) problems.push(`${at}: actions must be a non-empty list of action patterns`);
    if (entry.detail !== undefined && typeof entry.detail !== 'string') problems.push(`${at}: detail must be a string`);
    return undefined;
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return data as ReviewedFinding[];
}

const glob = (pattern: string, anyChar: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join(anyChar)}$`, 'i');

/** The actions a finding is about: `location.actions`, else a list of actions as its detail (RESOURCE_STAR). */
export function actionsOf(finding: IamFinding): string[] {
  const listed = finding.location.actions ?? finding.detail;
  return Array.isArray(listed) ? listed.filter((item): item is string => typeof item === 'string') : [];
}

export function matches(entry: ReviewedFinding, id: string, finding: IamFinding): boolean {
  if (entry.issue !== finding.issue || !glob(entry.documents, '[^/]*').test(id)) return false;
  if (entry.detail !== undefined && !JSON.stringify(finding.detail).includes(entry.detail)) return false;
  if (entry.actions !== undefined) {
    const patterns = entry.actions.map((pattern) => glob(pattern, '.*'));
    const actions = actionsOf(finding);
    if (actions.length === 0 || !actions.every((action) => patterns.some((pattern) => pattern.test(action)))) return false;
  }
  return true;
}

export interface Review {
  /** Findings no entry accepts. */
  readonly unreviewed: { id: string; finding: IamFinding }[];
  /** Entries that accept no finding: stale. */
  readonly stale: ReviewedFinding[];
}

export function review(results: readonly IamLintResult[], entries: readonly ReviewedFinding[]): Review {
  const used = new Set<ReviewedFinding>();
  const unreviewed: { id: string; finding: IamFinding }[] = [];
  for (const { id, findings } of results) {
    for (const finding of findings) {
      const accepting = entries.filter((entry) => matches(entry, id, finding));
      accepting.forEach((entry) => used.add(entry));
      if (accepting.length === 0) unreviewed.push({ id, finding });
    }
  }
  return { unreviewed, stale: entries.filter((entry) => !used.has(entry)) };
}
