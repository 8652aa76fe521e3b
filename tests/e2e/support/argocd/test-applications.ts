/**
 * Applications for single behaviours of Argo CD (sync windows, health rules), built by the same
 * constructs that synthesize the environments' AppProjects and Applications (charts/delivery), so
 * what is tested is what production gets: the windows' syncOverrun, the sync options, the retries.
 */
import { App, Chart } from 'cdk8s';
import { allowedKinds } from '../../../../charts/delivery/allowed-kinds';
import { EnvironmentProject } from '../../../../charts/delivery/app-project';
import { EnvironmentApplication } from '../../../../charts/delivery/application';
import { SyncWindow } from '../../../../charts/lib/environment/types';
import { KubeObject } from '../../../../policy/tag-shapes';

export interface TestApplicationProps {
  /** Name of the Application and of its AppProject. */
  readonly name: string;
  readonly argocdNamespace: string;
  readonly repoURL: string;
  /** Folder of the served repository it syncs. */
  readonly path: string;
  readonly destinationNamespace: string;
  /** What the folder holds: the project allows exactly these kinds. */
  readonly objects: readonly KubeObject[];
  /** @default none */
  readonly syncWindows?: readonly SyncWindow[];
}

/** The AppProject and Application (JSON) of one test Application, synced from `main`. */
export function testApplication(props: TestApplicationProps): KubeObject[] {
  const chart = new Chart(new App(), props.name, { disableResourceNameHashes: true });
  new EnvironmentProject(chart, 'project', {
    name: props.name,
    namespace: props.argocdNamespace,
    description: `e2e: ${props.name}`,
    sourceRepo: props.repoURL,
    destinationNamespace: props.destinationNamespace,
    clusterResources: [],
    namespacedResources: allowedKinds(props.objects, () => 'Namespaced').namespaced,
    syncWindows: props.syncWindows ?? [],
    applications: [props.name],
  });
  new EnvironmentApplication(chart, 'application', {
    name: props.name,
    namespace: props.argocdNamespace,
    project: props.name,
    repoURL: props.repoURL,
    targetRevision: 'main',
    path: props.path,
    destinationNamespace: props.destinationNamespace,
    prune: true,
    ignoreDifferences: [],
  });
  return chart.toJson() as KubeObject[];
}

/**
 * `base` (an environment's window: its kind and manualSync) moved to start at `start` (rounded
 * down to the minute: cron's resolution), every day, lasting `durationSeconds` from that minute.
 */
export function windowFrom(base: SyncWindow, start: Date, durationSeconds: number): SyncWindow {
  return { ...base, schedule: `${start.getUTCMinutes()} ${start.getUTCHours()} * * *`, duration: `${Math.ceil(durationSeconds)}s` };
}

/** Seconds of a window's duration as Argo CD reads it (a Go duration such as `2h`, `1h30m`, `90s`). */
export function durationSeconds(duration: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
  if (!match || duration === '') throw new Error(`sync window duration "${duration}" is not of the form 2h, 1h30m, 90s`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** Seconds from the start of the current minute (UTC) to `at`. */
export function secondsIntoMinute(at: Date): number {
  return at.getUTCSeconds() + at.getUTCMilliseconds() / 1000;
}
