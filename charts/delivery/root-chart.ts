import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvironmentProject } from './app-project';
import { EnvironmentApplication } from './application';
import { PART_OF_LABEL } from './delivery-chart';

/** Name of the Application (and its AppProject) that syncs manifests/argocd itself. */
export const ROOT_APPLICATION = 'mycomputer-platform';

/**
 * How long one sync operation may run before the application controller ends it (seconds).
 * Without it (Argo CD's default is none) an operation that waits forever, e.g. on a resource that
 * can never become healthy, blocks every later commit: auto-sync skips commits while one runs.
 * Long enough for the slowest first creation (Multi-AZ databases, CloudFront: 20-40 minutes).
 */
export const SYNC_TIMEOUT_SECONDS = 3600;

export interface RootChartProps {
  /** Namespace of Argo CD. */
  readonly namespace: string;
  readonly repoURL: string;
  /** Folder of the Argo CD objects in the repository, e.g. manifests/argocd. */
  readonly path: string;
}

/**
 * The app of apps: one Application that syncs the Argo CD objects (every environment's project
 * and Application, our argocd-cm entries), so that a new ACK kind, a new environment or a new
 * health check reaches Argo CD by the same pull request as the estate, never by a hand apply.
 * Its own project allows only those kinds in Argo CD's namespace. Applied once by hand at
 * bootstrap (docs/delivery.md); from then on it manages itself.
 */
export class RootChart extends Chart {
  constructor(scope: Construct, id: string, props: RootChartProps) {
    super(scope, id, { namespace: props.namespace, labels: { ...PART_OF_LABEL }, disableResourceNameHashes: true });
    const project = new EnvironmentProject(this, 'project', {
      name: ROOT_APPLICATION,
      namespace: props.namespace,
      description: `Argo CD's own objects for the estate: projects, Applications and health checks, from ${props.path}`,
      sourceRepo: props.repoURL,
      destinationNamespace: props.namespace,
      clusterResources: [],
      namespacedResources: [
        { group: '', kind: 'ConfigMap' },
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
      ],
      syncWindows: [],
      applications: [],
    });
    new EnvironmentApplication(this, 'application', {
      name: ROOT_APPLICATION,
      namespace: props.namespace,
      project: project.name,
      repoURL: props.repoURL,
      // The repository's default branch, where manifests/argocd is merged.
      targetRevision: 'HEAD',
      path: props.path,
      destinationNamespace: props.namespace,
      // Removing an environment's Application is a deliberate act, not a side effect of a merge.
      prune: false,
      ignoreDifferences: [],
    });
    new ApiObject(this, 'argocd-cmd-params-cm', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      // Read by the application controller at start: a change needs its restart.
      metadata: { name: 'argocd-cmd-params-cm', labels: { 'app.kubernetes.io/name': 'argocd-cmd-params-cm', 'app.kubernetes.io/part-of': 'argocd' } },
      data: { 'controller.sync.timeout.seconds': String(SYNC_TIMEOUT_SECONDS) },
    });
  }
}
