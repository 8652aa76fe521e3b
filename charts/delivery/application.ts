import { Construct } from 'constructs';
import { Application } from '../../imports/argocd-application-argoproj.io';
import { IN_CLUSTER_SERVER } from './app-project';
import { IgnoreDifference } from './ignore-differences';

/** Sync options of every environment's Application (see docs/delivery.md). */
export const APPLICATION_SYNC_OPTIONS: readonly string[] = [
  // ACK specs are large and owned field by field: apply only what git says, under Argo's manager.
  'ServerSideApply=true',
  // Keep what ignoreDifferences ignores (controller tags, late-initialized fields) on sync too.
  'RespectIgnoreDifferences=true',
  // The Namespace (with its ACK annotations) is part of the manifests.
  'CreateNamespace=false',
  // A commit re-applies only what it changed, in wave order: without it every sync re-applies
  // all ~150 objects of the environment wave by wave (about 2 minutes for one changed tag).
  'ApplyOutOfSyncOnly=true',
];

export interface EnvironmentApplicationProps {
  /** metadata.name of the Application. */
  readonly name: string;
  /** Namespace of Argo CD. */
  readonly namespace: string;
  /** The AppProject it belongs to. */
  readonly project: string;
  readonly repoURL: string;
  /** Branch (or tag) Argo CD follows. */
  readonly targetRevision: string;
  /** Folder of the repository holding the environment's manifests, e.g. manifests/production. */
  readonly path: string;
  /** Namespace of the environment's ACK resources. */
  readonly destinationNamespace: string;
  /**
   * API server of the destination.
   * @default IN_CLUSTER_SERVER
   */
  readonly destinationServer?: string;
  /** Whether automated sync deletes objects removed from git. */
  readonly prune: boolean;
  /**
   * Whether Argo CD reverts changes made in the cluster.
   * @default true
   */
  readonly selfHeal?: boolean;
  readonly ignoreDifferences: readonly IgnoreDifference[];
}

/**
 * One environment's Argo CD Application: automated sync of one folder of this repository.
 * No resources finalizer: deleting the Application leaves the estate in place.
 */
export class EnvironmentApplication extends Construct {
  constructor(scope: Construct, id: string, props: EnvironmentApplicationProps) {
    super(scope, id);
    if (props.path.startsWith('/') || props.path.includes('..')) throw new Error(`EnvironmentApplication ${props.name}: path must be relative inside the repository, got "${props.path}"`);
    if (props.targetRevision.trim() === '') throw new Error(`EnvironmentApplication ${props.name}: targetRevision must name a branch, got "${props.targetRevision}"`);
    new Application(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        project: props.project,
        // Non-recursive, Argo CD's default, left implicit: its controller removes a `directory`
        // that says only `recurse: false` from the live Application, which the root Application
        // would then report OutOfSync for ever.
        source: { repoUrl: props.repoURL, targetRevision: props.targetRevision, path: props.path },
        destination: { server: props.destinationServer ?? IN_CLUSTER_SERVER, namespace: props.destinationNamespace },
        syncPolicy: {
          automated: { enabled: true, prune: props.prune, selfHeal: props.selfHeal ?? true, allowEmpty: false },
          syncOptions: [...APPLICATION_SYNC_OPTIONS],
          // References resolve and controllers settle at their own pace: retry, then give up loudly.
          retry: { limit: 5, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } },
        },
        ignoreDifferences: props.ignoreDifferences.map((entry) => ({ ...entry })),
      },
    });
  }
}
