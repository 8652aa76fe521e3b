/**
 * Runs parliament (tools/iam-lint/lint.py, in the venv of `scripts/iam-lint`) over policy
 * documents: all of them in one Python process.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../charts/lib/crds-dir';

/** One finding as parliament reports it (`parliament --json` fields). */
export interface IamFinding {
  /** parliament's issue code, e.g. RESOURCE_STAR. */
  readonly issue: string;
  readonly severity: string;
  readonly title: string;
  readonly description: string;
  /** What exactly: a sentence, or the actions concerned. */
  readonly detail: unknown;
  /** Where in the document (line, column, the string concerned) or which actions. */
  readonly location: Readonly<Record<string, unknown>>;
}

export interface IamLintResult {
  readonly id: string;
  readonly findings: readonly IamFinding[];
}

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'iam-lint');
const LINT = path.join(REPO_ROOT, 'tools', 'iam-lint', 'lint.py');

/** The venv's python when `scripts/iam-lint install` has run, else undefined with why. */
export function installedIamLintPython(): { python?: string; reason?: string } {
  const run = spawnSync(SCRIPT, ['installed'], { encoding: 'utf8' });
  if (run.status === 0) return { python: run.stdout.trim() };
  return { reason: run.stderr.trim() || `scripts/iam-lint installed exited ${run.status}` };
}

/** parliament's findings for each document, in input order. */
export function lintIamDocuments(python: string, documents: readonly { id: string; document: string; resource?: string }[]): { parliament: string; results: IamLintResult[] } {
  const ids = documents.map((d) => d.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`lintIamDocuments: two documents have the id ${duplicate}`);
  const input = JSON.stringify(documents.map(({ id, document, resource }) => ({ id, document, ...(resource ? { resource } : {}) })));
  // A fixed hash seed: parliament collects actions in sets, so their order in a finding is stable.
  const run = spawnSync(python, [LINT], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYTHONHASHSEED: '0' } });
  if (run.status !== 0) throw new Error(`${LINT} exited ${run.status ?? run.signal}: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as { parliament: string; results: IamLintResult[] };
}

/** A long list of actions shortened for a message. */
function brief(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => (item !== null && typeof item === 'object' ? Object.values(item).map(brief).join(' ') : String(item)));
    return items.length > 8 ? `${items.slice(0, 8).join(', ')} (and ${items.length - 8} more)` : items.join(', ');
  }
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([key, item]) => `${key}: ${brief(item)}`).join('; ');
  return String(value ?? '');
}

/** One line per finding, with parliament's own text: `<id>: ISSUE (SEVERITY) title: detail [where]`. */
export function formatFinding(id: string, finding: IamFinding): string {
  const { line, column, ...rest } = finding.location as { line?: number; column?: number };
  const where = [line !== undefined ? `line ${line}, column ${column}` : '', brief(rest)].filter(Boolean).join('; ');
  const text = [finding.title.trim(), finding.description.trim(), brief(finding.detail)].filter(Boolean).join(': ');
  return `${id}: ${finding.issue} (${finding.severity}) ${text}${where ? ` [${where}]` : ''}`;
}
