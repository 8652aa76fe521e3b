import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, manifestValidator, Obj, objectsOf, synthesized } from '../support/estate';
import { REFERENCE_KINDS } from '../../charts/pipeline/validation/references';
import { findReferences } from '../../policy/references';

type Container = { name: string; environment?: { name: string; value: string }[]; secrets?: { name: string; valueFrom: string }[] };
const containersOf = (env: string): [string, Container][] =>
  kindsOf(env, 'TaskDefinition').flatMap((td) => (td.spec.containerDefinitions as Container[]).map((c): [string, Container] => [td.metadata.name, c]));

/** Values that look like credentials rather than configuration. */
const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /AKIA[0-9A-Z]{16}/, // AWS access key id
  /\b(sk|rk|pk)_(live|test)_[0-9A-Za-z]{8,}/, // Stripe keys
  /whsec_[0-9A-Za-z]{8,}/, // Stripe webhook secrets
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}\./, // a JWT
  /:\/\/[^/\s:@]+:[^/\s@]+@/, // credentials in a URL
  /^[A-Za-z0-9+/=_-]{32,}$/, // a long random-looking token
];
const SECRET_LIKE_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY/;

/** IAM's glob: `*` any characters, `?` one. */
const globMatches = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);

describe('secrets reach the containers by ARN only', () => {
  it('the patterns catch what they are meant to catch', () => {
    for (const value of ['AKIAABCDEFGHIJKLMNOP', 'sk_live_abcdefghijkl', 'whsec_abcdefgh1234', 'rediss://user:hunter2@cache:6379', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.x', 'c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZy1lbm91Z2g=']) {
      expect(SECRET_VALUE_PATTERNS.some((p) => p.test(value)), value).toBe(true);
    }
    for (const value of ['rediss://inventory-cache.mycomputer-production.internal:6379', '127.0.0.1:2000', 'inventory-db.mycomputer-production.internal', '0.1']) {
      expect(SECRET_VALUE_PATTERNS.some((p) => p.test(value)), value).toBe(false);
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: no environment variable of any container is named or valued like a secret', (env) => {
    const offenders = containersOf(env).flatMap(([td, c]) =>
      (c.environment ?? []).filter((e) => SECRET_LIKE_NAME.test(e.name) || SECRET_VALUE_PATTERNS.some((p) => p.test(e.value))).map((e) => `${td}/${c.name}: ${e.name}`),
    );
    expect(offenders).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: each injected secret is a catalogue secret of the workload, by the partial ARN of its Secret object', (env) => {
    const config = loadEnv(env);
    for (const [workload, definition] of Object.entries(config.catalogue.workloads)) {
      const td = findObject(env, 'TaskDefinition', `task-definition-${workload}`);
      const app = (td.spec.containerDefinitions as Container[]).find((c) => c.name === workload)!;
      const injected = Object.fromEntries((app.secrets ?? []).map((s) => [s.name, s.valueFrom]));
      expect(Object.keys(injected).sort(), workload).toEqual(Object.keys(definition.secrets).sort());
      for (const [name, key] of Object.entries(definition.secrets)) {
        const secret = findObject(env, 'Secret', `secret-${key}`);
        expect(injected[name], `${workload} ${name}`).toBe(`arn:aws:secretsmanager:${config.aws.region}:${config.aws.accountId}:secret:${secret.spec.name}`);
      }
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: the execution role may read every secret a container names (ARN with its random suffix)', (env) => {
    const grants = kindsOf(env, 'Policy', 'iam.services.k8s.aws').flatMap((policy) =>
      (JSON.parse(policy.spec.policyDocument).Statement as { Effect: string; Action: string[]; Resource: string[] }[])
        .filter((s) => s.Effect === 'Allow' && s.Action.includes('secretsmanager:GetSecretValue'))
        .flatMap((s) => s.Resource),
    );
    const valueFroms = containersOf(env).flatMap(([, c]) => (c.secrets ?? []).map((s) => s.valueFrom));
    expect(valueFroms.length).toBeGreaterThan(0);
    for (const arn of valueFroms) expect(grants.some((g) => globMatches(g, `${arn}-AbC123`)), arn).toBe(true);
  });
});

describe('the compute objects reach what they need', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every reference of a compute object names an existing object of the right kind', (env) => {
    const index = new Set(objectsOf(env).map((o) => `${o.apiVersion.split('/')[0]}/${o.kind}|${o.metadata.name}`));
    const compute = synthesized(env).filter((s) => s.file === 'compute-cluster.yaml' || s.file.startsWith('workload-')).map((s) => s.object as unknown as Obj);
    const refs = compute.flatMap((o) => findReferences(o.spec).map((ref) => ({ where: `${o.kind} ${o.metadata.name}${ref.path}`, kind: REFERENCE_KINDS[ref.field], name: ref.name })));
    expect(new Set(refs.map((r) => r.kind))).toEqual(
      new Set(['ecs.services.k8s.aws/Cluster', 'ecs.services.k8s.aws/TaskDefinition', 'iam.services.k8s.aws/Role', 'ec2.services.k8s.aws/Subnet', 'ec2.services.k8s.aws/SecurityGroup', 'elbv2.services.k8s.aws/TargetGroup']),
    );
    expect(refs.filter((r) => !index.has(`${r.kind}|${r.name}`)).map((r) => r.where)).toEqual([]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: the execution role ARN names the foundation\'s ecsTaskExecutionRole in the environment\'s account', (env) => {
    const config = loadEnv(env);
    const role = kindsOf(env, 'Role', 'iam.services.k8s.aws').find((r) => r.spec.name === 'ecsTaskExecutionRole');
    expect(role).toBeDefined();
    for (const td of kindsOf(env, 'TaskDefinition')) expect(td.spec.executionRoleARN).toBe(`arn:aws:iam::${config.aws.accountId}:role/${role!.spec.name}`);
  });

  it.each(ENVIRONMENT_NAMES)('%s: every container logs to a log group the estate creates', (env) => {
    const groups = new Set(kindsOf(env, 'LogGroup').map((g) => g.spec.name));
    for (const td of kindsOf(env, 'TaskDefinition')) {
      for (const c of td.spec.containerDefinitions as { logConfiguration: { options: Record<string, string> } }[]) {
        expect(groups.has(c.logConfiguration.options['awslogs-group']), td.metadata.name).toBe(true);
      }
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: each service\'s target group forwards to its container port over ip targets', (env) => {
    for (const service of kindsOf(env, 'Service', 'ecs.services.k8s.aws')) {
      const [lb] = service.spec.loadBalancers;
      const group = findObject(env, 'TargetGroup', lb.targetGroupRef.from.name);
      expect([group.spec.port, group.spec.targetType], service.metadata.name).toEqual([lb.containerPort, 'ip']);
    }
  });
});

describe('schema', () => {
  it.each(ENVIRONMENT_NAMES)('%s: every compute object validates against its CRD', (env) => {
    const objects = synthesized(env).filter((s) => s.file === 'compute-cluster.yaml' || s.file.startsWith('workload-'));
    expect(objects.map((s) => (s.object as unknown as Obj).kind).sort()).toEqual(
      ['Cluster', ...Array(5).fill(['ScalableTarget', 'ScalingPolicy', 'ScalingPolicy', 'Service', 'TaskDefinition']).flat()].sort(),
    );
    for (const { object } of objects) expect(manifestValidator().validate(object), `${object.kind} ${(object as unknown as Obj).metadata.name}`).toEqual([]);
  });
});
