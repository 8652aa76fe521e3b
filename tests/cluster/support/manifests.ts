/**
 * The manifest folders as the cluster tests see them: every `<folder>/*.yaml` of manifests/
 * (environments, and argocd when it exists), read with the diff tool's own reader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ManifestObject, ManifestTree, readManifestTree } from '../../../cli/diff/manifest-tree';
import { ENVIRONMENT_NAMES } from '../../support/estate';
import { manifestsDir, ServerSideApply } from '../../support/kube';

/**
 * The one field manager of every cluster test, dry run or real. Server-side apply lets two
 * managers share a field only when their values are equal, and the API server drops zero values
 * of built-in kinds (`minReadySeconds: 0`, `hostNetwork: false`, `apiGroup: ""`): a second manager
 * applying the same manifests conflicts on those. One manager keeps runs on one cluster stable.
 */
export const FIELD_MANAGER = 'platform-cluster-tests';

/** Namespaces a folder's objects live in that the folder does not create (Argo CD's own install creates `argocd`). */
export const EXTERNAL_NAMESPACES: Readonly<Record<string, readonly string[]>> = { argocd: ['argocd'] };

/** Folders of manifests/, environments first in promotion order, then the rest. */
export function manifestFolders(): string[] {
  const order: readonly string[] = ENVIRONMENT_NAMES;
  const rank = (folder: string) => (order.includes(folder) ? order.indexOf(folder) : order.length);
  return [...tree().keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function folderPath(folder: string): string {
  const dir = path.join(manifestsDir(), folder);
  if (!fs.existsSync(dir)) throw new Error(`no manifests folder ${dir}`);
  return dir;
}

let cached: ManifestTree | undefined;

/** The manifests as read once per test file (the files do not change during a run). */
function tree(): ManifestTree {
  cached ??= readManifestTree({ kind: 'dir', dir: manifestsDir() });
  return cached;
}

export function objectsIn(folder: string): ManifestObject[] {
  return tree().get(folder) ?? [];
}

/** The namespaces a folder's namespaced objects use, and the Namespace objects it defines. */
export function namespacesOf(folder: string): { used: string[]; defined: ManifestObject[] } {
  const objects = objectsIn(folder);
  const used = [...new Set(objects.map((o) => o.metadata.namespace).filter((ns): ns is string => ns !== undefined))].sort();
  return { used, defined: objects.filter((o) => o.apiVersion === 'v1' && o.kind === 'Namespace') };
}

export const isAck = (object: { apiVersion: string }) => object.apiVersion.split('/')[0].endsWith('.services.k8s.aws');

/** `group/version/Kind/namespace/name`: one object's identity on the server. */
export function identity(object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/**
 * Creates (for real) the namespaces a folder's objects live in: its own Namespace objects as
 * committed, and the external ones bare. A server-side dry run does not persist anything, so a
 * dry run of the Namespace does not make it exist for the namespaced objects of the same run:
 * they fail with `namespaces "…" not found`. Argo CD applies the Namespace first (sync wave -1)
 * for the same reason. Applying it again is a no-op, so this is safe on a reused cluster.
 */
export async function createNamespacesOf(folder: string, client: ServerSideApply): Promise<string[]> {
  const { defined } = namespacesOf(folder);
  const external = (EXTERNAL_NAMESPACES[folder] ?? []).map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  for (const namespace of [...defined, ...external]) await client.apply(namespace);
  return [...defined, ...external].map((n) => n.metadata.name);
}
