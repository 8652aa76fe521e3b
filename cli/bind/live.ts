/**
 * What `platform bind` reads from the cluster, through @kubernetes/client-node: the environment's
 * Namespace (its owner account) and the ACK objects the registry names, one read each.
 */
import { ApiException, KubeConfig, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';

export interface LiveObject {
  readonly metadata?: { readonly name?: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly status?: Record<string, unknown>;
}

/** An object, or why there is none (absent, or its kind is not served). */
export type LiveRead = { readonly found: LiveObject } | { readonly absent: string };

/** The cluster as bind reads it; tests may pass another. */
export interface BindCluster {
  /** The API server's URL, for messages. */
  readonly server: string;
  namespace(name: string): Promise<LiveObject | undefined>;
  object(apiVersion: string, kind: string, namespace: string, name: string): Promise<LiveRead>;
}

/** A failure to read the cluster: the user's kubeconfig or network, not a bug. */
export class ClusterReadError extends Error {
  override readonly name = 'ClusterReadError';
}

export function clusterOf(config: KubeConfig): BindCluster {
  const api = KubernetesObjectApi.makeApiClient(config);
  const server = config.getCurrentCluster()?.server ?? '(no server)';
  const read = async (object: KubernetesObject): Promise<LiveRead> => {
    try {
      return { found: await api.read<KubernetesObject & LiveObject>(object as KubernetesObject & { metadata: { name: string } }) };
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return { absent: 'not in the cluster' };
      const message = ((error as Error).message ?? String(error)).split('\n')[0];
      if (!(error instanceof ApiException) && /Unrecognized API version and kind|not found/i.test(message)) return { absent: `its kind is not served (CRD not installed?): ${message}` };
      throw new ClusterReadError(`cannot read the cluster at ${server}: ${error instanceof ApiException ? `HTTP ${error.code}` : message}`);
    }
  };
  return {
    server,
    async namespace(name) {
      const result = await read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      return 'found' in result ? result.found : undefined;
    },
    object: (apiVersion, kind, namespace, name) => read({ apiVersion, kind, metadata: { name, namespace } }),
  };
}
