/**
 * Every IAM policy document of the estate through parliament (tools/iam-lint): each finding is
 * on the reviewed list (policy/iam-lint-reviewed.yaml) or the test fails with parliament's text,
 * and no reviewed entry is stale. The parliament part needs the venv of `scripts/iam-lint
 * install` (scripts/test-all installs it): without it a skip that says why, or (CI=true) a failure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_DIR, BOOTSTRAP_IAM_DIR } from '../../charts/bootstrap/synth-bootstrap';
import { crdsDir } from '../../charts/lib/crds-dir';
import { readManifests } from '../../charts/pipeline/synthesized';
import { loadCrdCatalog } from '../../charts/pipeline/validation/crd-catalog';
import { BOOTSTRAP_ROLE_KIND, collectIamDocuments, IAM_DOCUMENT_FIELDS, IamDocument, NOT_IAM_POLICY_FIELDS } from '../../tools/iam-lint/documents';
import { formatFinding, installedIamLintPython, IamLintResult, lintIamDocuments } from '../../tools/iam-lint/lint';
import { loadReviewed, review } from '../../tools/iam-lint/reviewed';
import { TAG_SHAPES } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, loadEnv, MANIFESTS_DIR } from '../support/estate';

const documents = collectIamDocuments(MANIFESTS_DIR);
const reviewed = loadReviewed();

describe('the IAM policy documents collected (tools/iam-lint/documents.ts)', () => {
  it('include documents of every environment and each bootstrap role document', () => {
    for (const env of ENVIRONMENT_NAMES) expect(documents.filter((d) => d.id.startsWith(`${env}/`) && d.kind !== BOOTSTRAP_ROLE_KIND).length, env).toBeGreaterThan(0);
    const iamDir = path.join(MANIFESTS_DIR, BOOTSTRAP_DIR, BOOTSTRAP_IAM_DIR);
    const files = fs.readdirSync(iamDir).flatMap((env) => fs.readdirSync(path.join(iamDir, env)).map((name) => `${BOOTSTRAP_DIR}/${BOOTSTRAP_IAM_DIR}/${env}/${name}`));
    expect(documents.filter((d) => d.kind === BOOTSTRAP_ROLE_KIND).map((d) => d.file).sort()).toEqual(files.sort());
  });

  it('include every value of a registered policy field in the manifests, and nothing else', () => {
    // GIVEN every registered field that is set in the committed manifests
    const expected = ENVIRONMENT_NAMES.flatMap((env) =>
      readManifests(path.join(MANIFESTS_DIR, env), env).flatMap(({ object }) => {
        const o = object as { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown> };
        return (IAM_DOCUMENT_FIELDS[`${o.apiVersion.split('/')[0]}/${o.kind}`] ?? []).flatMap(({ field, map }) => {
          const value = o.spec?.[field.replace(/^spec\./, '')];
          if (value === undefined) return [];
          const fields = map ? Object.keys(value as object).map((name) => `${field}.${name}`) : [field];
          return fields.map((f) => `${env}/${o.kind}/${o.metadata.name}/${f}`);
        });
      }),
    );
    // THEN those are exactly the environments' documents: no policy-shaped string sits in a field the table lacks
    expect(documents.filter((d) => d.kind !== BOOTSTRAP_ROLE_KIND).map((d) => d.id).sort()).toEqual(expected.sort());
  });

  it('give a role\'s trust policy the role it belongs to, as IAM reads it', () => {
    const trust = documents.filter((d) => d.field === 'spec.assumeRolePolicyDocument' || d.field === 'trust-policy.json');
    expect(trust.length).toBeGreaterThan(0);
    for (const d of trust) {
      const account = loadEnv(d.id.split('/')[0]).aws.accountId;
      expect(d.resource, d.id).toMatch(new RegExp(`^arn:aws:iam::${account}:role/[\\w+=,.@/-]+$`));
    }
  });

  // The CRDs are the reference for which fields hold IAM policies.
  const catalog = loadCrdCatalog(path.join(crdsDir(), 'ack'));
  type SchemaNode = { type?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; additionalProperties?: SchemaNode };
  const specOf = (kindKey: string): SchemaNode => {
    const [group, kind] = kindKey.split('/');
    const crd = [...catalog.values()].find((c) => c.group === group && c.kind === kind);
    if (!crd) throw new Error(`no CRD for ${kindKey} under ${crdsDir()}`);
    return (crd.schema as { properties: { spec: SchemaNode } }).properties.spec;
  };

  it.each(Object.entries(IAM_DOCUMENT_FIELDS).flatMap(([kindKey, fields]) => fields.map((f) => [kindKey, f.field, Boolean(f.map)] as const)))('%s %s is a string field of its CRD (map of strings: %s)', (kindKey, field, map) => {
    const node = field.split('.').slice(1).reduce<SchemaNode | undefined>((n, key) => n?.properties?.[key], specOf(kindKey));
    expect(map ? node?.additionalProperties?.type : node?.type).toBe('string');
  });

  it('every field named like a policy, of every ACK kind the project imports, is classified: IAM policy or not', () => {
    // GIVEN every string (or map of strings) field whose name ends in policy, policies or policyDocument
    const named: string[] = [];
    const walk = (kindKey: string, node: SchemaNode, at: string) => {
      const name = at.split('.').pop()!;
      const holdsStrings = node.type === 'string' || node.additionalProperties?.type === 'string';
      if (holdsStrings && /polic(y|ies|ydocument)$/i.test(name)) named.push(`${kindKey} ${at}`);
      for (const [key, child] of Object.entries(node.properties ?? {})) walk(kindKey, child, `${at}.${key}`);
      if (node.items) walk(kindKey, node.items, at);
    };
    for (const kindKey of Object.keys(TAG_SHAPES)) walk(kindKey, specOf(kindKey), 'spec');
    // THEN each is a registered IAM policy field or a known non-IAM one
    const unclassified = named.filter((entry) => {
      const [kindKey, at] = entry.split(' ');
      return !IAM_DOCUMENT_FIELDS[kindKey]?.some((f) => f.field === at) && NOT_IAM_POLICY_FIELDS[`${kindKey} ${at.split('.').pop()}`] === undefined;
    });
    expect(unclassified, 'add them to IAM_DOCUMENT_FIELDS or NOT_IAM_POLICY_FIELDS (tools/iam-lint/documents.ts)').toEqual([]);
    // AND Secrets Manager's Secret has no resource-policy field: the estate cannot carry secret resource policies
    expect(named.filter((entry) => entry.startsWith('secretsmanager.'))).toEqual([]);
  });

  it('refuses a manifests folder without manifests', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-lint-empty-'));
    try {
      expect(() => collectIamDocuments(empty)).toThrow(`collectIamDocuments: no manifests under ${empty}`);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the reviewed list (policy/iam-lint-reviewed.yaml)', () => {
  it('names an owning team of the catalogue and a reason for every entry', () => {
    const teams = Object.keys(loadEnv(ENVIRONMENT_NAMES[0]).catalogue.teams);
    for (const entry of reviewed) {
      expect(teams, `${entry.documents} ${entry.issue}`).toContain(entry.owner);
      expect(entry.reason.length, `${entry.documents} ${entry.issue}`).toBeGreaterThan(40);
    }
  });

  it('refuses an entry without a reason or with an unknown field, naming the entry and field', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-lint-')), 'reviewed.yaml');
    fs.writeFileSync(file, '- documents: "*/Key/*/spec.policy"\n  issue: RESOURCE_STAR\n  owner: platform\n  because: yes\n');
    try {
      expect(() => loadReviewed(file)).toThrow(`${file}: entry 1: unknown field "because"`);
      expect(() => loadReviewed(file)).toThrow(`${file}: entry 1: reason must be a non-empty string`);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

type Statement = { Effect: string; Action?: string | string[]; Resource?: string | string[] };
const list = (value: string | string[] | undefined) => [value ?? []].flat();

/** The first document of each kind of field (a Policy's document, a Role's trust policy, a key policy...). */
const samples = [...documents.reduce((first, d) => {
  const key = `${d.kind} ${d.field.replace(/^spec\.inlinePolicies\..*/, 'spec.inlinePolicies')}`;
  return first.has(key) ? first : first.set(key, d);
}, new Map<string, IamDocument>()).values()];

/**
 * Each sample made looser, the two ways a reviewer could miss: one more statement granting a
 * whole service on "*" (S3, or IAM where S3 on "*" is granted already), and an Allow statement's
 * resources widened to "*" (where one names resources). `expect` is an action the finding names.
 */
const probes = samples.flatMap((original) => {
  const policy = JSON.parse(original.document) as { Statement: Statement | Statement[] };
  const statements = [policy.Statement].flat();
  const grantsOnStar = (prefix: string) => statements.some((st) => st.Effect === 'Allow' && list(st.Resource).includes('*') && list(st.Action).includes(`${prefix}:*`));
  const service = ['s3', 'iam'].find((prefix) => !grantsOnStar(prefix))!;
  const probe = (how: string, changed: Statement[], expect: string) => ({ original, how, expect, probe: { ...original, id: `${original.id} + ${how}`, document: JSON.stringify({ ...policy, Statement: changed }) } as IamDocument });
  const added = probe(`"Action": "${service}:*" on "*"`, [...statements, { Effect: 'Allow', Action: `${service}:*`, Resource: '*' }], `${service}:`);
  const scoped = statements.findIndex((st) => st.Effect === 'Allow' && st.Resource !== undefined && !list(st.Resource).includes('*'));
  if (scoped < 0) return [added];
  const widened = statements.map((st, i) => (i === scoped ? { ...st, Resource: '*' } : st));
  return [added, probe(`"Resource": "*" on ${list(statements[scoped].Action)[0]}`, widened, list(statements[scoped].Action)[0])];
});

function describeWithParliament(name: string, body: (python: string) => void): void {
  const { python, reason } = installedIamLintPython();
  if (python) {
    describe(name, () => body(python));
    return;
  }
  const why = `no parliament venv: ${reason}; scripts/test-all installs it`;
  if (process.env.CI === 'true') throw new Error(`${name}: CI=true but ${why}`);
  console.warn(`skipping "${name}": ${why}`);
  describe.skip(`${name} (skipped: ${why})`, () => body(''));
}

describeWithParliament('parliament on every IAM policy document', (python) => {
  let estate: IamLintResult[];
  const probed = new Map<string, IamLintResult>();

  beforeAll(() => {
    // One Python process for the estate and the probes.
    const { results } = lintIamDocuments(python, [...documents, ...probes.map((p) => p.probe)]);
    estate = results.slice(0, documents.length);
    for (const result of results.slice(documents.length)) probed.set(result.id, result);
  });

  it('finds nothing that is not on the reviewed list', () => {
    expect(estate.map((r) => r.id)).toEqual(documents.map((d) => d.id));
    const { unreviewed } = review(estate, reviewed);
    expect(unreviewed.map(({ id, finding }) => formatFinding(id, finding)), 'fix the policy, or review the finding in policy/iam-lint-reviewed.yaml').toEqual([]);
  });

  it('has no stale entry on the reviewed list', () => {
    const { stale } = review(estate, reviewed);
    expect(stale.map((entry) => `${entry.documents} ${entry.issue}${entry.detail ? ` "${entry.detail}"` : ''}`), 'nothing matches them any more: delete them').toEqual([]);
  });

  it.each(probes.map((p) => [p.original.id, p.how, p] as const))('%s made looser (%s) fails with parliament\'s finding', (_id, _how, { original, probe, expect: action }) => {
    // GIVEN the document as reviewed, and the same made looser
    const before = review([{ id: original.id, findings: estate.find((r) => r.id === original.id)!.findings }], reviewed).unreviewed;
    const after = review([{ id: original.id, findings: probed.get(probe.id)!.findings }], reviewed).unreviewed;
    expect(before).toEqual([]);
    // THEN parliament's RESOURCE_STAR finding for it is on no reviewed entry, and names what was granted
    const messages = after.map(({ id, finding }) => formatFinding(id, finding));
    const resourceStar = messages.filter((m) => m.includes('RESOURCE_STAR (LOW) Unnecessary use of Resource *:'));
    expect(resourceStar, messages.join('\n')).toHaveLength(1);
    expect(resourceStar[0].toLowerCase()).toContain(action.toLowerCase());
  });

  it('refuses two documents with one id', () => {
    expect(() => lintIamDocuments(python, [documents[0], documents[0]])).toThrow(`lintIamDocuments: two documents have the id ${documents[0].id}`);
  });
});
