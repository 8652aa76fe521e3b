/** Security Hub controls for AWS Certificate Manager on ACK Certificates (acm-controls.html). */
import { check, controlUrl, shown, spec } from '../read';
import { CERTIFICATE } from '../kinds';
import { Control } from '../types';

export const ACM_CONTROLS: readonly Control[] = [
  {
    id: 'ACM.2',
    title: 'RSA certificates managed by ACM should use a key length of at least 2,048 bits',
    url: controlUrl('ACM.2'),
    appliesTo: [CERTIFICATE],
    severity: 'High',
    evaluate: (object) => check(spec(object).keyAlgorithm !== 'RSA_1024', `keyAlgorithm is ${shown(spec(object).keyAlgorithm)}: RSA keys must be at least 2,048 bits`),
  },
];
