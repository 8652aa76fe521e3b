/**
 * The kinds whose removal costs something that a re-create does not give back, from the registry
 * (policy/kinds.ts):
 *  - `stateful`: data or identity whose loss cannot be undone. These carry the ACK deletion
 *    policy `retain` and Argo CD's Prune=false,Delete=false, need backups, and the diff tool calls
 *    their removal or replacement DESTRUCTIVE in every environment.
 *  - `disruptive`: re-creatable, but removing one deletes records (a log group's logs) or takes
 *    traffic down (a service, a DNS record). The diff tool calls their removal or replacement
 *    DESTRUCTIVE in a protected environment (one Argo CD never prunes: production).
 */
import { KindLoss, KindRisk, kindView } from './kinds';

export type { KindLoss, KindRisk };

export const KIND_LOSSES: Readonly<Record<string, KindLoss>> = kindView((facts) => (facts.loss === 'none' ? undefined : facts.loss));

/** The stateful kinds (group/Kind → what they hold): retained, protected from pruning, backed up. */
export const STATEFUL_KINDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KIND_LOSSES)
    .filter(([, loss]) => loss.risk === 'stateful')
    .map(([kind, loss]) => [kind, loss.holds]),
);

export function isStatefulKind(kindKey: string): boolean {
  return kindKey in STATEFUL_KINDS;
}
