/**
 * Which objects of an environment are left out of its manifests because a value they need is not
 * pinned yet in an `assigned` block, and which bindings each one waits on. Found by building the
 * estate, not listed by hand: the charts are built with every unbound value given its example
 * (charts/lib/assigned.ts), and once more without each of them, so the answer cannot drift from
 * what the charts do. Only the charts are built (no validation, no files): about 0.1 s each.
 */
import { App } from 'cdk8s';
import { Binding, bindingsOf, keyOf, pinnedValue } from './lib/assigned';
import { EnvironmentConfig } from './lib/environment/types';
import { buildEstate } from './estate';

export interface WaitingObject {
  readonly kind: string;
  readonly name: string;
  /** Key paths of the bindings it needs that are not pinned (`edge.assigned.webAclArn`). */
  readonly waitsOn: readonly string[];
}

/** `Kind/name` of every object the estate builds for `env`. */
export function objectKeys(env: EnvironmentConfig): Set<string> {
  const app = new App();
  buildEstate(app, env);
  return new Set(app.charts.flatMap((chart) => chart.toJson().map((o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`)));
}

/** `env` with `value` at `path` (copies along the path only). */
function withValue<T>(data: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const here = (data ?? {}) as Record<string, unknown>;
  return { ...here, [head]: withValue(here[head], rest, value) } as T;
}

/** The bindings of `env` not pinned yet. */
export function unboundOf(env: EnvironmentConfig): Binding[] {
  return bindingsOf(env).filter((binding) => pinnedValue(env, binding) === undefined);
}

/** The objects `env` leaves out until its unbound values are pinned, in the order the charts build them. */
export function waitingObjects(env: EnvironmentConfig): WaitingObject[] {
  const unbound = unboundOf(env);
  if (unbound.length === 0) return [];
  const fill = (except?: Binding) => unbound.filter((b) => b !== except).reduce((data, b) => withValue(data, b.path, b.example), env);
  const now = objectKeys(env);
  const full = [...objectKeys(fill())].filter((key) => !now.has(key));
  const without = new Map(unbound.map((binding) => [binding, objectKeys(fill(binding))]));
  return full.map((key) => {
    const [kind, name] = key.split('/');
    return { kind, name, waitsOn: unbound.filter((binding) => !without.get(binding)!.has(key)).map(keyOf) };
  });
}

/** `Listener/listener-https waits on edge.assigned.certificateArn`: how diff and status say it. */
export const describeWaiting = (object: WaitingObject) => `${object.kind}/${object.name} waits on ${object.waitsOn.join(', ')}`;
