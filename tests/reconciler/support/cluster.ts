/**
 * Integration support for the reconciler tests, on top of tests/support/cluster.ts (the cluster
 * of scripts/cluster through PLATFORM_TEST_KUBECONFIG; skipped locally without it, failing in CI):
 * our CRDs, ACK-like status writes, Events, and restarting the API server.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObject, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { REPO_ROOT } from '../../../charts/lib/crds-dir';
import { CRDS_DIR } from '../../../controllers/policy-reconciler/crds/generate';
import { kubeconfigPath } from '../../support/cluster';

export { describeWithCluster, kubeConfig } from '../../support/cluster';

/**
 * Restarts the API server of the cluster that wrote our kubeconfig (its state folder). With
 * watches open, kube-apiserver waits for them after SIGTERM until the script's stop timeout sends
 * SIGKILL (60 s by default); 15 s keeps the test short and is still a restart mid-watch. Readiness
 * keeps the default 60 s: on a loaded machine a restart takes more than 15 s to serve, and a
 * failed restart stops the cluster every later test needs.
 */
export async function restartApiServer(): Promise<void> {
  await promisify(execFile)(path.join(REPO_ROOT, 'scripts', 'cluster'), ['restart-apiserver'], {
    env: { ...process.env, PLATFORM_CLUSTER_DIR: path.dirname(kubeconfigPath()), PLATFORM_CLUSTER_STOP_TIMEOUT: '15' },
  });
}

export class ClusterClient {
  readonly objects: KubernetesObjectApi;
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;

  constructor(readonly config: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(config);
    this.core = config.makeApiClient(CoreV1Api);
    this.custom = config.makeApiClient(CustomObjectsApi);
  }

  /** Our CRDs, applied in case the cluster started before they existed; waits until they are served. */
  async installCrds(): Promise<void> {
    const { parse } = await import('yaml');
    for (const file of fs.readdirSync(CRDS_DIR).filter((f) => f.startsWith('platform.mycomputer.com_'))) {
      await this.apply(parse(fs.readFileSync(path.join(CRDS_DIR, file), 'utf8')), 'policy-reconciler-tests');
    }
    await eventually(async () => {
      for (const kind of ['TaggingPolicy', 'BackupPolicy']) await this.objects.list('platform.mycomputer.com/v1alpha1', kind);
      return true;
    }, 'policy CRDs served');
  }

  apply<T extends KubernetesObject>(object: T, fieldManager = 'tests'): Promise<T> {
    return this.objects.patch(object, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
  }

  read<T extends KubernetesObject>(object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): Promise<T> {
    return this.objects.read(object as never) as Promise<T>;
  }

  /** Sets status as an ACK controller does: through the status subresource. */
  async setStatus(object: { apiVersion: string; kind: string; metadata: { name: string; namespace: string } }, status: Record<string, unknown>): Promise<void> {
    const [group, version] = object.apiVersion.split('/');
    const plural = `${object.kind.toLowerCase()}s`;
    const current = await this.custom.getNamespacedCustomObject({ group, version, namespace: object.metadata.namespace, plural, name: object.metadata.name });
    await this.custom.replaceNamespacedCustomObjectStatus({ group, version, namespace: object.metadata.namespace, plural, name: object.metadata.name, body: { ...current, status } });
  }

  async events(namespace: string, name: string): Promise<{ reason: string; message: string; type: string }[]> {
    const list = await this.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` });
    return list.items.map((e) => ({ reason: e.reason ?? '', message: e.message ?? '', type: e.type ?? '' }));
  }
}

/** Polls `probe` until it returns a truthy value (errors count as "not yet"); fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
