import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { IdentityChart } from '../../charts/estate/identity-chart';
import { checkStatement, permissionsDocument, UNSCOPED_ACTIONS } from '../../charts/lib/iam-policy-document';
import { KEY_PURPOSES } from '../../charts/lib/kms';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, manifestValidator, Obj, synthesized } from '../support/estate';

const ACCOUNTS = { development: '333333333333', staging: '222222222222', production: '111111111111' } as const;

interface PolicyStatement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const statementsOf = (policy: Obj): PolicyStatement[] => JSON.parse(policy.spec.policyDocument).Statement;
const statement = (env: string, policy: string, sid: string) => {
  const found = statementsOf(findObject(env, 'Policy', policy)).find((s) => s.Sid === sid);
  if (!found) throw new Error(`${env}: ${policy} has no statement ${sid}`);
  return found;
};
const trustOf = (role: Obj) => JSON.parse(role.spec.assumeRolePolicyDocument).Statement;

/** The seed's four roles: AWS name → the one service trusted to assume it. */
const SEED_ROLES: [string, string][] = [
  ['ecsTaskExecutionRole', 'ecs-tasks.amazonaws.com'],
  ['ecsTaskRole', 'ecs-tasks.amazonaws.com'],
  ['lambdaExecutionRole', 'lambda.amazonaws.com'],
  ['ec2InstanceRole', 'ec2.amazonaws.com'],
];
/** The only role beyond the seed's: S3 replicates the backups bucket into the DR region as it (production only, docs/coverage/dr.md). */
const REPLICATION_ROLE: [string, string] = ['s3ReplicationRole', 's3.amazonaws.com'];
const hasDr = (env: string) => env === 'production';
/** The roles each environment must have, exactly. */
const rolesOf = (env: string): [string, string][] => [...SEED_ROLES, ...(hasDr(env) ? [REPLICATION_ROLE] : [])];
const byFirst = <T extends unknown[]>(rows: T[]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

/**
 * What the replication policy may name, and nothing else: the source backups bucket and its
 * objects, the objects of its DR copy, and the keys of the primary and DR regions (narrowed by conditions).
 */
const replicationResources = (env: string) => {
  const { aws, storage } = loadEnv(env);
  return {
    sourceBucket: `arn:aws:s3:::${storage.buckets.backups}`,
    sourceObjects: `arn:aws:s3:::${storage.buckets.backups}/*`,
    replicaObjects: `arn:aws:s3:::${storage.buckets.backups}-${aws.drRegion}/*`,
    sourceKeys: `arn:aws:kms:${aws.region}:${aws.accountId}:key/*`,
    replicaKeys: `arn:aws:kms:${aws.drRegion}:${aws.accountId}:key/*`,
  };
};

/** The only statements granted on Resource "*": their actions have no resource type in IAM. */
const DOCUMENTED_UNSCOPED = [
  'iam-policy-ec2-cloudwatch-agent/AgentMetricDimensions',
  'iam-policy-ec2-cloudwatch-agent/AgentMetrics',
  'iam-policy-ecs-task-execution/RegistryLogin',
  'iam-policy-ecs-task/ApplicationMetrics',
  'iam-policy-ecs-task/Tracing',
];

describe('IAM roles (the seed\'s four roles, and S3 replication where DR is on)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: the four seed roles (plus the replication role in production), each trusted by exactly one service', (env) => {
    // GIVEN the synthesized roles
    expect(loadEnv(env).disasterRecovery.enabled).toBe(hasDr(env));
    const roles = kindsOf(env, 'Role', 'iam.services.k8s.aws');

    // WHEN their names and trust policies are read
    const trust = roles.map((role) => [role.spec.name, trustOf(role).map((s: { Principal: unknown; Action: string; Effect: string }) => [s.Effect, s.Principal, s.Action])]);

    // THEN they are the seed's roles and, in production only, S3's replication role; each trusts only its own service
    expect(byFirst(trust)).toEqual(byFirst(rolesOf(env).map(([name, service]) => [name, [['Allow', { Service: service }, 'sts:AssumeRole']]])));
  });

  it.each(ENVIRONMENT_NAMES)('%s: S3 may assume the replication role only for the environment\'s own backups bucket', (env) => {
    // GIVEN the replication role, where there is one
    const role = kindsOf(env, 'Role', 'iam.services.k8s.aws').find((r) => r.spec.name === REPLICATION_ROLE[0]);
    if (!hasDr(env)) {
      // THEN development and staging have none
      expect(role).toBeUndefined();
      return;
    }

    // WHEN its trust policy is read THEN the confused-deputy guard names this account and the backups bucket
    expect(role!.metadata.name).toBe('s3-replication-role');
    expect(trustOf(role!)[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNTS[env] },
      ArnLike: { 'aws:SourceArn': replicationResources(env).sourceBucket },
    });
  });

  it.each(ENVIRONMENT_NAMES)('%s: ECS may assume its roles only for the environment\'s own account', (env) => {
    const account = ACCOUNTS[env];
    expect(loadEnv(env).aws.accountId).toBe(account);
    for (const name of ['ecs-task-execution-role', 'ecs-task-role']) {
      expect(trustOf(findObject(env, 'Role', name))[0].Condition, name).toEqual({
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': `arn:aws:ecs:eu-west-1:${account}:*` },
      });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: each role takes its permissions from its own policy objects (and SSM for EC2), and no other policy exists', (env) => {
    // GIVEN the roles WHEN their attachments are read
    const attached = kindsOf(env, 'Role', 'iam.services.k8s.aws').map((role) => [
      role.metadata.name,
      (role.spec.policyRefs ?? []).map((ref: { from: { name: string } }) => ref.from.name),
      role.spec.policies ?? [],
    ]);

    // THEN each has its own policy; the replication role (production) only its replication policy
    expect(byFirst(attached)).toEqual(
      byFirst([
        ['ecs-task-execution-role', ['iam-policy-ecs-task-execution'], []],
        ['ecs-task-role', ['iam-policy-ecs-task'], []],
        ['lambda-execution-role', ['iam-policy-lambda-execution'], []],
        // ACK refuses policies and policyRefs together: with a managed policy, everything goes by ARN
        ['ec2-instance-role', [], ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', `arn:aws:iam::${ACCOUNTS[env]}:policy/${findObject(env, 'Policy', 'iam-policy-ec2-cloudwatch-agent').spec.name}`]],
        ...(hasDr(env) ? [['s3-replication-role', ['iam-policy-s3-replication'], []]] : []),
      ]),
    );
    for (const [, refs] of attached) for (const ref of refs as string[]) expect(findObject(env, 'Policy', ref).spec.name).toBe(`mycomputer-${ref.replace('iam-policy-', '')}`);
    // and every Policy object is one of those attached, by reference or by ARN: none lies around unexplained
    const byArn = new Map(kindsOf(env, 'Policy', 'iam.services.k8s.aws').map((p) => [`arn:aws:iam::${ACCOUNTS[env]}:policy/${p.spec.name}`, p.metadata.name]));
    const attachedPolicies = attached.flatMap(([, refs, arns]) => [...(refs as string[]), ...(arns as string[]).flatMap((arn) => byArn.get(arn) ?? [])]);
    expect(kindsOf(env, 'Policy', 'iam.services.k8s.aws').map((p) => p.metadata.name).sort()).toEqual(attachedPolicies.sort());
  });

  it.each(ENVIRONMENT_NAMES)('%s: the EC2 role has an instance profile of the same name, by reference', (env) => {
    const profile = findObject(env, 'InstanceProfile', 'ec2-instance-profile');
    expect(profile.spec).toMatchObject({ name: 'ec2InstanceRole', roleRef: { from: { name: 'ec2-instance-role' } } });
  });
});

describe('least privilege in every policy statement', () => {
  it.each(ENVIRONMENT_NAMES)('%s: Resource "*" only in the documented statements, whose actions cannot be scoped', (env) => {
    // GIVEN every statement of every policy
    const statements = kindsOf(env, 'Policy', 'iam.services.k8s.aws').flatMap((p) => statementsOf(p).map((s) => ({ policy: p.metadata.name, ...s })));
    expect(statements.length).toBeGreaterThan(0);

    // WHEN those granting "*" are listed
    const unscoped = statements.filter((s) => s.Resource.includes('*'));

    // THEN they are exactly the documented ones, and each action there has no resource type
    expect(unscoped.map((s) => `${s.policy}/${s.Sid}`).sort()).toEqual(DOCUMENTED_UNSCOPED);
    for (const s of unscoped) {
      expect(s.Resource, s.Sid).toEqual(['*']);
      for (const action of s.Action) expect(UNSCOPED_ACTIONS[action], `${s.Sid} ${action}`).toBeDefined();
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: every other resource is an ARN of the environment\'s account and region (S3: its own bucket; replication: the backups bucket, its copy and both regions\' keys)', (env) => {
    // GIVEN every statement of every policy, and what the replication policy alone may name
    const config = loadEnv(env);
    const assets = `arn:aws:s3:::${config.storage.buckets.assets}`;
    const replication = Object.values(replicationResources(env));
    const statements = kindsOf(env, 'Policy', 'iam.services.k8s.aws').flatMap((p) => statementsOf(p).map((s) => ({ policy: p.metadata.name, ...s })));

    // WHEN each resource is checked THEN it is scoped to this environment
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      for (const action of s.Action) expect(action, s.Sid).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
      for (const resource of s.Resource.filter((r) => r !== '*')) {
        // The DR region's stack runs the same tasks under the same (global) execution role.
        const taskRegions = config.disasterRecovery.enabled && s.policy === 'iam-policy-ecs-task-execution' ? [config.aws.region, config.aws.drRegion] : [config.aws.region];
        const ownAccount = resource.startsWith(`arn:aws:`) && taskRegions.some((region) => resource.includes(`:${region}:${config.aws.accountId}:`));
        const ownBucket = resource === assets || resource === `${assets}/*`;
        const replicating = s.policy === 'iam-policy-s3-replication' && replication.includes(resource);
        expect(ownAccount || ownBucket || replicating, `${s.policy}/${s.Sid}: ${resource}`).toBe(true);
      }
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: every grant on KMS key/* is narrowed to one estate key (alias), used through one service', (env) => {
    // GIVEN the statements granting on every key of a region (KMS assigns key ids; a policy cannot name one)
    const statements = kindsOf(env, 'Policy', 'iam.services.k8s.aws').flatMap((p) => statementsOf(p).map((s) => ({ policy: p.metadata.name, ...s })));
    const onKeys = statements.filter((s) => s.Resource.some((r) => /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/\*$/.test(r)));
    expect(onKeys.map((s) => `${s.policy}/${s.Sid}`).sort()).toEqual([
      'iam-policy-ecs-task-execution/DecryptProjectSecrets',
      'iam-policy-ecs-task/AssetsEncryption',
      ...(hasDr(env) ? ['iam-policy-s3-replication/DecryptSource', 'iam-policy-s3-replication/EncryptReplicas'] : []),
    ].sort());

    // WHEN their conditions are read THEN each names one key alias of the environment, and one service in the keys' region
    for (const s of onKeys) {
      expect(s.Resource, s.Sid).toHaveLength(1);
      const region = s.Resource[0].split(':')[3];
      expect(KEY_PURPOSES.map((purpose) => `alias/mycomputer/${env}/${purpose}`), s.Sid).toContain(s.Condition?.['ForAnyValue:StringEquals']?.['kms:ResourceAliases']);
      expect(s.Condition?.StringEquals?.['kms:ViaService'], s.Sid).toMatch(new RegExp(`^[a-z0-9]+\\.${region}\\.amazonaws\\.com$`));
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: the replication role reads only the backups bucket and writes only its DR copy, with the s3 key of each region', (env) => {
    // GIVEN the replication policy, where DR is on
    const policies = kindsOf(env, 'Policy', 'iam.services.k8s.aws').map((p) => p.metadata.name);
    expect(policies.includes('iam-policy-s3-replication')).toBe(hasDr(env));
    if (!hasDr(env)) return;
    const { aws, storage } = loadEnv(env);
    const r = replicationResources(env);
    const sourceBucket = r.sourceBucket;
    const replicaBucket = `arn:aws:s3:::${storage.buckets.backups}-${aws.drRegion}`;
    const viaS3 = (region: string, bucket: string) => ({
      StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` },
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/mycomputer/${env}/s3` },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucket, `${bucket}/*`] },
    });

    // WHEN its statements are read THEN they are exactly S3 replication's, on exactly these resources
    expect(replicaBucket).toBe('arn:aws:s3:::mycomputer-backups-eu-central-1');
    expect(statementsOf(findObject(env, 'Policy', 'iam-policy-s3-replication'))).toEqual([
      { Sid: 'ReadSourceConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: [sourceBucket] },
      { Sid: 'ReadSourceVersions', Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: [r.sourceObjects] },
      { Sid: 'WriteReplicas', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: [r.replicaObjects] },
      { Sid: 'DecryptSource', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:aws:kms:eu-west-1:111111111111:key/*'], Condition: viaS3('eu-west-1', sourceBucket) },
      { Sid: 'EncryptReplicas', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: ['arn:aws:kms:eu-central-1:111111111111:key/*'], Condition: viaS3('eu-central-1', replicaBucket) },
    ]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: the execution role pulls the project\'s images, writes /ecs/* logs, reads only the project\'s secrets (in the DR region too, where DR runs)', (env) => {
    const a = ACCOUNTS[env];
    const secrets = `arn:aws:secretsmanager:eu-west-1:${a}:secret:mycomputer/${env}/*`;
    const policy = 'iam-policy-ecs-task-execution';
    const config = loadEnv(env);
    const regions = config.disasterRecovery.enabled ? ['eu-west-1', config.aws.drRegion] : ['eu-west-1'];
    expect(statement(env, policy, 'PullProjectImages')).toMatchObject({
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: regions.map((region) => `arn:aws:ecr:${region}:${a}:repository/mycomputer/*`),
    });
    expect(statement(env, policy, 'WriteServiceLogs')).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: regions.flatMap((region) => [`arn:aws:logs:${region}:${a}:log-group:/ecs/*`, `arn:aws:logs:${region}:${a}:log-group:/ecs/*:*`]),
    });
    expect(statement(env, policy, 'ReadProjectSecrets')).toMatchObject({ Action: ['secretsmanager:GetSecretValue'], Resource: regions.map((region) => `arn:aws:secretsmanager:${region}:${a}:secret:mycomputer/${env}/*`) });
    expect(statement(env, policy, 'DecryptProjectSecrets')).toEqual({
      Sid: 'DecryptProjectSecrets',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [`arn:aws:kms:eu-west-1:${a}:key/*`],
      Condition: {
        StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' },
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/mycomputer/${env}/secrets` },
        StringLike: { 'kms:EncryptionContext:SecretARN': secrets },
      },
    });
  });

  it.each(ENVIRONMENT_NAMES)('%s: the task role reads and writes the assets bucket (and its key), traces, and writes only MyComputer/Application metrics', (env) => {
    const bucket = loadEnv(env).storage.buckets.assets;
    expect(bucket).toBe(env === 'production' ? 'mycomputer-assets' : `mycomputer-${env}-assets`);
    const policy = 'iam-policy-ecs-task';
    expect(statement(env, policy, 'ListAssets')).toMatchObject({ Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`] });
    expect(statement(env, policy, 'ReadWriteAssets')).toMatchObject({ Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: [`arn:aws:s3:::${bucket}/*`] });
    expect(statement(env, policy, 'AssetsEncryption')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [`arn:aws:kms:eu-west-1:${ACCOUNTS[env]}:key/*`],
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/mycomputer/${env}/s3` },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] },
      },
    });
    expect(statement(env, policy, 'Tracing').Action).toEqual([
      'xray:GetSamplingRules',
      'xray:GetSamplingStatisticSummaries',
      'xray:GetSamplingTargets',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    expect(statement(env, policy, 'ApplicationMetrics')).toMatchObject({
      Action: ['cloudwatch:PutMetricData'],
      Condition: { StringEquals: { 'cloudwatch:namespace': 'MyComputer/Application' } },
    });
  });

  it.each(ENVIRONMENT_NAMES)('%s: Lambda functions write only /aws/lambda/* logs', (env) => {
    const a = ACCOUNTS[env];
    const statements = statementsOf(findObject(env, 'Policy', 'iam-policy-lambda-execution'));
    expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
      [['logs:CreateLogGroup', 'logs:CreateLogStream'], [`arn:aws:logs:eu-west-1:${a}:log-group:/aws/lambda/*`]],
      [['logs:PutLogEvents'], [`arn:aws:logs:eu-west-1:${a}:log-group:/aws/lambda/*:*`]],
    ]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: the CloudWatch agent writes CWAgent metrics, /ec2/* logs and reads its own configuration', (env) => {
    const a = ACCOUNTS[env];
    const policy = 'iam-policy-ec2-cloudwatch-agent';
    expect(statement(env, policy, 'AgentMetrics').Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'CWAgent' } });
    expect(statement(env, policy, 'AgentLogs').Resource).toEqual([`arn:aws:logs:eu-west-1:${a}:log-group:/ec2/*`]);
    expect(statement(env, policy, 'AgentConfiguration')).toMatchObject({ Action: ['ssm:GetParameter'], Resource: [`arn:aws:ssm:eu-west-1:${a}:parameter/AmazonCloudWatch-*`] });
  });

  it.each(ENVIRONMENT_NAMES)('%s: every object of identity.yaml validates against its CRD', (env) => {
    const objects = synthesized(env).filter((s) => s.file === 'identity.yaml');
    expect(objects).toHaveLength(9);
    expect(objects.flatMap((s) => manifestValidator().validate(s.object))).toEqual([]);
  });
});

describe('the least-privilege checks applied where statements are built', () => {
  it('rejects a wildcard action', () => {
    expect(() => checkStatement('P', { sid: 'S', actions: ['s3:*'], resources: ['arn:aws:s3:::b'] })).toThrow('P statement S: action must be one service:Action without wildcards, got "s3:*"');
  });

  it('rejects Resource "*" for an action that supports resource-level permissions', () => {
    expect(() => checkStatement('P', { sid: 'S', actions: ['s3:GetObject', 'xray:PutTraceSegments'], resources: ['*'] })).toThrow(
      'P statement S: Resource "*" granted to actions that support resource-level permissions: s3:GetObject',
    );
  });

  it('accepts Resource "*" for actions without a resource type', () => {
    expect(() => checkStatement('P', { sid: 'S', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] })).not.toThrow();
  });

  it('refuses a document larger than a managed policy holds', () => {
    const resources = Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::mycomputer-bucket-number-${i}/*`);
    expect(() => permissionsDocument('P', [{ sid: 'S', actions: ['s3:GetObject'], resources }])).toThrow(/^P: the document is \d+ characters, more than a managed policy holds \(6144\)$/);
  });

  it('refuses a catalogue repository outside the mycomputer/ prefix the execution role is granted', () => {
    // GIVEN production with one workload pushing to a repository outside the convention
    const env = loadEnv('production');
    const workloads = { ...env.catalogue.workloads, payments: { ...env.catalogue.workloads.payments, repository: 'other/payments' } };

    // WHEN the identity chart is built THEN it names the catalogue field and value
    expect(() => new IdentityChart(new App(), 'identity', { env: { ...env, catalogue: { ...env.catalogue, workloads } } })).toThrow(
      'environments/catalogue.yaml: workloads.payments.repository must start with "mycomputer/" (the IAM policies grant mycomputer/*), got "other/payments"',
    );
  });
});
