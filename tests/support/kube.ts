/**
 * Reaching the test cluster (docs/cluster.md) from tests and benchmarks: kubectl, and
 * @kubernetes/client-node server-side apply with strict field validation and warnings. No vitest
 * here, so that bench/ can use it; tests take it through tests/support/cluster.ts.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  ApiException,
  CoreV1Api,
  createConfiguration,
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { PooledKubeConfig } from '../../controllers/policy-reconciler/src/pooled-kube-config';

/** Absolute path of the test kubeconfig (PLATFORM_TEST_KUBECONFIG, read when called). */
export function kubeconfigPath(): string {
  const file = process.env.PLATFORM_TEST_KUBECONFIG;
  if (!file) throw new Error('PLATFORM_TEST_KUBECONFIG is not set');
  return path.resolve(file);
}

/** The test kubeconfig, its API calls over keep-alive connections as the reconciler's. */
export function kubeConfig(): KubeConfig {
  const config = PooledKubeConfig.of(new KubeConfig());
  config.loadFromFile(kubeconfigPath());
  return config;
}

export function coreApi(config = kubeConfig()): CoreV1Api {
  return config.makeApiClient(CoreV1Api);
}

/** The generic client (no strict validation, no warnings: use ServerSideApply for applies). */
export function objectApi(config = kubeConfig()): KubernetesObjectApi {
  return KubernetesObjectApi.makeApiClient(config);
}

/**
 * The manifests the cluster tests read.
 * @default <repo>/manifests (the committed tree), overridden by PLATFORM_MANIFESTS_DIR like `npm run synth`.
 */
export function manifestsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLATFORM_MANIFESTS_DIR ? path.resolve(env.PLATFORM_MANIFESTS_DIR) : path.join(REPO_ROOT, 'manifests');
}

export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kubectl (args as an array, no shell) against the test cluster; rejects with its stderr. */
export async function kubectl(args: readonly string[]): Promise<KubectlResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)('kubectl', [...args], {
      env: { ...process.env, KUBECONFIG: kubeconfigPath() },
      maxBuffer: 256 * 1024 * 1024, // `get -o json` of an environment is a few MB with managedFields
    });
    return { stdout, stderr };
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number };
    throw new Error(`kubectl ${args.join(' ')} exited ${code}:\n${stderr ?? (error as Error).message}`);
  }
}

/** What one server-side apply returned, with the server's `Warning` headers. */
export interface ApplyResult {
  readonly object: KubernetesObject;
  readonly warnings: readonly string[];
}

/**
 * Server-side apply through @kubernetes/client-node with what `kubectl apply --server-side
 * --validate=strict` sends. client-node 1.4.0 has no fieldValidation parameter, does not expose
 * response headers, and serializes built-in kinds (Namespace, ConfigMap...) through its typed
 * models, which silently drops unknown fields before the server can reject them (verified: a
 * Namespace with `spec.bogus` reached the server as `spec: {}`). So the HTTP library is wrapped:
 * for an apply of ours it adds `fieldValidation=Strict`, sends the object's own JSON as the body,
 * and keeps the response's `Warning` header. Applies may run concurrently, one per object.
 */
export class ServerSideApply {
  private readonly api: KubernetesObjectApi;
  /** Applies in flight, by object identity: the body to send and the warnings received. */
  private readonly inFlight = new Map<string, { body: string; warnings: string[] }>();

  constructor(
    readonly fieldManager: string,
    config = kubeConfig(),
  ) {
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new Error(`kubeconfig ${kubeconfigPath()} has no current cluster`);
    const fetchLibrary = new IsomorphicFetchHttpLibrary();
    const send = async (request: RequestContext): Promise<ResponseContext> => {
      const ours = request.getHttpMethod() === HttpMethod.PATCH ? this.inFlight.get(identityOfBody(request.getBody())) : undefined;
      if (ours) {
        request.setQueryParam('fieldValidation', 'Strict');
        request.setBody(ours.body);
      }
      const response = await fetchLibrary.send(request).toPromise();
      if (ours && response.headers.warning) ours.warnings.push(response.headers.warning);
      return response;
    };
    this.api = new KubernetesObjectApi(
      createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: config }, httpApi: wrapHttpLibrary({ send }) }),
    );
  }

  /** Applies (or, with dryRun, validates as an apply) one object; rejects with an ApiException. */
  async apply(object: KubernetesObject, options: { dryRun?: boolean; force?: boolean } = {}): Promise<ApplyResult> {
    const key = identityOf(object);
    if (this.inFlight.has(key)) throw new Error(`ServerSideApply: ${key} is already being applied`);
    const ours = { body: JSON.stringify(object), warnings: [] as string[] };
    this.inFlight.set(key, ours);
    try {
      const applied = await this.api.patch(object, undefined, options.dryRun ? 'All' : undefined, this.fieldManager, options.force, PatchStrategy.ServerSideApply);
      return { object: applied, warnings: ours.warnings };
    } finally {
      this.inFlight.delete(key);
    }
  }
}

function identityOf(object: KubernetesObject): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
}

function identityOfBody(body: unknown): string {
  return typeof body === 'string' ? identityOf(JSON.parse(body) as KubernetesObject) : '';
}

/** Runs `task` over `items` with at most `limit` at a time; results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The Kubernetes Status in an ApiException's body (causes name the field and the rule's message). */
export interface StatusBody {
  readonly code: number;
  readonly reason?: string;
  readonly message: string;
  readonly details?: { readonly causes?: readonly { readonly reason?: string; readonly field?: string; readonly message?: string }[] };
}

export function statusOf(error: unknown): StatusBody {
  if (!(error instanceof ApiException)) throw error;
  const body = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
  return body as StatusBody;
}
