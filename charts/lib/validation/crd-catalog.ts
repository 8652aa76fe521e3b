import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One served version of a CRD: its schema and what the tests need to know about it. */
export interface CrdVersion {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly schema: Record<string, unknown>;
  readonly file: string;
}

/** Every CRD under `root` (recursively), keyed by `apiVersion/Kind`. */
export function loadCrdCatalog(root: string): Map<string, CrdVersion> {
  const catalog = new Map<string, CrdVersion>();
  for (const file of yamlFiles(root)) {
    for (const document of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
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
