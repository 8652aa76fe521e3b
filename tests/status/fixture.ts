/**
 * A small repository for `platform status` tests: environments/ copied from this one with the
 * development namespace renamed (so a run on a shared cluster touches only its own objects), and
 * manifests/development holding a few committed development objects moved into that namespace,
 * plus the TaggingPolicy renamed likewise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ManifestObject } from '../../cli/diff/manifest-tree';
import { emptyRepo } from '../cli/temp-repo';
import { ENVIRONMENTS_DIR, MANIFESTS_DIR } from '../support/estate';
import { readManifests } from '../../charts/pipeline/synthesized';

export const ENV = 'development';

export interface StatusFixture {
  readonly repo: string;
  readonly namespace: string;
  /** The ACK objects in the fixture's manifests, one per kind taken, in manifest order. */
  readonly ack: readonly ManifestObject[];
  readonly policy: ManifestObject;
  /** Every object written (Namespace, ACK objects, policy), to apply. */
  readonly all: readonly ManifestObject[];
}

/** `count` ACK objects of distinct kinds from the committed development manifests. */
export function statusFixture(suffix: string, count: number): StatusFixture {
  const repo = emptyRepo('platform-status-');
  fs.cpSync(ENVIRONMENTS_DIR, path.join(repo, 'environments'), { recursive: true });
  const envFile = path.join(repo, 'environments', ENV, 'environment.yaml');
  const original = /^namespace: (\S+)$/m.exec(fs.readFileSync(envFile, 'utf8'))![1];
  // Its own namespace, still naming the environment as the loader requires.
  const namespace = `${ENV}-status-${suffix}`;
  fs.writeFileSync(envFile, fs.readFileSync(envFile, 'utf8').replace(/^namespace: \S+$/m, `namespace: ${namespace}`));

  const committed = readManifests(path.join(MANIFESTS_DIR, ENV), ENV).map(({ object }) => object as unknown as ManifestObject);
  const kinds = new Set<string>();
  const ack = committed
    .filter((o) => o.apiVersion.split('/')[0].endsWith('.services.k8s.aws'))
    .filter((o) => !kinds.has(o.kind) && kinds.add(o.kind))
    .slice(0, count)
    .map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
  if (ack.length < count) throw new Error(`test setup: manifests/${ENV} has ${ack.length} ACK kinds, need ${count}`);
  const tagging = committed.find((o) => o.kind === 'TaggingPolicy');
  if (!tagging) throw new Error(`test setup: no TaggingPolicy in manifests/${ENV}`);
  const policy = { ...tagging, metadata: { ...tagging.metadata, name: `${namespace}-tagging` }, spec: { ...(tagging.spec as object), namespaces: [namespace] } };
  const namespaceObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } as ManifestObject;
  const all = [namespaceObject, ...ack, policy];

  fs.mkdirSync(path.join(repo, 'manifests', ENV), { recursive: true });
  fs.writeFileSync(path.join(repo, 'manifests', ENV, 'objects.yaml'), all.map((o) => stringify(o)).join('---\n'));
  if (original === namespace) throw new Error('test setup: namespace not renamed');
  return { repo, namespace, ack, policy, all };
}
