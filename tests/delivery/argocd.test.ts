import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { EnvironmentProject } from '../../charts/delivery/app-project';
import { APPLICATION_SYNC_OPTIONS } from '../../charts/delivery/application';
import { CONTROLLER_TAG_PREFIX, ignoreDifferencesFor, LATE_INITIALIZED } from '../../charts/delivery/ignore-differences';
import { ROOT_APPLICATION, SYNC_TIMEOUT_SECONDS } from '../../charts/delivery/root-chart';
import { synthesizeDelivery } from '../../charts/delivery/synth-delivery';
import { SynthValidationError } from '../../charts/pipeline/synthesized';
import { STATEFUL_SYNC_OPTIONS } from '../../charts/pipeline/finalize';
import { ARGO_SYNC_OPTIONS_ANNOTATION } from '../../policy/annotations';
import { isStatefulKind } from '../../policy/stateful-kinds';
import { groupOf, isAckObject, kindKey } from '../../policy/tag-shapes';
import { ENVIRONMENT_NAMES, loadEnv, manifestValidator } from '../support/estate';
import { AnyObj, argocdObjects, envObjects } from './synthesized';

const REPO_URL = 'https://github.com/mycomputer/mycomputer-platform.git';
const of = (kind: string, name: string): AnyObj => {
  const found = argocdObjects().find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in manifests/argocd`);
  return found;
};

describe('manifests/argocd', () => {
  it('validates every object against the Argo CD CRDs (v3.5.1) and Kubernetes built-ins', () => {
    const objects = argocdObjects();
    const namespaces = ENVIRONMENT_NAMES.map((envName) => loadEnv(envName).namespace);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      ...[...namespaces, ROOT_APPLICATION].map((name) => `AppProject/${name}`),
      ...[...namespaces, ROOT_APPLICATION].map((name) => `Application/${name}`),
      'ConfigMap/argocd-cm', 'ConfigMap/argocd-cmd-params-cm',
    ].sort());
    for (const object of objects.filter((o) => o.apiVersion.startsWith('argoproj.io/'))) {
      expect(manifestValidator().crdOf(object.apiVersion, object.kind), `${object.kind} has a CRD`).toBeDefined();
      expect(manifestValidator().validate(object as unknown as Record<string, unknown>)).toEqual([]);
    }
  });

  it('rejects an Application field the CRD does not know (the validation can fail)', () => {
    const application = structuredClone(of('Application', 'mycomputer-staging'));
    application.spec.syncPolicy.automated.pruneEverything = true;
    expect(manifestValidator().validate(application as unknown as Record<string, unknown>)).toEqual([
      { object: 'Application mycomputer-staging', path: '/spec/syncPolicy/automated', message: 'unknown field "pruneEverything"' },
    ]);
  });

  describe.each(ENVIRONMENT_NAMES)('%s', (envName) => {
    const env = loadEnv(envName);
    const name = `mycomputer-${envName}`;

    it('has an AppProject that allows only this repository and only the environment namespace', () => {
      const project = of('AppProject', name);
      expect(project.metadata.namespace).toBe('argocd');
      expect(project.spec.sourceRepos).toEqual([REPO_URL]);
      expect(project.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: env.namespace }]);
    });

    it('allows exactly the kinds the environment synthesizes, cluster-scoped ones by name', () => {
      const project = of('AppProject', name);
      const objects = envObjects(envName);
      const clusterScoped = objects.filter((o) => !o.metadata.namespace);
      const namespaced = objects.filter((o) => o.metadata.namespace);
      const groupKind = (o: AnyObj) => `${groupOf(o.apiVersion)}/${o.kind}`;
      expect(project.spec.namespaceResourceWhitelist.map((e: { group: string; kind: string }) => `${e.group}/${e.kind}`)).toEqual([...new Set(namespaced.map(groupKind))].sort());
      expect(project.spec.clusterResourceWhitelist.map((e: { group: string; kind: string; name: string }) => `${e.group}/${e.kind}/${e.name}`).sort()).toEqual(
        clusterScoped.map((o) => `${groupKind(o)}/${o.metadata.name}`).sort(),
      );
      expect(project.spec.clusterResourceWhitelist).toContainEqual({ group: '', kind: 'Namespace', name: env.namespace });
      const everyEntry = [...project.spec.namespaceResourceWhitelist, ...project.spec.clusterResourceWhitelist];
      expect(everyEntry.filter((e: { group: string; kind: string }) => e.group.includes('*') || e.kind.includes('*'))).toEqual([]);
      expect(project.spec.namespaceResourceBlacklist).toBeUndefined();
      // Every ACK group allowed is one the estate uses, nothing broader.
      expect(project.spec.namespaceResourceWhitelist.every((e: { group: string }) => objects.some((o) => groupOf(o.apiVersion) === e.group))).toBe(true);
    });

    it('has one Application on manifests/<env> with automated sync and self-heal', () => {
      const application = of('Application', name);
      expect(application.spec.project).toBe(name);
      // No `directory`: non-recursive is the default, and Argo CD strips `{ recurse: false }` from the live object.
      expect(application.spec.source).toEqual({ repoURL: REPO_URL, targetRevision: 'main', path: `manifests/${envName}` });
      expect(application.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: env.namespace });
      expect(application.spec.syncPolicy.automated).toEqual({ enabled: true, prune: env.delivery.prune, selfHeal: true, allowEmpty: false });
      expect(application.spec.syncPolicy.syncOptions).toEqual(['ServerSideApply=true', 'RespectIgnoreDifferences=true', 'CreateNamespace=false', 'ApplyOutOfSyncOnly=true']);
      expect((application.metadata as Record<string, unknown>).finalizers).toBeUndefined();
    });

    it('never prunes nor deletes stateful resources (Prune=false,Delete=false on each)', () => {
      const stateful = envObjects(envName).filter((o) => isAckObject(o) && isStatefulKind(kindKey(o)));
      for (const object of stateful) expect(object.metadata.annotations?.[ARGO_SYNC_OPTIONS_ANNOTATION], `${object.kind} ${object.metadata.name}`).toBe(STATEFUL_SYNC_OPTIONS);
    });

    it('ignores, per ACK kind, the status and the tags the controller adds', () => {
      const application = of('Application', name);
      const kinds = [...new Set(envObjects(envName).filter(isAckObject).map(kindKey))].sort();
      expect(application.spec.ignoreDifferences.map((e: { group: string; kind: string }) => `${e.group}/${e.kind}`)).toEqual(kinds);
      for (const entry of application.spec.ignoreDifferences) {
        expect(entry.jsonPointers).toContain('/status');
        if (entry.jqPathExpressions) expect(entry.jqPathExpressions.join(' ')).toContain(CONTROLLER_TAG_PREFIX);
      }
    });
  });

  it('production: the Application refuses to prune, and the project syncs only Tue/Thu 02:00-04:00 UTC', () => {
    const application = of('Application', 'mycomputer-production');
    expect(application.spec.syncPolicy.automated.prune).toBe(false);
    const windows = loadEnv('production').delivery.syncWindows;
    expect(windows.length).toBeGreaterThan(0);
    // A sync started inside the window finishes after it closes (syncOverrun).
    expect(of('AppProject', 'mycomputer-production').spec.syncWindows).toEqual(
      windows.map((w) => ({ kind: w.kind, schedule: w.schedule, duration: w.duration, manualSync: w.manualSync, timeZone: 'UTC', syncOverrun: true, applications: ['mycomputer-production'] })),
    );
  });

  it('development and staging: prune on, and no sync window', () => {
    for (const envName of ['development', 'staging']) {
      expect(of('Application', `mycomputer-${envName}`).spec.syncPolicy.automated.prune).toBe(true);
      expect(of('AppProject', `mycomputer-${envName}`).spec.syncWindows).toEqual([]);
    }
  });

  it('uses the sync options the docs describe', () => {
    expect(APPLICATION_SYNC_OPTIONS).toEqual(['ServerSideApply=true', 'RespectIgnoreDifferences=true', 'CreateNamespace=false', 'ApplyOutOfSyncOnly=true']);
  });
});

describe('the root Application (app of apps)', () => {
  it('syncs manifests/argocd itself, so a new kind or environment reaches Argo CD by pull request', () => {
    const root = of('Application', ROOT_APPLICATION);
    expect(root.spec.source).toMatchObject({ repoURL: REPO_URL, path: 'manifests/argocd' });
    expect(root.spec.project).toBe(ROOT_APPLICATION);
    expect(root.spec.destination.namespace).toBe('argocd');
    expect(root.spec.syncPolicy.automated).toMatchObject({ enabled: true, prune: false, selfHeal: true });
  });

  it('has a project that allows only Argo CD\'s own kinds in Argo CD\'s namespace', () => {
    const project = of('AppProject', ROOT_APPLICATION);
    expect(project.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    const allowed = (project.spec.namespaceResourceWhitelist as { group: string; kind: string }[]).map((k) => `${k.group}/${k.kind}`).sort();
    const present = [...new Set(argocdObjects().map((o) => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`))].sort();
    expect(allowed).toEqual(present);
    expect(project.spec.clusterResourceWhitelist).toEqual([]);
  });

  it('bounds every sync operation, so one that can never finish does not block later commits', () => {
    expect(of('ConfigMap', 'argocd-cmd-params-cm').data).toEqual({ 'controller.sync.timeout.seconds': String(SYNC_TIMEOUT_SECONDS) });
    expect(SYNC_TIMEOUT_SECONDS).toBeGreaterThan(0);
  });
});

describe('ignoreDifferencesFor', () => {
  const instance = (spec: Record<string, unknown>) => ({ apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: { name: 'db' }, spec });

  it('ignores the late-initialized DBInstance fields git leaves empty', () => {
    const [entry] = ignoreDifferencesFor([instance({ engine: 'postgres' })]);
    expect(entry).toEqual({
      group: 'rds.services.k8s.aws',
      kind: 'DBInstance',
      jsonPointers: ['/status', ...LATE_INITIALIZED['rds.services.k8s.aws/DBInstance']],
      jqPathExpressions: ['.spec.tags[]? | select(.key | startswith("services.k8s.aws/"))'],
    });
  });

  it('never ignores a field that git sets', () => {
    const [entry] = ignoreDifferencesFor([instance({ availabilityZone: 'eu-west-1a' }), instance({})]);
    expect(entry.jsonPointers).not.toContain('/spec/availabilityZone');
    expect(entry.jsonPointers).toContain('/spec/networkType');
  });

  it('writes the controller tags in each kind\'s tag shape', () => {
    const entries = ignoreDifferencesFor([
      { apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', metadata: { name: 'b' } },
      { apiVersion: 'kms.services.k8s.aws/v1alpha1', kind: 'Key', metadata: { name: 'k' } },
      { apiVersion: 'route53.services.k8s.aws/v1alpha1', kind: 'RecordSet', metadata: { name: 'r' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } },
    ]);
    expect(entries.map((e) => [e.kind, e.jqPathExpressions])).toEqual([
      ['Key', ['.spec.tags[]? | select(.tagKey | startswith("services.k8s.aws/"))']],
      ['RecordSet', undefined],
      ['Bucket', ['.spec.tagging.tagSet[]? | select(.key | startswith("services.k8s.aws/"))']],
    ]);
  });
});

describe('EnvironmentProject', () => {
  const props = {
    name: 'p', namespace: 'argocd', description: 'd', sourceRepo: REPO_URL, destinationNamespace: 'ns',
    clusterResources: [], namespacedResources: [], syncWindows: [], applications: ['p'],
  };

  it('denies every namespaced kind when none is allowed (an empty whitelist would allow all)', () => {
    const chart = Testing.chart();
    new EnvironmentProject(chart, 'p', props);
    const [project] = Testing.synth(chart);
    expect(project.spec.namespaceResourceWhitelist).toBeUndefined();
    expect(project.spec.namespaceResourceBlacklist).toEqual([{ group: '*', kind: '*' }]);
  });

  it('refuses wildcards, naming the field and value', () => {
    expect(() => new EnvironmentProject(new Chart(new App(), 'c'), 'p', { ...props, sourceRepo: '*' })).toThrow('EnvironmentProject p: sourceRepo must name one repository, got "*"');
    expect(() => new EnvironmentProject(new Chart(new App(), 'c'), 'p', { ...props, namespacedResources: [{ group: '*', kind: 'Bucket' }] })).toThrow(
      'EnvironmentProject p: allowed kinds must be explicit, got "*/Bucket"',
    );
  });
});

describe('synthesizeDelivery', () => {
  it('fails synth, naming the object, when a namespaced object is outside the environment namespace', () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-bad-'));
    try {
      const env = loadEnv('staging');
      const stray = { apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', metadata: { name: 'stray', namespace: 'default' }, spec: { name: 'stray' } };
      const synthesized = new Map([['staging', [{ environment: 'staging', file: 'stray.yaml', object: stray }]]]);
      expect(() => synthesizeDelivery([env], outDir, manifestValidator(), synthesized)).toThrow(SynthValidationError);
      expect(() => synthesizeDelivery([env], outDir, manifestValidator(), synthesized)).toThrow(
        'staging: Bucket stray: namespace "default" is not the environment\'s namespace "mycomputer-staging", the only one its AppProject allows',
      );
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
