import { KIND_LOSSES, KindLoss } from '../../policy/stateful-kinds';
import type { WaitingObject } from '../../charts/waiting';
import { AwsNames } from './aws-names';
import { disruptionNotes } from './disruption';
import { EnvironmentFacts, FactsOf } from './environment-facts';
import { diffFields, FieldChange } from './field-diff';
import { ImmutableFields } from './immutable-fields';
import { ManifestObject, ManifestTree } from './manifest-tree';
import { findRenames, Rename } from './renames';

export type Action = 'add' | 'change' | 'replace' | 'rename' | 'remove';

/** A field change, with the immutable field (per the CRD) that makes it a replacement. */
export interface ResourceFieldChange extends FieldChange {
  /** Dotted schema path of the immutable field this change falls under. */
  readonly immutableField?: string;
}

export interface ResourceChange {
  readonly action: Action;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** A rename: the Kubernetes name before (`name` is the one after). */
  readonly renamedFrom?: string;
  /** What the kind holds when losing it costs something ("database", "logs"...). */
  readonly holds?: string;
  /** Removing or replacing something that holds data or identity (or, in a protected environment, service). */
  readonly destructive: boolean;
  readonly fields: readonly ResourceFieldChange[];
  /** What AWS does beyond the fields: a rename's fate, an interruption and when it happens. */
  readonly notes?: readonly string[];
}

export interface EnvironmentDiff {
  /** The manifests folder: an environment, or argocd. */
  readonly environment: string;
  readonly changes: readonly ResourceChange[];
  /** Objects the environment leaves out until a value of its `assigned` blocks is bound (charts/waiting.ts). @default none */
  readonly waiting?: readonly WaitingObject[];
}

export interface DiffReport {
  readonly base: string;
  readonly head: string;
  readonly environments: readonly EnvironmentDiff[];
  readonly destructive: boolean;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const kindKey = (o: ManifestObject) => `${groupOf(o.apiVersion)}/${o.kind}`;
const identity = (o: ManifestObject) => `${kindKey(o)}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const ACTION_ORDER: Record<Action, number> = { remove: 0, replace: 1, rename: 2, change: 3, add: 4 };

/**
 * Whether losing an object of this kind here is DESTRUCTIVE: always for a stateful kind; for a
 * disruptive one in a protected environment, or where the environment is unknown (a guard never
 * passes because what it needs is missing).
 */
function destroys(loss: KindLoss | undefined, facts: EnvironmentFacts | undefined): boolean {
  if (!loss) return false;
  return loss.risk === 'stateful' || facts?.protected !== false;
}

/**
 * Compares the objects of one folder. Objects are matched by group, kind, namespace and name;
 * what is left is paired into renames (renames.ts) before the rest counts as added or removed.
 */
export function diffEnvironment(
  environment: string,
  before: readonly ManifestObject[],
  after: readonly ManifestObject[],
  immutable: ImmutableFields,
  facts?: EnvironmentFacts,
): EnvironmentDiff {
  const a = new Map(before.map((o) => [identity(o), o]));
  const b = new Map(after.map((o) => [identity(o), o]));
  const removed = [...a.keys()].filter((key) => !b.has(key)).map((key) => a.get(key)!);
  const added = [...b.keys()].filter((key) => !a.has(key)).map((key) => b.get(key)!);
  const renames = findRenames(removed, added, awsNamesOf(immutable));
  const renamed = new Set(renames.flatMap((r) => [r.before, r.after]));

  const describe = (object: ManifestObject) => {
    const loss = KIND_LOSSES[kindKey(object)];
    return { loss, base: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, ...(loss ? { holds: loss.holds } : {}) } };
  };
  const fieldsOf = (old: ManifestObject, current: ManifestObject) =>
    diffFields(withoutStatus(old), withoutStatus(current)).map((change): ResourceFieldChange => {
      const immutableField = immutable.immutableAlong(current.apiVersion, current.kind, change.path);
      return immutableField ? { ...change, immutableField } : change;
    });

  const changes: ResourceChange[] = [];
  for (const object of added.filter((o) => !renamed.has(o))) changes.push({ ...describe(object).base, action: 'add', destructive: false, fields: [] });
  for (const object of removed.filter((o) => !renamed.has(o))) {
    const { loss, base } = describe(object);
    changes.push({ ...base, action: 'remove', destructive: destroys(loss, facts), fields: [] });
  }
  for (const rename of renames) {
    const { loss, base } = describe(rename.after);
    changes.push({ ...base, action: 'rename', renamedFrom: rename.before.metadata.name, destructive: destroys(loss, facts), fields: fieldsOf(rename.before, rename.after), notes: [renameNote(rename, immutable, loss)] });
  }
  for (const [key, old] of a) {
    const current = b.get(key);
    if (!current) continue;
    const fields = fieldsOf(old, current);
    if (fields.length === 0) continue;
    const { loss, base } = describe(current);
    const replace = fields.some((f) => f.immutableField !== undefined);
    const notes = replace ? [] : disruptionNotes(current, fields, facts);
    changes.push({ ...base, action: replace ? 'replace' : 'change', destructive: replace && destroys(loss, facts), fields, ...(notes.length > 0 ? { notes } : {}) });
  }
  changes.sort((x, y) => Number(y.destructive) - Number(x.destructive) || ACTION_ORDER[x.action] - ACTION_ORDER[y.action] || x.kind.localeCompare(y.kind) || x.name.localeCompare(y.name));
  return { environment, changes };
}

/** What AWS does when the object managing a resource is renamed. */
function renameNote(rename: Rename, immutable: ImmutableFields, loss: KindLoss | undefined): string {
  const names = awsNamesOf(immutable);
  const old = names.display(rename.before);
  const current = names.display(rename.after);
  if (old === undefined || current === undefined) {
    return 'AWS: the old object is deleted and a new one created (AWS assigns the new resource its own identifier)';
  }
  if (!rename.sameAwsName) return `AWS: ${old} is deleted${loss?.risk === 'stateful' ? ' (or left behind, retained, unmanaged)' : ''} and ${current} created in its place`;
  return loss?.risk === 'stateful'
    ? `AWS: same name ${old}: the old object is deleted but retains it, and the new one cannot create it while it exists (adopt it, or keep the Kubernetes name)`
    : `AWS: same name ${old}: deleted with the old object and created again by the new one (${loss?.holds === 'logs' ? 'its logs are lost' : 'missing in between'})`;
}

const awsNamesCache = new WeakMap<ImmutableFields, AwsNames>();

/** The AWS-name reader over the same CRDs as the immutability rules. */
function awsNamesOf(immutable: ImmutableFields): AwsNames {
  let names = awsNamesCache.get(immutable);
  if (!names) awsNamesCache.set(immutable, (names = new AwsNames(immutable.catalog)));
  return names;
}

/**
 * Compares two manifest trees folder by folder (optionally only some folders), the environments
 * in `order` (their promotion order, loadEnvironments()) first, the other folders after them.
 */
export function diffTrees(base: string, head: string, before: ManifestTree, after: ManifestTree, immutable: ImmutableFields, only?: readonly string[], factsOf: FactsOf = () => undefined, order: readonly string[] = []): DiffReport {
  const rank = (folder: string) => (order.includes(folder) ? order.indexOf(folder) : order.length);
  const folders = [...new Set([...before.keys(), ...after.keys()])].filter((folder) => !only || only.includes(folder)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const environments = folders.map((folder) => diffEnvironment(folder, before.get(folder) ?? [], after.get(folder) ?? [], immutable, factsOf(folder)));
  return { base, head, environments, destructive: environments.some((e) => e.changes.some((c) => c.destructive)) };
}

function withoutStatus(object: ManifestObject): Record<string, unknown> {
  const { status: _status, ...rest } = object as Record<string, unknown>;
  return rest;
}
