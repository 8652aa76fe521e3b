/**
 * Benchmark: server-side dry run of every manifests folder against a running test cluster, with
 * kubectl and with @kubernetes/client-node (median of RUNS runs each), and the memory (VmRSS) of
 * kube-apiserver and etcd, read from the pid files of the cluster's state folder.
 *
 * Run (against a cluster of your own, not one a test run is using):
 *   PLATFORM_CLUSTER_DIR=/tmp/bench-cluster scripts/cluster up
 *   KUBECONFIG=/tmp/bench-cluster/kubeconfig npx tsx bench/apiserver.ts     (RUNS=5 for more runs)
 *   PLATFORM_CLUSTER_DIR=/tmp/bench-cluster scripts/cluster down
 * The kubeconfig is PLATFORM_TEST_KUBECONFIG, else KUBECONFIG; its folder is the state folder.
 * It creates the folders' namespaces for real (a dry run needs them), as the cluster tests do.
 * PLATFORM_MANIFESTS_DIR measures another manifests tree (default: the committed one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createNamespacesOf, FIELD_MANAGER, folderPath, manifestFolders, objectsIn } from '../tests/cluster/support/manifests';
import { kubectl, mapLimit, ServerSideApply } from '../tests/support/kube';

const RUNS = Number(process.env.RUNS ?? 3);

/** Milliseconds of `task`, median of RUNS runs. */
async function median(task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await task();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** VmRSS in MiB of the process whose pid file is `<state>/<name>.pid`, or undefined if not running. */
function rssMiB(state: string, name: string): number | undefined {
  const pidFile = path.join(state, `${name}.pid`);
  if (!fs.existsSync(pidFile)) return undefined;
  const status = path.join('/proc', fs.readFileSync(pidFile, 'utf8').trim(), 'status');
  if (!fs.existsSync(status)) return undefined;
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(status, 'utf8'))?.[1];
  return kib ? Number(kib) / 1024 : undefined;
}

const mib = (value: number | undefined) => (value === undefined ? 'not running' : `${value.toFixed(0)} MiB`);

async function main(): Promise<void> {
  const kubeconfig = process.env.PLATFORM_TEST_KUBECONFIG ?? process.env.KUBECONFIG;
  if (!kubeconfig) throw new Error('set KUBECONFIG (or PLATFORM_TEST_KUBECONFIG) to the kubeconfig that `scripts/cluster up` wrote');
  process.env.PLATFORM_TEST_KUBECONFIG = kubeconfig;
  const state = path.dirname(path.resolve(kubeconfig));

  const crds = (await kubectl(['get', 'crd', '-o', 'name'])).stdout.trim().split('\n').length;
  console.log(`cluster state ${state}: ${crds} CRDs; kube-apiserver ${mib(rssMiB(state, 'kube-apiserver'))}, etcd ${mib(rssMiB(state, 'etcd'))} before`);

  const client = new ServerSideApply(FIELD_MANAGER);
  const folders = manifestFolders();
  for (const folder of folders) await createNamespacesOf(folder, client);

  console.log(`server-side dry run, strict field validation; median of ${RUNS} runs`);
  console.log('folder        objects   kubectl ms   client-node ms (4 in flight)');
  for (const folder of folders) {
    const objects = objectsIn(folder);
    const viaKubectl = await median(() => kubectl(['apply', '--server-side', '--dry-run=server', '--validate=strict', `--field-manager=${FIELD_MANAGER}`, '-f', folderPath(folder)]));
    const viaClient = await median(() => mapLimit(objects, 4, (object) => client.apply(object, { dryRun: true })));
    console.log(`${folder.padEnd(12)} ${String(objects.length).padStart(8)} ${viaKubectl.toFixed(0).padStart(12)} ${viaClient.toFixed(0).padStart(16)}`);
  }
  console.log(`kube-apiserver ${mib(rssMiB(state, 'kube-apiserver'))}, etcd ${mib(rssMiB(state, 'etcd'))} after (VmRSS from /proc/<pid>/status)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
