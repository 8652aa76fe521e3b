/**
 * KubeClient on @kubernetes/client-node: discovery, ListWatch informers (managedFields dropped
 * to keep the cache small), server-side apply, Events, status and Leases, over keep-alive
 * connections (pooled-kube-config.ts).
 */
import {
  ApisApi,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  KubernetesObjectApi,
  ListWatch,
  PatchStrategy,
  V1Lease,
  V1MicroTime,
  VersionApi,
  Watch,
} from '@kubernetes/client-node';
import { StatusError } from './errors';
import { PooledKubeConfig } from './pooled-kube-config';
import { ApiObject, EventObject, KubeClient, LeaseRecord, ObjectInformer, ObjectRef, ServedKind } from './kube';

/** KubernetesObjectApi with its (protected) discovery made usable. */
class DiscoveryApi extends KubernetesObjectApi {
  describe(apiVersion: string, kind: string) {
    return this.resource(apiVersion, kind);
  }
}

/**
 * The watch, minus what the reconciler never reads and what makes most of an object's size:
 * metadata.managedFields and kubectl's last-applied-configuration (a second copy of the object).
 */
class CompactWatch extends Watch {
  override watch(path: string, query: Record<string, string | number | boolean | undefined>, callback: (phase: string, apiObj: unknown, watchObj?: unknown) => void, done: (err: unknown) => void) {
    return super.watch(path, query, (phase, object, watchObject) => callback(phase, compact(object), watchObject), done);
  }
}

/** The continue token: `continue` in raw JSON (custom resources), `_continue` once deserialized (built-in kinds). */
function continueOf(list: KubernetesListObject<KubernetesObject>): string | undefined {
  const metadata = list.metadata as { continue?: string; _continue?: string } | undefined;
  return metadata?.continue || metadata?._continue || undefined;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Objects per list request. */
const LIST_PAGE = 500;

function compact<T>(object: T): T {
  const metadata = (object as { metadata?: { managedFields?: unknown; annotations?: Record<string, string> } } | undefined)?.metadata;
  if (metadata?.managedFields) delete metadata.managedFields;
  if (metadata?.annotations?.[LAST_APPLIED]) delete metadata.annotations[LAST_APPLIED];
  return object;
}

export function pathOf(kind: ServedKind, namespace?: string): string {
  const base = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  return namespace && kind.namespaced ? `${base}/namespaces/${namespace}/${kind.plural}` : `${base}/${kind.plural}`;
}

export class ClientNodeKube implements KubeClient {
  private readonly objects: DiscoveryApi;
  private readonly apis: ApisApi;
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly coordination: CoordinationV1Api;
  private readonly version: VersionApi;
  private preferredVersions: Map<string, string> | undefined;

  private readonly kubeConfig: KubeConfig;

  constructor(kubeConfig: KubeConfig) {
    this.kubeConfig = kubeConfig = PooledKubeConfig.of(kubeConfig);
    this.objects = kubeConfig.makeApiClient(DiscoveryApi);
    this.apis = kubeConfig.makeApiClient(ApisApi);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
    this.coordination = kubeConfig.makeApiClient(CoordinationV1Api);
    this.version = kubeConfig.makeApiClient(VersionApi);
  }

  async ping(): Promise<void> {
    await this.version.getCode();
  }

  async discover(key: string): Promise<ServedKind | undefined> {
    const slash = key.lastIndexOf('/');
    const group = key.slice(0, slash);
    const kind = key.slice(slash + 1);
    const version = group === '' ? 'v1' : await this.preferredVersion(group);
    if (!version) return undefined;
    const apiVersion = group === '' ? version : `${group}/${version}`;
    const resource = await this.objects.describe(apiVersion, kind);
    if (!resource) return undefined;
    return { key, group, version, kind, plural: resource.name, namespaced: resource.namespaced, apiVersion };
  }

  /** The group's preferred version; discovery is read again when a group is not (yet) known. */
  private async preferredVersion(group: string): Promise<string | undefined> {
    if (!this.preferredVersions?.has(group)) {
      const groups = await this.apis.getAPIVersions();
      this.preferredVersions = new Map(groups.groups.map((g) => [g.name, g.preferredVersion?.version ?? g.versions[0].version]));
    }
    return this.preferredVersions.get(group);
  }

  informer(kind: ServedKind, options: { namespace?: string; labelSelector?: string } = {}): ObjectInformer {
    const { namespace, labelSelector } = options;
    // Paged, so that a large kind is never one huge response held in memory at once.
    const list = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const items: KubernetesObject[] = [];
      let page: KubernetesListObject<KubernetesObject> | undefined;
      let token: string | undefined;
      do {
        page = await this.listPage(kind, kind.namespaced ? namespace : undefined, labelSelector, token);
        for (const item of page.items) items.push(compact(item));
        token = continueOf(page);
      } while (token);
      return { ...page, items };
    };
    return new ListWatch(pathOf(kind, namespace), new CompactWatch(this.kubeConfig), list, false, labelSelector);
  }

  /**
   * One page of a list. Not KubernetesObjectApi.list: it reads a custom resource list's
   * metadata as ObjectMeta and so drops the continue token (client-node 1.4.0).
   */
  private async listPage(kind: ServedKind, namespace: string | undefined, labelSelector: string | undefined, token: string | undefined): Promise<KubernetesListObject<KubernetesObject>> {
    const paging = { labelSelector, limit: LIST_PAGE, _continue: token };
    if (kind.key === '/Event') {
      const events = namespace ? await this.core.listNamespacedEvent({ namespace, ...paging }) : await this.core.listEventForAllNamespaces(paging);
      return events as unknown as KubernetesListObject<KubernetesObject>;
    }
    if (kind.group === '') throw new Error(`ClientNodeKube: no list for built-in kind ${kind.key}`);
    const where = { group: kind.group, version: kind.version, plural: kind.plural, ...paging };
    return namespace ? this.custom.listNamespacedCustomObject({ ...where, namespace }) : this.custom.listClusterCustomObject(where);
  }

  async read(ref: ObjectRef): Promise<ApiObject> {
    const object = await this.objects.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } });
    return compact(object) as unknown as ApiObject;
  }

  async apply(object: ApiObject, fieldManager: string): Promise<ApiObject> {
    const result = await this.objects.patch(object as unknown as KubernetesObject, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
    return compact(result) as unknown as ApiObject;
  }

  async createEvent(event: EventObject): Promise<void> {
    await this.core.createNamespacedEvent({ namespace: event.metadata.namespace, body: { apiVersion: 'v1', kind: 'Event', ...event } });
  }

  async replaceStatus(kind: ServedKind, object: ApiObject): Promise<ApiObject> {
    const result = await this.custom.replaceClusterCustomObjectStatus({ group: kind.group, version: kind.version, plural: kind.plural, name: object.metadata.name, body: object });
    return compact(result) as ApiObject;
  }

  async readLease(namespace: string, name: string): Promise<LeaseRecord | undefined> {
    try {
      return toRecord(await this.coordination.readNamespacedLease({ namespace, name }));
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  async createLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord> {
    return toRecord(await this.coordination.createNamespacedLease({ namespace, body: toLease(namespace, name, record) }));
  }

  async replaceLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord> {
    if (!record.resourceVersion) throw new StatusError(409, `replaceLease ${namespace}/${name}: a resourceVersion is required`);
    return toRecord(await this.coordination.replaceNamespacedLease({ namespace, name, body: toLease(namespace, name, record) }));
  }
}

function toLease(namespace: string, name: string, record: LeaseRecord): V1Lease {
  const micro = (date: Date | undefined) => (date ? new V1MicroTime(date.getTime()) : undefined);
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace, resourceVersion: record.resourceVersion },
    spec: {
      holderIdentity: record.holderIdentity,
      leaseDurationSeconds: record.leaseDurationSeconds,
      acquireTime: micro(record.acquireTime),
      renewTime: micro(record.renewTime),
      leaseTransitions: record.leaseTransitions,
    },
  };
}

function toRecord(lease: V1Lease): LeaseRecord {
  const date = (value: Date | string | undefined) => (value === undefined ? undefined : new Date(value));
  return {
    resourceVersion: lease.metadata?.resourceVersion,
    holderIdentity: lease.spec?.holderIdentity,
    leaseDurationSeconds: lease.spec?.leaseDurationSeconds,
    acquireTime: date(lease.spec?.acquireTime),
    renewTime: date(lease.spec?.renewTime),
    leaseTransitions: lease.spec?.leaseTransitions,
  };
}
