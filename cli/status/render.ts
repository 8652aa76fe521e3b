/** `platform status` output: text for people, JSON for scripts (the report as it is). */
import { describeWaiting } from '../../charts/waiting';
import { EnvironmentReport, PolicyReport, StatusReport } from './report';

export type StatusFormat = 'text' | 'json';
export const STATUS_FORMATS: readonly StatusFormat[] = ['text', 'json'];

export function renderStatus(report: StatusReport, format: StatusFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return report.environments.map(environmentText).join('\n');
}

function environmentText(env: EnvironmentReport): string {
  const { counts } = env;
  const lines = [
    `${env.name} (namespace ${env.namespace}): ${counts.total} ACK objects: ${counts.synced} synced, ${counts['not-synced']} not synced, ${counts['not-applied']} not applied, ${counts.terminal} terminal`,
  ];
  const width = Math.max(0, ...env.notSynced.map((o) => `${o.kind}/${o.name}`.length));
  for (const object of env.notSynced) {
    const label = object.state === 'terminal' ? 'TERMINAL' : object.state === 'not-applied' ? 'MISSING ' : 'PENDING ';
    const where = object.condition ? `${object.condition}: ` : '';
    lines.push(`  ${label} ${`${object.kind}/${object.name}`.padEnd(width)}  ${where}${object.message ?? ''}`);
  }
  if (env.waiting.length > 0) lines.push(`  ${env.waiting.length} objects not in the manifests yet, waiting on a value AWS assigns (npx platform bind --env ${env.name}):`);
  for (const object of env.waiting) lines.push(`  WAITING  ${describeWaiting(object)}`);
  lines.push(...env.policies.flatMap(policyText));
  return `${lines.join('\n')}\n`;
}

function policyText(policy: PolicyReport): string[] {
  const head = `  policy ${policy.kind}/${policy.name}: `;
  if (policy.state === 'not-applied') return [`${head}not applied: the policy is not in the cluster`];
  if (policy.state === 'not-evaluated') return [`${head}not evaluated yet (no status from the policy reconciler)`];
  const omitted = policy.violationsOmitted ? ` (${policy.violationsOmitted} more not listed)` : '';
  return [
    `${head}${policy.checked} checked, ${policy.compliant} compliant, ${policy.violating} violating, ${policy.notVerified} not verified`,
    ...policy.violations.map((v) => `    violation ${v.kind}/${v.name} (${v.namespace}): ${v.reason}: ${v.message}`),
    ...(omitted ? [`    ${omitted.trim()}`] : []),
  ];
}
