/**
 * What bind does with each value the cluster gave (or could not give): pure, no cluster, no files.
 * A pinned value that differs from the live one is a conflict, resolved only by `--prefer`.
 */
import { AssignedValue, keyOf, pinnedValue, sameValue } from '../../charts/lib/assigned';
import { LiveValue } from './read';

export type Prefer = 'live' | 'git';
export const PREFER: readonly Prefer[] = ['live', 'git'];

/**
 * bound: new, written; unchanged: already pinned as live; replaced: conflict, live wins;
 * kept: conflict, the file wins; conflict: unresolved; waiting: not available yet.
 */
export type EntryState = 'bound' | 'unchanged' | 'replaced' | 'kept' | 'conflict' | 'waiting';

export interface BindEntry {
  /** `edge.assigned.certificateArn`. */
  readonly key: string;
  readonly state: EntryState;
  /** Kind/name and status path the value is read from. */
  readonly source: string;
  readonly live?: AssignedValue;
  readonly pinned?: AssignedValue;
  /** Why it is not available yet (waiting). */
  readonly reason?: string;
  /** The bindings the source object waits on, when it is not synthesized yet. */
  readonly waitsOn?: readonly string[];
}

export interface BindPlan {
  readonly entries: readonly BindEntry[];
  /** The values to write: bound and replaced ones. */
  readonly writes: readonly { readonly path: readonly string[]; readonly value: AssignedValue }[];
  readonly conflicts: readonly BindEntry[];
  /** Keys whose value after this run differs from the committed file (HEAD). */
  readonly changedAgainstGit: readonly string[];
}

/** `current`: the environment file's data now; `committed`: at HEAD (undefined when untracked). */
export function planBind(values: readonly LiveValue[], current: unknown, committed: unknown, prefer: Prefer | undefined): BindPlan {
  const entries: BindEntry[] = [];
  const writes: { path: readonly string[]; value: AssignedValue }[] = [];
  const changedAgainstGit: string[] = [];
  for (const live of values) {
    const { binding } = live;
    const key = keyOf(binding);
    const source = `${binding.source.kind}/${binding.source.name} ${binding.source.statusPath}`;
    const pinned = pinnedValue(current, binding);
    let after = pinned;
    if (live.value === undefined) {
      entries.push({ key, state: 'waiting', source, pinned, reason: live.reason, ...(live.waitsOn ? { waitsOn: live.waitsOn } : {}) });
    } else if (pinned === undefined || sameValue(pinned, live.value)) {
      entries.push({ key, state: pinned === undefined ? 'bound' : 'unchanged', source, live: live.value, pinned });
      if (pinned === undefined) writes.push({ path: binding.path, value: live.value });
      after = live.value;
    } else {
      const state = prefer === 'live' ? 'replaced' : prefer === 'git' ? 'kept' : 'conflict';
      entries.push({ key, state, source, live: live.value, pinned });
      if (state === 'replaced') {
        writes.push({ path: binding.path, value: live.value });
        after = live.value;
      }
    }
    if (committed !== undefined ? !sameValue(pinnedValue(committed, binding), after) : after !== undefined) changedAgainstGit.push(key);
  }
  return { entries, writes, conflicts: entries.filter((e) => e.state === 'conflict'), changedAgainstGit };
}
