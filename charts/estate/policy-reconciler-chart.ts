import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ENVIRONMENT_LABEL } from '../../policy/annotations';
import { POLICY_GROUP } from '../../policy/policy-resources';
import { COVERABLE_KINDS, POLICY_DEFINITIONS } from '../../policy/registry';
import { repositoryImage } from '../lib/arns';
import { EstateChart, EstateChartProps } from '../lib/estate-chart';
import { PLATFORM_OWNER } from '../lib/ownership';
import { platformRepository } from '../lib/platform-components';

/** The component's name: image repository suffix, versions.yaml key, and the name of its objects. */
export const RECONCILER = 'policy-reconciler';
/** Port of /healthz, /readyz and /metrics. */
const RECONCILER_HTTP_PORT = 8080;
/** A user the image does not run as root (distroless' nonroot). */
const NON_ROOT_UID = 65532;

/** `DBInstance` → `dbinstances`: the resource name RBAC needs (tests check it against every CRD). */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** `<group>/<Kind>` keys → one ApiResource per kind (plus a suffix such as `/status`). */
function resources(kinds: readonly string[], suffix = ''): kplus.ApiResource[] {
  return [...kinds].sort().map((key) => {
    const slash = key.lastIndexOf('/');
    return kplus.ApiResource.custom({ apiGroup: key.slice(0, slash), resourceType: `${pluralOf(key.slice(slash + 1))}${suffix}` });
  });
}

/**
 * The policy reconciler of one environment (controllers/policy-reconciler): two replicas with
 * leader election on a Lease, its ServiceAccount, and RBAC that grants only what it does —
 * read and server-side apply the covered ACK kinds, create Events, read its policies and write
 * their status, hold its Lease. It handles the policies labelled with this environment.
 */
export class PolicyReconcilerChart extends EstateChart {
  constructor(scope: Construct, id: string, props: Omit<EstateChartProps, 'owner'>) {
    super(scope, id, { ...props, owner: PLATFORM_OWNER });
    const { env } = this;
    const tag = env.versions.images[RECONCILER];
    if (!tag) throw new Error(`PolicyReconcilerChart: no image tag "${RECONCILER}" in environments/${env.name}/versions.yaml`);
    const image = repositoryImage(env, platformRepository(RECONCILER), tag);

    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', { metadata: { name: RECONCILER }, automountToken: true });

    const clusterRole = new kplus.ClusterRole(this, 'cluster-role', { metadata: { name: `${RECONCILER}-${env.name}` } });
    clusterRole.allow(['get', 'list', 'watch', 'patch'], ...resources(COVERABLE_KINDS));
    clusterRole.allow(['get', 'list', 'watch', 'create'], kplus.ApiResource.EVENTS);
    const policyKinds = POLICY_DEFINITIONS.map((definition) => `${POLICY_GROUP}/${definition.kind}`);
    clusterRole.allow(['get', 'list', 'watch'], ...resources(policyKinds));
    clusterRole.allow(['get', 'update', 'patch'], ...resources(policyKinds, '/status'));
    const clusterBinding = new kplus.ClusterRoleBinding(this, 'cluster-role-binding', { metadata: { name: `${RECONCILER}-${env.name}` }, role: clusterRole });
    clusterBinding.addSubjects(serviceAccount);
    // Cluster-scoped: drop the namespace the chart gives every object.
    for (const object of [clusterRole, clusterBinding]) ApiObject.of(object).addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    const leaseRole = new kplus.Role(this, 'lease-role', { metadata: { name: `${RECONCILER}-leader-election` } });
    leaseRole.allow(['get', 'create', 'update'], kplus.ApiResource.custom({ apiGroup: 'coordination.k8s.io', resourceType: 'leases' }));
    const leaseBinding = new kplus.RoleBinding(this, 'lease-role-binding', { metadata: { name: `${RECONCILER}-leader-election` }, role: leaseRole });
    leaseBinding.addSubjects(serviceAccount);

    const deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name: RECONCILER },
      replicas: 2,
      serviceAccount,
      automountServiceAccountToken: true,
      securityContext: { ensureNonRoot: true, user: NON_ROOT_UID, group: NON_ROOT_UID },
      podMetadata: { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(RECONCILER_HTTP_PORT), 'prometheus.io/path': '/metrics' } },
    });
    deployment.addContainer({
      name: RECONCILER,
      image,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      portNumber: RECONCILER_HTTP_PORT,
      envVariables: {
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
        // Only this environment's policies: several environments may share a cluster.
        POLICY_SELECTOR: kplus.EnvValue.fromValue(`${ENVIRONMENT_LABEL}=${env.name}`),
        HTTP_PORT: kplus.EnvValue.fromValue(String(RECONCILER_HTTP_PORT)),
        LOG_LEVEL: kplus.EnvValue.fromValue(env.compute.logLevel),
      },
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: RECONCILER_HTTP_PORT, periodSeconds: Duration.seconds(10), failureThreshold: 3 }),
      readiness: kplus.Probe.fromHttpGet('/readyz', { port: RECONCILER_HTTP_PORT, periodSeconds: Duration.seconds(5) }),
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
        // bench/reconciler.ts: about 120 MiB resident with 5,000 objects cached (README.md, "Measured").
        memory: { request: Size.mebibytes(192), limit: Size.mebibytes(256) },
      },
      securityContext: { ensureNonRoot: true, user: NON_ROOT_UID, group: NON_ROOT_UID, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false },
    });
  }
}
