/**
 * The one table of kinds whose removal costs something that a re-create does not give back.
 *  - `stateful`: data or identity whose loss cannot be undone. These carry the ACK deletion
 *    policy `retain` and Argo CD's Prune=false,Delete=false, need backups, and the diff tool calls
 *    their removal or replacement DESTRUCTIVE in every environment.
 *  - `disruptive`: re-creatable, but removing one deletes records (a log group's logs) or takes
 *    traffic down (a service, a DNS record). The diff tool calls their removal or replacement
 *    DESTRUCTIVE in a protected environment (one Argo CD never prunes: production).
 */
export type KindRisk = 'stateful' | 'disruptive';

export interface KindLoss {
  /** What an object of the kind holds, in a reviewer's words ("database", "logs"). */
  readonly holds: string;
  readonly risk: KindRisk;
}

export const KIND_LOSSES: Readonly<Record<string, KindLoss>> = {
  'rds.services.k8s.aws/DBInstance': { holds: 'database', risk: 'stateful' },
  's3.services.k8s.aws/Bucket': { holds: 'bucket', risk: 'stateful' },
  'efs.services.k8s.aws/FileSystem': { holds: 'file system', risk: 'stateful' },
  'ecr.services.k8s.aws/Repository': { holds: 'repository', risk: 'stateful' },
  'elasticache.services.k8s.aws/ReplicationGroup': { holds: 'cache', risk: 'stateful' },
  'kms.services.k8s.aws/Key': { holds: 'key', risk: 'stateful' },
  'secretsmanager.services.k8s.aws/Secret': { holds: 'secret', risk: 'stateful' },
  'cloudwatchlogs.services.k8s.aws/LogGroup': { holds: 'logs', risk: 'disruptive' },
  'ecs.services.k8s.aws/Service': { holds: 'running service', risk: 'disruptive' },
  'route53.services.k8s.aws/RecordSet': { holds: 'DNS record', risk: 'disruptive' },
};

/** The stateful kinds (group/Kind → what they hold): retained, protected from pruning, backed up. */
export const STATEFUL_KINDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KIND_LOSSES)
    .filter(([, loss]) => loss.risk === 'stateful')
    .map(([kind, loss]) => [kind, loss.holds]),
);

export function isStatefulKind(kindKey: string): boolean {
  return kindKey in STATEFUL_KINDS;
}
