/**
 * ACK refuses an identifier field set together with its reference twin; synth refuses it first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, App, JsonPatch } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { buildEstate } from '../../charts/estate';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { SynthValidationError } from '../../charts/pipeline/synthesized';
import { checkSynthesized } from '../../charts/pipeline/checks';
import { loadCrdCatalog } from '../../charts/pipeline/validation/crd-catalog';
import { referenceProperties, twinConflicts, twinPairs } from '../../charts/pipeline/validation/reference-twins';
import { crdsDir } from '../../charts/lib/crds-dir';
import { synthOptions } from '../../charts/synth-config';
import { ENVIRONMENT_NAMES, ENVIRONMENTS_DIR, findObject, listEnvironments, loadEnv, manifestValidator, synthesized } from '../support/estate';
import { readTree } from '../support/temp-tree';

const catalog = loadCrdCatalog(path.join(crdsDir(), 'ack'));
type Schema = Parameters<typeof twinPairs>[0];
const specOf = (apiVersion: string, kind: string) => (catalog.get(`${apiVersion}/${kind}`)!.schema as { properties: { spec: Schema } }).properties.spec;

describe('the twin rule against every ACK CRD', () => {
  it('gives every reference property of every CRD exactly one identifier twin', () => {
    // GIVEN every `xRef`/`xRefs` property of every served ACK CRD version
    const refs = [...catalog.values()].flatMap((crd) => referenceProperties(crd.schema as Schema).map((r) => ({ ...r, kind: `${crd.group}/${crd.kind}` })));
    expect(refs.length).toBeGreaterThan(50);

    // THEN the rule finds a twin for each (a reference without one would leave a conflict unchecked)
    expect(refs.filter((r) => r.twin === undefined).map((r) => `${r.kind} ${r.path}.${r.ref}`)).toEqual([]);
  });

  it.each([
    ['iam.services.k8s.aws/v1alpha1', 'Role', ['policies', 'policyRefs']],
    ['iam.services.k8s.aws/v1alpha1', 'Role', ['permissionsBoundary', 'permissionsBoundaryRef']],
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', ['kmsKeyID', 'kmsKeyRef']],
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', ['dbSubnetGroupName', 'dbSubnetGroupRef']],
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', ['vpcSecurityGroupIDs', 'vpcSecurityGroupRefs']],
    ['ecs.services.k8s.aws/v1alpha1', 'Service', ['cluster', 'clusterRef']],
    ['elbv2.services.k8s.aws/v1alpha1', 'Listener', ['loadBalancerARN', 'loadBalancerRef']],
  ])('pairs the fields the controllers pair: %s %s %j', (apiVersion, kind, pair) => {
    // The pairs as the controllers' generated validateReferenceFields name them (../shared/ack-src/*/pkg/resource/*/references.go)
    expect(twinPairs(specOf(apiVersion, kind))).toContainEqual(pair);
  });

  it('pairs nested fields and prefers the ID over the name (security group rules: groupID, not groupName)', () => {
    const spec = specOf('ec2.services.k8s.aws/v1alpha1', 'SecurityGroup');
    const rule = { ingressRules: [{ userIDGroupPairs: [{ groupName: 'x', groupRef: { from: { name: 'y' } } }, { groupID: 'sg-1', groupRef: { from: { name: 'y' } } }] }] };
    expect(twinConflicts(rule, spec, '.spec')).toEqual([{ field: '.spec.ingressRules[0].userIDGroupPairs[1].groupID', ref: '.spec.ingressRules[0].userIDGroupPairs[1].groupRef' }]);
  });
});

describe('synth refuses an object that sets a field and its reference', () => {
  it.each(ENVIRONMENT_NAMES)('%s: no synthesized object sets both', (env) => {
    const objects = synthesized(env);
    const conflicts = objects.flatMap(({ file, object }) => {
      const crd = manifestValidator().crdOf(String(object.apiVersion), String(object.kind));
      return crd ? twinConflicts(object, crd.schema as Schema).map((c) => `${file}: ${String(object.kind)}: ${c.field} ${c.ref}`) : [];
    });
    expect(conflicts).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: the EC2 role attaches its managed and its own policy by ARN, the others by reference', (env) => {
    // GIVEN the environment's account WHEN the roles are read
    const account = loadEnv(env).aws.accountId;
    const ec2 = findObject(env, 'Role', 'ec2-instance-role');
    const agent = findObject(env, 'Policy', 'iam-policy-ec2-cloudwatch-agent');
    // THEN the EC2 role has no references, and its own policy's ARN is that Policy object's name in the account
    expect(ec2.spec.policyRefs).toBeUndefined();
    expect(ec2.spec.policies).toContain(`arn:aws:iam::${account}:policy/${agent.spec.name}`);
    expect(findObject(env, 'Role', 'ecs-task-role').spec.policies).toBeUndefined();
  });

  it('names environment, file, object and both fields, and leaves manifests/ untouched', () => {
    // GIVEN the estate with the Role bug put back (policies next to policyRefs)
    const buildBroken = (app: App, env: EnvironmentConfig) => {
      buildEstate(app, env);
      const role = app.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Role' && c.name === 'ec2-instance-role');
      if (!role) throw new Error('no Role ec2-instance-role in the estate');
      role.addJsonPatch(JsonPatch.add('/spec/policyRefs', [{ from: { name: 'iam-policy-ec2-cloudwatch-agent' } }]));
    };
    const manifestsDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twins-')), 'manifests');
    fs.mkdirSync(manifestsDir);
    fs.writeFileSync(path.join(manifestsDir, 'sentinel.yaml'), 'kept: true\n');
    const before = readTree(manifestsDir);

    // WHEN synth runs
    let error: unknown;
    try {
      synthesizeAll(synthOptions({ manifestsDir, build: buildBroken }));
    } catch (caught) {
      error = caught;
    }

    // THEN it fails (at the first environment, synth stops there) with a line naming file, object and both fields
    expect(error).toBeInstanceOf(SynthValidationError);
    const lines = (error as SynthValidationError).problems.filter((p) => p.includes('policyRefs'));
    expect(lines).toEqual([`${listEnvironments(ENVIRONMENTS_DIR)[0]}/identity.yaml: Role ec2-instance-role: spec.policies and spec.policyRefs are both set; ACK refuses an identifier and its reference together: keep one`]);
    expect(readTree(manifestsDir)).toEqual(before);
  });

  it('refuses a hand-made bad object through validateSynthesized', () => {
    const env = loadEnv('development');
    const bad = {
      apiVersion: 'rds.services.k8s.aws/v1alpha1',
      kind: 'DBSubnetGroup',
      metadata: { name: 'db', namespace: env.namespace },
      spec: { name: 'db', description: 'd', subnetIDs: ['subnet-1'], subnetRefs: [{ from: { name: 'a' } }] },
    };
    expect(() => checkSynthesized(env, [{ environment: 'development', file: 'databases.yaml', object: bad }], manifestValidator())).toThrow(
      'development/databases.yaml: DBSubnetGroup db: spec.subnetIDs and spec.subnetRefs are both set',
    );
  });
});
