import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { BUCKET_CREATED_CONDITION, evaluateRecreation, GAPS, IDENTITY_ANNOTATION, IDENTITY_FIELDS, identityOf, identityToRecord, RULE_RECREATED } from '../../policy/recreation';
import { STATEFUL_KINDS } from '../../policy/stateful-kinds';
import { KubeObject } from '../../policy/tag-shapes';
import { crdOf } from '../cluster/support/crds';

const dbInstance = (status: Record<string, unknown> | undefined, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'rds.services.k8s.aws/v1alpha1',
  kind: 'DBInstance',
  metadata: { name: 'payments-db', namespace: 'ns', annotations },
  spec: { dbInstanceIdentifier: 'payments-db' },
  status,
});

/** The status schema's properties of a kind's CRD, at a dotted path or `conditions[<type>].<field>`. */
function statusSchemaHas(kindKey: string, field: string): boolean {
  const [group, kind] = kindKey.split('/');
  const crd = crdOf(`${group}/v1alpha1`, kind);
  const doc = parseAllDocuments(fs.readFileSync(crd.file, 'utf8')).map((d) => d.toJS()).find((d) => d?.kind === 'CustomResourceDefinition');
  let schema = doc.spec.versions[0].schema.openAPIV3Schema.properties.status;
  const condition = /^conditions\[[^\]]+\]\.(\w+)$/.exec(field);
  if (condition) schema = schema?.properties?.conditions?.items?.properties?.[condition[1]];
  else {
    for (const part of field.split('.')) {
      schema = schema?.properties?.[part];
      if (!schema) return false;
    }
  }
  return schema?.type === 'string' || schema?.type === 'integer';
}

const bucket = (conditions: { type: string; status: string; message?: string }[], annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 's3.services.k8s.aws/v1alpha1',
  kind: 'Bucket',
  metadata: { name: 'logs', namespace: 'ns', annotations },
  spec: { name: 'mycomputer-logs' },
  status: { location: '/mycomputer-logs', conditions },
});
const SYNCED = { type: 'ACK.ResourceSynced', status: 'True', message: 'Resource synced successfully' };

describe('recreation: the identity AWS gives a stateful resource', () => {
  it('names an identity field, or a gap with its reason, for every stateful kind, and each field is in the CRD status', () => {
    expect(Object.keys(IDENTITY_FIELDS).sort()).toEqual(Object.keys(STATEFUL_KINDS).sort());
    for (const [kind, field] of Object.entries(IDENTITY_FIELDS)) {
      if (field === undefined) expect(GAPS[kind], `${kind} has no identity field and no gap reason`).toMatch(/\w/);
      else expect(statusSchemaHas(kind, field), `${kind}: status.${field} is not a scalar of its CRD's status`).toBe(true);
    }
    expect(Object.keys(GAPS).every((kind) => IDENTITY_FIELDS[kind] === undefined)).toBe(true);
  });

  it('reads the identity from status, none before ACK created the resource, none for a kind without one', () => {
    expect(identityOf(dbInstance({ dbiResourceID: 'db-AAA' }))).toBe('dbiResourceID=db-AAA');
    expect(identityOf(dbInstance({}))).toBeUndefined();
    expect(identityOf(dbInstance(undefined))).toBeUndefined();
    expect(identityOf(bucket([SYNCED]))).toBeUndefined();
    const secret = { apiVersion: 'secretsmanager.services.k8s.aws/v1alpha1', kind: 'Secret', metadata: { name: 's' }, status: { ackResourceMetadata: { arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:s-AbCdEf' } } };
    expect(identityOf(secret)).toBe('ackResourceMetadata.arn=arn:aws:secretsmanager:eu-west-1:1:secret:s-AbCdEf');
  });

  it("reads a bucket's identity from the creation-date condition the patched S3 controller writes, and reports a new date as Recreated", () => {
    const created = (date: string) => ({ type: BUCKET_CREATED_CONDITION, status: 'True', message: date });
    const first = `conditions[${BUCKET_CREATED_CONDITION}].message=2026-11-30T10:00:00Z`;
    expect(identityOf(bucket([SYNCED, created('2026-11-30T10:00:00Z')]))).toBe(first);
    expect(evaluateRecreation(bucket([SYNCED, created('2026-11-30T10:00:00Z')], { [IDENTITY_ANNOTATION]: first }))).toEqual([]);
    // created again by the controller: the condition is not there until the next read
    expect(evaluateRecreation(bucket([{ ...SYNCED, status: 'False' }], { [IDENTITY_ANNOTATION]: first }))).toEqual([]);
    const [violation] = evaluateRecreation(bucket([SYNCED, created('2026-12-01T04:00:00Z')], { [IDENTITY_ANNOTATION]: first }));
    expect(violation.message).toContain(`${first} was recorded, status now says conditions[${BUCKET_CREATED_CONDITION}].message=2026-12-01T04:00:00Z`);
  });

  it('is the condition type the S3 controller patch writes', () => {
    const patch = fs.readFileSync(path.join(REPO_ROOT, 'tools', 'ack', 'patches', 's3@v1.10.0', '001-bucket-creation-date.patch'), 'utf8');
    expect(patch).toContain(`+const creationDateConditionType = "${BUCKET_CREATED_CONDITION}"`);
    expect(patch).toContain('+				creationDate = bucket.CreationDate');
  });

  it('records the identity first seen, and nothing once recorded', () => {
    expect(identityToRecord(dbInstance({ dbiResourceID: 'db-AAA' }))).toBe('dbiResourceID=db-AAA');
    expect(identityToRecord(dbInstance({ dbiResourceID: 'db-AAA' }, { [IDENTITY_ANNOTATION]: 'dbiResourceID=db-AAA' }))).toBeUndefined();
    expect(identityToRecord(dbInstance({ dbiResourceID: 'db-BBB' }, { [IDENTITY_ANNOTATION]: 'dbiResourceID=db-AAA' }))).toBeUndefined();
    expect(identityToRecord(dbInstance({}))).toBeUndefined();
    // recorded under a field this kind no longer uses: recorded again, never reported
    expect(identityToRecord(dbInstance({ dbiResourceID: 'db-AAA' }, { [IDENTITY_ANNOTATION]: 'instanceCreateTime=2026' }))).toBe('dbiResourceID=db-AAA');
    expect(evaluateRecreation(dbInstance({ dbiResourceID: 'db-AAA' }, { [IDENTITY_ANNOTATION]: 'instanceCreateTime=2026' }))).toEqual([]);
  });

  it('reports Recreated when the status names another identity than the one recorded, and only then', () => {
    const recorded = { [IDENTITY_ANNOTATION]: 'dbiResourceID=db-AAA' };
    expect(evaluateRecreation(dbInstance({ dbiResourceID: 'db-AAA' }, recorded))).toEqual([]);
    expect(evaluateRecreation(dbInstance({ dbiResourceID: 'db-AAA' }))).toEqual([]);
    // ACK has not written the new identity yet: nothing to compare
    expect(evaluateRecreation(dbInstance({}, recorded))).toEqual([]);
    const [violation, ...more] = evaluateRecreation(dbInstance({ dbiResourceID: 'db-BBB' }, recorded));
    expect(more).toEqual([]);
    expect(violation.rule).toBe(RULE_RECREATED);
    expect(violation.message).toContain('dbiResourceID=db-AAA was recorded, status now says dbiResourceID=db-BBB');
    expect(violation.message).toContain(`delete annotation ${IDENTITY_ANNOTATION}`);
  });
});
