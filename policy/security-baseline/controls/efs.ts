/** Security Hub controls for Amazon EFS on ACK FileSystems (efs-controls.html). */
import { check, controlUrl, record, shown, spec } from '../read';
import { FILE_SYSTEM } from '../kinds';
import { Control } from '../types';

export const EFS_CONTROLS: readonly Control[] = [
  {
    id: 'EFS.1',
    title: 'Elastic File System should be configured to encrypt file data at-rest using AWS KMS',
    url: controlUrl('EFS.1'),
    appliesTo: [FILE_SYSTEM],
    severity: 'Medium',
    evaluate: (object) => check(spec(object).encrypted === true, `encrypted is ${shown(spec(object).encrypted)}, must be true`),
  },
  {
    id: 'EFS.2',
    title: 'Amazon EFS volumes should be in backup plans',
    url: controlUrl('EFS.2'),
    appliesTo: [FILE_SYSTEM],
    severity: 'Medium',
    // EFS automatic backups (backupPolicy ENABLED) put the file system in AWS Backup's default plan.
    evaluate: (object) => {
      const status = record(spec(object).backupPolicy).status;
      return check(status === 'ENABLED', `backupPolicy.status is ${shown(status)}, must be "ENABLED"`);
    },
  },
];
