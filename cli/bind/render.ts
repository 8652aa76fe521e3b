/** What `platform bind` prints, its commit message and its pull-request body. */
import { showValue } from '../../charts/lib/assigned';
import { render, summary } from '../diff/render';
import { DiffReport } from '../diff/resource-diff';
import { BindEntry, BindPlan } from './plan';

export interface BindReport {
  readonly environment: string;
  readonly namespace: string;
  readonly accountId: string;
  readonly server: string;
  readonly file: string;
  readonly entries: readonly BindEntry[];
  readonly changedAgainstGit: readonly string[];
}

const LABEL: Record<BindEntry['state'], string> = { bound: 'BOUND', unchanged: 'same', replaced: 'REPLACED', kept: 'kept', conflict: 'CONFLICT', waiting: 'waiting' };

function line(entry: BindEntry, width: number): string {
  const head = `  ${LABEL[entry.state].padEnd(8)} ${entry.key.padEnd(width)}  `;
  switch (entry.state) {
    case 'bound':
    case 'unchanged':
      return `${head}${showValue(entry.live!)}`;
    case 'replaced':
      return `${head}${showValue(entry.live!)} (was ${showValue(entry.pinned!)}; --prefer live)`;
    case 'kept':
      return `${head}${showValue(entry.pinned!)} (live ${showValue(entry.live!)}; --prefer git)`;
    case 'conflict':
      return `${head}pinned ${showValue(entry.pinned!)} but ${entry.source} is ${showValue(entry.live!)}`;
    case 'waiting':
      return `${head}${entry.pinned !== undefined ? `pinned ${showValue(entry.pinned)}; live: ` : ''}${entry.reason}`;
  }
}

export function bindText(report: BindReport): string {
  const width = Math.max(0, ...report.entries.map((e) => e.key.length));
  const count = (state: BindEntry['state']) => report.entries.filter((e) => e.state === state).length;
  return [
    `${report.environment} (namespace ${report.namespace}, account ${report.accountId}) at ${report.server}: ${count('bound') + count('replaced')} to write, ${count('unchanged') + count('kept')} already pinned, ${count('conflict')} in conflict, ${count('waiting')} not available yet`,
    ...report.entries.map((entry) => line(entry, width)),
    `changed against git (HEAD): ${report.changedAgainstGit.length > 0 ? report.changedAgainstGit.join(', ') : 'nothing'}`,
    '',
  ].join('\n');
}

/** Keys made available by this run that other values wait on: another sync, then another bind. */
export function nextRound(plan: BindPlan): string[] {
  const written = new Set(plan.writes.map((w) => w.path.join('.')));
  return plan.entries.filter((e) => e.state === 'waiting' && (e.waitsOn ?? []).some((key) => written.has(key))).map((e) => e.key);
}

export function bindCommitMessage(report: BindReport, plan: BindPlan): string {
  const written = plan.entries.filter((e) => e.state === 'bound' || e.state === 'replaced');
  return [
    `Bind ${report.environment}: ${written.length} value${written.length === 1 ? '' : 's'} AWS assigned`,
    '',
    `Pins in ${report.file} what the ACK objects of namespace ${report.namespace} (account ${report.accountId})`,
    `report in their status, read by \`npx platform bind --env ${report.environment}\`, and re-synthesizes manifests/${report.environment}.`,
    '',
    ...written.map((e) => `- ${e.key}: ${showValue(e.live!)} (${e.source})`),
    '',
  ].join('\n');
}

export function bindPrBody(report: BindReport, plan: BindPlan, diff: DiffReport): string {
  const written = plan.entries.filter((e) => e.state === 'bound' || e.state === 'replaced');
  const waiting = plan.entries.filter((e) => e.state === 'waiting');
  const next = nextRound(plan);
  return [
    `## Bind ${report.environment}: values AWS assigned`,
    '',
    `Read from the live cluster (${report.server}, namespace \`${report.namespace}\`, owner account ${report.accountId}) by \`npx platform bind --env ${report.environment} --pr\`; no value was typed by hand. Each passed the checks at load (account, region, resource name).`,
    '',
    '| key | value | read from | before |',
    '|---|---|---|---|',
    ...written.map((e) => `| \`${e.key}\` | \`${showValue(e.live!)}\` | ${e.source} | ${e.pinned !== undefined ? `\`${showValue(e.pinned)}\`` : '(none)'} |`),
    '',
    `### What changes in ${report.environment} (${summary(diff.environments[0] ?? { environment: report.environment, changes: [] })})`,
    '',
    render(diff, 'md').replace(/^## .*\n/, '').trim(),
    '',
    ...(waiting.length > 0 ? ['### Not available yet', '', ...waiting.map((e) => `- \`${e.key}\`: ${e.reason}`), ''] : []),
    ...(next.length > 0 ? [`After this is merged and synced, run bind again: ${next.map((k) => `\`${k}\``).join(', ')} wait on values this pull request pins.`, ''] : []),
  ].join('\n');
}
