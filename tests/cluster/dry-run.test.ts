/**
 * Every manifests folder through a real kube-apiserver: server-side apply, dry run, strict field
 * validation, with kubectl and with @kubernetes/client-node. Catches what offline schema
 * validation cannot: CEL rules, defaulting, structural pruning, server-side apply typing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithCluster, kubectl, mapLimit, ServerSideApply, statusOf } from '../support/cluster';
import { ENVIRONMENT_NAMES } from '../support/estate';
import { createNamespacesOf, EXTERNAL_NAMESPACES, FIELD_MANAGER, folderPath, identity, isAck, manifestFolders, namespacesOf, objectsIn } from './support/manifests';

const ENVIRONMENTS: readonly string[] = ENVIRONMENT_NAMES;
/** Requests in flight at once: enough to hide latency, few enough for a 2-core machine. */
const CONCURRENCY = 4;
const DRY_RUN = ['apply', '--server-side', '--dry-run=server', '--validate=strict', `--field-manager=${FIELD_MANAGER}`];

describeWithCluster('server-side dry run of the committed manifests (strict field validation)', () => {
  const folders = manifestFolders();
  let client: ServerSideApply;
  let scratch: string;

  beforeAll(async () => {
    client = new ServerSideApply(FIELD_MANAGER);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-dry-run-'));
    for (const folder of folders) await createNamespacesOf(folder, client);
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('has the three environments, each with ACK objects (else manifests/ is not synthesized and committed)', () => {
    expect(folders.filter((f) => ENVIRONMENTS.includes(f))).toEqual(ENVIRONMENTS);
    for (const env of ENVIRONMENTS) expect(objectsIn(env).filter(isAck).length, `manifests/${env} holds no ACK object: run \`npm run synth\` and commit`).toBeGreaterThan(0);
  });

  it.each(folders)('%s: every namespace used is created by the folder itself (or, for argocd, by Argo CD)', (folder) => {
    const { used, defined } = namespacesOf(folder);
    const created = [...defined.map((n) => n.metadata.name), ...(EXTERNAL_NAMESPACES[folder] ?? [])];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((ns) => !created.includes(ns))).toEqual([]);
  });

  it.each(folders)('%s: kubectl apply --server-side --dry-run=server --validate=strict accepts every object, no warning', async (folder) => {
    // GIVEN the folder's namespaces exist (beforeAll)
    // WHEN kubectl dry-runs the whole folder
    const { stdout, stderr } = await kubectl([...DRY_RUN, '-f', folderPath(folder)]);

    // THEN it exits 0 (else kubectl() throws), says nothing on stderr, and applied each object once
    expect(stderr).not.toContain('Warning:');
    expect(stderr).toBe('');
    const applied = stdout.trim().split('\n');
    expect(applied.length).toBe(objectsIn(folder).length);
    for (const line of applied) expect(line).toMatch(/ serverside-applied \(server dry run\)$/);
  });

  it.each(folders)('%s: client-node server-side apply with dryRun=All and fieldValidation=Strict accepts every object, no warning', async (folder) => {
    const results = await mapLimit(objectsIn(folder), CONCURRENCY, async (object) => {
      try {
        const { warnings, object: applied } = await client.apply(object, { dryRun: true });
        return { object: identity(object), applied: identity(applied as typeof object), warnings };
      } catch (error) {
        return { object: identity(object), error: statusOf(error).message, warnings: [] };
      }
    });
    expect(results.filter((r) => r.error || r.warnings.length > 0)).toEqual([]);
    expect(results.map((r) => r.applied)).toEqual(objectsIn(folder).map(identity));
  });

  // Controls: the two assertions above could not fail if warnings went unseen or strictness were off.
  it('sees a warning when there is one: kubectl prints "Warning:", client-node collects the header', async () => {
    // GIVEN a Bucket whose finalizer is not domain-qualified (the API server warns about that)
    const bucket = { apiVersion: 's3.services.k8s.aws/v1alpha1', kind: 'Bucket', metadata: { name: 'warning-control', namespace: 'mycomputer-development', finalizers: ['not-qualified'] }, spec: { name: 'warning-control' } };
    const file = path.join(scratch, 'warning.json');
    fs.writeFileSync(file, JSON.stringify(bucket));

    // WHEN both dry-run it
    const { stderr } = await kubectl([...DRY_RUN, '-f', file]);
    const { warnings } = await client.apply(bucket, { dryRun: true });

    // THEN both report the warning
    expect(stderr).toMatch(/^Warning: metadata\.finalizers: "not-qualified": prefer a domain-qualified finalizer name/m);
    expect(warnings.join('\n')).toContain('prefer a domain-qualified finalizer name');
  });

  it('is strict: an unknown field is an error for kubectl and client-node, also on a built-in kind', async () => {
    // GIVEN a ConfigMap (a built-in kind client-node would otherwise serialize through its model) with an unknown field
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strict-control', namespace: 'mycomputer-development' }, data: { a: 'b' }, dataa: { c: 'd' } };
    const file = path.join(scratch, 'unknown-field.json');
    fs.writeFileSync(file, JSON.stringify(configMap));

    // WHEN both dry-run it, THEN both are refused naming the field
    await expect(kubectl([...DRY_RUN, '-f', file])).rejects.toThrow(/\.dataa: field not declared in schema/);
    const refused = await client.apply(configMap, { dryRun: true }).then(
      () => undefined,
      (error: unknown) => statusOf(error),
    );
    expect(refused?.message).toMatch(/\.dataa: field not declared in schema/);
  });
});
