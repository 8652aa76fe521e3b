import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { platformCacheDir, readCached, writeCached } from '../../lib/cache-dir';

/** One served version of a CRD: its schema and what the tests need to know about it. */
export interface CrdVersion {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly schema: Record<string, unknown>;
  readonly file: string;
}

/** Bumped when the shape of a cached catalog changes. */
const CATALOG_FORMAT = 1;

/**
 * Every CRD under `root` (recursively), keyed by `apiVersion/Kind`. Parsing 4 MB of CRD YAML
 * costs about two seconds; the parsed catalog is cached as JSON, keyed by the files' paths and
 * contents, in $PLATFORM_CACHE_DIR/crd-catalogs.
 */
export function loadCrdCatalog(root: string, cacheDir: string | null = path.join(platformCacheDir(), 'crd-catalogs')): Map<string, CrdVersion> {
  const files = yamlFiles(root).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  const hash = crypto.createHash('sha256').update(String(CATALOG_FORMAT));
  for (const { file, text } of files) hash.update(`\0${file}\0${text}`);
  const cacheFile = cacheDir && path.join(cacheDir, `${hash.digest('hex').slice(0, 32)}.json`);
  const cached = cacheFile ? readCached(cacheFile) : undefined;
  if (cached !== undefined) {
    try {
      return new Map(JSON.parse(cached) as [string, CrdVersion][]);
    } catch {
      // Truncated: parsed again below.
    }
  }
  const catalog = parseCatalog(files);
  if (cacheFile) writeCached(cacheFile, JSON.stringify([...catalog]));
  return catalog;
}

function parseCatalog(files: readonly { file: string; text: string }[]): Map<string, CrdVersion> {
  const catalog = new Map<string, CrdVersion>();
  for (const { file, text } of files) {
    for (const document of parseAllDocuments(text)) {
      // Other YAML (or broken YAML) next to the CRDs is not a CRD: skipped, not a crash.
      if (document.errors.length > 0) continue;
      const crd = document.toJS() as CustomResourceDefinition | null;
      if (crd?.kind !== 'CustomResourceDefinition' || !Array.isArray(crd.spec?.versions)) continue;
      for (const version of crd.spec.versions) {
        if (!version.served) continue;
        catalog.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, {
          group: crd.spec.group,
          kind: crd.spec.names.kind,
          version: version.name,
          scope: crd.spec.scope,
          schema: version.schema.openAPIV3Schema,
          file,
        });
      }
    }
  }
  return catalog;
}

interface CustomResourceDefinition {
  kind: string;
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: { kind: string };
    versions: { name: string; served: boolean; schema: { openAPIV3Schema: Record<string, unknown> } }[];
  };
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
}
