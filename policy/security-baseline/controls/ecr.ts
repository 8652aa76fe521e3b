/** Security Hub controls for Amazon ECR on ACK Repositories (ecr-controls.html). */
import { check, controlUrl, record, shown, spec } from '../read';
import { REPOSITORY } from '../kinds';
import { Control } from '../types';

export const ECR_CONTROLS: readonly Control[] = [
  {
    id: 'ECR.1',
    title: 'ECR private repositories should have image scanning configured',
    url: controlUrl('ECR.1'),
    appliesTo: [REPOSITORY],
    severity: 'High',
    evaluate: (object) => {
      const scanOnPush = record(spec(object).imageScanningConfiguration).scanOnPush;
      return check(scanOnPush === true, `imageScanningConfiguration.scanOnPush is ${shown(scanOnPush)}, must be true`);
    },
  },
  {
    id: 'ECR.2',
    title: 'ECR private repositories should have tag immutability configured',
    url: controlUrl('ECR.2'),
    appliesTo: [REPOSITORY],
    severity: 'Medium',
    evaluate: (object) => check(spec(object).imageTagMutability === 'IMMUTABLE', `imageTagMutability is ${shown(spec(object).imageTagMutability)}, must be "IMMUTABLE"`),
  },
  {
    id: 'ECR.3',
    title: 'ECR repositories should have at least one lifecycle policy configured',
    url: controlUrl('ECR.3'),
    appliesTo: [REPOSITORY],
    severity: 'Medium',
    evaluate: (object) => {
      const policy = spec(object).lifecyclePolicy;
      return check(typeof policy === 'string' && policy.trim() !== '', 'lifecyclePolicy is unset');
    },
  },
];
