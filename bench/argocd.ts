/**
 * Benchmark of Argo CD syncing the development estate (docs/delivery.md, "Argo CD in the test
 * suite"): from the one hand apply of manifests/argocd to the development Application Synced and
 * Healthy, per sync wave (when Argo CD applied the wave's first object); Argo CD's memory (VmRSS of
 * the application controller, the repo server and Redis) before and after; and the time from a
 * pushed commit to the change synced (the certificate ARN bound, then an image tag bump), with
 * Argo CD polling git every PLATFORM_ARGOCD_RECONCILIATION_SECONDS (10 here; 120 + jitter by default).
 *
 * Run on a fresh stack of your own (the sync creates the estate in its emulator):
 *   PLATFORM_CLUSTER_DIR=/tmp/bench-argocd scripts/cluster up --aws --argocd
 *   eval "$(PLATFORM_CLUSTER_DIR=/tmp/bench-argocd scripts/cluster env)"
 *   PLATFORM_TEST_KUBECONFIG=$KUBECONFIG npm run bench:argocd
 *   PLATFORM_CLUSTER_DIR=/tmp/bench-argocd scripts/cluster down
 */
import * as path from 'node:path';
import { ARGOCD_DIR } from '../charts/delivery/synth-delivery';
import { readManifests } from '../charts/pipeline/synthesized';
import { SYNC_WAVE_ANNOTATION } from '../policy/annotations';
import { loadEnv } from '../tests/support/estate';
import { Application, ArgoApplications, settledAt } from '../tests/e2e/support/argocd/applications';
import { DeploymentStandIn } from '../tests/e2e/support/argocd/deployment-stand-in';
import { bindUntilDone } from '../tests/e2e/support/argocd/bind-rounds';
import { bumpImage } from '../tests/e2e/support/argocd/edits';
import { unbindFile } from '../tests/cli/bind-fixture';
import { ServedRepo } from '../tests/e2e/support/argocd/served-repo';
import { applyArgoFolder, ARGOCD_PROCESSES, argoStack, restartApplicationController, rssMiB } from '../tests/e2e/support/argocd/stack';

const ENV = 'development';
const TIMEOUT_MS = Number(process.env.PLATFORM_ARGOCD_SYNC_TIMEOUT_SECONDS ?? 900) * 1000;

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: Record<string, any>; status?: Record<string, any> };

const seconds = (from: number, to = Date.now()) => `${((to - from) / 1000).toFixed(1)} s`;

function memory(stack: ReturnType<typeof argoStack>): string {
  const each = ARGOCD_PROCESSES.map((name) => [name, rssMiB(stack, name)] as const);
  return `${each.map(([n, m]) => `${n} ${m.toFixed(0)}`).join(', ')} MiB; together ${each.reduce((s, [, m]) => s + m, 0).toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const stack = argoStack();
  const env = loadEnv(ENV);
  const apps = new ArgoApplications(env.catalogue.delivery.argocdNamespace);
  console.log(`memory before the apply: ${memory(stack)}`);

  const repo = ServedRepo.clone({ gitDir: stack.gitDir, url: stack.gitUrl, environments: [ENV] });
  const served = repo.commit(`bench: ${ENV} as an empty account sees it`, (dir) => unbindFile(path.join(dir, 'environments', ENV, 'environment.yaml')));
  const objects = readManifests(path.join(repo.dir, 'manifests', ENV), ENV).map((s) => s.object as unknown as Obj);
  const waveOf = new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, Number(o.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0)]));
  const deployment = objects.find((o) => o.kind === 'Deployment');
  const standIn = deployment ? new DeploymentStandIn({ namespace: env.namespace, name: deployment.metadata.name, logDir: stack.stateDir }) : undefined;
  await standIn?.start();
  try {
    const started = Date.now();
    await applyArgoFolder(path.join(repo.dir, 'manifests', ARGOCD_DIR));
    await restartApplicationController(stack);
    console.log(`applied manifests/argocd and restarted the application controller in ${seconds(started)}`);

    // When Argo CD applied each wave's first object (its operation's result, polled every second).
    const waveStarts = new Map<number, number>();
    const track = (app: Application) => {
      for (const r of app.status?.operationState?.syncResult?.resources ?? []) {
        const wave = waveOf.get(`${r.kind}/${r.name}`);
        if (wave !== undefined && !waveStarts.has(wave)) waveStarts.set(wave, Date.now());
      }
      return settledAt(served)(app);
    };
    await apps.waitFor(env.namespace, 'Synced and Healthy', track, { timeoutMs: TIMEOUT_MS });
    const done = Date.now();
    const waves = [...new Set(waveOf.values())].sort((a, b) => a - b);
    console.log(`${ENV}: Synced and Healthy ${seconds(started, done)} after the apply (${objects.length} objects, ${waves.length} waves)`);
    waves.forEach((wave, i) => {
      const from = waveStarts.get(wave);
      const until = waveStarts.get(waves[i + 1]) ?? done;
      const count = [...waveOf.values()].filter((w) => w === wave).length;
      console.log(`  wave ${wave}: ${count} objects, applied at +${from ? seconds(started, from) : '?'}, complete after ${from ? seconds(from, until) : '?'}`);
    });
    console.log(`memory after the sync: ${memory(stack)}`);

    for (const round of await bindUntilDone({ repo, env: ENV, apps, application: env.namespace, timeoutMs: TIMEOUT_MS })) {
      console.log(`platform bind round ${round.round} (${round.written.length} values): synced ${(round.syncedMs / 1000).toFixed(1)} s after the push`);
    }

    const image = Object.keys(env.versions.images)[0];
    const made = Date.now();
    const bumped = repo.commit(`bench: ${ENV} ${image} to the next patch`, (dir) => bumpImage(dir, ENV, image));
    await apps.waitFor(env.namespace, 'Synced and Healthy at the bump', settledAt(bumped), { timeoutMs: TIMEOUT_MS });
    console.log(`commit bumping the ${image} image tag: synced ${seconds(repo.pushedAt)} after the push (edit, synth and commit: ${seconds(made, repo.pushedAt)})`);
    console.log(`memory at the end: ${memory(stack)}`);
  } finally {
    await standIn?.stop();
    repo.remove();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
