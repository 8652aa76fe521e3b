import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifestTree } from '../../cli/diff/manifest-tree';
import { CONTROLS, NOT_APPLICABLE_CONTROLS, baselineTable, defaultSecurityBaselineSpec, evaluateSecurityBaseline, SecurityBaselineSpec, validateSecurityBaselineSpec } from '../../policy/security-baseline';
import { HIGH_RISK_PORTS } from '../../policy/security-baseline/controls/ec2';
import { KubeObject, kindKey } from '../../policy/tag-shapes';
import { SECURITY_BASELINE_DOC, securityBaselineDoc } from '../../scripts/security-baseline-table';
import { ENVIRONMENT_NAMES, MANIFESTS_DIR } from '../support/estate';

const tree = readManifestTree({ kind: 'dir', dir: MANIFESTS_DIR });
const production = (tree.get('production') ?? []) as unknown as KubeObject[];
const SPEC = defaultSecurityBaselineSpec();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Spec = any;

/** A deep copy of the first production object of `key` (optionally named), so that cases edit copies. */
function real(key: string, name?: string): KubeObject {
  const found = production.find((object) => kindKey(object) === key && (name === undefined || object.metadata.name === name));
  if (!found) throw new Error(`manifests/production: no ${key}${name ? ` named ${name}` : ''}`);
  return structuredClone(found);
}

function edited(object: KubeObject, edit: (spec: Spec) => void): KubeObject {
  const copy = structuredClone(object);
  edit(copy.spec);
  return copy;
}

const setAttribute = (key: string, value: string) => (spec: Spec) => {
  spec.attributes = [...(spec.attributes ?? []).filter((a: Spec) => a.key !== key), { key, value }];
};
const containers = (edit: (container: Spec) => void) => (spec: Spec) => spec.containerDefinitions.forEach(edit);
const ingress = (fromPort: number, toPort = fromPort, ipProtocol = 'tcp') => (spec: Spec) => {
  spec.ingressRules = [...(spec.ingressRules ?? []), { fromPort, toPort, ipProtocol, ipRanges: [{ cidrIP: '0.0.0.0/0' }] }];
};

/**
 * Per control: the real object it is evaluated on (production's, or a named one), the edit that
 * makes it pass when the estate does not yet (`fix`), and one field broken to make it fail.
 */
interface Case {
  readonly kind: string;
  readonly name?: string;
  readonly fix?: (spec: Spec) => void;
  /** The object's own field broken; or, for controls that read the namespace, `breakPeers`. */
  readonly breakIt?: (spec: Spec) => void;
  readonly peers?: () => KubeObject[];
  readonly breakPeers?: (peers: KubeObject[]) => KubeObject[];
  /** The live status the control reads. */
  readonly status?: Record<string, unknown>;
}

const S3 = 's3.services.k8s.aws/Bucket';
const RDS = 'rds.services.k8s.aws/DBInstance';
const SG = 'ec2.services.k8s.aws/SecurityGroup';
const TASK = 'ecs.services.k8s.aws/TaskDefinition';
const LB = 'elbv2.services.k8s.aws/LoadBalancer';
const CACHE = 'elasticache.services.k8s.aws/ReplicationGroup';
const CDN = 'cloudfront.services.k8s.aws/Distribution';
const POLICY = 'iam.services.k8s.aws/Policy';
const ACL = 'wafv2.services.k8s.aws/WebACL';
const ALB_PEERS = () => production.filter((o) => o.kind === 'Listener');

const CASES: Readonly<Record<string, Case>> = {
  'ACM.2': { kind: 'acm.services.k8s.aws/Certificate', breakIt: (s) => (s.keyAlgorithm = 'RSA_1024') },
  'CloudFront.1': { kind: CDN, fix: (s) => (s.distributionConfig.defaultRootObject = 'index.html'), breakIt: (s) => delete s.distributionConfig.defaultRootObject },
  'CloudFront.3': { kind: CDN, breakIt: (s) => (s.distributionConfig.defaultCacheBehavior.viewerProtocolPolicy = 'allow-all') },
  'CloudFront.5': { kind: CDN, breakIt: (s) => (s.distributionConfig.logging.enabled = false) },
  'CloudFront.6': { kind: CDN, breakIt: (s) => delete s.distributionConfig.webACLID },
  'CloudFront.7': { kind: CDN, breakIt: (s) => (s.distributionConfig.viewerCertificate = { cloudFrontDefaultCertificate: true }) },
  'CloudFront.8': { kind: CDN, breakIt: (s) => (s.distributionConfig.viewerCertificate.sslSupportMethod = 'vip') },
  'CloudFront.9': { kind: CDN, breakIt: (s) => (s.distributionConfig.origins.items[0].customOriginConfig.originProtocolPolicy = 'http-only') },
  'CloudFront.10': { kind: CDN, breakIt: (s) => s.distributionConfig.origins.items[0].customOriginConfig.originSSLProtocols.items.push('SSLv3') },
  'CloudFront.13': { kind: CDN, breakIt: (s) => s.distributionConfig.origins.items.push({ id: 'assets', domainName: 'mycomputer-assets.s3.eu-west-1.amazonaws.com', s3OriginConfig: {} }) },
  'CloudWatch.15': { kind: 'cloudwatch.services.k8s.aws/MetricAlarm', fix: (s) => (s.alarmActions = ['arn:aws:sns:eu-west-1:111111111111:alarms']), breakIt: (s) => (s.actionsEnabled = false) },
  'EC2.2': { kind: 'ec2.services.k8s.aws/VPC', breakIt: (s) => (s.disallowSecurityGroupDefaultRules = false) },
  'EC2.6': {
    kind: 'ec2.services.k8s.aws/VPC',
    // Live: the VPC's id in status and a FlowLog naming it; the failing case loses the FlowLog.
    status: { vpcID: 'vpc-0123' },
    peers: () => [{ apiVersion: 'ec2.services.k8s.aws/v1alpha1', kind: 'FlowLog', metadata: { name: 'vpc-flow-log' }, spec: { resourceType: 'VPC', resourceID: 'vpc-0123', trafficType: 'REJECT' } }],
    breakPeers: () => [],
  },
  'EC2.15': { kind: 'ec2.services.k8s.aws/Subnet', breakIt: (s) => (s.mapPublicIPOnLaunch = true), fix: (s) => (s.mapPublicIPOnLaunch = false) },
  'EC2.18': { kind: SG, name: 'sg-alb-public', breakIt: ingress(8443) },
  'EC2.19': { kind: SG, name: 'sg-alb-public', breakIt: ingress(22) },
  'ECR.1': { kind: 'ecr.services.k8s.aws/Repository', breakIt: (s) => (s.imageScanningConfiguration.scanOnPush = false) },
  'ECR.2': { kind: 'ecr.services.k8s.aws/Repository', breakIt: (s) => (s.imageTagMutability = 'MUTABLE') },
  'ECR.3': { kind: 'ecr.services.k8s.aws/Repository', breakIt: (s) => delete s.lifecyclePolicy },
  'ECS.1': { kind: TASK, breakIt: (s) => (s.networkMode = 'host') },
  'ECS.2': { kind: 'ecs.services.k8s.aws/Service', breakIt: (s) => (s.networkConfiguration.awsVPCConfiguration.assignPublicIP = 'ENABLED') },
  'ECS.3': { kind: TASK, breakIt: (s) => (s.pidMode = 'host') },
  'ECS.4': { kind: TASK, breakIt: containers((c) => (c.privileged = true)) },
  'ECS.5': { kind: TASK, fix: containers((c) => (c.readonlyRootFilesystem = true)), breakIt: (s) => (s.containerDefinitions[0].readonlyRootFilesystem = false) },
  'ECS.8': { kind: TASK, breakIt: (s) => s.containerDefinitions[0].environment.push({ name: 'AWS_SECRET_ACCESS_KEY', value: 'x' }) },
  'ECS.12': { kind: 'ecs.services.k8s.aws/Cluster', breakIt: (s) => (s.settings = [{ name: 'containerInsights', value: 'disabled' }]) },
  'EFS.1': { kind: 'efs.services.k8s.aws/FileSystem', breakIt: (s) => (s.encrypted = false) },
  'EFS.2': { kind: 'efs.services.k8s.aws/FileSystem', breakIt: (s) => (s.backupPolicy.status = 'DISABLED') },
  'ElastiCache.1': { kind: CACHE, breakIt: (s) => (s.snapshotRetentionLimit = 0) },
  'ElastiCache.3': { kind: CACHE, breakIt: (s) => (s.automaticFailoverEnabled = false) },
  'ElastiCache.4': { kind: CACHE, breakIt: (s) => (s.atRestEncryptionEnabled = false) },
  'ElastiCache.5': { kind: CACHE, breakIt: (s) => (s.transitEncryptionEnabled = false) },
  'ElastiCache.6': { kind: CACHE, breakIt: (s) => (s.engineVersion = '5.0.6') },
  'ElastiCache.7': { kind: CACHE, breakIt: (s) => ((s.cacheSubnetGroupName = 'default'), delete s.cacheSubnetGroupRef) },
  'ELB.1': {
    kind: LB,
    peers: ALB_PEERS,
    breakPeers: (peers) => peers.map((peer) => (peer.spec?.protocol === 'HTTP' ? edited(peer, (s) => (s.defaultActions = [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '404' } }])) : peer)),
  },
  'ELB.4': { kind: LB, breakIt: setAttribute('routing.http.drop_invalid_header_fields.enabled', 'false') },
  'ELB.5': { kind: LB, breakIt: setAttribute('access_logs.s3.enabled', 'false') },
  'ELB.6': { kind: LB, fix: setAttribute('deletion_protection.enabled', 'true'), breakIt: setAttribute('deletion_protection.enabled', 'false') },
  'ELB.12': { kind: LB, breakIt: setAttribute('routing.http.desync_mitigation_mode', 'monitor') },
  'ELB.13': { kind: LB, breakIt: (s) => (s.subnetRefs = s.subnetRefs.slice(0, 1)) },
  'IAM.1': { kind: POLICY, breakIt: (s) => (s.policyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })) },
  'IAM.21': { kind: POLICY, breakIt: (s) => (s.policyDocument = s.policyDocument.replace('"s3:GetReplicationConfiguration"', '"s3:*"')) },
  'KMS.4': { kind: 'kms.services.k8s.aws/Key', breakIt: (s) => (s.enableKeyRotation = false) },
  'RDS.2': { kind: RDS, breakIt: (s) => (s.publiclyAccessible = true) },
  'RDS.3': { kind: RDS, breakIt: (s) => (s.storageEncrypted = false) },
  'RDS.5': { kind: RDS, breakIt: (s) => (s.multiAZ = false) },
  'RDS.8': { kind: RDS, breakIt: (s) => (s.deletionProtection = false) },
  'RDS.9': { kind: RDS, fix: (s) => (s.enableCloudwatchLogsExports = ['postgresql', 'upgrade']), breakIt: (s) => (s.enableCloudwatchLogsExports = ['postgresql']) },
  'RDS.10': { kind: RDS, fix: (s) => (s.enableIAMDatabaseAuthentication = true), breakIt: (s) => (s.enableIAMDatabaseAuthentication = false) },
  'RDS.11': { kind: RDS, breakIt: (s) => (s.backupRetentionPeriod = 6) },
  'RDS.13': { kind: RDS, fix: (s) => (s.autoMinorVersionUpgrade = true), breakIt: (s) => (s.autoMinorVersionUpgrade = false) },
  'RDS.17': { kind: RDS, breakIt: (s) => (s.copyTagsToSnapshot = false) },
  'S3.5': { kind: S3, breakIt: (s) => (s.policy = s.policy.replace('"aws:SecureTransport":"false"', '"aws:SecureTransport":"true"')) },
  'S3.8': { kind: S3, breakIt: (s) => (s.publicAccessBlock.restrictPublicBuckets = false) },
  'S3.9': { kind: S3, name: 'bucket-assets', breakIt: (s) => delete s.logging },
  'S3.12': { kind: S3, breakIt: (s) => ((s.ownershipControls.rules[0].objectOwnership = 'ObjectWriter'), (s.acl = 'public-read')) },
  'S3.13': { kind: S3, breakIt: (s) => (s.lifecycle.rules = []) },
  'S3.14': { kind: S3, breakIt: (s) => (s.versioning.status = 'Suspended') },
  'WAF.10': { kind: ACL, breakIt: (s) => (s.rules = []) },
  'WAF.11': { kind: ACL, breakIt: (s) => delete s.loggingConfiguration },
  'WAF.12': { kind: ACL, breakIt: (s) => (s.rules[0].visibilityConfig.cloudWatchMetricsEnabled = false) },
};

/** Controls that cannot pass or fail on an ACK spec: they report an ACK gap with the mitigation. */
const ACK_GAPS: Readonly<Record<string, string>> = {
  'S3.1': S3,
  'SecretsManager.1': 'secretsmanager.services.k8s.aws/Secret',
  'Route53.2': 'route53.services.k8s.aws/HostedZone',
  'ElastiCache.2': CACHE,
};

const resultsOf = (control: string, object: KubeObject, peers: KubeObject[] = []) => evaluateSecurityBaseline(SPEC, object, peers).filter((r) => r.control === control);

describe('SecurityBaseline controls on real objects', () => {
  it('has a passing and failing case, or an ACK gap case, for every control of the registry', () => {
    expect(CONTROLS.map((c) => c.id).filter((id) => !CASES[id] && !ACK_GAPS[id])).toEqual([]);
    expect(Object.entries(CASES).filter(([, c]) => !c.breakIt && !c.breakPeers).map(([id]) => id)).toEqual([]);
    expect(Object.keys({ ...CASES, ...ACK_GAPS }).filter((id) => !CONTROLS.some((c) => c.id === id))).toEqual([]);
  });

  for (const [id, test] of Object.entries(CASES)) {
    it(`${id}: passes on the production ${test.kind.split('/')[1]} (with its fix) and fails with one field broken`, () => {
      const control = CONTROLS.find((c) => c.id === id)!;
      expect(control.appliesTo).toContain(test.kind);
      const base = real(test.kind, test.name);
      const passing = edited(test.status ? { ...base, status: test.status } : base, test.fix ?? (() => undefined));
      const peers = test.peers?.() ?? [];
      expect(resultsOf(id, passing, peers)).toEqual([]);
      const failing = edited(passing, test.breakIt ?? (() => undefined));
      const failed = resultsOf(id, failing, test.breakPeers?.(peers) ?? peers);
      expect(failed.map((r) => r.result)).toEqual(['Failed']);
      expect(failed[0].message).not.toBe('');
    });
  }

  for (const [id, kind] of Object.entries(ACK_GAPS)) {
    it(`${id}: reports an ACK gap with its mitigation on the production ${kind.split('/')[1]}`, () => {
      const [result] = resultsOf(id, real(kind));
      expect(result.result).toBe('AckGap');
      expect(result.message).toMatch(/; mitigation: ./);
    });
  }

  it('ElastiCache.2 is checked on a live object, whose status carries autoMinorVersionUpgrade', () => {
    const live = (value: boolean) => ({ ...real(CACHE), status: { autoMinorVersionUpgrade: value } });
    expect(resultsOf('ElastiCache.2', live(true))).toEqual([]);
    expect(resultsOf('ElastiCache.2', live(false)).map((r) => r.result)).toEqual(['Failed']);
  });

  it('EC2.6 at synth (no VPC status): passes on the FlowLog annotated with the VPC\'s name, fails without it; live, the id decides', () => {
    const vpc = real('ec2.services.k8s.aws/VPC');
    const flowLog = real('ec2.services.k8s.aws/FlowLog');
    expect(resultsOf('EC2.6', vpc, [flowLog])).toEqual([]);
    const unannotated = { ...flowLog, metadata: { ...flowLog.metadata, annotations: {} } };
    expect(resultsOf('EC2.6', vpc, [unannotated]).map((r) => r.result)).toEqual(['Failed']);
    // Live, a VPC whose id is not the FlowLog's fails even with the annotation.
    expect(resultsOf('EC2.6', { ...vpc, status: { vpcID: 'vpc-0000000000000000f' } }, [flowLog]).map((r) => r.result)).toEqual(['Failed']);
    expect(resultsOf('EC2.6', { ...vpc, status: { vpcID: flowLog.spec!.resourceID } }, [flowLog])).toEqual([]);
  });

  it('EC2.19 fails on every high-risk port of the control page and on all traffic, and not on 443', () => {
    for (const port of HIGH_RISK_PORTS) expect(resultsOf('EC2.19', edited(real(SG, 'sg-alb-public'), ingress(port))).length).toBe(1);
    expect(resultsOf('EC2.19', edited(real(SG, 'sg-alb-public'), ingress(0, 0, '-1'))).length).toBe(1);
    expect(resultsOf('EC2.19', real(SG, 'sg-alb-public'))).toEqual([]);
  });

  it('EC2.18 takes its authorized ports from the spec parameters', () => {
    const open8443 = edited(real(SG, 'sg-alb-public'), ingress(8443));
    const spec: SecurityBaselineSpec = { ...SPEC, parameters: { authorizedTcpPorts: [80, 443, 8443] } };
    expect(evaluateSecurityBaseline(spec, open8443).filter((r) => r.control === 'EC2.18')).toEqual([]);
    expect(resultsOf('EC2.18', open8443)[0].message).toBe('ingress open to the internet on tcp 8443; authorized TCP ports: 80, 443');
  });
});

describe('SecurityBaseline exceptions', () => {
  const db = () => edited(real(RDS, 'customers-db'), (s) => (s.autoMinorVersionUpgrade = false));
  const exception = { control: 'RDS.13', name: '*-db', reason: 'engine upgrades are scheduled by the DBA team', owner: 'dba@mycomputer.com' };

  it('reports a failure that an exception covers as Excepted, with reason and owner', () => {
    const spec = defaultSecurityBaselineSpec([exception]);
    expect(evaluateSecurityBaseline(spec, db()).filter((r) => r.control === 'RDS.13')).toEqual([
      { control: 'RDS.13', result: 'Excepted', message: 'autoMinorVersionUpgrade is false (excepted: engine upgrades are scheduled by the DBA team; owner dba@mycomputer.com)' },
    ]);
  });

  it('applies an exception by control, kind and name only', () => {
    const results = (e: object) => evaluateSecurityBaseline(defaultSecurityBaselineSpec([{ ...exception, ...e }]), db()).filter((r) => r.control === 'RDS.13').map((r) => r.result);
    expect(results({ name: 'customers-db' })).toEqual(['Excepted']);
    expect(results({ kind: 'DBInstance' })).toEqual(['Excepted']);
    expect(results({ kind: RDS })).toEqual(['Excepted']);
    expect(results({ name: 'payments-*' })).toEqual(['Failed']);
    expect(results({ kind: 'Bucket' })).toEqual(['Failed']);
    expect(results({ control: 'RDS.5' })).toEqual(['Failed']);
  });

  it('refuses an exception or a disabled control naming no control, and an exception without owner', () => {
    expect(() => validateSecurityBaselineSpec(defaultSecurityBaselineSpec([{ ...exception, control: 'RDS.99' }]), 'environments/staging/environment.yaml')).toThrow(
      'environments/staging/environment.yaml: exceptions[0].control "RDS.99" is not a control of the SecurityBaseline policy',
    );
    expect(() => validateSecurityBaselineSpec(defaultSecurityBaselineSpec([{ ...exception, owner: '' }]), 'env.yaml')).toThrow('env.yaml: exceptions[0].owner is missing');
    expect(() => validateSecurityBaselineSpec({ ...SPEC, disabledControls: ['S3.99'] }, 'env.yaml')).toThrow('env.yaml: disabledControls[0] "S3.99" is not a control');
    expect(() => validateSecurityBaselineSpec(defaultSecurityBaselineSpec([exception]), 'env.yaml')).not.toThrow();
  });

  it('skips a disabled control and an uncovered kind', () => {
    expect(evaluateSecurityBaseline({ ...SPEC, disabledControls: ['RDS.13'] }, db()).map((r) => r.control)).not.toContain('RDS.13');
    expect(evaluateSecurityBaseline({ ...SPEC, kinds: [S3] }, db())).toEqual([]);
  });
});

describe('SecurityBaseline over the estate', () => {
  const estates = ENVIRONMENT_NAMES.map((name) => {
    const objects = tree.get(name);
    if (!objects) throw new Error(`${MANIFESTS_DIR}/${name}: no manifests`);
    return { name, spec: SPEC, objects: objects as unknown as KubeObject[] };
  });
  const rows = baselineTable(estates);

  it('evaluates every control on some object of the estate and prints the results', () => {
    const summary = rows.map((row) => ({
      control: row.control,
      ...Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, `${row.environments[env].results.filter((r) => r.result === 'Failed').length} failed, ${row.environments[env].results.filter((r) => r.result === 'AckGap').length} gaps / ${row.environments[env].evaluated}`])),
    }));
    console.table(summary);
    expect(rows.filter((row) => ENVIRONMENT_NAMES.every((env) => row.environments[env].evaluated === 0)).map((row) => row.control)).toEqual([]);
  });

  it('has no object of a kind whose control is recorded as not applicable, and does not also evaluate it', () => {
    const kindsInEstate = new Set(estates.flatMap((estate) => estate.objects.map((object) => `${object.apiVersion.split('/')[0]}/${object.kind}`)));
    for (const control of NOT_APPLICABLE_CONTROLS) {
      expect(kindsInEstate.has(control.kind), `${control.id}: the estate now has ${control.kind}; write the control in policy/security-baseline/controls`).toBe(false);
      expect(CONTROLS.map((c) => c.id)).not.toContain(control.id);
    }
    // The check sees kinds at all: DB instances are in every environment.
    expect(kindsInEstate.has('rds.services.k8s.aws/DBInstance')).toBe(true);
  });

  it('keeps docs/security-baseline.md equal to what scripts/security-baseline-table.ts writes', () => {
    expect(fs.readFileSync(SECURITY_BASELINE_DOC, 'utf8')).toBe(securityBaselineDoc({ manifestsDir: MANIFESTS_DIR }));
    expect(path.relative(process.cwd(), SECURITY_BASELINE_DOC)).toBe(path.join('docs', 'security-baseline.md'));
  });
});
