/**
 * Reading Argo CD Applications as the application controller reports them, and the one thing a
 * person does through Argo CD's API: a sync by hand. No vitest here (bench/argocd.ts uses it).
 */
import { kubectl, objectApi } from '../../../support/kube';

export interface ResourceHealth {
  readonly status: string;
  readonly message?: string;
}

export interface ResourceStatus {
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly status?: string;
  readonly health?: ResourceHealth;
}

export interface SyncResultResource {
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly status?: string;
  readonly message?: string;
}

export interface OperationState {
  readonly phase: 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
  readonly message?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly operation: { readonly initiatedBy?: { readonly automated?: boolean; readonly username?: string }; readonly sync?: { readonly revision?: string } };
  readonly syncResult?: { readonly revision?: string; readonly resources?: readonly SyncResultResource[] };
}

export interface Application {
  readonly metadata: { readonly name: string; readonly creationTimestamp?: string };
  readonly status?: {
    readonly sync?: { readonly status?: string; readonly revision?: string };
    readonly health?: ResourceHealth;
    readonly operationState?: OperationState;
    readonly resources?: readonly ResourceStatus[];
    readonly conditions?: readonly { readonly type: string; readonly message: string }[];
    readonly reconciledAt?: string;
  };
}

export class ArgoApplications {
  constructor(readonly namespace: string) {}

  /** The Application, or undefined while it does not exist. */
  async read(name: string): Promise<Application | undefined> {
    try {
      return (await objectApi().read({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: this.namespace } })) as unknown as Application;
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  /** Polls until `done` holds; on timeout fails with what the Application said last. */
  async waitFor(name: string, what: string, done: (app: Application) => boolean, options: { timeoutMs: number; pollMs?: number }): Promise<Application> {
    const deadline = Date.now() + options.timeoutMs;
    let last: Application | undefined;
    for (;;) {
      last = await this.read(name);
      if (last && done(last)) return last;
      if (Date.now() > deadline) throw new Error(`Application ${name}: not ${what} after ${options.timeoutMs / 1000} s; ${describeApplication(last)}`);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
    }
  }

  /**
   * A sync by hand, as `argocd app sync` asks for it through Argo CD's API server (not run here):
   * the operation set on the Application, initiated by a user, not automated.
   */
  async syncByHand(name: string, user = 'e2e-operator'): Promise<void> {
    const operation = { operation: { initiatedBy: { username: user }, sync: { syncStrategy: { hook: {} } } } };
    await kubectl(['-n', this.namespace, 'patch', 'applications.argoproj.io', name, '--type', 'merge', '-p', JSON.stringify(operation)]);
  }
}

/** Sync and health status, operation, conditions and the resources not Healthy: for failure messages. */
export function describeApplication(app: Application | undefined): string {
  if (!app) return 'it does not exist';
  const status = app.status ?? {};
  const op = status.operationState;
  const unhealthy = (status.resources ?? [])
    .filter((r) => r.health && r.health.status !== 'Healthy')
    .map((r) => `${r.kind}/${r.name} ${r.health!.status}${r.health!.message ? `: ${r.health!.message}` : ''}`);
  return [
    `sync ${status.sync?.status ?? '-'} at ${status.sync?.revision?.slice(0, 8) ?? '-'}, health ${status.health?.status ?? '-'}`,
    op ? `operation ${op.phase}: ${op.message ?? ''}` : 'no operation',
    ...(status.conditions ?? []).map((c) => `${c.type}: ${c.message}`),
    ...(unhealthy.length > 0 ? [`not healthy: ${unhealthy.slice(0, 10).join('; ')}${unhealthy.length > 10 ? ` (+${unhealthy.length - 10})` : ''}`] : []),
  ].join('; ');
}

/** Synced at `revision`, Healthy, and its last operation succeeded there. */
export function settledAt(revision: string): (app: Application) => boolean {
  return (app) =>
    app.status?.sync?.status === 'Synced' &&
    app.status.sync.revision === revision &&
    app.status.health?.status === 'Healthy' &&
    app.status.operationState?.phase === 'Succeeded' &&
    app.status.operationState.syncResult?.revision === revision;
}

/** The health Argo CD computed for one resource of the Application (group '' for core kinds). */
export function resourceHealth(app: Application, group: string, kind: string, name: string): ResourceHealth | undefined {
  return app.status?.resources?.find((r) => (r.group ?? '') === group && r.kind === kind && r.name === name)?.health;
}

/** The field manager Argo CD's application controller applies with (its server-side applies and its client-side ones alike). */
export const ARGOCD_FIELD_MANAGER = 'argocd-controller';

/**
 * Of `objects`, those whose live object has no field owned by Argo CD: never applied by it. Read
 * from managedFields, which keep every manager's fields, rather than from an operation's results,
 * which a poll can miss when one operation follows another (a cold CI run missed the last wave's
 * Deployment that way while every field of it was Argo CD's).
 */
export async function notAppliedByArgoCd<T extends { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } }>(objects: readonly T[]): Promise<T[]> {
  const api = objectApi();
  const managers = await Promise.all(
    objects.map(async (o) => {
      const live = await api.read({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name ?? '', namespace: o.metadata.namespace } }).catch(() => undefined);
      return (live?.metadata?.managedFields ?? []).map((field) => field.manager);
    }),
  );
  return objects.filter((_, i) => !managers[i].includes(ARGOCD_FIELD_MANAGER));
}
