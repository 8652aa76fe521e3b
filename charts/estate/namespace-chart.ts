import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_REGION_ANNOTATION, OWNER_ACCOUNT_ANNOTATION } from '../../policy/annotations';
import { STATEFUL_KINDS } from '../../policy/stateful-kinds';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { PLATFORM_OWNER } from '../lib/ownership';

/**
 * The environment's namespace. Its annotations are what ACK reads for every resource in it:
 * the default region, the AWS account (cross-account resource management), and deletion
 * policy `retain` for every service that owns a stateful kind, as a second layer under the
 * per-object annotation.
 */
export class NamespaceChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const statefulServices = [...new Set(Object.keys(STATEFUL_KINDS).map((kind) => kind.split('.')[0]))].sort();
    const namespace = new ApiObject(this, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: this.env.namespace,
        annotations: {
          [DEFAULT_REGION_ANNOTATION]: this.env.aws.region,
          [OWNER_ACCOUNT_ANNOTATION]: this.env.aws.accountId,
          ...Object.fromEntries(statefulServices.map((service) => [`${service}.services.k8s.aws/deletion-policy`, 'retain'])),
        },
      },
    });
    // A Namespace is cluster-scoped: drop the namespace the chart gives every object.
    namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
