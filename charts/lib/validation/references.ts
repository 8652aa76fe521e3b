/**
 * ACK reference fields (`xxxRef: {from: {name, namespace?}}`, `xxxRefs: [...]`) and the kind each
 * one must name (the CRDs do not say: the target is in each controller's generator.yaml). A
 * reference field missing from this table fails synth, so a new one is never silently unchecked.
 */
export const REFERENCE_KINDS: Readonly<Record<string, string>> = {
  acmCertificateRef: 'acm.services.k8s.aws/Certificate',
  allocationRef: 'ec2.services.k8s.aws/ElasticIPAddress',
  cacheParameterGroupRef: 'elasticache.services.k8s.aws/CacheParameterGroup',
  cacheSubnetGroupRef: 'elasticache.services.k8s.aws/CacheSubnetGroup',
  clusterRef: 'ecs.services.k8s.aws/Cluster',
  dbParameterGroupRef: 'rds.services.k8s.aws/DBParameterGroup',
  dbSubnetGroupRef: 'rds.services.k8s.aws/DBSubnetGroup',
  fileSystemRef: 'efs.services.k8s.aws/FileSystem',
  gatewayRef: 'ec2.services.k8s.aws/InternetGateway',
  groupRef: 'ec2.services.k8s.aws/SecurityGroup',
  healthCheckRef: 'route53.services.k8s.aws/HealthCheck',
  hostedZoneRef: 'route53.services.k8s.aws/HostedZone',
  kmsKeyRef: 'kms.services.k8s.aws/Key',
  listenerRef: 'elbv2.services.k8s.aws/Listener',
  loadBalancerRef: 'elbv2.services.k8s.aws/LoadBalancer',
  masterUserSecretKMSKeyRef: 'kms.services.k8s.aws/Key',
  monitoringRoleRef: 'iam.services.k8s.aws/Role',
  natGatewayRef: 'ec2.services.k8s.aws/NATGateway',
  performanceInsightsKMSKeyRef: 'kms.services.k8s.aws/Key',
  permissionsBoundaryRef: 'iam.services.k8s.aws/Policy',
  policyRefs: 'iam.services.k8s.aws/Policy',
  roleRef: 'iam.services.k8s.aws/Role',
  routeTableRefs: 'ec2.services.k8s.aws/RouteTable',
  securityGroupRefs: 'ec2.services.k8s.aws/SecurityGroup',
  subnetRef: 'ec2.services.k8s.aws/Subnet',
  subnetRefs: 'ec2.services.k8s.aws/Subnet',
  targetGroupRef: 'elbv2.services.k8s.aws/TargetGroup',
  targetKeyRef: 'kms.services.k8s.aws/Key',
  taskDefinitionRef: 'ecs.services.k8s.aws/TaskDefinition',
  taskRoleRef: 'iam.services.k8s.aws/Role',
  vpcRef: 'ec2.services.k8s.aws/VPC',
  vpcSecurityGroupRefs: 'ec2.services.k8s.aws/SecurityGroup',
};

export interface FoundReference {
  readonly field: string;
  /** JSON path of the reference inside the object. */
  readonly path: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Every `*Ref` / `*Refs` inside `value`, with where it sits. */
export function findReferences(value: unknown, path = ''): FoundReference[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => findReferences(item, `${path}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const childPath = `${path}/${key}`;
    if (/Refs?$/.test(key)) {
      const entries = Array.isArray(child) ? child : [child];
      return entries.map((entry: { from?: { name?: string; namespace?: string } }, index) => ({
        field: key,
        path: Array.isArray(child) ? `${childPath}/${index}` : childPath,
        name: entry?.from?.name ?? '',
        namespace: entry?.from?.namespace,
      }));
    }
    return findReferences(child, childPath);
  });
}

/** A synthesized object, as far as references go. */
interface Referencing {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: unknown;
}

const groupOf = (apiVersion: string) => apiVersion.split('/')[0];

/**
 * Every ACK reference of `objects` that names no object of the right kind among them: one line
 * naming the referring object, the field and the missing object. ACK would wait on such a
 * reference for ever ("the referenced resource does not exist"), so synth refuses it.
 */
export function danglingReferences(objects: readonly Referencing[]): string[] {
  const present = new Set(objects.map((o) => `${groupOf(o.apiVersion)}/${o.kind}|${o.metadata.namespace}/${o.metadata.name}`));
  // Only ACK objects: a RoleBinding's roleRef is Kubernetes RBAC, not an ACK reference.
  return objects
    .filter((o) => groupOf(o.apiVersion).endsWith('.services.k8s.aws'))
    .flatMap((object) =>
      findReferences(object.spec, '/spec').flatMap((ref) => {
        const where = `${object.kind} ${object.metadata.name}: ${ref.path.slice(1).replace(/\//g, '.')}`;
        const target = REFERENCE_KINDS[ref.field];
        if (!target) return [`${where}: reference field ${ref.field} has no target kind in charts/lib/validation/references.ts (REFERENCE_KINDS)`];
        const namespace = ref.namespace ?? object.metadata.namespace;
        if (present.has(`${target}|${namespace}/${ref.name}`)) return [];
        return [`${where} names ${target.split('/')[1]} "${ref.name}" in ${namespace ?? 'no namespace'}, which is not synthesized: ACK would wait on it for ever`];
      }),
    );
}
