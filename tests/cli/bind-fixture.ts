/**
 * Fixtures for `platform bind` tests: a repository whose development has nothing pinned yet (as on
 * a new account), and a cluster made of live objects built from the registry itself, each with
 * its value where the registry says ACK puts it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { AssignedValue, Binding, bindingsOf } from '../../charts/lib/assigned';
import { loadEnvironment } from '../../charts/lib/environment/load';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { BindCluster, LiveObject, LiveRead } from '../../cli/bind/live';
import { OWNER_ACCOUNT_ANNOTATION } from '../../policy/annotations';
import { synthesizedRepo } from './temp-repo';

export const ENV = 'development';
export const ENV_FILE = `environments/${ENV}/environment.yaml`;

/**
 * An environment file as a new account has it: nothing AWS assigns pinned (`network.assigned` and
 * `database.assigned` left out, `cache.assigned` and `edge.assigned` empty), the rest as it is.
 */
export function unbindFile(file: string): void {
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  doc.deleteIn(['network', 'assigned']);
  doc.deleteIn(['database', 'assigned']);
  for (const block of ['cache', 'edge']) doc.setIn([block, 'assigned'], doc.createNode({}, { flow: true }));
  fs.writeFileSync(file, doc.toString());
}

/** A repository whose development file pins nothing (unbindFile). */
export function unboundRepo(): string {
  return synthesizedRepo((repo) => unbindFile(path.join(repo, ENV_FILE)));
}

export const loadFrom = (repo: string): EnvironmentConfig => loadEnvironment(ENV, { environmentsDir: path.join(repo, 'environments') });

/** A value AWS could have assigned: the registry's example with its zeros made sevens (a different, valid value). */
export function assignedLike(binding: Binding): AssignedValue {
  const seven = (text: string) => text.replace(/0/g, '7');
  const { example } = binding;
  return typeof example === 'string' ? seven(example) : { name: seven(example.name), value: seven(example.value) };
}

/** `{status: {...}}` with `value` at a status path such as `status.nodeGroups[0].primaryEndpoint.address`. */
export function objectWith(statusPath: string, value: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  const steps = statusPath.split('.').flatMap((step) => step.split(/\[(\d+)\]/).filter((s) => s !== ''));
  let here: Record<string, unknown> = into;
  steps.forEach((step, index) => {
    if (index === steps.length - 1) here[step] = value;
    else here = (here[step] ??= /^\d+$/.test(steps[index + 1]) ? [] : {}) as Record<string, unknown>;
  });
  return into;
}

const synced = [{ type: 'ACK.ResourceSynced', status: 'True' }];

export interface FakeCluster extends BindCluster {
  /** Live objects by `Kind/name`; edit them to change what the cluster says. */
  readonly objects: Map<string, LiveObject>;
  ownerAccount: string | undefined;
}

/** A cluster where every binding of `env` has `valueOf(binding)` in its object's status, each object synced. */
export function fakeCluster(env: EnvironmentConfig, valueOf: (binding: Binding) => AssignedValue | undefined = assignedLike): FakeCluster {
  const objects = new Map<string, LiveObject>();
  for (const binding of bindingsOf(env)) {
    const key = `${binding.source.kind}/${binding.source.name}`;
    const object = (objects.get(key) ?? { metadata: { name: binding.source.name }, status: { conditions: synced } }) as Record<string, unknown>;
    const value = valueOf(binding);
    if (value !== undefined) objectWith(binding.source.statusPath, typeof value === 'string' ? value : { ...value, type: 'CNAME' }, object);
    objects.set(key, object as LiveObject);
  }
  const cluster: FakeCluster = {
    server: 'https://fake.cluster.test',
    objects,
    ownerAccount: env.aws.accountId,
    async namespace(name): Promise<LiveObject | undefined> {
      if (name !== env.namespace) return undefined;
      const annotations: Record<string, string> = cluster.ownerAccount ? { [OWNER_ACCOUNT_ANNOTATION]: cluster.ownerAccount } : {};
      return { metadata: { name, annotations } };
    },
    async object(_apiVersion, kind, namespace, name): Promise<LiveRead> {
      const found = namespace === env.namespace ? objects.get(`${kind}/${name}`) : undefined;
      return found ? { found } : { absent: 'not in the cluster' };
    },
  };
  return cluster;
}
