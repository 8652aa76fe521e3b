import { STATEFUL_KINDS } from '../../policy/stateful-kinds';
import { diffFields, FieldChange } from './field-diff';
import { ImmutableFields } from './immutable-fields';
import { ManifestObject, ManifestTree } from './manifest-tree';

export type Action = 'add' | 'change' | 'replace' | 'remove';

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
  /** What the kind holds when it is stateful ("database", "bucket"...). */
  readonly holds?: string;
  /** Removing or replacing something that holds data or identity. */
  readonly destructive: boolean;
  readonly fields: readonly ResourceFieldChange[];
}

export interface EnvironmentDiff {
  /** The manifests folder: an environment, or argocd. */
  readonly environment: string;
  readonly changes: readonly ResourceChange[];
}

export interface DiffReport {
  readonly base: string;
  readonly head: string;
  readonly environments: readonly EnvironmentDiff[];
  readonly destructive: boolean;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const identity = (o: ManifestObject) => `${groupOf(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const ACTION_ORDER: Record<Action, number> = { remove: 0, replace: 1, change: 2, add: 3 };

/** Compares the objects of one folder. Objects are matched by group, kind, namespace and name. */
export function diffEnvironment(environment: string, before: readonly ManifestObject[], after: readonly ManifestObject[], immutable: ImmutableFields): EnvironmentDiff {
  const a = new Map(before.map((o) => [identity(o), o]));
  const b = new Map(after.map((o) => [identity(o), o]));
  const changes: ResourceChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const old = a.get(key);
    const current = b.get(key);
    const object = (current ?? old)!;
    const holds = STATEFUL_KINDS[`${groupOf(object.apiVersion)}/${object.kind}`];
    const base = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, ...(holds ? { holds } : {}) };
    if (!old) {
      changes.push({ ...base, action: 'add', destructive: false, fields: [] });
    } else if (!current) {
      changes.push({ ...base, action: 'remove', destructive: holds !== undefined, fields: [] });
    } else {
      const fields = diffFields(withoutStatus(old), withoutStatus(current)).map((change): ResourceFieldChange => {
        const immutableField = immutable.immutableAlong(current.apiVersion, current.kind, change.path);
        return immutableField ? { ...change, immutableField } : change;
      });
      if (fields.length === 0) continue;
      const replace = fields.some((f) => f.immutableField !== undefined);
      changes.push({ ...base, action: replace ? 'replace' : 'change', destructive: replace && holds !== undefined, fields });
    }
  }
  changes.sort((x, y) => Number(y.destructive) - Number(x.destructive) || ACTION_ORDER[x.action] - ACTION_ORDER[y.action] || x.kind.localeCompare(y.kind) || x.name.localeCompare(y.name));
  return { environment, changes };
}

/**
 * Compares two manifest trees folder by folder (optionally only some folders), the environments
 * in `order` (their promotion order, loadEnvironments()) first, the other folders after them.
 */
export function diffTrees(base: string, head: string, before: ManifestTree, after: ManifestTree, immutable: ImmutableFields, only?: readonly string[], order: readonly string[] = []): DiffReport {
  const rank = (folder: string) => (order.includes(folder) ? order.indexOf(folder) : order.length);
  const folders = [...new Set([...before.keys(), ...after.keys()])].filter((folder) => !only || only.includes(folder)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const environments = folders.map((folder) => diffEnvironment(folder, before.get(folder) ?? [], after.get(folder) ?? [], immutable));
  return { base, head, environments, destructive: environments.some((e) => e.changes.some((c) => c.destructive)) };
}

function withoutStatus(object: ManifestObject): Record<string, unknown> {
  const { status: _status, ...rest } = object as Record<string, unknown>;
  return rest;
}
