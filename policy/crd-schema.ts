/**
 * The CustomResourceDefinition of a policy kind, from its definition: the schema parts every
 * policy shares (scope, status, printer columns) and the spec schema the definition brings. The
 * synthesized policies are validated against the CRDs at synth time and by the API server in
 * tests, so a drift between a spec type and its schema shows up as a failure.
 */
import { AnyPolicyDefinition, Schema } from './definition';
import { POLICY_GROUP, POLICY_VERSION } from './policy-resources';

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const bool = (defaultValue: boolean, description: string): Schema => ({ type: 'boolean', default: defaultValue, description });
export const stringMap = (description: string): Schema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
export const set = (items: Schema, description: string): Schema => ({ type: 'array', items, 'x-kubernetes-list-type': 'set', description });

export const KIND_KEY = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Z][A-Za-z0-9]*$';
export const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** Fields every policy has. */
export const commonSpec: Schema = {
  mode: str({ enum: ['enforce', 'audit'], default: 'audit', description: 'enforce: add what is missing to objects Argo CD does not manage; audit: only report.' }),
  namespaces: { ...set(str({ pattern: DNS_LABEL, maxLength: 63 }), 'Namespaces whose objects the policy covers.'), minItems: 1 },
  kinds: { ...set(str({ pattern: KIND_KEY }), '`<group>/<Kind>` of the covered ACK kinds, e.g. rds.services.k8s.aws/DBInstance.'), minItems: 1 },
  maxReportedViolations: int({ minimum: 0, maximum: 500, default: 50, description: 'Length bound of status.violations.' }),
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
    accepted: int({ minimum: 0, description: 'Objects with a finding the policy accepts: an exception in the environment data (reason, owner) or a rule ACK cannot express.' }),
    acceptedFindings: { type: 'array', maxItems: 500, items: violation, description: 'The first accepted findings, each with its reason.' },
    acceptedOmitted: int({ minimum: 0, description: 'Accepted findings left out of the bounded list.' }),
    conditions: { type: 'array', items: condition, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
  },
};

const printerColumns = [
  { name: 'Mode', type: 'string', jsonPath: '.spec.mode' },
  { name: 'Checked', type: 'integer', jsonPath: '.status.resourcesChecked' },
  { name: 'Compliant', type: 'integer', jsonPath: '.status.compliant' },
  { name: 'Violating', type: 'integer', jsonPath: '.status.violating' },
  { name: 'Not Verified', type: 'integer', jsonPath: '.status.notVerified' },
  { name: 'Accepted', type: 'integer', jsonPath: '.status.accepted', priority: 1 },
  { name: 'Last Evaluation', type: 'date', jsonPath: '.status.lastEvaluation' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

/** The CustomResourceDefinition of one policy kind. */
export function crdOf(policy: AnyPolicyDefinition): Schema {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${policy.plural}.${POLICY_GROUP}` },
    spec: {
      group: POLICY_GROUP,
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
          name: POLICY_VERSION,
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
                spec: policy.specSchema,
                status,
              },
            },
          },
        },
      ],
    },
  };
}
