import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { crdsDir } from '../../charts/lib/crds-dir';
import { App, Chart } from 'cdk8s';
import { PolicyObject } from '../../charts/constructs/policy-object';
import { policyName } from '../../charts/estate/policy-chart';
import { pluralOf, RECONCILER } from '../../charts/estate/policy-reconciler-chart';
import { tagsFor } from '../../charts/lib/ownership';
import { BACKUP_KINDS, BACKUP_POLICY, backupPolicyFor } from '../../policy/backup-policy';
import { POLICY_GROUP } from '../../policy/policy-resources';
import { COVERABLE_KINDS, POLICY_DEFINITIONS } from '../../policy/registry';
import { desiredTags, REQUIRED_TAG_KEYS } from '../../policy/tagging';
import { TAGGED_KINDS, TAGGING_POLICY, taggingPolicyFor, tagSourcesFor } from '../../policy/tagging-policy';
import { ENVIRONMENT_NAMES, findObject, kindsOf, loadEnv, manifestValidator, objectsOf } from '../support/estate';

/** kind → plural, read from every upstream CRD. */
function crdPlurals(): Map<string, string> {
  const plurals = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) {
        for (const doc of parseAllDocuments(fs.readFileSync(full, 'utf8'))) {
          const crd = doc.toJS();
          if (crd?.kind === 'CustomResourceDefinition') plurals.set(`${crd.spec.group}/${crd.spec.names.kind}`, crd.spec.names.plural);
        }
      }
    }
  };
  walk(crdsDir());
  return plurals;
}

describe('policy objects per environment', () => {
  it.each(ENVIRONMENT_NAMES)('%s: one object per registered policy kind, its spec built by the definition from the environment', (name) => {
    const env = loadEnv(name);
    const policies = objectsOf(name).filter((o) => o.apiVersion.startsWith(`${POLICY_GROUP}/`));
    expect(policies.map((o) => o.kind).sort()).toEqual(POLICY_DEFINITIONS.map((d) => d.kind).sort());
    for (const definition of POLICY_DEFINITIONS) {
      const policy = findObject(name, definition.kind, policyName(name, definition));
      expect(policy.spec).toEqual(JSON.parse(JSON.stringify({ ...definition.fromEnvironment(env), namespaces: [env.namespace] })));
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: a TaggingPolicy and a BackupPolicy from its data, cluster-scoped, covering its namespace', (name) => {
    const env = loadEnv(name);
    const tagging = findObject(name, 'TaggingPolicy', policyName(name, TAGGING_POLICY));
    const backup = findObject(name, 'BackupPolicy', policyName(name, BACKUP_POLICY));
    for (const policy of [tagging, backup]) {
      expect(policy.metadata.namespace).toBeUndefined();
      expect(policy.spec.namespaces).toEqual([env.namespace]);
      expect(policy.metadata.labels!['platform.mycomputer.com/environment']).toBe(name);
      expect(manifestValidator().validate(policy as never)).toEqual([]);
    }
    expect(tagging.spec.mode).toBe(env.policy.taggingMode);
    expect(tagging.spec.requiredTags.map((t: { key: string }) => t.key)).toEqual([...REQUIRED_TAG_KEYS]);
    expect(tagging.spec.requiredTags[0].allowedValues).toEqual([env.tagging.environment]);
    expect(tagging.spec.kinds).toEqual([...TAGGED_KINDS].sort());
    expect(backup.spec.mode).toBe(env.policy.backupMode);
    expect(backup.spec.kinds).toEqual(BACKUP_KINDS);
    expect(backup.spec.tiers.critical.minBackupRetentionDays).toBe(env.database.backupRetentionDays);
    expect(backup.spec.tiers.critical.requireCrossRegionReplica).toBe(env.disasterRecovery.enabled);
  });

  it('production requires 30 days of backups and the DR replica of critical databases', () => {
    const backup = findObject('production', 'BackupPolicy', 'production-backup');
    expect(backup.spec.tiers.critical).toMatchObject({ minBackupRetentionDays: 30, requireCrossRegionReplica: true, rpoMinutes: 5, rtoMinutes: 15 });
    expect(backup.spec.tiers['non-critical']).toMatchObject({ minBackupRetentionDays: 30, requireCrossRegionReplica: false, rpoMinutes: 30, rtoMinutes: 60 });
    expect(backup.spec.drRegion).toBe('eu-central-1');
  });

  it('the tags the reconciler adds are the tags finalize() writes (one derivation)', () => {
    const env = loadEnv('production');
    const spec = taggingPolicyFor(env);
    expect(spec.sources).toEqual(tagSourcesFor(env));
    for (const team of Object.keys(env.catalogue.teams)) {
      const labels = { 'platform.mycomputer.com/application': 'payments', 'platform.mycomputer.com/team': team };
      expect(desiredTags(spec.sources!, { apiVersion: 'v1', kind: 'X', metadata: { labels } })).toEqual(tagsFor(env, { application: 'payments', team }));
    }
  });
});

describe('policy constructs refuse what could never be met', () => {
  const env = loadEnv('production');
  const chart = () => new Chart(new App(), 'c');

  it('a policy covering no namespace, or requiring no tag', () => {
    const spec = { ...taggingPolicyFor(env), namespaces: ['ns'] };
    expect(() => new PolicyObject(chart(), 't', { definition: TAGGING_POLICY, name: 'x', spec: { ...spec, namespaces: [] } })).toThrow('TaggingPolicy x: spec.namespaces must name at least one namespace, got []');
    expect(() => new PolicyObject(chart(), 't', { definition: TAGGING_POLICY, name: 'x', spec: { ...spec, requiredTags: [] } })).toThrow('TaggingPolicy x: spec.requiredTags must name at least one tag, got []');
  });

  it('a backup retention RDS cannot keep', () => {
    const spec = { ...backupPolicyFor(env), namespaces: ['ns'] };
    const tiers = { ...spec.tiers, critical: { ...spec.tiers.critical, minBackupRetentionDays: 40 } };
    expect(() => new PolicyObject(chart(), 'b', { definition: BACKUP_POLICY, name: 'y', spec: { ...spec, tiers } })).toThrow('BackupPolicy y: tiers.critical.minBackupRetentionDays must be 0-35 (RDS limits), got 40');
  });
});

describe('the policy reconciler deployment', () => {
  it.each(ENVIRONMENT_NAMES)('%s: two non-root replicas of the pinned image with probes, limits and a read-only root', (name) => {
    const env = loadEnv(name);
    const deployment = findObject(name, 'Deployment', RECONCILER);
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    expect(deployment.spec.replicas).toBe(2);
    expect(container.image).toBe(`${env.aws.accountId}.dkr.ecr.${env.aws.region}.amazonaws.com/mycomputer/policy-reconciler:${env.versions.images['policy-reconciler']}`);
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 8080 });
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 8080 });
    expect(container.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '192Mi' } });
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false });
    expect(pod.serviceAccountName).toBe(RECONCILER);
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(container.env.find((e: { name: string }) => e.name === 'POLICY_SELECTOR').value).toBe(`platform.mycomputer.com/environment=${name}`);
  });

  it('grants only the verbs it uses: read and apply covered ACK kinds, create Events, read policies, write their status, hold a Lease', () => {
    const role = findObject('production', 'ClusterRole', 'policy-reconciler-production');
    const rules = (role as unknown as { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] }).rules;
    const byVerbs = new Map<string, string[]>();
    for (const rule of rules) {
      const verbs = rule.verbs.join(',');
      byVerbs.set(verbs, [...(byVerbs.get(verbs) ?? []), ...rule.resources.map((r) => `${rule.apiGroups[0]}/${r}`)]);
    }
    expect([...byVerbs.keys()].sort()).toEqual(['get,list,watch', 'get,list,watch,create', 'get,list,watch,patch', 'get,update,patch']);
    expect(byVerbs.get('get,list,watch,create')).toEqual(['/events']);
    const policyResources = POLICY_DEFINITIONS.map((d) => `${POLICY_GROUP}/${d.plural}`).sort();
    expect(byVerbs.get('get,list,watch')).toEqual(policyResources);
    expect(byVerbs.get('get,update,patch')).toEqual(policyResources.map((r) => `${r}/status`));
    expect(byVerbs.get('get,list,watch,patch')).toEqual(COVERABLE_KINDS.map((key) => `${key.split('/')[0]}/${pluralOf(key.split('/')[1])}`).sort());
    expect(byVerbs.get('get,list,watch,patch')!.every((r) => r.split('/')[0].endsWith('.services.k8s.aws'))).toBe(true);
    expect(role.metadata.namespace).toBeUndefined();

    const lease = findObject('production', 'Role', 'policy-reconciler-leader-election') as unknown as { rules: unknown[]; metadata: { namespace: string } };
    expect(lease.rules).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }]);
    expect(lease.metadata.namespace).toBe('mycomputer-production');
    const bindings = [...kindsOf('production', 'ClusterRoleBinding'), ...kindsOf('production', 'RoleBinding')].filter((b) => b.metadata.name.startsWith(RECONCILER));
    expect(bindings.map((b) => (b as unknown as { subjects: unknown[] }).subjects)).toEqual([
      [{ apiGroup: '', kind: 'ServiceAccount', name: RECONCILER, namespace: 'mycomputer-production' }],
      [{ apiGroup: '', kind: 'ServiceAccount', name: RECONCILER, namespace: 'mycomputer-production' }],
    ]);
  });

  it('names each covered kind by the plural its CRD declares', () => {
    const plurals = crdPlurals();
    for (const key of COVERABLE_KINDS) {
      expect(plurals.get(key), key).toBe(pluralOf(key.split('/')[1]));
    }
  });

  it('every object of the two charts passes the offline validator', () => {
    const ours = objectsOf('production').filter((o) => ['TaggingPolicy', 'BackupPolicy'].includes(o.kind) || o.metadata.name.startsWith(RECONCILER));
    expect(ours.map((o) => o.kind).sort()).toEqual(['BackupPolicy', 'ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Role', 'RoleBinding', 'ServiceAccount', 'TaggingPolicy']);
    for (const object of ours) expect(manifestValidator().validate(object as never), `${object.kind} ${object.metadata.name}`).toEqual([]);
  });
});
