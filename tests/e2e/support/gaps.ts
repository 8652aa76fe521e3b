/**
 * The gap lists (tests/e2e/gaps/<environment>.yaml, one per environment, `[]` when empty): objects
 * that cannot reach ACK.ResourceSynced=True against the emulator, each entry with its reason and
 * evidence. The one machine-readable place; docs/emulator-gaps.md explains it. Entries match by
 * API group, kind and a regular expression on the name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../../charts/lib/crds-dir';
import { ManifestObject } from '../../../cli/diff/manifest-tree';

export interface Gap {
  readonly group: string;
  readonly kind: string;
  /** Regular expression, anchored, on metadata.name. */
  readonly name: string;
  /**
   * emulator: moto answers differently from AWS; manifests: an error of ours; upstream: a controller
   * bug; bootstrap: the manifests name an identifier AWS assigns on creation, pinned after the first
   * sync (docs/edge.md, Bootstrap), which an empty account does not have.
   */
  readonly cause: 'emulator' | 'manifests' | 'upstream' | 'bootstrap';
  readonly reason: string;
  readonly evidence: string;
}

/** The gap list of one environment. */
export const gapsFile = (environment: string): string => path.join(REPO_ROOT, 'tests/e2e/gaps', `${environment}.yaml`);

const CAUSES = ['emulator', 'manifests', 'upstream', 'bootstrap'];

/** A gap list, checked: it exists, and every entry has every field, a known cause and a valid expression. */
export function readGaps(file: string): Gap[] {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: every environment has a gap list (\`[]\` when nothing is missing)`);
  const entries = (parse(fs.readFileSync(file, 'utf8')) ?? []) as Gap[];
  if (!Array.isArray(entries)) throw new Error(`${file}: expected a list of gaps`);
  entries.forEach((entry, index) => {
    for (const key of ['group', 'kind', 'name', 'cause', 'reason', 'evidence'] as const) {
      if (typeof entry?.[key] !== 'string' || entry[key] === '') throw new Error(`${file}: [${index}].${key} is missing`);
    }
    if (!CAUSES.includes(entry.cause)) throw new Error(`${file}: [${index}].cause must be one of ${CAUSES.join(', ')}`);
    new RegExp(entry.name);
  });
  return entries;
}

/** The gap entry that covers `object`, if any. */
export function gapOf(object: Pick<ManifestObject, 'apiVersion' | 'kind' | 'metadata'>, gaps: readonly Gap[]): Gap | undefined {
  const group = object.apiVersion.split('/')[0];
  return gaps.find((gap) => gap.group === group && gap.kind === object.kind && new RegExp(`^(?:${gap.name})$`).test(object.metadata.name));
}
