/**
 * `kubectl apply --server-side -f manifests/<env>/` in one go, as a person without Argo CD would
 * run it: kubectl applies a folder's files in name order, so the file holding the environment's
 * Namespace must sort before every file of objects that live in it.
 *
 * A namespace cannot be deleted on this cluster (no namespace controller finalizes it), so a
 * namespace the folder names may already exist from an earlier run. To apply on a namespace that
 * is really new every run, each folder is copied with the same file names and the same objects,
 * its namespace renamed to a fresh one; that is the state of a fresh cluster.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { ENVIRONMENT_NAMES } from '../support/estate';
import { describeWithCluster, kubectl } from '../support/cluster';
import { folderPath, namespacesOf } from './support/manifests';

/** `value` with every string equal to `from` replaced by `to`, at any depth. */
function replaceString(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((item) => replaceString(item, from, to));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceString(v, from, to)]));
  return value;
}

/**
 * A copy of a manifests folder, file names kept, with its one namespace renamed to `fresh`
 * everywhere it is named, and its cluster-scoped objects (RBAC, policies) given fresh names too:
 * other tests apply the same cluster-scoped objects under another field manager.
 */
function withNamespace(folder: string, fresh: string, into: string): string {
  const { used, defined } = namespacesOf(folder);
  expect(defined.map((n) => n.metadata.name)).toEqual(used);
  const dir = path.join(into, folder);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(folderPath(folder)).filter((f) => f.endsWith('.yaml'))) {
    const objects = parseAllDocuments(fs.readFileSync(path.join(folderPath(folder), file), 'utf8'))
      .map((d) => d.toJS())
      .filter(Boolean)
      .map((object) => replaceString(object, used[0], fresh) as typeof object);
    const clusterScoped = new Set(objects.filter((o) => !o.metadata.namespace && o.kind !== 'Namespace').map((o) => o.metadata.name as string));
    for (const object of objects) {
      if (clusterScoped.has(object.metadata.name) && !object.metadata.namespace) object.metadata.name = `${object.metadata.name}-${fresh}`;
      if (object.roleRef && clusterScoped.has(object.roleRef.name)) object.roleRef.name = `${object.roleRef.name}-${fresh}`;
    }
    fs.writeFileSync(path.join(dir, file), objects.map((o) => stringify(o)).join('---\n'));
  }
  return dir;
}

describeWithCluster('kubectl apply --server-side -f manifests/<env>/ on a fresh namespace', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-apply-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('sorts the namespace file first in every environment folder', () => {
    for (const env of ENVIRONMENT_NAMES) {
      const files = fs.readdirSync(folderPath(env)).filter((f) => f.endsWith('.yaml')).sort();
      const namespaceFile = files.find((file) => fs.readFileSync(path.join(folderPath(env), file), 'utf8').includes('kind: Namespace'));
      expect(files[0], env).toBe(namespaceFile);
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s applies cleanly in one go, every object created', async (env) => {
    // GIVEN the folder with a namespace that does not exist yet
    const fresh = `fresh-${env}-${Date.now().toString(36)}`;
    const dir = withNamespace(env, fresh, work);

    // WHEN it is applied as the README's users would, in one plain command
    const { stdout, stderr } = await kubectl(['apply', '--server-side', '-f', dir]);

    // THEN kubectl succeeded, creating the namespace and every object of every file
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`namespace/${fresh} serverside-applied`);
    const count = fs.readdirSync(dir).flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))).length;
    expect(lines).toHaveLength(count);
  });
});
