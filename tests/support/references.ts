/**
 * ACK reference fields (`xxxRef: {from: {name, namespace?}}`, `xxxRefs: [...]`) and the kind each
 * one must name. A reference field missing from this table fails the reference test, so a new
 * one is never silently unchecked.
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
