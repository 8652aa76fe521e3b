/**
 * What one ACK object's conditions say, in the words `platform status` prints: synced, terminal,
 * or not synced with the condition that explains why. Pure: no cluster here.
 */
import { SYNCED, TERMINAL } from '../../controllers/policy-reconciler/src/ack-status';

export const RECOVERABLE = 'ACK.Recoverable';
export const REFERENCES_RESOLVED = 'ACK.ReferencesResolved';

export type ObjectState = 'synced' | 'not-synced' | 'terminal' | 'not-applied';

export interface Condition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface Classified {
  readonly state: ObjectState;
  /** The condition the message comes from (`ACK.Terminal`...), absent when there is none. */
  readonly condition?: string;
  /** Why it is not synced; absent when synced. */
  readonly message?: string;
}

/**
 * The state of an object from its live status (undefined: not in the cluster). The message is
 * the most specific condition's: Terminal, then Recoverable, then unresolved references, then
 * ResourceSynced itself.
 */
export function classify(status: { conditions?: readonly Condition[] } | undefined, present: boolean): Classified {
  if (!present) return { state: 'not-applied', message: 'not applied: the object is not in the cluster' };
  const conditions = status?.conditions ?? [];
  const find = (type: string, value: string) => conditions.find((c) => c.type === type && c.status === value);
  const text = (c: Condition) => [c.reason, c.message].filter((part) => part && part.trim() !== '').join(': ') || `${c.type} is ${c.status}`;
  const terminal = find(TERMINAL, 'True');
  if (terminal) return { state: 'terminal', condition: TERMINAL, message: text(terminal) };
  if (find(SYNCED, 'True')) return { state: 'synced' };
  const why = find(RECOVERABLE, 'True') ?? find(REFERENCES_RESOLVED, 'False') ?? conditions.find((c) => c.type === SYNCED);
  if (why) return { state: 'not-synced', condition: why.type, message: text(why) };
  return { state: 'not-synced', message: `${SYNCED} is absent: no controller has reconciled it yet` };
}
