import { EnvironmentConfig, SyncWindow } from '../../charts/lib/environment/types';

/** What the diff needs to know about the environment a manifests folder belongs to. */
export interface EnvironmentFacts {
  /**
   * Argo CD never prunes it (`delivery.prune: false`: production): removing or replacing a
   * disruptive kind there is DESTRUCTIVE, not only a stateful one.
   */
  readonly protected: boolean;
  /** Its Argo CD sync windows (`delivery.syncWindows`); empty means changes apply at once. */
  readonly syncWindows: readonly SyncWindow[];
}

/** Facts per manifests folder; undefined for a folder with no environment (argocd, or data missing). */
export type FactsOf = (folder: string) => EnvironmentFacts | undefined;

/** The facts of environments already loaded (loadEnvironments), by manifests folder (= environment name). */
export function environmentFacts(envs: readonly EnvironmentConfig[]): FactsOf {
  return (folder) => {
    const env = envs.find((candidate) => candidate.name === folder);
    return env && { protected: !env.delivery.prune, syncWindows: env.delivery.syncWindows };
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "allow 0 2 * * 2,4 for 2h" → "Tue, Thu 02:00 UTC for 2h"; other schedules as written. */
export function describeWindow(window: SyncWindow): string {
  const [minute, hour, dayOfMonth, month, days] = window.schedule.split(/\s+/);
  const simple = /^\d+$/.test(minute) && /^\d+$/.test(hour) && dayOfMonth === '*' && month === '*' && /^(\*|[0-6](,[0-6])*)$/.test(days);
  const when = simple
    ? `${days === '*' ? 'daily' : days.split(',').map((d) => DAYS[Number(d)]).join(', ')} ${hour.padStart(2, '0')}:${minute.padStart(2, '0')} UTC`
    : `"${window.schedule}" (UTC)`;
  return `${window.kind === 'deny' ? 'not ' : ''}${when} for ${window.duration}`;
}
