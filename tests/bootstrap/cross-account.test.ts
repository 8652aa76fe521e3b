/**
 * The cross-account wiring ACK needs before it can act in any environment's account:
 * `ack-role-account-map` in the controllers' namespace, and the role it names in each account.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACK_ROLE_ACCOUNT_MAP, ackControllersRoleArn, ackServiceOf, controllerIdentityArn } from '../../charts/bootstrap/ack-accounts';
import { controllersPermissionsPolicy, IAM_GRANTS_OF_KIND, IAM_PREFIX_OF_SERVICE, IAM_SERVICE, ROLE_GRANT } from '../../charts/bootstrap/controller-iam';
import { BOOTSTRAP_DIR, BOOTSTRAP_IAM_DIR } from '../../charts/bootstrap/synth-bootstrap';
import { ARGOCD_DIR } from '../../charts/delivery/synth-delivery';
import { crdsDir } from '../../charts/lib/crds-dir';
import { readManifests } from '../../charts/pipeline/synthesized';
import { ENVIRONMENT_NAMES, loadEnv, MANIFESTS_DIR } from '../support/estate';

type Doc = { Statement: { Sid: string; Effect: string; Action: string | string[]; Resource?: string | string[]; Principal?: { AWS: string }; Condition?: { ArnEquals: Record<string, string[]> } }[] };
const committed = (folder: string) => readManifests(path.join(MANIFESTS_DIR, folder), folder).map(({ file, object }) => ({ file, ...(object as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; data?: Record<string, string>; spec?: Record<string, unknown> }) }));
const iamDocument = (env: string, file: string) => JSON.parse(fs.readFileSync(path.join(MANIFESTS_DIR, BOOTSTRAP_DIR, BOOTSTRAP_IAM_DIR, env, file), 'utf8')) as Doc;
const controllers = loadEnv(ENVIRONMENT_NAMES[0]).catalogue.controllers;
const accountMap = () => committed(BOOTSTRAP_DIR).find((o) => o.kind === 'ConfigMap' && o.metadata.name === ACK_ROLE_ACCOUNT_MAP);
/** The ACK services an environment's committed manifests use. */
const servicesUsed = (env: string) => [...new Set(committed(env).map((o) => ackServiceOf(o.apiVersion)).filter((s): s is string => s !== undefined))].sort();

describe('ack-role-account-map', () => {
  it('is a ConfigMap in the controllers\' namespace, which the bootstrap also creates', () => {
    expect(accountMap()?.metadata.namespace).toBe(controllers.namespace);
    expect(committed(BOOTSTRAP_DIR).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual([controllers.namespace]);
  });

  it('maps every account an environment namespace names (owner-account-id) to the ack-controllers role in that account', () => {
    // GIVEN the account each environment's Namespace hands to ACK
    const owners = ENVIRONMENT_NAMES.map((env) => committed(env).find((o) => o.kind === 'Namespace')!.metadata.annotations!['services.k8s.aws/owner-account-id']);
    expect(owners).toEqual(ENVIRONMENT_NAMES.map((env) => loadEnv(env).aws.accountId));

    // THEN the map has exactly those keys, each to a role of its own account
    const data = accountMap()!.data!;
    expect(Object.keys(data).sort()).toEqual([...new Set(owners)].sort());
    for (const account of owners) expect(data[account]).toBe(`arn:aws:iam::${account}:role/ack-controllers`);
  });

  // The name, namespace and data format as the ACK runtime reads them: its source, where present.
  const runtime = path.join(crdsDir(), '..', 'ack-src', 'runtime@v0.62.0', 'pkg', 'runtime', 'cache');
  const withRuntime = fs.existsSync(runtime) ? it : it.skip;
  if (!fs.existsSync(runtime)) console.warn(`skipping the runtime-source check: no ${runtime}`);
  withRuntime('uses the ConfigMap name and default namespace of the ACK runtime source', () => {
    const account = fs.readFileSync(path.join(runtime, 'account.go'), 'utf8');
    const cache = fs.readFileSync(path.join(runtime, 'cache.go'), 'utf8');
    expect(account).toContain(`ACKRoleAccountMap = "${ACK_ROLE_ACCOUNT_MAP}"`);
    expect(cache).toContain(`defaultACKSystemNamespace = "${controllers.namespace}"`);
    // data is account id → role ARN, read with c.data[key] (CARMMap.GetValue)
    expect(account).toMatch(/roleARN, ok := c\.data\[key\]/);
  });
});

describe('the ack-controllers role of each environment account', () => {
  it.each(ENVIRONMENT_NAMES)('%s: only the controllers of the services it uses may assume it, from the controllers\' account', (env) => {
    const [statement, ...rest] = iamDocument(env, 'trust-policy.json').Statement;
    expect(rest).toEqual([]);
    expect(statement).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${controllers.accountId}:root` } });
    expect(statement.Condition!.ArnEquals['aws:PrincipalArn']).toEqual(servicesUsed(env).map((service) => controllerIdentityArn(controllers.accountId, service)));
  });

  it.each(ENVIRONMENT_NAMES)('%s: grants each used service\'s actions and nothing else, and denies changes to itself', (env) => {
    const statements = iamDocument(env, 'permissions-policy.json').Statement;
    const allowed = statements.filter((s) => s.Effect === 'Allow' && s.Sid !== 'AckIam');
    expect(allowed.map((s) => s.Action).sort()).toEqual(servicesUsed(env).filter((service) => service !== IAM_SERVICE).map((service) => `${IAM_PREFIX_OF_SERVICE[service]}:*`).sort());
    for (const statement of allowed) expect(statement.Resource).toBe('*');
    expect(statements.filter((s) => s.Effect === 'Deny')).toEqual([{ Sid: 'ProtectOwnRole', Effect: 'Deny', Action: 'iam:*', Resource: ackControllersRoleArn(loadEnv(env).aws.accountId) }]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: grants IAM only what its controller calls for the IAM kinds the environment uses, on that account\'s ARNs', (env) => {
    // GIVEN the IAM kinds of the committed manifests and the environment's account
    const kinds = [...new Set(committed(env).filter((o) => ackServiceOf(o.apiVersion) === IAM_SERVICE).map((o) => o.kind))];
    expect(kinds.length).toBeGreaterThan(0);
    const account = loadEnv(env).aws.accountId;
    // THEN the IAM statement names those calls (and passing roles), on role, policy... ARNs of that account only
    const iam = iamDocument(env, 'permissions-policy.json').Statement.find((s) => s.Sid === 'AckIam')!;
    const grants = [ROLE_GRANT, ...kinds.map((kind) => IAM_GRANTS_OF_KIND[kind])];
    expect([...iam.Action].sort()).toEqual([...new Set(grants.flatMap((grant) => grant.actions.map((action) => `iam:${action}`)))].sort());
    expect([...iam.Resource!].sort()).toEqual([...new Set(grants.map((grant) => `arn:aws:iam::${account}:${grant.resource}`))].sort());
  });

  it('refuses an IAM kind it has no grant for, naming it and where to add it', () => {
    expect(() => controllersPermissionsPolicy('333333333333', ['iam'], ['Role', 'User'])).toThrow('no IAM grant for IAM kind(s) User: add what the IAM controller calls for them to IAM_GRANTS_OF_KIND');
  });

  // What the IAM controller calls, per kind, read from its source where present.
  const iamController = path.join(crdsDir(), '..', 'ack-src', 'iam-controller@v1.8.1', 'pkg', 'resource');
  const withIamController = fs.existsSync(iamController) ? it : it.skip;
  if (!fs.existsSync(iamController)) console.warn(`skipping the iam-controller source check: no ${iamController}`);
  withIamController.each(Object.keys(IAM_GRANTS_OF_KIND))('the IAM grant of %s is every IAM call of iam-controller for it', (kind) => {
    const dir = path.join(iamController, kind.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase());
    const source = fs.readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const calls = [...source.matchAll(/sdkapi\.([A-Z]\w+)\(|svcsdk\.New(\w+)Paginator\(/g)].map((m) => m[1] ?? m[2]);
    expect([...IAM_GRANTS_OF_KIND[kind].actions].sort()).toEqual([...new Set(calls)].sort());
  });

  it('refuses a service it has no IAM prefix for, naming it and where to add it', () => {
    expect(() => controllersPermissionsPolicy('333333333333', ['s3', 'lambda'])).toThrow('no IAM action prefix for ACK service(s) lambda: add them to IAM_PREFIX_OF_SERVICE');
  });
});

describe('Argo CD leaves the bootstrap folder to the bootstrap', () => {
  const argo = committed(ARGOCD_DIR);

  it('no Application syncs manifests/bootstrap, and no AppProject deploys into the controllers\' namespace', () => {
    const applications = argo.filter((o) => o.kind === 'Application');
    expect(applications.length).toBeGreaterThan(0);
    for (const app of applications) {
      const source = (app.spec as { source: { path: string; directory?: { recurse?: boolean } } }).source;
      expect(source.path.split('/')).not.toContain(BOOTSTRAP_DIR);
      // Not recursive (Argo CD's default; the Applications leave `directory` out, as Argo CD strips a default-only one).
      expect(source.directory?.recurse ?? false).toBe(false);
    }
    for (const project of argo.filter((o) => o.kind === 'AppProject')) {
      const destinations = (project.spec as { destinations: { namespace: string }[] }).destinations;
      expect(destinations.map((d) => d.namespace)).not.toContain(controllers.namespace);
    }
  });
});
