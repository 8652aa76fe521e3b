/** Security Hub controls for IAM on ACK customer managed Policies (iam-controls.html). */
import { check, controlUrl, spec, statements, strings } from '../read';
import { IAM_POLICY } from '../kinds';
import { Control } from '../types';
import { KubeObject } from '../../tag-shapes';

function allowStatements(object: KubeObject): Record<string, unknown>[] {
  return statements(spec(object).policyDocument).filter((statement) => statement.Effect === 'Allow');
}

export const IAM_CONTROLS: readonly Control[] = [
  {
    id: 'IAM.1',
    title: 'IAM policies should not allow full "*" administrative privileges',
    url: controlUrl('IAM.1'),
    appliesTo: [IAM_POLICY],
    severity: 'High',
    evaluate: (object) => {
      const admin = allowStatements(object).filter((statement) => strings(statement.Action).includes('*') && strings(statement.Resource).includes('*'));
      return check(admin.length === 0, `statements allowing "Action": "*" on "Resource": "*": ${admin.map((s) => String(s.Sid ?? '(no Sid)')).join(', ')}`);
    },
  },
  {
    id: 'IAM.21',
    title: 'IAM customer managed policies that you create should not allow wildcard actions for services',
    url: controlUrl('IAM.21'),
    appliesTo: [IAM_POLICY],
    severity: 'Low',
    evaluate: (object) => {
      // "service:*" grants every action of a service; "*" grants every action of every service.
      const wildcards = allowStatements(object).flatMap((statement) => strings(statement.Action).filter((action) => action === '*' || /^[A-Za-z0-9-]+:\*$/.test(action)));
      return check(wildcards.length === 0, `Allow statements with wildcard actions: ${[...new Set(wildcards)].join(', ')}`);
    },
  },
];
