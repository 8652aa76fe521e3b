/**
 * The test cluster has no kubelet and no kube-controller-manager, so no Deployment ever gets a
 * pod or a status, and Argo CD reports it Progressing forever. For the one Deployment of the
 * estate, the policy reconciler's, this stands in for both while it runs: it starts
 * `spec.replicas` processes of the real reconciler (`scripts/policy-reconciler start`, on a bundle
 * of this working tree) with the container's environment, and writes the Deployment's status from
 * how many of them answer /readyz. Argo CD's Deployment health then reads what really runs.
 *
 * What it does not do: run the image (its tag is not pulled; a new tag is "rolled out" by marking
 * the new generation observed, with the same local processes), probes, limits or restarts.
 * No vitest here (bench/argocd.ts uses it).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../../../charts/lib/crds-dir';
import { kubeconfigPath, kubectl, objectApi } from '../../../support/kube';

export interface DeploymentStandInOptions {
  readonly namespace: string;
  readonly name: string;
  /** The cluster's state folder: the processes' logs (`<pod>.log`) and pids (`stand-in-<pod>.pid`). */
  readonly logDir: string;
  /** @default 1000 */
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
}

interface Deployment {
  readonly metadata: { readonly generation?: number };
  readonly spec: { readonly replicas?: number; readonly template: { readonly spec: { readonly containers: readonly Container[] } } };
}

interface Container {
  readonly env?: readonly { readonly name: string; readonly value?: string; readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string } } }[];
}

interface Replica {
  readonly podName: string;
  readonly process: ChildProcess;
  readonly port: number;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** A Deployment's status with `ready` of `replicas` pods available at `generation` (what Argo CD's health reads). */
export function deploymentStatus(generation: number, replicas: number, ready: number, what: string): Record<string, unknown> {
  const available = ready >= replicas;
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    unavailableReplicas: replicas - ready,
    conditions: [
      { type: 'Available', status: available ? 'True' : 'False', reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', message: `${ready} of ${replicas} ready (${what})` },
      { type: 'Progressing', status: 'True', reason: available ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated', message: `stand-in for the kubelet and the Deployment controller (${what})` },
    ],
  };
}

/** Writes a Deployment's status as if all its replicas were available (for a Deployment nothing runs). */
export async function markDeploymentAvailable(namespace: string, name: string, what: string): Promise<void> {
  const deployment = (await objectApi().read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace } })) as unknown as Deployment;
  const replicas = deployment.spec.replicas ?? 1;
  const body = JSON.stringify({ status: deploymentStatus(deployment.metadata.generation ?? 1, replicas, replicas, what) });
  await kubectl(['-n', namespace, 'patch', 'deployment', name, '--subresource=status', '--type=merge', '-p', body]);
}

export class DeploymentStandIn {
  private readonly replicas: Replica[] = [];
  private bundle?: string;
  private timer?: NodeJS.Timeout;
  private lastStatus = '';
  private stopped = false;

  constructor(private readonly options: DeploymentStandInOptions) {}

  /** Bundles the reconciler, then keeps the processes and the status in line with the Deployment. */
  async start(): Promise<void> {
    this.bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-')), 'main.js');
    await promisify(execFile)(path.join(REPO_ROOT, 'scripts/policy-reconciler'), ['bundle', this.bundle], { cwd: REPO_ROOT });
    const loop = async () => {
      try {
        await this.step();
      } catch (error) {
        this.options.log?.(`stand-in ${this.options.name}: ${(error as Error).message}`);
      }
      if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? 1000);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.replicas.map(({ process }) => new Promise((resolve) => (process.exitCode !== null ? resolve(undefined) : (process.once('exit', resolve), process.kill('SIGTERM'))))));
    for (const { podName } of this.replicas) {
      for (const ext of ['pid', 'exe']) fs.rmSync(path.join(this.options.logDir, `stand-in-${podName}.${ext}`), { force: true });
    }
    if (this.bundle) fs.rmSync(path.dirname(this.bundle), { recursive: true, force: true });
  }

  private async step(): Promise<void> {
    const deployment = await this.read();
    if (!deployment) return;
    const wanted = deployment.spec.replicas ?? 1;
    for (let i = this.alive().length; i < wanted; i++) this.replicas.push(await this.run(deployment, this.replicas.length));
    const readyCount = (await Promise.all(this.alive().slice(0, wanted).map((r) => ready(r.port)))).filter(Boolean).length;
    await this.writeStatus(deployment.metadata.generation ?? 1, wanted, readyCount);
  }

  private alive(): Replica[] {
    return this.replicas.filter((r) => r.process.exitCode === null && r.process.signalCode === null);
  }

  private async read(): Promise<Deployment | undefined> {
    try {
      return (await objectApi().read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: this.options.name, namespace: this.options.namespace } })) as unknown as Deployment;
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  /** One replica: the container's environment (fieldRefs of the pod resolved), on a free loopback port. */
  private async run(deployment: Deployment, index: number): Promise<Replica> {
    const podName = `${this.options.name}-stand-in-${index}`;
    const env: Record<string, string> = {};
    for (const variable of deployment.spec.template.spec.containers[0].env ?? []) {
      const field = variable.valueFrom?.fieldRef?.fieldPath;
      if (variable.value !== undefined) env[variable.name] = variable.value;
      else if (field === 'metadata.name') env[variable.name] = podName;
      else if (field === 'metadata.namespace') env[variable.name] = this.options.namespace;
      else throw new Error(`stand-in ${this.options.name}: cannot resolve env ${variable.name}`);
    }
    const port = await freePort();
    const log = fs.openSync(path.join(this.options.logDir, `${podName}.log`), 'a');
    const process = spawn(path.join(REPO_ROOT, 'scripts/policy-reconciler'), ['start', this.bundle!], {
      cwd: REPO_ROOT,
      env: { PATH: globalThis.process.env.PATH, ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', KUBECONFIG: kubeconfigPath() },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    // Recorded as scripts/cluster records its processes, so that `scripts/cluster down` stops it
    // even when this test process dies first.
    fs.writeFileSync(path.join(this.options.logDir, `stand-in-${podName}.pid`), `${process.pid}\n`);
    fs.writeFileSync(path.join(this.options.logDir, `stand-in-${podName}.exe`), 'node\n');
    this.options.log?.(`stand-in ${this.options.name}: started ${podName} (pid ${process.pid}, port ${port})`);
    return { podName, process, port };
  }

  /** The status a Deployment controller would write once `ready` of `replicas` pods serve the generation. */
  private async writeStatus(generation: number, replicas: number, readyCount: number): Promise<void> {
    const status = deploymentStatus(generation, replicas, readyCount, 'local processes of the test stand-in');
    const body = JSON.stringify({ status });
    if (body === this.lastStatus) return;
    await kubectl(['-n', this.options.namespace, 'patch', 'deployment', this.options.name, '--subresource=status', '--type=merge', '-p', body]);
    this.lastStatus = body;
  }
}
