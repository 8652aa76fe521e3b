/** Security Hub controls for CloudWatch on ACK MetricAlarms (cloudwatch-controls.html). */
import { check, controlUrl, spec, strings } from '../read';
import { METRIC_ALARM } from '../kinds';
import { Control } from '../types';

export const CLOUDWATCH_CONTROLS: readonly Control[] = [
  {
    id: 'CloudWatch.15',
    title: 'CloudWatch alarms should have specified actions configured',
    url: controlUrl('CloudWatch.15'),
    appliesTo: [METRIC_ALARM],
    severity: 'High',
    evaluate: (object) => {
      const alarm = spec(object);
      return check(alarm.actionsEnabled !== false && strings(alarm.alarmActions).length > 0, `alarmActions is empty${alarm.actionsEnabled === false ? ' and actionsEnabled is false' : ''}: the ALARM state notifies no one`);
    },
  },
];
