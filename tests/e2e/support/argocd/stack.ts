/**
 * The Argo CD stack of `scripts/cluster up --aws --argocd` as tests and bench/argocd.ts see it:
 * where it serves the repository, where its state is, and the two hand steps of docs/delivery.md
 * (apply manifests/argocd once, restart the application controller once). No vitest here.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../../../charts/lib/crds-dir';
import { kubectl } from '../../../support/kube';

export interface ArgoStack {
  /** git:// URL of the served repository. */
  readonly gitUrl: string;
  /** The bare repository behind it. */
  readonly gitDir: string;
  /** The cluster's state folder: pids and logs of every process. */
  readonly stateDir: string;
}

export function argoStack(env: NodeJS.ProcessEnv = process.env): ArgoStack {
  const value = (key: string) => {
    const v = env[key];
    if (!v) throw new Error(`${key} is not set (scripts/cluster up --aws --argocd, then what scripts/cluster env prints)`);
    return v;
  };
  return { gitUrl: value('PLATFORM_TEST_ARGOCD_GIT_URL'), gitDir: value('PLATFORM_TEST_ARGOCD_GIT_DIR'), stateDir: value('PLATFORM_TEST_ARGOCD_STATE_DIR') };
}

/** The one hand apply of docs/delivery.md: a folder of Argo CD objects, under our field manager. */
export async function applyArgoFolder(dir: string): Promise<void> {
  await kubectl(['apply', '--server-side', '--field-manager=mycomputer-platform', '-f', dir]);
}

/** The application controller reads argocd-cmd-params-cm at start: restarted once after the first apply. */
export async function restartApplicationController(stack: ArgoStack): Promise<void> {
  await promisify(execFile)(path.join(REPO_ROOT, 'scripts/cluster'), ['restart-argocd-controller'], { env: { ...process.env, PLATFORM_CLUSTER_DIR: stack.stateDir } });
}

/** VmRSS in MiB of the process recorded as `<state>/<name>.pid`, 0 when it is not running. */
export function rssMiB(stack: ArgoStack, name: string): number {
  const pid = fs.readFileSync(path.join(stack.stateDir, `${name}.pid`), 'utf8').trim();
  const status = path.join('/proc', pid, 'status');
  if (!fs.existsSync(status)) return 0;
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(status, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Argo CD's processes as `scripts/cluster` names them. */
export const ARGOCD_PROCESSES = ['argocd-application-controller', 'argocd-repo-server', 'argocd-redis'] as const;
