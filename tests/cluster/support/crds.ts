/**
 * What the cluster tests need from the CRD files (read where crdsDir() says, never copied):
 * plural, printer columns and the fields a `self == oldSelf` rule makes immutable. Read here
 * independently of the diff tool, so that a test can check the two agree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { crdsDir, REPO_ROOT } from '../../../charts/lib/crds-dir';

export interface PrinterColumn {
  readonly name: string;
  readonly priority?: number;
}

export interface ImmutableField {
  /** Property names from the object's root, e.g. ['spec', 'name']. */
  readonly path: readonly string[];
  /** The rule's own message, which the server returns when the rule fails. */
  readonly message: string;
  readonly enum?: readonly unknown[];
}

export interface CrdInfo {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly file: string;
  readonly printerColumns: readonly PrinterColumn[];
  readonly immutableFields: readonly ImmutableField[];
}

let catalog: Map<string, CrdInfo> | undefined;

/** The CRD of `apiVersion/kind` (upstream CRDs and the repository's own crds/); throws when unknown. */
export function crdOf(apiVersion: string, kind: string): CrdInfo {
  catalog ??= load();
  const found = catalog.get(`${apiVersion}/${kind}`);
  if (!found) throw new Error(`no CRD for ${apiVersion} ${kind} under ${crdsDir()} or ${path.join(REPO_ROOT, 'crds')}`);
  return found;
}

/** One pass over the CRD files (parsing them is most of the cost: ~2 s for the 93 files). */
function load(): Map<string, CrdInfo> {
  const result = new Map<string, CrdInfo>();
  for (const file of [crdsDir(), path.join(REPO_ROOT, 'crds')].flatMap(yamlFiles)) {
    for (const document of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = document.toJS() as CrdDocument | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions.filter((v) => v.served)) {
        result.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, {
          group: crd.spec.group,
          kind: crd.spec.names.kind,
          plural: crd.spec.names.plural,
          file,
          printerColumns: version.additionalPrinterColumns ?? [],
          immutableFields: immutableFields(version.schema.openAPIV3Schema),
        });
      }
    }
  }
  return result;
}

interface CrdDocument {
  kind: string;
  spec: {
    group: string;
    names: { kind: string; plural: string };
    versions: { name: string; served: boolean; schema: { openAPIV3Schema: SchemaNode }; additionalPrinterColumns?: PrinterColumn[] }[];
  };
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? yamlFiles(path.join(dir, entry.name)) : /\.ya?ml$/.test(entry.name) ? [path.join(dir, entry.name)] : []));
}

type SchemaNode = { properties?: Record<string, SchemaNode>; enum?: unknown[]; 'x-kubernetes-validations'?: { rule?: string; message?: string }[] };

/** Fields reached through properties only (not inside lists) with the rule `self == oldSelf`. */
function immutableFields(schema: SchemaNode, at: string[] = []): ImmutableField[] {
  const rule = (schema['x-kubernetes-validations'] ?? []).find((r) => r.rule?.replace(/\s+/g, ' ').trim() === 'self == oldSelf');
  const own = rule ? [{ path: at, message: rule.message ?? `failed rule: ${rule.rule}`, ...(schema.enum ? { enum: schema.enum } : {}) }] : [];
  return [...own, ...Object.entries(schema.properties ?? {}).flatMap(([name, child]) => immutableFields(child, [...at, name]))];
}
