/** Security Hub controls for Amazon ECS on ACK Clusters, Services and TaskDefinitions (ecs-controls.html). */
import { check, controlUrl, list, record, shown, spec } from '../read';
import { ECS_CLUSTER, ECS_SERVICE, TASK_DEFINITION } from '../kinds';
import { Control } from '../types';
import { KubeObject } from '../../tag-shapes';

/** ECS.8: environment variable names that must never carry credentials (the control's secretKeys). */
const SECRET_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA'];

function containers(object: KubeObject): Record<string, unknown>[] {
  return list(spec(object).containerDefinitions);
}

function names(found: Record<string, unknown>[]): string {
  return found.map((container) => String(container.name)).join(', ');
}

export const ECS_CONTROLS: readonly Control[] = [
  {
    id: 'ECS.1',
    title: 'Amazon ECS task definitions should have secure networking modes and user definitions',
    url: controlUrl('ECS.1'),
    appliesTo: [TASK_DEFINITION],
    severity: 'High',
    evaluate: (object) => {
      if (spec(object).networkMode !== 'host') return [];
      const unsafe = containers(object).filter((container) => container.privileged !== true && (container.user === undefined || container.user === '' || container.user === 'root'));
      return check(unsafe.length === 0, `host network mode with containers running as root without privileged opt-in: ${names(unsafe)}`);
    },
  },
  {
    id: 'ECS.2',
    title: 'ECS services should not have public IP addresses assigned to them automatically',
    url: controlUrl('ECS.2'),
    appliesTo: [ECS_SERVICE],
    severity: 'High',
    evaluate: (object) => {
      const assign = record(record(spec(object).networkConfiguration).awsVPCConfiguration).assignPublicIP;
      return check(assign !== 'ENABLED', 'networkConfiguration.awsVPCConfiguration.assignPublicIP is "ENABLED"');
    },
  },
  {
    id: 'ECS.3',
    title: "ECS task definitions should not share the host's process namespace",
    url: controlUrl('ECS.3'),
    appliesTo: [TASK_DEFINITION],
    severity: 'High',
    evaluate: (object) => check(spec(object).pidMode !== 'host', 'pidMode is "host"'),
  },
  {
    id: 'ECS.4',
    title: 'ECS containers should run as non-privileged',
    url: controlUrl('ECS.4'),
    appliesTo: [TASK_DEFINITION],
    severity: 'High',
    evaluate: (object) => {
      const privileged = containers(object).filter((container) => container.privileged === true);
      return check(privileged.length === 0, `privileged containers: ${names(privileged)}`);
    },
  },
  {
    id: 'ECS.5',
    title: 'ECS containers should be limited to read-only access to root filesystems',
    url: controlUrl('ECS.5'),
    appliesTo: [TASK_DEFINITION],
    severity: 'High',
    // ECS defaults readonlyRootFilesystem to false, so unset fails too.
    evaluate: (object) => {
      const writable = containers(object).filter((container) => container.readonlyRootFilesystem !== true);
      return check(writable.length === 0, `readonlyRootFilesystem is not true in containers: ${writable.map((c) => `${c.name} (${shown(c.readonlyRootFilesystem)})`).join(', ')}`);
    },
  },
  {
    id: 'ECS.8',
    title: 'Secrets should not be passed as container environment variables',
    url: controlUrl('ECS.8'),
    appliesTo: [TASK_DEFINITION],
    severity: 'High',
    evaluate: (object) => {
      const leaks = containers(object).flatMap((container) => list(container.environment).filter((variable) => SECRET_KEYS.includes(String(variable.name))).map((variable) => `${container.name}: ${variable.name}`));
      return check(leaks.length === 0, `credentials in environment variables: ${leaks.join(', ')}`);
    },
  },
  {
    id: 'ECS.12',
    title: 'ECS clusters should use Container Insights',
    url: controlUrl('ECS.12'),
    appliesTo: [ECS_CLUSTER],
    severity: 'Medium',
    evaluate: (object) => {
      const setting = list(spec(object).settings).find((entry) => entry.name === 'containerInsights')?.value;
      return check(setting === 'enabled' || setting === 'enhanced', `settings containerInsights is ${shown(setting)}, must be "enabled"`);
    },
  },
];
