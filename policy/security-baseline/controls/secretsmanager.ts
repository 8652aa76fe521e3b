/** Security Hub controls for AWS Secrets Manager on ACK Secrets (secretsmanager-controls.html). */
import { ackGap, controlUrl } from '../read';
import { SECRET } from '../kinds';
import { Control } from '../types';

export const SECRETSMANAGER_CONTROLS: readonly Control[] = [
  {
    id: 'SecretsManager.1',
    title: 'Secrets Manager secrets should have automatic rotation enabled',
    url: controlUrl('SecretsManager.1'),
    appliesTo: [SECRET],
    severity: 'Medium',
    // ../shared/notes/ack.md: the ACK Secret CRD has no rotation settings (no RotationRules, no rotation Lambda).
    evaluate: () => [
      ackGap(
        'the ACK Secret has no rotation settings, so rotation cannot be declared in git',
        'database master passwords are RDS-managed (manageMasterUserPassword) and rotated by RDS; other secrets are rotated by RotateSecret with a rotation Lambda configured outside ACK, and SecretsManager.4 (rotated within 90 days) is watched in Security Hub',
      ),
    ],
  },
];
