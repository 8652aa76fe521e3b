import { SyncWindow } from '../../charts/lib/environment/types';
import { render, summary } from '../diff/render';
import { DiffReport } from '../diff/resource-diff';
import { VersionChange } from './versions';

/** Everything the commit message and the pull request body say. */
export interface PromotionFacts {
  readonly from: string;
  readonly to: string;
  /** Short id of the commit the promotion was cut from. */
  readonly head: string;
  /** Last commit that changed the source environment (files or manifests). */
  readonly sourceCommit: string;
  readonly sourceSubject: string;
  readonly changes: readonly VersionChange[];
  /** The diff of the target environment's manifests. */
  readonly report: DiffReport;
  /** The target's sync windows (when Argo CD will apply the merge). */
  readonly windows: readonly SyncWindow[];
}

const key = (change: VersionChange) => change.path.join('.');
const leaf = (change: VersionChange) => change.path[change.path.length - 1];

function changeLine(change: VersionChange): string {
  if (change.after === undefined) return `${key(change)}: removed (was ${change.before})`;
  return change.before === undefined ? `${key(change)}: ${change.after} (new)` : `${key(change)}: ${change.before} → ${change.after}`;
}

export function commitMessage(facts: PromotionFacts): string {
  const promoted = facts.changes.filter((c) => c.after !== undefined);
  const what = promoted.length > 0 && promoted.length <= 3 ? promoted.map((c) => `${leaf(c)} ${c.after}`).join(', ') : `${facts.changes.length} version pins`;
  return [
    `Promote ${facts.from} to ${facts.to}: ${what}`,
    '',
    `Copies the version pins of environments/${facts.from}/versions.yaml (${facts.from} at ${facts.sourceCommit})`,
    `to environments/${facts.to}/versions.yaml and re-synthesizes manifests/${facts.to}.`,
    `Nothing environment-specific (sizes, CIDRs, accounts, windows) changes.`,
    '',
    ...facts.changes.map((c) => `- ${changeLine(c)}`),
    '',
    `manifests/${facts.to}: ${summary(facts.report.environments[0] ?? { environment: facts.to, changes: [] })}`,
    '',
  ].join('\n');
}

export function prBody(facts: PromotionFacts): string {
  const windows = facts.windows.length === 0
    ? `Argo CD syncs ${facts.to} as soon as this is merged.`
    : `Argo CD syncs ${facts.to} after the merge, in its sync windows only: ${facts.windows.map((w) => `${w.kind} \`${w.schedule}\` for ${w.duration} (UTC${w.manualSync ? ', manual sync allowed' : ''})`).join('; ')}.`;
  return [
    `## Promote ${facts.from} → ${facts.to}`,
    '',
    `Promotes the version pins of \`environments/${facts.from}/versions.yaml\` as ${facts.from} runs them at commit \`${facts.sourceCommit}\`${facts.sourceSubject ? ` (${facts.sourceSubject})` : ''}, cut from \`${facts.head}\`. Only \`environments/${facts.to}/versions.yaml\` and \`manifests/${facts.to}/\` change: sizes, CIDRs, accounts and windows of ${facts.to} stay as they are.`,
    '',
    '### Promoted versions',
    '',
    `| key | ${facts.to} before | after |`,
    '|---|---|---|',
    ...facts.changes.map((c) => `| \`${key(c)}\` | ${c.before ?? '(none)'} | ${c.after ?? '(removed)'} |`),
    '',
    `### What changes in ${facts.to}`,
    '',
    render(facts.report, 'md').replace(/^## .*\n/, '').trim(),
    '',
    '### Delivery',
    '',
    windows,
    '',
    `Made with \`npx platform promote --from ${facts.from} --to ${facts.to}\`.`,
    '',
  ].join('\n');
}
