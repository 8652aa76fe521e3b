import { Construct } from 'constructs';
import { AppProject, AppProjectSpecClusterResourceWhitelist, AppProjectSpecNamespaceResourceWhitelist } from '../../imports/argocd-appproject-argoproj.io';
import { SyncWindow } from '../lib/environment/types';

/** The API server Argo CD runs in; the estate is managed from the cluster Argo CD runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/** A group/kind an AppProject allows; cluster-scoped entries may also name the objects. */
export interface AllowedKind {
  readonly group: string;
  readonly kind: string;
  /** Names of the objects (cluster-scoped kinds only); empty or absent allows every name. */
  readonly names?: readonly string[];
}

export interface EnvironmentProjectProps {
  /** metadata.name of the AppProject. */
  readonly name: string;
  /** Namespace of Argo CD. */
  readonly namespace: string;
  readonly description: string;
  /** The only repository applications of the project may use. */
  readonly sourceRepo: string;
  /** The only namespace its applications may deploy namespaced objects into. */
  readonly destinationNamespace: string;
  /**
   * API server of the destination.
   * @default IN_CLUSTER_SERVER
   */
  readonly destinationServer?: string;
  /** Cluster-scoped kinds the project may manage, with the names of their objects. */
  readonly clusterResources: readonly AllowedKind[];
  /** Namespaced kinds the project may manage; empty allows none. */
  readonly namespacedResources: readonly AllowedKind[];
  /** Sync windows (UTC); empty means syncs at any time. */
  readonly syncWindows: readonly SyncWindow[];
  /** Applications the sync windows apply to. */
  readonly applications: readonly string[];
}

/**
 * An Argo CD AppProject that allows one repository, one destination namespace and exactly the
 * given kinds, with the environment's sync windows.
 */
export class EnvironmentProject extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: EnvironmentProjectProps) {
    super(scope, id);
    if (props.sourceRepo.includes('*')) throw new Error(`EnvironmentProject ${props.name}: sourceRepo must name one repository, got "${props.sourceRepo}"`);
    if (props.destinationNamespace.includes('*')) throw new Error(`EnvironmentProject ${props.name}: destinationNamespace must name one namespace, got "${props.destinationNamespace}"`);
    for (const allowed of [...props.clusterResources, ...props.namespacedResources]) {
      if (allowed.kind === '*' || allowed.group === '*') throw new Error(`EnvironmentProject ${props.name}: allowed kinds must be explicit, got "${allowed.group}/${allowed.kind}"`);
    }
    if (props.syncWindows.length > 0 && props.applications.length === 0) {
      throw new Error(`EnvironmentProject ${props.name}: applications must name the applications the sync windows apply to, got none`);
    }
    this.name = props.name;
    new AppProject(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        description: props.description,
        sourceRepos: [props.sourceRepo],
        destinations: [{ server: props.destinationServer ?? IN_CLUSTER_SERVER, namespace: props.destinationNamespace }],
        clusterResourceWhitelist: clusterWhitelist(props.clusterResources),
        // An empty namespaced whitelist would allow every kind: deny all instead.
        ...(props.namespacedResources.length > 0
          ? { namespaceResourceWhitelist: props.namespacedResources.map(({ group, kind }): AppProjectSpecNamespaceResourceWhitelist => ({ group, kind })) }
          : { namespaceResourceBlacklist: [{ group: '*', kind: '*' }] }),
        syncWindows: props.syncWindows.map((window) => ({
          kind: window.kind,
          schedule: window.schedule,
          duration: window.duration,
          manualSync: window.manualSync,
          timeZone: 'UTC',
          // A sync that started inside an allow window finishes after it closes, instead of
          // staying half-applied until the next window (days away in production).
          syncOverrun: true,
          applications: [...props.applications],
        })),
      },
    });
  }
}

function clusterWhitelist(kinds: readonly AllowedKind[]): AppProjectSpecClusterResourceWhitelist[] {
  return kinds.flatMap(({ group, kind, names }) =>
    names && names.length > 0 ? names.map((name) => ({ group, kind, name })) : [{ group, kind }],
  );
}
