import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Application } from '../../imports/argocd-application-argoproj.io';
import { AppProject } from '../../imports/argocd-appproject-argoproj.io';
import { IN_CLUSTER_SERVER } from '../delivery/app-project';
import { PART_OF_LABEL } from '../delivery/delivery-chart';
import { controllerIdentityArn } from './ack-accounts';

/** Where the ACK project publishes each controller's Helm chart (`<service>-chart`), as an OCI registry. */
export const ACK_CHART_REGISTRY = 'public.ecr.aws/aws-controllers-k8s';
/** The AppProject of the controllers' Applications. */
export const CONTROLLERS_PROJECT = 'ack-controllers';
/** ServiceAccount annotation EKS reads for IAM roles for service accounts (IRSA). */
export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

export interface ControllersChartProps {
  /** Argo CD's namespace. */
  readonly argocdNamespace: string;
  /** The controllers' namespace (catalogue `controllers.namespace`), created by the bootstrap chart. */
  readonly namespace: string;
  /** The account of the controllers' own identities (catalogue `controllers.accountId`). */
  readonly accountId: string;
  /** Region the controllers default to; each environment's namespace names its own. */
  readonly region: string;
  /** Service (`acm`) → chart version (`1.3.4`), for every service the estate uses. */
  readonly versions: ReadonlyMap<string, string>;
}

/** The Helm values of one controller: its IRSA role, cross-account resource management, its region. */
export function controllerValues(service: string, props: Pick<ControllersChartProps, 'accountId' | 'region'>): Record<string, unknown> {
  return {
    aws: { region: props.region },
    // The account map of the bootstrap chart (docs/bootstrap.md); IAMRoleSelector stays off (chart default): the two cannot be combined.
    enableCARM: true,
    serviceAccount: { create: true, name: `ack-${service}-controller`, annotations: { [IRSA_ANNOTATION]: controllerIdentityArn(props.accountId, service) } },
  };
}

/**
 * The ACK controllers as data: one Argo CD Application per controller, installing its upstream
 * Helm chart at the pinned version into the controllers' namespace, in an AppProject that allows
 * only that registry and namespace; and the registry's (public, credential-free) repository entry.
 */
export class ControllersChart extends Chart {
  constructor(scope: Construct, id: string, props: ControllersChartProps) {
    super(scope, id, { namespace: props.argocdNamespace, labels: { ...PART_OF_LABEL }, disableResourceNameHashes: true });
    if (props.versions.size === 0) throw new Error('ControllersChart: versions must name at least one controller, got none');
    new ApiObject(this, 'registry', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'ack-charts-registry', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
      stringData: { name: 'aws-controllers-k8s', type: 'helm', url: ACK_CHART_REGISTRY, enableOCI: 'true' },
    });
    new AppProject(this, 'project', {
      metadata: { name: CONTROLLERS_PROJECT },
      spec: {
        description: `The ACK controllers, from their upstream Helm charts, into namespace ${props.namespace}`,
        sourceRepos: [ACK_CHART_REGISTRY],
        destinations: [{ server: IN_CLUSTER_SERVER, namespace: props.namespace }],
        clusterResourceWhitelist: [
          { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
          { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
          { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
        ],
      },
    });
    for (const [service, version] of [...props.versions].sort(([a], [b]) => a.localeCompare(b))) {
      new Application(this, `ack-${service}-controller`, {
        metadata: { name: `ack-${service}-controller` },
        spec: {
          project: CONTROLLERS_PROJECT,
          source: { repoUrl: ACK_CHART_REGISTRY, chart: `${service}-chart`, targetRevision: version, helm: { releaseName: `ack-${service}-controller`, valuesObject: controllerValues(service, props) } },
          destination: { server: IN_CLUSTER_SERVER, namespace: props.namespace },
          // No pruning: removing an Application must not remove a controller with objects still in its care.
          syncPolicy: { automated: { prune: false, selfHeal: true }, syncOptions: ['ServerSideApply=true', 'CreateNamespace=false'] },
        },
      });
    }
  }
}
