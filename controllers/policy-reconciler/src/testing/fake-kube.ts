/**
 * An in-memory API server for unit tests: objects with resourceVersions, informers that see
 * every change (delivered asynchronously, like a watch), server-side apply with the
 * resourceVersion precondition and field ownership for the fields the reconciler applies
 * (top-level spec fields, annotations and labels; see apply()), status writes, Events, Leases, a log of every write, and
 * injected failures.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { POLICY_GROUP } from '../../../../policy/policy-resources';
import { StatusError } from '../errors';
import { ApiObject, EventObject, KubeClient, LeaseRecord, ObjectInformer, ObjectRef, ServedKind } from '../kube';

type Verb = 'apply' | 'event' | 'status' | 'createLease' | 'replaceLease' | 'read' | 'readLease' | 'list' | 'discover' | 'ping';

export interface Write {
  readonly verb: Verb;
  readonly key: string;
  readonly body?: unknown;
  readonly fieldManager?: string;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function kindKeyOf(apiVersion: string, kind: string): string {
  return apiVersion.includes('/') ? `${apiVersion.split('/')[0]}/${kind}` : `/${kind}`;
}

function served(key: string): ServedKind {
  const slash = key.lastIndexOf('/');
  const group = key.slice(0, slash);
  const kind = key.slice(slash + 1);
  // The core group serves v1; ours and ACK's serve v1alpha1.
  const version = group === '' ? 'v1' : 'v1alpha1';
  return { key, group, version, kind, plural: `${kind.toLowerCase()}s`, namespaced: group !== POLICY_GROUP, apiVersion: group === '' ? version : `${group}/${version}` };
}

class FakeInformer {
  private readonly objects = new Map<string, KubernetesObject>();
  private readonly callbacks: Record<string, ((arg: never) => void)[]> = { add: [], update: [], delete: [], error: [], connect: [] };
  running = false;

  constructor(private readonly kube: FakeKube, readonly kindKey: string, private readonly selector?: string, readonly namespace?: string) {}

  on(verb: string, cb: (arg: never) => void): void {
    if (verb === 'change') return ['add', 'update', 'delete'].forEach((v) => this.on(v, cb));
    this.callbacks[verb].push(cb);
  }

  off(verb: string, cb: (arg: never) => void): void {
    this.callbacks[verb] = this.callbacks[verb].filter((c) => c !== cb);
  }

  async start(): Promise<void> {
    await Promise.resolve();
    const failure = this.kube.takeFailure('list', this.kindKey);
    if (failure) return this.emit('error', failure);
    this.running = true;
    const listed = this.kube.all(this.kindKey) as unknown as KubernetesObject[];
    const wanted = listed.filter((o) => this.matches(o));
    const names = new Set(wanted.map(FakeKube.id));
    for (const [id, old] of this.objects) {
      if (!names.has(id)) {
        this.objects.delete(id);
        this.emit('delete', old);
      }
    }
    for (const object of wanted) this.deliver(object);
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  get(name: string, namespace?: string): KubernetesObject | undefined {
    return this.objects.get(`${namespace ?? ''}/${name}`);
  }

  list(namespace?: string): KubernetesObject[] {
    return [...this.objects.values()].filter((o) => !namespace || o.metadata?.namespace === namespace);
  }

  /** The watch delivers a change (if it is running). */
  deliver(object: KubernetesObject, deleted = false): void {
    if (!this.running || !this.matches(object)) return;
    const id = FakeKube.id(object);
    if (deleted) {
      if (this.objects.delete(id)) this.emit('delete', object);
      return;
    }
    const old = this.objects.get(id);
    if (old && old.metadata?.resourceVersion === object.metadata?.resourceVersion) return;
    this.objects.set(id, object);
    this.emit(old ? 'update' : 'add', object);
  }

  /** The watch breaks: ListWatch reports an error and stops. */
  breakWatch(error: unknown): void {
    if (!this.running) return;
    this.running = false;
    this.emit('error', error);
  }

  private matches(object: KubernetesObject): boolean {
    if (this.namespace && object.metadata?.namespace !== this.namespace) return false;
    if (!this.selector) return true;
    return this.selector.split(',').every((term) => {
      const [key, value] = term.split('=');
      return object.metadata?.labels?.[key] === value;
    });
  }

  private emit(verb: string, arg: unknown): void {
    for (const cb of [...this.callbacks[verb]]) cb(arg as never);
  }
}

export class FakeKube implements KubeClient {
  readonly writes: Write[] = [];
  /** Kinds discovery answers for; everything by default. */
  servedKinds?: Set<string>;
  private readonly store = new Map<string, Map<string, ApiObject>>();
  private readonly informers: FakeInformer[] = [];
  private readonly leases = new Map<string, LeaseRecord>();
  /** `<kindKey>|<namespace>/<name>` → field manager → the field paths its last apply named. */
  private readonly owners = new Map<string, Map<string, Set<string>>>();
  private readonly failures: { verb: Verb; match?: string; error: unknown; first?: () => void }[] = [];
  private version = 100;

  static id(object: { metadata?: { namespace?: string; name?: string } }): string {
    return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  }

  /** The next `verb` (on a key containing `match`) fails with `error`, after running `first` (e.g. a concurrent delete). */
  failNext(verb: Verb, error: unknown, match?: string, first?: () => void): void {
    this.failures.push({ verb, match, error, first });
  }

  /** Every injected failure not yet taken is dropped: the API server answers again. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  takeFailure(verb: Verb, key: string): unknown {
    const index = this.failures.findIndex((f) => f.verb === verb && (!f.match || key.includes(f.match)));
    if (index < 0) return undefined;
    const failure = this.failures.splice(index, 1)[0];
    failure.first?.();
    return failure.error;
  }

  /**
   * Creates or replaces an object as a user or ACK would (bumps resourceVersion, notifies
   * watches). Like the API server with a status subresource: an object given without status
   * keeps the stored one, and generation moves with the spec.
   */
  put(object: Omit<ApiObject, 'metadata'> & { metadata: Partial<ApiObject['metadata']> & { name: string } }): ApiObject {
    const old = this.get(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    // An update takes the fields it changes away from the managers that applied them.
    for (const paths of this.owners.get(this.ownerKey(object))?.values() ?? []) {
      for (const path of paths) if (JSON.stringify(valueAt(old, path)) !== JSON.stringify(valueAt(object, path))) paths.delete(path);
    }
    return this.write(object, old);
  }

  private write(object: Omit<ApiObject, 'metadata'> & { metadata: Partial<ApiObject['metadata']> & { name: string } }, old: ApiObject | undefined): ApiObject {
    const key = kindKeyOf(object.apiVersion, object.kind);
    const objects = this.store.get(key) ?? new Map<string, ApiObject>();
    this.store.set(key, objects);
    const generation = !old ? 1 : (old.metadata.generation ?? 1) + (JSON.stringify(old.spec) === JSON.stringify(object.spec) ? 0 : 1);
    const stored = clone({
      ...object,
      ...(!('status' in object) && old?.status ? { status: old.status } : {}),
      metadata: { uid: old?.metadata.uid ?? `uid-${object.metadata.name}`, ...object.metadata, generation, resourceVersion: String(++this.version) },
    }) as ApiObject;
    objects.set(FakeKube.id(stored), stored);
    this.notify(key, stored);
    return stored;
  }

  remove(ref: ObjectRef): void {
    const key = kindKeyOf(ref.apiVersion, ref.kind);
    const object = this.store.get(key)?.get(`${ref.namespace ?? ''}/${ref.name}`);
    if (!object) return;
    this.store.get(key)!.delete(FakeKube.id(object));
    this.owners.delete(this.ownerKey(object));
    this.notify(key, object, true);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): ApiObject | undefined {
    return this.store.get(kindKeyOf(apiVersion, kind))?.get(`${namespace ?? ''}/${name}`);
  }

  all(kindKey: string): ApiObject[] {
    return [...(this.store.get(kindKey)?.values() ?? [])].map(clone);
  }

  informersOf(kindKey: string): FakeInformer[] {
    return this.informers.filter((i) => i.kindKey === kindKey);
  }

  /** Writes of one verb (reads excluded). */
  writesOf(verb: Verb): Write[] {
    return this.writes.filter((w) => w.verb === verb);
  }

  // KubeClient ------------------------------------------------------------------------------

  /** Counts the probes; fails when a `ping` failure is injected. */
  pings = 0;

  async ping(): Promise<void> {
    this.pings++;
    const failure = this.takeFailure('ping', '');
    if (failure) throw failure;
  }

  async discover(key: string): Promise<ServedKind | undefined> {
    const failure = this.takeFailure('discover', key);
    if (failure) throw failure;
    if (this.servedKinds && !this.servedKinds.has(key)) return undefined;
    return served(key);
  }

  informer(kind: ServedKind, options: { namespace?: string; labelSelector?: string } = {}): ObjectInformer {
    const informer = new FakeInformer(this, kind.key, options.labelSelector, options.namespace);
    this.informers.push(informer);
    return informer as unknown as ObjectInformer;
  }

  async read(ref: ObjectRef): Promise<ApiObject> {
    await Promise.resolve();
    const key = `${kindKeyOf(ref.apiVersion, ref.kind)}|${ref.namespace ?? ''}/${ref.name}`;
    const failure = this.takeFailure('read', key);
    if (failure) throw failure;
    const object = this.get(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    if (!object) throw new StatusError(404, `${key} not found`);
    return clone(object);
  }

  async apply(object: ApiObject, fieldManager: string): Promise<ApiObject> {
    await Promise.resolve();
    const key = `${kindKeyOf(object.apiVersion, object.kind)}|${FakeKube.id(object)}`;
    this.writes.push({ verb: 'apply', key, body: clone(object), fieldManager });
    const failure = this.takeFailure('apply', key);
    if (failure) throw failure;
    const current = this.get(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    if (!current) throw new StatusError(404, `${key} not found`);
    if (object.metadata.resourceVersion && object.metadata.resourceVersion !== current.metadata.resourceVersion) throw new StatusError(409, `${key}: the object has been modified`);
    return this.write(this.merge(current, object, fieldManager), current);
  }

  /**
   * Server-side apply with force, for the fields the reconciler applies: each top-level spec field
   * (lists such as ACK's tags are atomic: replaced whole), each annotation and each label. The
   * manager takes the fields it names from other managers; a field it named last time and names
   * no more is removed, unless another manager still owns it.
   */
  private merge(current: ApiObject, applied: ApiObject, fieldManager: string): ApiObject {
    const managers = this.owners.get(this.ownerKey(current)) ?? new Map<string, Set<string>>();
    this.owners.set(this.ownerKey(current), managers);
    const named = new Set(fieldPaths(applied));
    const merged = clone(current);
    for (const path of managers.get(fieldManager) ?? []) {
      const ownedElsewhere = [...managers].some(([manager, paths]) => manager !== fieldManager && paths.has(path));
      if (!named.has(path) && !ownedElsewhere) setAt(merged, path, undefined);
    }
    for (const path of named) {
      setAt(merged, path, clone(valueAt(applied, path)));
      for (const [manager, paths] of managers) if (manager !== fieldManager) paths.delete(path);
    }
    managers.set(fieldManager, named);
    return merged;
  }

  /** The fields `fieldManager`'s last apply on the object named (tests). */
  ownedBy(ref: ObjectRef, fieldManager: string): string[] {
    return [...(this.owners.get(this.ownerKey({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { namespace: ref.namespace, name: ref.name } }))?.get(fieldManager) ?? [])].sort();
  }

  private ownerKey(object: { apiVersion: string; kind: string; metadata: { namespace?: string; name?: string } }): string {
    return `${kindKeyOf(object.apiVersion, object.kind)}|${FakeKube.id(object)}`;
  }

  async createEvent(event: EventObject): Promise<void> {
    await Promise.resolve();
    const key = `/Event|${event.metadata.namespace}/${event.metadata.name}`;
    this.writes.push({ verb: 'event', key, body: clone(event) });
    const failure = this.takeFailure('event', key);
    if (failure) throw failure;
    if (this.get('v1', 'Event', event.metadata.namespace, event.metadata.name)) throw new StatusError(409, `${key} already exists`);
    this.put({ apiVersion: 'v1', kind: 'Event', ...clone(event) } as never);
  }

  async replaceStatus(kind: ServedKind, object: ApiObject): Promise<ApiObject> {
    await Promise.resolve();
    const key = `${kind.key}|/${object.metadata.name}`;
    this.writes.push({ verb: 'status', key, body: clone(object) });
    const failure = this.takeFailure('status', key);
    if (failure) throw failure;
    const current = this.get(kind.apiVersion, kind.kind, undefined, object.metadata.name);
    if (!current) throw new StatusError(404, `${key} not found`);
    if (object.metadata.resourceVersion !== current.metadata.resourceVersion) throw new StatusError(409, `${key}: the object has been modified`);
    return this.put({ ...current, status: clone(object.status) });
  }

  async readLease(namespace: string, name: string): Promise<LeaseRecord | undefined> {
    await Promise.resolve();
    const failure = this.takeFailure('readLease', `${namespace}/${name}`);
    if (failure) throw failure;
    const lease = this.leases.get(`${namespace}/${name}`);
    return lease && { ...lease };
  }

  async createLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord> {
    await Promise.resolve();
    this.writes.push({ verb: 'createLease', key: `${namespace}/${name}`, body: record });
    if (this.leases.has(`${namespace}/${name}`)) throw new StatusError(409, 'lease exists');
    const stored = { ...record, resourceVersion: String(++this.version) };
    this.leases.set(`${namespace}/${name}`, stored);
    return { ...stored };
  }

  async replaceLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord> {
    await Promise.resolve();
    this.writes.push({ verb: 'replaceLease', key: `${namespace}/${name}`, body: record });
    const failure = this.takeFailure('replaceLease', `${namespace}/${name}`);
    if (failure) throw failure;
    const current = this.leases.get(`${namespace}/${name}`);
    if (!current || current.resourceVersion !== record.resourceVersion) throw new StatusError(409, 'lease modified');
    const stored = { ...record, resourceVersion: String(++this.version) };
    this.leases.set(`${namespace}/${name}`, stored);
    return { ...stored };
  }

  lease(namespace: string, name: string): LeaseRecord | undefined {
    return this.leases.get(`${namespace}/${name}`);
  }

  private notify(kindKey: string, object: ApiObject, deleted = false): void {
    const copy = clone(object) as unknown as KubernetesObject;
    // Like a watch: the change arrives after the write returns.
    queueMicrotask(() => {
      for (const informer of this.informersOf(kindKey)) informer.deliver(copy, deleted);
    });
  }
}

type Path = readonly [section: 'spec' | 'annotations' | 'labels', field: string];
type Fielded = { spec?: Record<string, unknown>; metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> } } | undefined;

/** `spec.<field>`, `metadata.annotations.<key>`, `metadata.labels.<key>` named by an apply configuration. */
function fieldPaths(object: ApiObject): string[] {
  return [
    ...Object.keys(object.spec ?? {}).map((field) => `spec.${field}`),
    ...Object.keys(object.metadata.annotations ?? {}).map((key) => `metadata.annotations.${key}`),
    ...Object.keys(object.metadata.labels ?? {}).map((key) => `metadata.labels.${key}`),
  ];
}

function parsePath(path: string): Path {
  if (path.startsWith('spec.')) return ['spec', path.slice('spec.'.length)];
  const [, section, ...rest] = path.split('.');
  // Annotation keys contain dots: everything after the section is the key.
  return [section as 'annotations' | 'labels', rest.join('.')];
}

function valueAt(object: Fielded, path: string): unknown {
  const [section, field] = parsePath(path);
  return section === 'spec' ? object?.spec?.[field] : object?.metadata?.[section]?.[field];
}

type Mutable = { spec?: Record<string, unknown>; metadata: Record<string, Record<string, unknown> | undefined> };

function setAt(target: ApiObject, path: string, value: unknown): void {
  const object = target as unknown as Mutable;
  const [section, field] = parsePath(path);
  const parent = section === 'spec' ? (object.spec ??= {}) : (object.metadata[section] ??= {});
  if (value === undefined) delete parent[field];
  else parent[field] = value;
  if (section !== 'spec' && Object.keys(parent).length === 0) delete object.metadata[section];
}

/** Resolves once `condition` holds, letting promises and microtasks run in between (no timers). */
export async function until(condition: () => boolean, what = 'condition', turns = 10_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`until: ${what} did not hold after ${turns} turns`);
}
