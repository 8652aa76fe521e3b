import { render, summary } from '../diff/render';
import { DiffReport } from '../diff/resource-diff';
import { FailoverPlan, Step } from './plan';

const title = (plan: FailoverPlan) => (plan.direction === 'failover' ? `Fail ${plan.env} over to ${plan.to}` : `Fail ${plan.env} back to ${plan.to}`);

export function commitMessage(plan: FailoverPlan, report: DiffReport): string {
  return [
    title(plan),
    '',
    `Sets disasterRecovery.activeRegion: ${plan.to} in environments/${plan.env}/environment.yaml and`,
    `re-synthesizes manifests/${plan.env}: the weighted origin records, the DR services' size and the DR`,
    `databases follow from it. Steps outside git are in the pull request body.`,
    '',
    `manifests/${plan.env}: ${summary(report.environments[0] ?? { environment: plan.env, changes: [] })}`,
    '',
  ].join('\n');
}

function stepLines(steps: readonly Step[], when: Step['when']): string[] {
  return steps
    .filter((step) => step.when === when)
    .flatMap((step, index) => [`${index + 1}. ${step.what}`, '', '   ```sh', ...step.commands.map((command) => `   ${command}`), '   ```', '']);
}

export function prBody(plan: FailoverPlan, report: DiffReport, head: string): string {
  return [
    `## ${title(plan)}`,
    '',
    `Moves ${plan.env}'s traffic from ${plan.from} to ${plan.to}, cut from \`${head}\`. Only \`environments/${plan.env}/environment.yaml\` (\`disasterRecovery.activeRegion\`) and \`manifests/${plan.env}/\` change.`,
    '',
    '### RTO budget',
    '',
    `Critical workloads: **${plan.rtoMinutes.critical} min**; non-critical: **${plan.rtoMinutes.nonCritical} min** (environment \`recovery\`). Route 53 already sends every request to a healthy region on its own (health checks every 30 s, 3 failures); this change makes that state the desired one: ${plan.direction === 'failover' ? `the weights move to ${plan.to} (${plan.from} gets none: its databases are no longer the primaries), the services there run at full size and the databases are described as promoted` : `the weights move back to ${plan.to}, the DR services return to their warm size and the DR databases are described as replicas again`}.`,
    '',
    `Tasks per service in ${plan.drRegion} after the merge: ${Object.entries(plan.drTasks).map(([workload, tasks]) => `${workload} ${tasks}`).join(', ')}.`,
    '',
    '### Before merging',
    '',
    ...stepLines(plan.steps, 'before merging'),
    '### After merging',
    '',
    ...stepLines(plan.steps, 'after merging'),
    `### What changes in ${plan.env}`,
    '',
    render(report, 'md').replace(/^## .*\n/, '').trim(),
    '',
    `Made with \`npx platform failover --env ${plan.env} --to ${plan.to}\` (docs/disaster-recovery.md).`,
    '',
  ].join('\n');
}
