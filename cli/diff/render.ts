import { Action, DiffReport, EnvironmentDiff, ResourceChange } from './resource-diff';
import { substitution } from './renames';
import { describeChange } from './words';
import { describeWaiting } from '../../charts/waiting';

export type Format = 'text' | 'md' | 'json';

/** ANSI colours, or none (not a terminal, NO_COLOR set, or Markdown/JSON output). */
export interface Colours {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly magenta: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOURS: Colours = { red: ansi(31, 39), green: ansi(32, 39), yellow: ansi(33, 39), magenta: ansi(35, 39), bold: ansi(1, 22), dim: ansi(2, 22) };
const identity = (s: string) => s;
export const NO_COLOURS: Colours = { red: identity, green: identity, yellow: identity, magenta: identity, bold: identity, dim: identity };

const VERB: Record<Action, string> = { add: 'add', change: 'change', replace: 'REPLACE', rename: 'RENAME', remove: 'remove' };
const SIGN: Record<Action, string> = { add: '+', change: '~', replace: '±', rename: '»', remove: '-' };

/** What DESTRUCTIVE means, in the one sentence every output uses. */
export const DESTRUCTIVE_MEANS = 'this change removes or replaces resources that hold data, or, in a protected environment, logs, services or DNS records';

export function render(report: DiffReport, format: Format, colours: Colours = NO_COLOURS): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'md' ? renderMarkdown(report) : renderText(report, colours);
}

/** "2 added, 1 changed, 1 replaced, 1 removed" (only the non-zero counts). */
export function summary(env: EnvironmentDiff): string {
  const count = (action: Action) => env.changes.filter((c) => c.action === action).length;
  const parts = (
    [
      ['add', 'added'],
      ['change', 'changed'],
      ['replace', 'replaced'],
      ['rename', 'renamed'],
      ['remove', 'removed'],
    ] as const
  )
    .filter(([action]) => count(action) > 0)
    .map(([action, word]) => `${count(action)} ${word}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

/**
 * Renames that share one substitution, in a line each: `renamed payments → billing: 9 objects
 * (RecordSet, Service, ...)`, so a renamed workload reads as one change before its objects.
 */
export function renameGroups(env: EnvironmentDiff): string[] {
  const groups = new Map<string, ResourceChange[]>();
  for (const change of env.changes.filter((c) => c.renamedFrom)) {
    const pair = substitution(change.renamedFrom!, change.name);
    if (pair) groups.set(pair.join(' → '), [...(groups.get(pair.join(' → ')) ?? []), change]);
  }
  return [...groups]
    .filter(([, changes]) => changes.length > 1)
    .map(([pair, changes]) => `renamed ${pair}: ${changes.length} objects (${[...new Set(changes.map((c) => c.kind))].join(', ')})${changes.some((c) => c.destructive) ? ' DESTRUCTIVE' : ''}`);
}

/** "Bucket assets (bucket)", "LogGroup inventory → stock (logs)". */
function resourceName(change: ResourceChange): string {
  return change.renamedFrom ? `${change.renamedFrom} → ${change.name}` : change.name;
}

function resourceTitle(change: ResourceChange): string {
  return `${change.kind} ${resourceName(change)}${change.holds ? ` (${change.holds})` : ''}`;
}

/** The notes (what AWS does), then the fields; a rename's metadata.name is its title already. */
function fieldLines(change: ResourceChange): string[] {
  const fields = change.fields.filter((field) => !(change.action === 'rename' && field.path.join('.') === 'metadata.name'));
  return [
    ...(change.notes ?? []),
    ...fields.map((field) => `${describeChange(field)}${field.immutableField ? ` [immutable ${field.immutableField}: forces replacement]` : ''}`),
  ];
}

function renderText(report: DiffReport, c: Colours): string {
  const lines = [c.bold(`Infrastructure diff ${report.base} → ${report.head}`)];
  for (const env of report.environments) {
    const destructive = env.changes.some((x) => x.destructive);
    lines.push('', `${c.bold(env.environment)}: ${summary(env)}${destructive ? ` ${c.red(c.bold('DESTRUCTIVE'))}` : ''}`);
    for (const group of renameGroups(env)) lines.push(`  ${c.magenta(group)}`);
    for (const change of env.changes) {
      const paint = change.destructive || change.action === 'remove' ? c.red : change.action === 'replace' || change.action === 'rename' ? c.magenta : change.action === 'add' ? c.green : c.yellow;
      lines.push(`  ${paint(`${SIGN[change.action]} ${VERB[change.action].padEnd(7)} ${resourceTitle(change)}`)}${change.destructive ? ` ${c.red(c.bold('DESTRUCTIVE'))}` : ''}`);
      for (const line of fieldLines(change)) lines.push(`      ${c.dim(line)}`);
    }
    for (const line of waitingLines(env)) lines.push(`  ${c.dim(line)}`);
  }
  if (report.destructive) lines.push('', c.red(c.bold(`DESTRUCTIVE: ${DESTRUCTIVE_MEANS} (pass --allow-destructive to accept).`)));
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(report: DiffReport): string {
  const lines = [`## Infrastructure diff \`${report.base}\` → \`${report.head}\``];
  if (report.destructive) {
    lines.push('', '> [!CAUTION]', `> **DESTRUCTIVE**: ${DESTRUCTIVE_MEANS}. It needs the \`allow-destructive\` label.`);
  }
  for (const env of report.environments) {
    const destructive = env.changes.some((x) => x.destructive);
    lines.push('', `### ${env.environment}: ${summary(env)}${destructive ? ' — **DESTRUCTIVE**' : ''}`);
    if (env.changes.length === 0) continue;
    lines.push('');
    for (const group of renameGroups(env)) lines.push(`**${escapeMarkdown(group)}**`, '');
    for (const change of env.changes) {
      const flag = change.destructive ? ' **DESTRUCTIVE**' : '';
      lines.push(`- ${change.action === 'replace' || change.action === 'rename' ? `**${VERB[change.action]}**` : VERB[change.action]} \`${change.kind}\` **${resourceName(change)}**${change.holds ? ` (${change.holds})` : ''}${flag}`);
      for (const line of fieldLines(change)) lines.push(`  - ${escapeMarkdown(line)}`);
    }
    const waiting = waitingLines(env);
    if (waiting.length > 0) lines.push('', `${waiting[0]}`, '', ...waiting.slice(1).map((line) => `- ${escapeMarkdown(line.trim())}`));
  }
  return `${lines.join('\n')}\n`;
}

/** A header and one line per object left out until a value is bound; nothing when none waits. */
function waitingLines(env: EnvironmentDiff): string[] {
  const waiting = env.waiting ?? [];
  if (waiting.length === 0) return [];
  return [`waiting: ${waiting.length} objects left out until a value AWS assigns is bound (npx platform bind --env ${env.environment})`, ...waiting.map((w) => `  ${describeWaiting(w)}`)];
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_|<>])/g, '\\$1');
}
