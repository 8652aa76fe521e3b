/**
 * Reads the live objects `platform status` joins with the manifests, through
 * @kubernetes/client-node: one list per ACK kind in the environment's namespace, one read per
 * policy object (cluster-scoped).
 */
import { ApiException, KubeConfig, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { StatusError } from './expected';

/** A live object as far as status needs it. */
export interface LiveObject {
  readonly metadata: { readonly name?: string };
  readonly status?: Record<string, unknown>;
}

/** What the cluster has for one kind: its objects by name, or why it could not be listed. */
export type LiveKind = { readonly served: true; readonly objects: ReadonlyMap<string, LiveObject> } | { readonly served: false; readonly reason: string };

/** The cluster, as status reads it; tests may pass another. */
export interface StatusSource {
  listKind(apiVersion: string, kind: string, namespace: string): Promise<LiveKind>;
  /** A cluster-scoped object, undefined when absent or its kind is not served. */
  readCluster(apiVersion: string, kind: string, name: string): Promise<LiveObject | undefined>;
}

/** The kubeconfig file given, else the default loading rules (KUBECONFIG, ~/.kube/config, in-cluster). */
export function loadKubeConfig(file: string | undefined): KubeConfig {
  const config = new KubeConfig();
  if (file) config.loadFromFile(file);
  else config.loadFromDefault();
  if (!config.getCurrentCluster()) throw new StatusError(`no current cluster in ${file ?? 'the kubeconfig (KUBECONFIG or ~/.kube/config)'}`);
  return config;
}

/** True for "this kind is not served": a 404, or client-node's discovery not finding it. */
function notServed(error: unknown): string | undefined {
  if (error instanceof ApiException && error.code === 404) return 'the API server does not serve this kind (CRD not installed?)';
  const message = (error as Error).message ?? '';
  if (/Unrecognized API version and kind|not found/i.test(message) && !(error instanceof ApiException)) return `the API server does not serve this kind: ${message.split('\n')[0]}`;
  return undefined;
}

function unreachable(config: KubeConfig, error: unknown): StatusError {
  const server = config.getCurrentCluster()?.server ?? '(unknown server)';
  const detail = error instanceof ApiException ? `HTTP ${error.code}` : ((error as Error).message ?? String(error)).split('\n')[0];
  return new StatusError(`cannot read the cluster at ${server}: ${detail}`);
}

export function clusterSource(config: KubeConfig): StatusSource {
  const api = KubernetesObjectApi.makeApiClient(config);
  return {
    async listKind(apiVersion, kind, namespace) {
      try {
        const list = await api.list<KubernetesObject & LiveObject>(apiVersion, kind, namespace);
        return { served: true, objects: new Map(list.items.map((item) => [item.metadata?.name ?? '', item])) };
      } catch (error) {
        const reason = notServed(error);
        if (reason) return { served: false, reason };
        throw unreachable(config, error);
      }
    },
    async readCluster(apiVersion, kind, name) {
      try {
        return await api.read<KubernetesObject & LiveObject>({ apiVersion, kind, metadata: { name } });
      } catch (error) {
        if (notServed(error)) return undefined;
        throw unreachable(config, error);
      }
    },
  };
}
