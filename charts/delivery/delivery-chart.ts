import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ENVIRONMENT_LABEL } from '../../policy/annotations';
import { KubeObject } from '../../policy/tag-shapes';
import { EnvironmentConfig } from '../lib/environment/types';
import { AllowedKinds } from './allowed-kinds';
import { EnvironmentProject } from './app-project';
import { EnvironmentApplication } from './application';
import { ignoreDifferencesFor } from './ignore-differences';

/** Label every Argo CD object of the platform carries. */
export const PART_OF_LABEL = { 'app.kubernetes.io/part-of': 'mycomputer-platform' } as const;

export interface EnvironmentDeliveryChartProps {
  readonly env: EnvironmentConfig;
  /** The environment's synthesized objects: what the project must allow and Argo must compare. */
  readonly objects: readonly KubeObject[];
  readonly allowed: AllowedKinds;
  /** Folder of the environment's manifests in the repository, e.g. manifests/production. */
  readonly manifestsPath: string;
}

/**
 * The Argo CD side of one environment: its AppProject and its Application, both named after
 * the environment's namespace, in Argo CD's namespace. Everything that differs is environment data.
 */
export class EnvironmentDeliveryChart extends Chart {
  constructor(scope: Construct, id: string, props: EnvironmentDeliveryChartProps) {
    const { env } = props;
    const delivery = env.catalogue.delivery;
    super(scope, id, { namespace: delivery.argocdNamespace, labels: { ...PART_OF_LABEL, [ENVIRONMENT_LABEL]: env.name }, disableResourceNameHashes: true });
    const name = env.namespace;
    const project = new EnvironmentProject(this, 'project', {
      name,
      namespace: delivery.argocdNamespace,
      description: `The ${env.name} estate (ACK resources in namespace ${env.namespace}); synthesized from environments/${env.name}`,
      sourceRepo: delivery.repoURL,
      destinationNamespace: env.namespace,
      clusterResources: props.allowed.cluster,
      namespacedResources: props.allowed.namespaced,
      syncWindows: env.delivery.syncWindows,
      applications: [name],
    });
    new EnvironmentApplication(this, 'application', {
      name,
      namespace: delivery.argocdNamespace,
      project: project.name,
      repoURL: delivery.repoURL,
      targetRevision: env.delivery.targetRevision,
      path: props.manifestsPath,
      destinationNamespace: env.namespace,
      prune: env.delivery.prune,
      ignoreDifferences: ignoreDifferencesFor(props.objects),
    });
  }
}
