/**
 * An in-memory API server for unit tests: objects with resourceVersions, informers that see
 * every change (delivered asynchronously, like a watch), server-side apply with the
 * resourceVersion precondition, status writes, Events, Leases, a log of every write, and
 * injected failures.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { POLICY_GROUP } from '../../../../policy/policy-resources';
import { StatusError } from '../errors';
import { ApiObject, EventObject, KubeClient, LeaseRecord, ObjectInformer, ObjectRef, ServedKind } from '../kube';

type Verb = 'apply' | 'event' | 'status' | 'createLease' | 'replaceLease' | 'read' | 'readLease' | 'list' | 'discover';

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
  const version = group === '' ? 'v1' : group === POLICY_GROUP ? 'v1alpha1' : 'v1alpha1';
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
  private readonly failures: { verb: Verb; match?: string; error: unknown; first?: () => void }[] = [];
  private version = 100;

  static id(object: { metadata?: { namespace?: string; name?: string } }): string {
    return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  }

  /** The next `verb` (on a key containing `match`) fails with `error`, after running `first` (e.g. a concurrent delete). */
  failNext(verb: Verb, error: unknown, match?: string, first?: () => void): void {
    this.failures.push({ verb, match, error, first });
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
    const key = kindKeyOf(object.apiVersion, object.kind);
    const objects = this.store.get(key) ?? new Map<string, ApiObject>();
    this.store.set(key, objects);
    const old = objects.get(FakeKube.id(object));
    const generation = !old ? 1 : (old.metadata.generation ?? 1) + (JSON.stringify(old.spec) === JSON.stringify(object.spec) ? 0 : 1);
    const stored = clone({
      ...object,
      ...(!('status' in object) && old?.status ? { status: old.status } : {}),
      metadata: { uid: old?.metadata.uid ?? `uid-${object.metadata.name}`, generation, ...object.metadata, resourceVersion: String(++this.version) },
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
    const annotations = { ...current.metadata.annotations, ...object.metadata.annotations };
    return this.put({
      ...current,
      metadata: { ...current.metadata, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: { ...current.spec, ...object.spec },
    });
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

/** Resolves once `condition` holds, letting promises and microtasks run in between (no timers). */
export async function until(condition: () => boolean, what = 'condition', turns = 10_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`until: ${what} did not hold after ${turns} turns`);
}
