/**
 * The Kubernetes client the controller is given: everything it reads and writes, and nothing
 * else. src/client-node.ts implements it on @kubernetes/client-node; tests use a fake.
 */
import type { Informer, KubernetesObject, ObjectCache } from '@kubernetes/client-node';
import { KubeObject } from '../../../policy/tag-shapes';

/** What the API server says about an object, beyond what the policies read. */
export interface ApiObject extends KubeObject {
  readonly metadata: KubeObject['metadata'] & {
    readonly name: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly generation?: number;
    readonly deletionTimestamp?: string | Date;
  };
}

/** A kind the cluster serves, as discovery describes it. */
export interface ServedKind {
  /** `<group>/<Kind>`, the form policies use. */
  readonly key: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly apiVersion: string;
}

export type ObjectInformer = Informer<KubernetesObject> & ObjectCache<KubernetesObject>;

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** A core/v1 Event as we create it. */
export interface EventObject {
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> };
  readonly involvedObject: { readonly apiVersion: string; readonly kind: string; readonly name: string; readonly namespace?: string; readonly uid?: string };
  readonly reason: string;
  readonly message: string;
  readonly type: 'Normal' | 'Warning';
  readonly source: { readonly component: string };
  readonly reportingComponent: string;
  readonly reportingInstance: string;
  readonly firstTimestamp: Date;
  readonly lastTimestamp: Date;
  readonly count: number;
}

export interface LeaseRecord {
  readonly resourceVersion?: string;
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  readonly acquireTime?: Date;
  readonly renewTime?: Date;
  readonly leaseTransitions?: number;
}

export interface KubeClient {
  /** Resolves when the API server answers (GET /version); rejects when it does not. */
  ping(): Promise<void>;
  /** Version, plural and scope of `<group>/<Kind>`; undefined when the cluster does not serve it. */
  discover(key: string): Promise<ServedKind | undefined>;
  /** A list+watch cache of one kind, in one namespace or (namespace undefined) all of them; not started. */
  informer(kind: ServedKind, options?: { namespace?: string; labelSelector?: string }): ObjectInformer;
  read(ref: ObjectRef): Promise<ApiObject>;
  /** Server-side apply of `object` (an apply configuration) under `fieldManager`, forcing ownership of the fields it names. */
  apply(object: ApiObject, fieldManager: string): Promise<ApiObject>;
  createEvent(event: EventObject): Promise<void>;
  /** PUT of the status subresource; `object.metadata.resourceVersion` makes it conditional. */
  replaceStatus(kind: ServedKind, object: ApiObject): Promise<ApiObject>;
  readLease(namespace: string, name: string): Promise<LeaseRecord | undefined>;
  /** Creates the lease (fails with 409 when it exists). */
  createLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord>;
  /** Replaces the lease if its resourceVersion is still `record.resourceVersion` (409 otherwise). */
  replaceLease(namespace: string, name: string, record: LeaseRecord): Promise<LeaseRecord>;
}
