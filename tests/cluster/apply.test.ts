/**
 * The development environment applied for real (server-side apply, as Argo CD does): `kubectl get`
 * shows each ACK kind with its CRD's printer columns, and applying again changes nothing.
 *
 * The manifests carry their namespace (mycomputer-development), so this cannot use a fresh
 * namespace per run. It does not need one: server-side apply with one field manager is
 * idempotent, and whatever an earlier run on the same cluster left, the first apply below makes
 * the objects exactly the committed ones (an update instead of a create). The no-op assertion is
 * about the apply after that one, so it holds on a fresh and on a reused cluster alike.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeWithCluster, kubectl } from '../support/cluster';
import { crdOf } from './support/crds';
import { FIELD_MANAGER, folderPath, identity, isAck, objectsIn } from './support/manifests';

const ENV = 'development';
const APPLY = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`];

type Listed = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; resourceVersion: string } };

/** identity → resourceVersion of every object of the folder, read back from the server. */
async function resourceVersions(): Promise<Map<string, string>> {
  const { stdout } = await kubectl(['get', '-f', folderPath(ENV), '-o', 'json']);
  const listed = JSON.parse(stdout) as Listed | { kind: 'List'; items: Listed[] };
  const items = 'items' in listed ? listed.items : [listed]; // one object comes back as itself, not as a List
  return new Map(items.map((item) => [identity(item), item.metadata.resourceVersion]));
}

/** `kubectl get` tables by resource (`bucket.s3.services.k8s.aws`): header cells and row names. */
function tables(output: string): Map<string, { header: string[]; names: string[] }> {
  const result = new Map<string, { header: string[]; names: string[] }>();
  for (const block of output.trim().split(/\n\s*\n/)) {
    const [header, ...rows] = block.split('\n');
    const names = rows.map((row) => row.split(/\s+/)[0]);
    const resource = names[0].split('/')[0];
    result.set(resource, { header: header.trim().split(/\s{2,}/), names: names.map((n) => n.split('/')[1]) });
  }
  return result;
}

describeWithCluster(`${ENV} applied for real`, () => {
  const objects = objectsIn(ENV);
  const ackKinds = [...new Map(objects.filter(isAck).map((o) => [`${o.apiVersion}/${o.kind}`, o])).values()].map((o) => ({ apiVersion: o.apiVersion, kind: o.kind }));

  beforeAll(async () => {
    // The folder creates its namespace itself (00-namespace.yaml sorts first; fresh-apply.test.ts).
    // --force-conflicts: if someone applied these objects on this cluster with another manager, the committed values win.
    await kubectl([...APPLY, '--force-conflicts', '-f', folderPath(ENV)]);
  });

  it('has every object of the folder on the server', async () => {
    expect([...(await resourceVersions()).keys()].sort()).toEqual(objects.map(identity).sort());
    expect(ackKinds.length).toBeGreaterThan(0);
  });

  it('kubectl get shows each ACK kind with the printer columns of its CRD', async () => {
    // GIVEN the printer columns of each ACK kind's CRD (-o wide also shows those with a priority)
    const resources = ackKinds.map(({ apiVersion, kind }) => ({ apiVersion, kind, crd: crdOf(apiVersion, kind) }));
    const namespaces = [...new Set(objects.filter(isAck).map((o) => o.metadata.namespace!))];
    expect(namespaces).toEqual([`mycomputer-${ENV}`]);

    // WHEN kubectl lists all of them in one call
    const { stdout, stderr } = await kubectl(['get', resources.map((r) => `${r.crd.plural}.${r.crd.group}`).join(','), '-n', namespaces[0], '-o', 'wide']);

    // THEN each kind has a table whose header is NAME then its columns upper-cased (NAME AGE without columns), listing its objects
    expect(stderr).toBe('');
    const listed = tables(stdout);
    for (const { apiVersion, kind, crd } of resources) {
      const table = listed.get(`${kind.toLowerCase()}.${crd.group}`);
      const columns = crd.printerColumns.length > 0 ? crd.printerColumns.map((c) => c.name.toUpperCase()) : ['AGE'];
      expect(table?.header, `${kind} (${crd.file})`).toEqual(['NAME', ...columns]);
      const names = objects.filter((o) => o.apiVersion === apiVersion && o.kind === kind).map((o) => o.metadata.name);
      expect(table?.names.sort(), kind).toEqual(names.sort());
    }
    expect(listed.size).toBe(resources.length);
  });

  it('a second apply is a no-op: no resourceVersion changes', async () => {
    // GIVEN the objects as the first apply left them
    const before = await resourceVersions();

    // WHEN the same folder is applied again
    const { stdout, stderr } = await kubectl([...APPLY, '-f', folderPath(ENV)]);

    // THEN kubectl went through every object, and none was written
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n').length).toBe(objects.length);
    const after = await resourceVersions();
    expect(after.size).toBe(objects.length);
    expect([...after].filter(([key, version]) => before.get(key) !== version)).toEqual([]);
  });
});
