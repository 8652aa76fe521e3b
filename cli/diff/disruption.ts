/**
 * What an in-place change does to a running resource, where AWS documents an interruption:
 * "changing the instance class restarts the database". The CRDs say what replaces a resource
 * (immutable-fields.ts); they cannot say what restarts one, so this is a short list.
 */
import { describeWindow, EnvironmentFacts } from './environment-facts';
import { FieldChange, isPlainObject } from './field-diff';
import { ManifestObject } from './manifest-tree';

type Note = (spec: Record<string, unknown>) => string;

const DB_INSTANCE = 'rds.services.k8s.aws/DBInstance';
const REPLICATION_GROUP = 'elasticache.services.k8s.aws/ReplicationGroup';

/** group/Kind → spec field → what changing it does (RDS and ElastiCache user guides). */
const INTERRUPTIONS: Readonly<Record<string, Readonly<Record<string, Note>>>> = {
  [DB_INSTANCE]: {
    dbInstanceClass: (spec) =>
      spec.multiAZ === true
        ? 'fails the instance over to its standby (Multi-AZ): connections drop for about a minute'
        : 'restarts the instance (Single-AZ): the database is down for several minutes',
    engineVersion: (spec) => `restarts the instance to upgrade the engine${spec.multiAZ === true ? ' (both Multi-AZ copies at once: downtime)' : ''}`,
  },
  [REPLICATION_GROUP]: {
    cacheNodeType: (spec) =>
      spec.automaticFailoverEnabled === true
        ? 'resizes the cache node by node with a failover: writes pause briefly'
        : 'resizes the cache: it is unavailable while the node is replaced',
    engineVersion: () => 'upgrades the cache engine node by node: connections drop during each node\'s restart',
  },
};

/** Notes on the interruptions a change causes, with when the environment lets it happen. */
export function disruptionNotes(object: ManifestObject, fields: readonly FieldChange[], facts: EnvironmentFacts | undefined): string[] {
  const rules = INTERRUPTIONS[`${object.apiVersion.split('/')[0]}/${object.kind}`];
  if (!rules) return [];
  const spec = isPlainObject(object.spec) ? object.spec : {};
  const touched = new Set(fields.filter((f) => f.path[0] === 'spec' && typeof f.path[1] === 'string').map((f) => f.path[1] as string));
  const notes = Object.keys(rules)
    .filter((field) => touched.has(field))
    .map((field) => `${field}: ${rules[field](spec)}`);
  return notes.length > 0 ? [...notes, when(facts)] : [];
}

function when(facts: EnvironmentFacts | undefined): string {
  if (!facts) return 'when: unknown (no environment data for this folder): assume at the next sync';
  const allow = facts.syncWindows.filter((w) => w.kind === 'allow');
  if (facts.syncWindows.length === 0) return 'when: at the next sync (no sync window)';
  return `when: only in the sync window (${facts.syncWindows.map(describeWindow).join('; ')})${allow.some((w) => w.manualSync) ? ', or by a manual sync' : ''}`;
}
