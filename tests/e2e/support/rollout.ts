/**
 * Applying one environment's manifests the way Argo CD does (sync waves ascending, each wave
 * applied then waited for) and reading what ACK made of each object: its ACK.ResourceSynced
 * condition. No vitest here, so that bench/e2e.ts can run the same rollout.
 */
import { ManifestObject } from '../../../cli/diff/manifest-tree';
import { crdOf } from '../../cluster/support/crds';
import { FIELD_MANAGER, identity, isAck } from '../../cluster/support/manifests';
import { kubectl, mapLimit, ServerSideApply } from '../../support/kube';
import { Gap, gapOf } from './gaps';

const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** The object's sync wave (0 when it has none, as in Argo CD). */
export function waveOf(object: ManifestObject): number {
  const annotations = (object.metadata.annotations ?? {}) as Record<string, string>;
  return Number(annotations[SYNC_WAVE] ?? 0);
}

/** Objects grouped by wave, waves ascending. */
export function waves(objects: readonly ManifestObject[]): [number, ManifestObject[]][] {
  const byWave = new Map<number, ManifestObject[]>();
  for (const object of objects) byWave.set(waveOf(object), [...(byWave.get(waveOf(object)) ?? []), object]);
  return [...byWave.entries()].sort(([a], [b]) => a - b);
}

/** What ACK says of one object. */
export interface SyncState {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  /** status of ACK.ResourceSynced: 'True', 'False', 'Unknown', or 'Missing' before the controller wrote any. */
  readonly synced: string;
  readonly terminal: boolean;
  /** The message of the first condition that is not True (or of ResourceSynced). */
  readonly message: string;
  readonly status: Record<string, any>;
}

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly message?: string;
  readonly reason?: string;
}

/** Reads the status of every ACK object of `objects` in one `kubectl get` per namespace. */
export async function syncStates(objects: readonly ManifestObject[]): Promise<Map<string, SyncState>> {
  const ack = objects.filter(isAck);
  const states = new Map<string, SyncState>();
  for (const namespace of new Set(ack.map((o) => o.metadata.namespace ?? ''))) {
    const inNamespace = ack.filter((o) => (o.metadata.namespace ?? '') === namespace);
    const resources = [...new Set(inNamespace.map((o) => { const crd = crdOf(o.apiVersion, o.kind); return `${crd.plural}.${crd.group}`; }))];
    const { stdout } = await kubectl(['get', resources.join(','), ...(namespace ? ['-n', namespace] : []), '-o', 'json']);
    for (const item of (JSON.parse(stdout) as { items: any[] }).items) {
      const conditions: Condition[] = item.status?.conditions ?? [];
      const synced = conditions.find((c) => c.type === 'ACK.ResourceSynced');
      const terminal = conditions.some((c) => c.type === 'ACK.Terminal' && c.status === 'True');
      const notTrue = conditions.find((c) => c.status !== 'True' && c.message) ?? synced;
      const id = identity(item);
      states.set(id, { id, kind: item.kind, name: item.metadata.name, synced: synced?.status ?? 'Missing', terminal, message: notTrue?.message ?? '', status: item.status ?? {} });
    }
  }
  return states;
}

/** One wave's outcome. */
export interface WaveResult {
  readonly wave: number;
  readonly objects: number;
  /** ACK objects of the wave that reached ResourceSynced=True. */
  readonly synced: number;
  /** ACK objects of the wave on the gap list (not waited for). */
  readonly gaps: number;
  /** From the first apply of the wave until every awaited object was synced, or the timeout. */
  readonly seconds: number;
  /** Awaited objects still not synced at the timeout. */
  readonly pending: readonly SyncState[];
  /** The awaited object seen synced last, and when (seconds from the wave's first apply). */
  readonly slowest?: { readonly name: string; readonly seconds: number };
}

export interface RolloutOptions {
  /** Longest wait per wave for its ACK objects. */
  readonly waveTimeoutMs: number;
  readonly gaps: readonly Gap[];
  /** @default every 2 s */
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * Applies `objects` wave by wave (server-side, one field manager, conflicts forced) and waits for
 * each wave's ACK objects that are not on the gap list to be synced. A wave that times out is
 * recorded and the next one is applied all the same (Argo CD would stop; the test wants the whole picture).
 */
export async function rollout(objects: readonly ManifestObject[], options: RolloutOptions): Promise<WaveResult[]> {
  const client = new ServerSideApply(FIELD_MANAGER);
  const log = options.log ?? (() => undefined);
  const results: WaveResult[] = [];
  for (const [wave, inWave] of waves(objects)) {
    const started = Date.now();
    // Namespaces first within the wave: everything else of the wave may live in them.
    const namespaces = inWave.filter((o) => o.apiVersion === 'v1' && o.kind === 'Namespace');
    for (const namespace of namespaces) await client.apply(namespace, { force: true });
    await mapLimit(inWave.filter((o) => !namespaces.includes(o)), 8, (o) => client.apply(o, { force: true }));
    const awaited = inWave.filter((o) => isAck(o) && !gapOf(o, options.gaps));
    const gaps = inWave.filter((o) => isAck(o) && gapOf(o, options.gaps)).length;
    let states = await syncStates(inWave);
    let pending = awaited.filter((o) => states.get(identity(o))?.synced !== 'True');
    let slowest: WaveResult['slowest'];
    while (pending.length > 0 && Date.now() - started < options.waveTimeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2000));
      states = await syncStates(inWave);
      const done = pending.filter((o) => states.get(identity(o))?.synced === 'True');
      if (done.length > 0) slowest = { name: `${done[0].kind}/${done[0].metadata.name}`, seconds: (Date.now() - started) / 1000 };
      pending = awaited.filter((o) => states.get(identity(o))?.synced !== 'True');
    }
    const synced = inWave.filter((o) => isAck(o) && states.get(identity(o))?.synced === 'True').length;
    const result = { wave, objects: inWave.length, synced, gaps, seconds: (Date.now() - started) / 1000, pending: pending.map((o) => states.get(identity(o)) ?? missing(o)), slowest };
    const last = slowest ? ` (last: ${slowest.name} at ${slowest.seconds.toFixed(1)} s)` : '';
    log(`wave ${wave}: ${inWave.length} objects, ${synced} synced, ${gaps} on the gap list, ${result.pending.length} pending after ${result.seconds.toFixed(1)} s${last}`);
    results.push(result);
  }
  return results;
}

function missing(object: ManifestObject): SyncState {
  return { id: identity(object), kind: object.kind, name: object.metadata.name, synced: 'Missing', terminal: false, message: 'not on the server', status: {} };
}
