/**
 * Kinds that hold data or identity whose loss cannot be undone. They carry the ACK deletion
 * policy `retain` and Argo CD's Prune=false,Delete=false, and the diff tool calls their removal
 * or replacement DESTRUCTIVE.
 */
export const STATEFUL_KINDS: Readonly<Record<string, string>> = {
  'rds.services.k8s.aws/DBInstance': 'database',
  's3.services.k8s.aws/Bucket': 'bucket',
  'efs.services.k8s.aws/FileSystem': 'file system',
  'ecr.services.k8s.aws/Repository': 'repository',
  'elasticache.services.k8s.aws/ReplicationGroup': 'cache',
  'kms.services.k8s.aws/Key': 'key',
  'secretsmanager.services.k8s.aws/Secret': 'secret',
};

export function isStatefulKind(kindKey: string): boolean {
  return kindKey in STATEFUL_KINDS;
}
