import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { argocdCmEntries } from './health-checks';

export interface HealthChecksChartProps {
  /** Namespace of Argo CD. */
  readonly namespace: string;
  /** `<group>/<Kind>` of every ACK kind the estate uses. */
  readonly kinds: readonly string[];
}

/**
 * Our entries of Argo CD's argocd-cm: a health check per ACK kind. Only `data` keys of ours,
 * applied server-side under our own field manager, so Argo CD's other settings stay untouched.
 */
export class HealthChecksChart extends Chart {
  constructor(scope: Construct, id: string, props: HealthChecksChartProps) {
    super(scope, id, { namespace: props.namespace, disableResourceNameHashes: true });
    if (props.kinds.some((kind) => !kind.split('/')[0].endsWith('.services.k8s.aws'))) {
      throw new Error(`HealthChecksChart: kinds must be ACK kinds, got ${props.kinds.join(', ')}`);
    }
    new ApiObject(this, 'argocd-cm', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      // Argo CD reads only the ConfigMap with these name and labels.
      metadata: { name: 'argocd-cm', labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' } },
      data: argocdCmEntries(props.kinds),
    });
  }
}
