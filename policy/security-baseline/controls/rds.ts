/** Security Hub controls for Amazon RDS evaluated on ACK DBInstances (rds-controls.html). */
import { check, controlUrl, shown, spec, strings } from '../read';
import { DB_INSTANCE } from '../kinds';
import { Control } from '../types';

/** RDS.9: the logs each engine must publish to CloudWatch Logs (engines the control names). */
const REQUIRED_LOG_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  postgres: ['postgresql', 'upgrade'],
  mysql: ['audit', 'error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  'oracle-ee': ['alert', 'audit', 'trace', 'listener'],
  'sqlserver-ee': ['error', 'agent'],
};

/** RDS.10 evaluates these engines only. */
const IAM_AUTH_ENGINES = ['mysql', 'postgres', 'mariadb'];

const field = (name: string) => (object: Parameters<Control['evaluate']>[0]) => spec(object)[name];

export const RDS_CONTROLS: readonly Control[] = [
  {
    id: 'RDS.2',
    title: 'RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration',
    url: controlUrl('RDS.2'),
    appliesTo: [DB_INSTANCE],
    severity: 'Critical',
    // Unset leaves the choice to AWS (public when the subnets are), so only an explicit false passes.
    evaluate: (object) => check(field('publiclyAccessible')(object) === false, `publiclyAccessible is ${shown(field('publiclyAccessible')(object))}, must be false`),
  },
  {
    id: 'RDS.3',
    title: 'RDS DB instances should have encryption at-rest enabled',
    url: controlUrl('RDS.3'),
    appliesTo: [DB_INSTANCE],
    severity: 'Medium',
    evaluate: (object) => check(field('storageEncrypted')(object) === true, `storageEncrypted is ${shown(field('storageEncrypted')(object))}, must be true`),
  },
  {
    id: 'RDS.5',
    title: 'RDS DB instances should be configured with multiple Availability Zones',
    url: controlUrl('RDS.5'),
    appliesTo: [DB_INSTANCE],
    severity: 'Medium',
    evaluate: (object) => check(field('multiAZ')(object) === true, `multiAZ is ${shown(field('multiAZ')(object))}, must be true`),
  },
  {
    id: 'RDS.8',
    title: 'RDS DB instances should have deletion protection enabled',
    url: controlUrl('RDS.8'),
    appliesTo: [DB_INSTANCE],
    severity: 'Low',
    evaluate: (object) => check(field('deletionProtection')(object) === true, `deletionProtection is ${shown(field('deletionProtection')(object))}, must be true`),
  },
  {
    id: 'RDS.9',
    title: 'Database logging should be enabled',
    url: controlUrl('RDS.9'),
    appliesTo: [DB_INSTANCE],
    severity: 'Medium',
    evaluate: (object) => {
      const required = REQUIRED_LOG_EXPORTS[String(field('engine')(object))] ?? [];
      const exported = strings(field('enableCloudwatchLogsExports')(object));
      const missing = required.filter((log) => !exported.includes(log));
      return check(missing.length === 0, `enableCloudwatchLogsExports lacks ${missing.join(', ')} (engine ${shown(field('engine')(object))})`);
    },
  },
  {
    id: 'RDS.10',
    title: 'IAM authentication should be configured for RDS instances',
    url: controlUrl('RDS.10'),
    appliesTo: [DB_INSTANCE],
    severity: 'Medium',
    evaluate: (object) => {
      if (!IAM_AUTH_ENGINES.includes(String(field('engine')(object)))) return [];
      return check(field('enableIAMDatabaseAuthentication')(object) === true, `enableIAMDatabaseAuthentication is ${shown(field('enableIAMDatabaseAuthentication')(object))}, must be true`);
    },
  },
  {
    id: 'RDS.11',
    title: 'RDS instances should have automatic backups enabled',
    url: controlUrl('RDS.11'),
    appliesTo: [DB_INSTANCE],
    severity: 'Medium',
    evaluate: (object, _peers, parameters) => {
      const days = field('backupRetentionPeriod')(object);
      return check(typeof days === 'number' && days >= parameters.rdsBackupRetentionMinimumDays, `backupRetentionPeriod is ${shown(days)}, must be at least ${parameters.rdsBackupRetentionMinimumDays} days`);
    },
  },
  {
    id: 'RDS.13',
    title: 'RDS automatic minor version upgrades should be enabled',
    url: controlUrl('RDS.13'),
    appliesTo: [DB_INSTANCE],
    severity: 'High',
    // AWS defaults AutoMinorVersionUpgrade to true: only an explicit false turns it off.
    evaluate: (object) => check(field('autoMinorVersionUpgrade')(object) !== false, 'autoMinorVersionUpgrade is false'),
  },
  {
    id: 'RDS.17',
    title: 'RDS DB instances should be configured to copy tags to snapshots',
    url: controlUrl('RDS.17'),
    appliesTo: [DB_INSTANCE],
    severity: 'Low',
    evaluate: (object) => check(field('copyTagsToSnapshot')(object) === true, `copyTagsToSnapshot is ${shown(field('copyTagsToSnapshot')(object))}, must be true`),
  },
];
