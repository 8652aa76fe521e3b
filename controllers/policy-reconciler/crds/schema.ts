/**
 * OpenAPI v3 schemas of our policy kinds. They mirror TaggingPolicySpec (policy/tagging.ts) and
 * BackupPolicySpec (policy/backup.ts); the synthesized policies are validated against them at
 * synth time and by the API server in tests, so a drift between the two shows up as a failure.
 */
import { POLICY_GROUP, POLICY_VERSION } from '../../../policy/policy-resources';

type Schema = Record<string, unknown>;

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
const bool = (defaultValue: boolean, description: string): Schema => ({ type: 'boolean', default: defaultValue, description });
const stringMap = (description: string): Schema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
const set = (items: Schema, description: string): Schema => ({ type: 'array', items, 'x-kubernetes-list-type': 'set', description });

const KIND_KEY = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Z][A-Za-z0-9]*$';
const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** Fields every policy has. */
const commonSpec: Schema = {
  mode: str({ enum: ['enforce', 'audit'], default: 'audit', description: 'enforce: add what is missing to objects Argo CD does not manage; audit: only report.' }),
  namespaces: { ...set(str({ pattern: DNS_LABEL, maxLength: 63 }), 'Namespaces whose objects the policy covers.'), minItems: 1 },
  kinds: { ...set(str({ pattern: KIND_KEY }), '`<group>/<Kind>` of the covered ACK kinds, e.g. rds.services.k8s.aws/DBInstance.'), minItems: 1 },
  maxReportedViolations: int({ minimum: 0, maximum: 500, default: 50, description: 'Length bound of status.violations.' }),
};

const requiredTag: Schema = {
  type: 'object',
  required: ['key'],
  properties: {
    key: str({ minLength: 1, maxLength: 128 }),
    allowedValues: set(str(), 'Values the tag may take; any non-empty value when omitted.'),
  },
};

const taggingSpec: Schema = {
  type: 'object',
  required: ['namespaces', 'kinds', 'requiredTags'],
  properties: {
    ...commonSpec,
    requiredTags: { type: 'array', items: requiredTag, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['key'], description: 'Tags every covered object carries.' },
    sources: {
      type: 'object',
      description: 'Where the value of a missing tag comes from; without it nothing is added.',
      properties: {
        fixed: stringMap('Values that are the same for every object.'),
        fromLabels: stringMap('Tag key → label holding its value.'),
        byTeam: { type: 'object', additionalProperties: stringMap('Tags that follow from the team.'), description: 'Team → tags that follow from it; the team is the Team tag, else its label.' },
      },
    },
  },
};

const tierRules: Schema = {
  type: 'object',
  required: ['rpoMinutes', 'rtoMinutes'],
  properties: {
    rpoMinutes: int({ minimum: 1, description: 'Recovery point objective of the tier.' }),
    rtoMinutes: int({ minimum: 1, description: 'Recovery time objective of the tier.' }),
    minBackupRetentionDays: int({ minimum: 0, maximum: 35, default: 7, description: 'Minimum RDS backupRetentionPeriod.' }),
    requireDeletionProtection: bool(true, 'RDS deletionProtection is true.'),
    requireFinalSnapshot: bool(true, 'RDS annotation rds.services.k8s.aws/skip-final-snapshot is "false".'),
    requireRetainDeletionPolicy: bool(true, 'Annotation services.k8s.aws/deletion-policy is "retain" on stateful kinds.'),
    requireBucketVersioning: bool(true, 'S3 versioning.status is Enabled.'),
    requireBucketLifecycle: bool(true, 'S3 lifecycle has at least one rule.'),
    requireFileSystemBackup: bool(true, 'EFS backupPolicy.status is ENABLED.'),
    minCacheSnapshotRetentionDays: int({ minimum: 0, default: 1, description: 'Minimum ElastiCache snapshotRetentionLimit.' }),
    requireCrossRegionReplica: bool(false, 'A DBInstance has a read replica annotated services.k8s.aws/region: <drRegion>.'),
  },
};

const backupSpec: Schema = {
  type: 'object',
  required: ['namespaces', 'kinds', 'drRegion', 'tiers'],
  properties: {
    ...commonSpec,
    drRegion: str({ pattern: '^[a-z]{2}-[a-z]+-\\d$', description: 'Region replicas live in.' }),
    defaultTier: str({ enum: ['critical', 'non-critical'], default: 'critical', description: 'Tier of an object without tier label or RPO/RTO annotations.' }),
    tiers: { type: 'object', required: ['critical', 'non-critical'], properties: { critical: tierRules, 'non-critical': tierRules } },
  },
};

const condition: Schema = {
  type: 'object',
  required: ['type', 'status', 'reason', 'message', 'lastTransitionTime'],
  properties: {
    type: str({ maxLength: 316 }),
    status: str({ enum: ['True', 'False', 'Unknown'] }),
    observedGeneration: int({ format: 'int64', minimum: 0 }),
    lastTransitionTime: str({ format: 'date-time' }),
    reason: str({ maxLength: 1024, minLength: 1, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' }),
    message: str({ maxLength: 32768 }),
  },
};

const violation: Schema = {
  type: 'object',
  required: ['kind', 'namespace', 'name', 'reason', 'message'],
  properties: {
    kind: str({ description: '`<group>/<Kind>` of the object.' }),
    namespace: str(),
    name: str(),
    arn: str({ description: 'status.ackResourceMetadata.arn, when ACK has created the resource.' }),
    reason: str({ description: 'Constant reason, also the reason of the Event on the object.' }),
    message: str(),
  },
};

const status: Schema = {
  type: 'object',
  properties: {
    observedGeneration: int({ format: 'int64', minimum: 0 }),
    resourcesChecked: int({ minimum: 0, description: 'Covered objects evaluated.' }),
    compliant: int({ minimum: 0, description: 'Objects that comply and whose ACK status is synced.' }),
    violating: int({ minimum: 0, description: 'Objects that break at least one rule.' }),
    notVerified: int({ minimum: 0, description: 'Objects that break no rule but whose ACK.ResourceSynced is not True or ACK.Terminal is True.' }),
    lastEvaluation: str({ format: 'date-time', description: 'When the results last changed.' }),
    violations: { type: 'array', maxItems: 500, items: violation, description: 'The first violations by kind, namespace, name and reason.' },
    violationsOmitted: int({ minimum: 0, description: 'Violations left out of the bounded list.' }),
    conditions: { type: 'array', items: condition, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
  },
};

export interface PolicyKind {
  readonly kind: string;
  readonly plural: string;
  readonly shortNames: readonly string[];
  readonly spec: Schema;
  readonly description: string;
}

export const GROUP = POLICY_GROUP;
export const VERSION = POLICY_VERSION;

export const TAGGING_POLICY: PolicyKind = {
  kind: 'TaggingPolicy',
  plural: 'taggingpolicies',
  shortNames: ['tagpol'],
  spec: taggingSpec,
  description: 'Tags every covered ACK object must carry (the seed\'s tagging strategy), enforced by the policy reconciler.',
};

export const BACKUP_POLICY: PolicyKind = {
  kind: 'BackupPolicy',
  plural: 'backuppolicies',
  shortNames: ['backpol'],
  spec: backupSpec,
  description: 'Backup and retention rules per tier for stateful ACK objects, enforced by the policy reconciler.',
};

export const POLICY_KINDS: readonly PolicyKind[] = [BACKUP_POLICY, TAGGING_POLICY];

const printerColumns = [
  { name: 'Mode', type: 'string', jsonPath: '.spec.mode' },
  { name: 'Checked', type: 'integer', jsonPath: '.status.resourcesChecked' },
  { name: 'Compliant', type: 'integer', jsonPath: '.status.compliant' },
  { name: 'Violating', type: 'integer', jsonPath: '.status.violating' },
  { name: 'Not Verified', type: 'integer', jsonPath: '.status.notVerified' },
  { name: 'Last Evaluation', type: 'date', jsonPath: '.status.lastEvaluation' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

/** The CustomResourceDefinition of one policy kind. */
export function crdOf(policy: PolicyKind): Schema {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${policy.plural}.${GROUP}` },
    spec: {
      group: GROUP,
      names: {
        kind: policy.kind,
        listKind: `${policy.kind}List`,
        plural: policy.plural,
        singular: policy.kind.toLowerCase(),
        shortNames: [...policy.shortNames],
        categories: ['platform-policies'],
      },
      scope: 'Cluster',
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: printerColumns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: policy.description,
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: policy.spec,
                status,
              },
            },
          },
        },
      ],
    },
  };
}
