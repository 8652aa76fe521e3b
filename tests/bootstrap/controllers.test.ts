/**
 * The ACK controllers as data (manifests/bootstrap/argocd): one Argo CD Application per controller
 * the estate uses, at the release cdk8s.yaml pins, checked against the controllers' own Helm
 * charts in ../shared/ack-src (the charts cannot be pulled here): the version is the chart's, and
 * every value set is a key of its values.yaml and valid against its values.schema.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ackServiceOf, controllerIdentityArn } from '../../charts/bootstrap/ack-accounts';
import { pinnedControllerVersions } from '../../charts/bootstrap/controller-versions';
import { ACK_CHART_REGISTRY, CONTROLLERS_PROJECT, IRSA_ANNOTATION } from '../../charts/bootstrap/controllers-chart';
import { BOOTSTRAP_ARGOCD_DIR, BOOTSTRAP_DIR } from '../../charts/bootstrap/synth-bootstrap';
import { crdsDir, REPO_ROOT } from '../../charts/lib/crds-dir';
import { readManifests } from '../../charts/pipeline/synthesized';
import { ENVIRONMENT_NAMES, loadEnv, MANIFESTS_DIR } from '../support/estate';

const ACK_SRC = process.env.PLATFORM_ACK_SRC_DIR ?? path.join(REPO_ROOT, '../shared/ack-src');
type App = { kind: string; metadata: { name: string }; spec: { project: string; destination: { namespace: string }; source: { repoUrl?: string; repoURL?: string; chart: string; targetRevision: string; helm: { valuesObject: Record<string, unknown> } } } };
const objects = readManifests(path.join(MANIFESTS_DIR, BOOTSTRAP_DIR, BOOTSTRAP_ARGOCD_DIR), BOOTSTRAP_DIR).map(({ object }) => object as unknown as App);
const applications = objects.filter((o) => o.kind === 'Application');
const serviceOf = (app: App) => app.spec.source.chart.replace(/-chart$/, '');
const controllers = loadEnv(ENVIRONMENT_NAMES[0]).catalogue.controllers;
const helmDir = (service: string, version: string) => path.join(ACK_SRC, `${service}-controller@v${version}`, 'helm');

/** Dotted paths of every leaf of a plain value (objects descended, everything else a leaf). */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
  }
  return [prefix];
}

describe('the ACK controllers\' Applications', () => {
  it('are one per ACK service the environments use', () => {
    const used = new Set(ENVIRONMENT_NAMES.flatMap((env) => readManifests(path.join(MANIFESTS_DIR, env), env).map(({ object }) => ackServiceOf(String(object.apiVersion)))).filter((s): s is string => s !== undefined));
    expect(applications.map(serviceOf).sort()).toEqual([...used].sort());
  });

  it('install the upstream chart at the release cdk8s.yaml pins, which is the CRDs\' and the chart\'s own version', () => {
    const versions = fs.readFileSync(path.join(crdsDir(), 'ack', 'VERSIONS.md'), 'utf8');
    const pins = pinnedControllerVersions();
    for (const app of applications) {
      const service = serviceOf(app);
      const { source } = app.spec;
      expect(source.repoURL ?? source.repoUrl, service).toBe(ACK_CHART_REGISTRY);
      expect(source.targetRevision, service).toBe(pins.get(service));
      expect(versions, service).toMatch(new RegExp(`^\\| ${service} \\| aws-controllers-k8s/${service}-controller \\| v${source.targetRevision.replace(/\./g, '\\.')} `, 'm'));
      const chart = parse(fs.readFileSync(path.join(helmDir(service, source.targetRevision), 'Chart.yaml'), 'utf8')) as { name: string; version: string };
      expect([chart.name, chart.version], service).toEqual([source.chart, source.targetRevision]);
    }
  });

  it('set only keys of each chart\'s values.yaml, valid against its values.schema.json where it ships one', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const app of applications) {
      const service = serviceOf(app);
      const dir = helmDir(service, app.spec.source.targetRevision);
      const values = app.spec.source.helm.valuesObject;
      const defaults = parse(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
      const missing = leafPaths(values).filter((keyPath) => {
        // An open map (annotations: {}) accepts any key below it.
        let here: unknown = defaults;
        for (const key of keyPath) {
          if (here && typeof here === 'object' && Object.keys(here).length === 0) return false;
          if (!here || typeof here !== 'object' || !(key in here)) return true;
          here = (here as Record<string, unknown>)[key];
        }
        return false;
      });
      expect(missing.map((p) => p.join('.')), service).toEqual([]);
      const schemaFile = path.join(dir, 'values.schema.json');
      if (!fs.existsSync(schemaFile)) continue;
      // The charts name draft-07 by an https URL Ajv does not know; the schema itself is draft-07.
      const { $schema: _draft, ...schema } = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
      const validate = ajv.compile(schema);
      expect(validate({ ...defaults, ...values }) ? [] : validate.errors, service).toEqual([]);
    }
  });

  it('run each controller as its own identity (IRSA), with cross-account resource management on, into the controllers\' namespace', () => {
    for (const app of applications) {
      const service = serviceOf(app);
      const values = app.spec.source.helm.valuesObject as { enableCARM: boolean; serviceAccount: { annotations: Record<string, string> } };
      expect(values.enableCARM, service).toBe(true);
      expect(values.serviceAccount.annotations[IRSA_ANNOTATION], service).toBe(controllerIdentityArn(controllers.accountId, service));
      expect([app.spec.project, app.spec.destination.namespace], service).toEqual([CONTROLLERS_PROJECT, controllers.namespace]);
    }
    const project = objects.find((o) => o.kind === 'AppProject' && o.metadata.name === CONTROLLERS_PROJECT) as unknown as { spec: { sourceRepos: string[]; destinations: { namespace: string }[] } };
    expect(project.spec.sourceRepos).toEqual([ACK_CHART_REGISTRY]);
    expect(project.spec.destinations.map((d) => d.namespace)).toEqual([controllers.namespace]);
  });
});
