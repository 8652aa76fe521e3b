/**
 * What the cluster can give for each binding of an environment: the value, or why not yet. Reads
 * a status field whenever it is there, synced or not: ACM's validation record is in the status of
 * a certificate that cannot be issued before the record exists. A terminal object is refused.
 */
import { AssignedValue, Binding, keyOf } from '../../charts/lib/assigned';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { WaitingObject } from '../../charts/waiting';
import { OWNER_ACCOUNT_ANNOTATION } from '../../policy/annotations';
import { classify, Condition } from '../status/classify';
import { BindCluster } from './live';

export type LiveValue =
  | { readonly binding: Binding; readonly value: AssignedValue }
  | { readonly binding: Binding; readonly value?: undefined; readonly reason: string; readonly waitsOn?: readonly string[] };

/** The cluster is not this environment's, or an object needs its spec fixed: nothing is written. */
export class BindRefusal extends Error {
  override readonly name = 'BindRefusal';
}

/** Refuses a cluster whose namespace belongs to another account (or is not the estate's). */
export async function checkCluster(env: EnvironmentConfig, file: string, cluster: BindCluster): Promise<void> {
  const namespace = await cluster.namespace(env.namespace);
  if (!namespace) throw new BindRefusal(`the cluster at ${cluster.server} has no namespace ${env.namespace} (${file} namespace): wrong cluster, or ${env.name} was never synced there`);
  const owner = namespace.metadata?.annotations?.[OWNER_ACCOUNT_ANNOTATION];
  if (owner !== env.aws.accountId) {
    throw new BindRefusal(`wrong cluster: namespace ${env.namespace} at ${cluster.server} belongs to account ${owner ?? '(no ' + OWNER_ACCOUNT_ANNOTATION + ' annotation)'}, ${file} aws.accountId is ${env.aws.accountId}`);
  }
}

/** Reads every binding's value; `waiting` says which objects are not synthesized yet and why. */
export async function readLiveValues(env: EnvironmentConfig, bindings: readonly Binding[], waiting: readonly WaitingObject[], cluster: BindCluster): Promise<LiveValue[]> {
  const values: LiveValue[] = [];
  const terminal: string[] = [];
  for (const binding of bindings) {
    const { apiVersion, kind, name, statusPath } = binding.source;
    const object = `${kind}/${name}`;
    const live = await cluster.object(apiVersion, kind, env.namespace, name);
    if ('absent' in live) {
      const waits = waiting.find((w) => w.kind === kind && w.name === name);
      values.push(waits
        ? { binding, reason: `${object} is not in the manifests yet: it waits on ${waits.waitsOn.join(', ')}`, waitsOn: waits.waitsOn }
        : { binding, reason: `${object} ${live.absent}: sync ${env.name} first` });
      continue;
    }
    const state = classify(live.found.status as { conditions?: Condition[] } | undefined, true);
    if (state.state === 'terminal') {
      terminal.push(`${object} is terminal (${state.condition}: ${state.message})`);
      continue;
    }
    const value = binding.read(live.found);
    if (value !== undefined) values.push({ binding, value });
    else if (state.state !== 'synced') values.push({ binding, reason: `${object} is not synced${state.condition ? ` (${state.condition})` : ''}: ${state.message}` });
    else values.push({ binding, reason: `${statusPath} of ${object} is empty although it is synced` });
  }
  if (terminal.length > 0) {
    throw new BindRefusal(`${[...new Set(terminal)].join('; ')}: ACK will not retry until its spec changes; fix that first (${bindings.filter((b) => terminal.some((t) => t.startsWith(`${b.source.kind}/${b.source.name} `))).map(keyOf).join(', ')} not bound)`);
  }
  return values;
}
