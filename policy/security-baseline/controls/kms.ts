/** Security Hub controls for AWS KMS on ACK Keys (kms-controls.html). */
import { check, controlUrl, shown, spec } from '../read';
import { KMS_KEY } from '../kinds';
import { Control } from '../types';

export const KMS_CONTROLS: readonly Control[] = [
  {
    id: 'KMS.4',
    title: 'AWS KMS key rotation should be enabled',
    url: controlUrl('KMS.4'),
    appliesTo: [KMS_KEY],
    severity: 'Medium',
    evaluate: (object) => {
      // Automatic rotation exists for symmetric encryption keys only.
      if ((spec(object).keySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT') return [];
      return check(spec(object).enableKeyRotation === true, `enableKeyRotation is ${shown(spec(object).enableKeyRotation)}, must be true`);
    },
  },
];
