/**
 * Whether ACK has confirmed an object in AWS. A resource whose ACK.ResourceSynced is not True,
 * or whose ACK.Terminal is True, is "not verified": its spec may comply but AWS may not.
 */
import { KubeObject } from '../../../policy/tag-shapes';

export const SYNCED = 'ACK.ResourceSynced';
export const TERMINAL = 'ACK.Terminal';

export type Verification =
  | { readonly verified: true }
  /** `report`: worth an Event (Terminal, or Synced False); a resource that is merely pending is only counted. */
  | { readonly verified: false; readonly message: string; readonly report: boolean };

interface Condition {
  readonly type?: string;
  readonly status?: string;
}

export function verificationOf(object: KubeObject): Verification {
  const conditions = (object.status?.conditions as Condition[] | undefined) ?? [];
  const status = (type: string) => conditions.find((condition) => condition.type === type)?.status;
  if (status(TERMINAL) === 'True') return { verified: false, message: `${TERMINAL} is True: ACK stopped trying until the spec changes`, report: true };
  const synced = status(SYNCED);
  if (synced === 'True') return { verified: true };
  if (synced === undefined) return { verified: false, message: `${SYNCED} is absent: ACK has not reconciled the resource yet`, report: false };
  return { verified: false, message: `${SYNCED} is ${synced}: AWS may not match the spec`, report: synced === 'False' };
}

/** status.ackResourceMetadata.arn, once ACK has created the resource. */
export function arnOf(object: KubeObject): string | undefined {
  const arn = (object.status?.ackResourceMetadata as { arn?: unknown } | undefined)?.arn;
  return typeof arn === 'string' && arn !== '' ? arn : undefined;
}
