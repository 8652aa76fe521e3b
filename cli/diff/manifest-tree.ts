import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { git } from '../git';

/** A Kubernetes object as read from a manifest file. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** Folder (environment, or argocd) → its objects. */
export type ManifestTree = Map<string, ManifestObject[]>;

/** Where the manifests of one side of a diff come from. */
export type ManifestSource =
  | { readonly kind: 'git'; readonly repo: string; readonly ref: string }
  | { readonly kind: 'dir'; readonly dir: string };

/** Folder of the manifests inside the repository. */
export const MANIFESTS = 'manifests';

/** Reads every `<folder>/*.yaml` of the manifests, from a git revision or a folder on disk. */
export function readManifestTree(source: ManifestSource): ManifestTree {
  const files = source.kind === 'git' ? filesAtRevision(source.repo, source.ref) : filesInDir(source.dir);
  const tree: ManifestTree = new Map();
  for (const [file, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const folder = file.split('/')[0];
    const objects = tree.get(folder) ?? [];
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) throw new Error(`${MANIFESTS}/${file}: ${document.errors[0].message}`);
      const object = document.toJS() as ManifestObject | null;
      if (object?.kind && object.metadata?.name) objects.push(object);
    }
    tree.set(folder, objects);
  }
  return tree;
}

/** `<folder>/<file>.yaml` → text, for the manifests at a revision. */
function filesAtRevision(repo: string, ref: string): Map<string, string> {
  const listed = git(repo, ['ls-tree', '-r', '-z', '--name-only', ref, '--', `${MANIFESTS}/`]).split('\0').filter((file) => /^manifests\/[^/]+\/[^/]+\.ya?ml$/.test(file));
  return new Map(listed.map((file) => [path.posix.relative(MANIFESTS, file), git(repo, ['show', `${ref}:${file}`])]));
}

function filesInDir(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  for (const folder of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const file of fs.readdirSync(path.join(dir, folder.name)).filter((file) => /\.ya?ml$/.test(file))) {
      files.set(`${folder.name}/${file}`, fs.readFileSync(path.join(dir, folder.name, file), 'utf8'));
    }
  }
  return files;
}
