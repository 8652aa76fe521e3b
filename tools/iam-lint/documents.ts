/**
 * Every IAM policy document the estate ships: the policy fields of the synthesized ACK objects
 * in each folder of `manifests/`, and the JSON documents of the bootstrap role
 * (`manifests/bootstrap/iam/<env>/*.json`, docs/bootstrap.md). tools/iam-lint lints them all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ACK_CONTROLLERS_ROLE, ackControllersRoleArn } from '../../charts/bootstrap/ack-accounts';
import { BOOTSTRAP_DIR, BOOTSTRAP_IAM_DIR } from '../../charts/bootstrap/synth-bootstrap';
import { PARTITION } from '../../charts/lib/arns';
import { DEFAULT_REGION_ANNOTATION, OWNER_ACCOUNT_ANNOTATION, REGION_ANNOTATION } from '../../policy/annotations';
import { kindKey, KubeObject } from '../../policy/tag-shapes';

/** One policy document and where it is. */
export interface IamDocument {
  /** `<folder>/<Kind>/<name>/<field>`, e.g. `production/Policy/iam-policy-s3-replication/spec.policyDocument`. */
  readonly id: string;
  /** The file it is in, relative to the manifests folder. */
  readonly file: string;
  /** Its object's group/Kind (`iam.services.k8s.aws/Role`), or BOOTSTRAP_ROLE_KIND. */
  readonly kind: string;
  /** The field (`spec.policy`, `spec.inlinePolicies.<name>`) or file name (bootstrap) it is in. */
  readonly field: string;
  /** The policy text, exactly as committed. */
  readonly document: string;
  /**
   * The resource a policy is attached to, for a kind whose statements may name none (a role's
   * trust policy, a file system policy): IAM reads such a statement as being about it.
   */
  readonly resource?: string;
}

/** What the ARN of an object's own resource is built from: its folder's namespace annotations. */
interface Where {
  readonly account?: string;
  readonly region?: string;
}

interface DocumentField {
  /** Dotted path under the object. */
  readonly field: string;
  /** A map of name → document (inline policies). */
  readonly map?: boolean;
  /** The ARN of the resource the document is attached to, when its statements name none. */
  readonly resource?: (object: KubeObject, where: Required<Where>) => string;
}

const roleArn = (object: KubeObject, { account }: Required<Where>) => `arn:${PARTITION}:iam::${account}:role${String(object.spec?.path ?? '/')}${String(object.spec?.name)}`;

/**
 * The fields of the ACK CRDs (../shared/crds) that hold an IAM policy document as a JSON string,
 * by group/Kind. A value in one of them is linted whatever it holds (a malformed one is a
 * finding); a policy-shaped string anywhere else is found too, and tests/security/iam-lint.test.ts
 * asks for its field to be added here. Secrets Manager's Secret has no resource-policy field in
 * its CRD (v1.4.1), so the estate cannot have one; the same test fails when a CRD in use gains one.
 */
export const IAM_DOCUMENT_FIELDS: Readonly<Record<string, readonly DocumentField[]>> = {
  'iam.services.k8s.aws/Policy': [{ field: 'spec.policyDocument' }],
  'iam.services.k8s.aws/Role': [{ field: 'spec.assumeRolePolicyDocument', resource: roleArn }, { field: 'spec.inlinePolicies', map: true }],
  'iam.services.k8s.aws/User': [{ field: 'spec.inlinePolicies', map: true }],
  'iam.services.k8s.aws/Group': [{ field: 'spec.inlinePolicies', map: true }],
  'kms.services.k8s.aws/Key': [{ field: 'spec.policy' }],
  's3.services.k8s.aws/Bucket': [{ field: 'spec.policy' }],
  'ecr.services.k8s.aws/Repository': [{ field: 'spec.policy' }],
  'ecr.services.k8s.aws/RepositoryCreationTemplate': [{ field: 'spec.repositoryPolicy' }],
  // The file system's id is assigned by AWS, hence `*`.
  'efs.services.k8s.aws/FileSystem': [{ field: 'spec.policy', resource: (object, { account, region }) => `arn:${PARTITION}:elasticfilesystem:${object.metadata.annotations?.[REGION_ANNOTATION] ?? region}:${account}:file-system/*` }],
  'ec2.services.k8s.aws/VPCEndpoint': [{ field: 'spec.policyDocument' }],
  'sns.services.k8s.aws/Topic': [{ field: 'spec.policy' }],
};

/**
 * Fields of the same CRDs named like a policy that hold no IAM policy, with what they hold
 * (tests/security/iam-lint.test.ts: every policy-named string field of an imported kind is in
 * one of the two tables).
 */
export const NOT_IAM_POLICY_FIELDS: Readonly<Record<string, string>> = {
  'cloudfront.services.k8s.aws/Distribution viewerProtocolPolicy': 'an enum: allow-all, https-only, redirect-to-https',
  'cloudfront.services.k8s.aws/Distribution originProtocolPolicy': 'an enum: http-only, match-viewer, https-only',
  'elbv2.services.k8s.aws/Listener sslPolicy': 'the name of an ELB TLS security policy',
  'elbv2.services.k8s.aws/Listener alpnPolicy': 'ALPN policy names (HTTP2Preferred...)',
  'iam.services.k8s.aws/Role policies': 'ARNs of managed policies to attach: ours are Policy objects (linted there), AWS managed ones are AWS\'s',
  'ecr.services.k8s.aws/Repository lifecyclePolicy': 'ECR lifecycle rules (JSON, but image expiry rules, not IAM)',
  'sns.services.k8s.aws/Topic deliveryPolicy': 'SNS HTTP/S delivery retries (JSON, not IAM)',
  'sns.services.k8s.aws/Topic dataProtectionPolicy': 'SNS message data protection (JSON, not IAM)',
  'sns.services.k8s.aws/Subscription deliveryPolicy': 'SNS HTTP/S delivery retries (JSON, not IAM)',
  'sns.services.k8s.aws/Subscription filterPolicy': 'which messages the subscriber receives (JSON, not IAM)',
  'sns.services.k8s.aws/Subscription redrivePolicy': 'the dead-letter queue of undeliverable messages (JSON, not IAM)',
};

/** Kind part of the ids of the bootstrap role's documents (an IAM role applied by hand, not an object). */
export const BOOTSTRAP_ROLE_KIND = 'BootstrapRole';
const BOOTSTRAP_TRUST_POLICY = 'trust-policy.json';

/** Whether a string is an IAM policy: a JSON object whose Statement (one or a list) carries Effect. */
export function isPolicyShaped(value: string): boolean {
  if (!value.trimStart().startsWith('{')) return false;
  try {
    const statements = (JSON.parse(value) as { Statement?: unknown }).Statement;
    return [statements].flat().some((statement) => typeof statement === 'object' && statement !== null && 'Effect' in statement);
  } catch {
    return false;
  }
}

function valueAt(object: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), object);
}

/** Every string in `value` with its dotted path from `at`. */
function strings(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => strings(item, `${at}.${key}`));
}

/** The documents of one object: its registered fields, then any other policy-shaped string. */
export function documentsOf(folder: string, file: string, object: KubeObject, where: Where = {}): IamDocument[] {
  const found = new Map<string, { document: string; resource?: string }>();
  for (const { field, map, resource } of IAM_DOCUMENT_FIELDS[kindKey(object)] ?? []) {
    const value = valueAt(object, field);
    if (value === undefined) continue;
    const attachedTo = resource && where.account && where.region ? resource(object, where as Required<Where>) : undefined;
    if (map && value !== null && typeof value === 'object') {
      for (const [name, document] of Object.entries(value)) found.set(`${field}.${name}`, { document: String(document) });
    } else {
      found.set(field, { document: typeof value === 'string' ? value : JSON.stringify(value), ...(attachedTo ? { resource: attachedTo } : {}) });
    }
  }
  for (const [field, value] of strings(object.spec, 'spec')) if (!found.has(field) && isPolicyShaped(value)) found.set(field, { document: value });
  return [...found].map(([field, document]) => ({ id: `${folder}/${object.kind}/${object.metadata?.name}/${field}`, file, kind: kindKey(object), field, ...document }));
}

/** Folders of `manifestsDir` holding YAML, relative to it (environments, argocd, bootstrap...). */
function yamlFolders(manifestsDir: string, relative = ''): string[] {
  const entries = fs.readdirSync(path.join(manifestsDir, relative), { withFileTypes: true });
  const here = entries.some((entry) => entry.isFile() && entry.name.endsWith('.yaml')) ? [relative] : [];
  return [...here, ...entries.filter((entry) => entry.isDirectory()).flatMap((entry) => yamlFolders(manifestsDir, path.posix.join(relative, entry.name)))];
}

function objectsOf(manifestsDir: string, folder: string): { file: string; object: KubeObject }[] {
  return fs
    .readdirSync(path.join(manifestsDir, folder))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => {
      const file = path.posix.join(folder, name);
      return parseAllDocuments(fs.readFileSync(path.join(manifestsDir, file), 'utf8'))
        .map((document) => document.toJS() as KubeObject | null)
        .filter((object): object is KubeObject => object !== null && typeof object.kind === 'string')
        .map((object) => ({ file, object }));
    });
}

/** The account and region ACK acts in for a folder: its Namespace's annotations, if it has one. */
function whereOf(objects: readonly { object: KubeObject }[]): Where {
  const annotations = objects.find(({ object }) => object.kind === 'Namespace' && object.metadata.annotations?.[OWNER_ACCOUNT_ANNOTATION])?.object.metadata.annotations;
  return { account: annotations?.[OWNER_ACCOUNT_ANNOTATION], region: annotations?.[DEFAULT_REGION_ANNOTATION] };
}

/** The bootstrap role's documents, one folder per environment; its trust policy is about the role. */
function bootstrapDocuments(manifestsDir: string, whereByFolder: ReadonlyMap<string, Where>): IamDocument[] {
  const iamDir = path.join(manifestsDir, BOOTSTRAP_DIR, BOOTSTRAP_IAM_DIR);
  if (!fs.existsSync(iamDir)) return [];
  return fs
    .readdirSync(iamDir)
    .sort()
    .flatMap((env) =>
      fs
        .readdirSync(path.join(iamDir, env))
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => {
          const file = path.posix.join(BOOTSTRAP_DIR, BOOTSTRAP_IAM_DIR, env, name);
          const account = whereByFolder.get(env)?.account;
          const resource = name === BOOTSTRAP_TRUST_POLICY && account ? { resource: ackControllersRoleArn(account) } : {};
          const id = `${env}/${BOOTSTRAP_ROLE_KIND}/${ACK_CONTROLLERS_ROLE}/${name}`;
          return { id, file, kind: BOOTSTRAP_ROLE_KIND, field: name, document: fs.readFileSync(path.join(manifestsDir, file), 'utf8'), ...resource };
        }),
    );
}

/**
 * Every IAM policy document under `manifestsDir`, in a stable order. Refuses a folder without
 * any YAML: a lint of nothing would pass.
 */
export function collectIamDocuments(manifestsDir: string): IamDocument[] {
  const folders = yamlFolders(manifestsDir);
  if (folders.length === 0) throw new Error(`collectIamDocuments: no manifests under ${manifestsDir} (run \`npm run synth\`)`);
  const whereByFolder = new Map<string, Where>();
  const fromObjects = folders.flatMap((folder) => {
    const objects = objectsOf(manifestsDir, folder);
    const where = whereOf(objects);
    whereByFolder.set(folder, where);
    return objects.flatMap(({ file, object }) => documentsOf(folder, file, object, where));
  });
  return [...fromObjects, ...bootstrapDocuments(manifestsDir, whereByFolder)];
}
