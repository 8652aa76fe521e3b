import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Argo CD health checks for ACK kinds. Argo CD's own check for `*.services.k8s.aws` keys on a
 * `Ready` condition; ours keys on `ACK.ResourceSynced` and `ACK.Terminal`, and where the kind
 * reports the state of the AWS resource itself, on that state too. One generic Lua body
 * (health/ack.lua) plus, per kind, a small `check` table written in front of it.
 */
export interface KindHealth {
  /** Words for the field in messages, e.g. "DB instance status". */
  readonly label: string;
  /** Path of the state field from the object's root, e.g. ['status', 'dbInstanceStatus']. */
  readonly path: readonly string[];
  /** States in which the AWS resource serves (besides ACK.ResourceSynced being True). */
  readonly healthy: readonly string[];
  /** States that need a human; anything else is Progressing. */
  readonly degraded: readonly string[];
  /**
   * States reported Healthy although the resource does not serve yet, because what moves it on
   * is created by a later sync wave: Argo CD moves to the next wave only when the current one is
   * Healthy, so a Progressing state here would hold the sync forever.
   * @default none
   */
  readonly settled?: SettledStates;
  /**
   * A list in status whose matching entry says whether the latest rollout worked (ECS Service
   * deployments): a service can be ACTIVE while its new deployment was rolled back.
   * @default none
   */
  readonly rollout?: RolloutCheck;
}

export interface SettledStates {
  readonly states: readonly string[];
  /** `<group>/<Kind>` of the object that moves these states on (tests check its wave is later). */
  readonly waitsFor: string;
  /** Why, in the health message. */
  readonly reason: string;
}

export interface RolloutCheck {
  /** Path of the list from the object's root. */
  readonly path: readonly string[];
  /** Field and value that pick the current entry, e.g. status = PRIMARY. */
  readonly key: string;
  readonly value: string;
  /** Field of the entry with the rollout state. */
  readonly field: string;
  readonly degraded: readonly string[];
  readonly progressing: readonly string[];
}

/** `<group>/<Kind>` → its state field; tests check every path against the kind's CRD. */
export const KIND_HEALTH: Readonly<Record<string, KindHealth>> = {
  'rds.services.k8s.aws/DBInstance': {
    label: 'DB instance status',
    path: ['status', 'dbInstanceStatus'],
    // Backups and storage optimization run while the instance serves.
    healthy: ['available', 'backing-up', 'storage-optimization'],
    degraded: [
      'failed', 'inaccessible-encryption-credentials', 'inaccessible-encryption-credentials-recoverable',
      'incompatible-network', 'incompatible-option-group', 'incompatible-parameters', 'incompatible-restore',
      'restore-error', 'storage-full', 'stopped',
    ],
  },
  'acm.services.k8s.aws/Certificate': {
    label: 'certificate status',
    path: ['status', 'status'],
    healthy: ['ISSUED'],
    degraded: ['FAILED', 'EXPIRED', 'REVOKED', 'VALIDATION_TIMED_OUT', 'INACTIVE'],
    // The ACM controller always requests DNS validation; the validation record is a Route 53
    // RecordSet, synced in a later wave (and only once bound, docs/edge.md).
    settled: {
      states: ['PENDING_VALIDATION'],
      waitsFor: 'route53.services.k8s.aws/RecordSet',
      reason: 'waits for its DNS validation record, which a later sync wave creates',
    },
  },
  'elbv2.services.k8s.aws/LoadBalancer': {
    label: 'load balancer state',
    path: ['status', 'state', 'code'],
    healthy: ['active'],
    degraded: ['failed', 'active_impaired'],
  },
  'cloudfront.services.k8s.aws/Distribution': {
    label: 'distribution status',
    path: ['status', 'status'],
    healthy: ['Deployed'],
    degraded: [],
  },
  'elasticache.services.k8s.aws/ReplicationGroup': {
    label: 'replication group status',
    path: ['status', 'status'],
    healthy: ['available', 'snapshotting'],
    degraded: ['create-failed'],
  },
  'efs.services.k8s.aws/FileSystem': {
    label: 'file system life cycle state',
    path: ['status', 'lifeCycleState'],
    healthy: ['available'],
    degraded: ['error'],
  },
  'efs.services.k8s.aws/MountTarget': {
    label: 'mount target life cycle state',
    path: ['status', 'lifeCycleState'],
    healthy: ['available'],
    degraded: ['error'],
  },
  'ec2.services.k8s.aws/NATGateway': {
    label: 'NAT gateway state',
    path: ['status', 'state'],
    healthy: ['available'],
    degraded: ['failed'],
  },
  'ec2.services.k8s.aws/VPC': {
    label: 'VPC state',
    path: ['status', 'state'],
    healthy: ['available'],
    degraded: [],
  },
  'ec2.services.k8s.aws/Subnet': {
    label: 'subnet state',
    path: ['status', 'state'],
    healthy: ['available'],
    degraded: ['failed', 'failed-insufficient-capacity'],
  },
  'ecs.services.k8s.aws/Cluster': {
    label: 'cluster status',
    path: ['status', 'status'],
    healthy: ['ACTIVE'],
    degraded: ['FAILED', 'INACTIVE'],
  },
  'ecs.services.k8s.aws/Service': {
    label: 'service status',
    path: ['status', 'status'],
    healthy: ['ACTIVE'],
    degraded: ['INACTIVE'],
    // The circuit breaker rolls a failed deployment back and the service stays ACTIVE.
    rollout: { path: ['status', 'deployments'], key: 'status', value: 'PRIMARY', field: 'rolloutState', degraded: ['FAILED'], progressing: ['IN_PROGRESS'] },
  },
  'ecs.services.k8s.aws/TaskDefinition': {
    label: 'task definition status',
    path: ['status', 'status'],
    healthy: ['ACTIVE'],
    degraded: ['INACTIVE', 'DELETE_IN_PROGRESS'],
  },
  'kms.services.k8s.aws/Key': {
    label: 'key state',
    path: ['status', 'keyState'],
    healthy: ['Enabled'],
    degraded: ['Disabled', 'PendingDeletion', 'PendingReplicaDeletion', 'Unavailable'],
  },
  'route53.services.k8s.aws/RecordSet': {
    label: 'record set change status',
    path: ['status', 'status'],
    healthy: ['INSYNC'],
    degraded: [],
  },
};

/** health/ack.lua without its leading comment (each kind's script names its source instead). */
const GENERIC_BODY = fs
  .readFileSync(path.join(__dirname, 'health', 'ack.lua'), 'utf8')
  .replace(/^(--[^\n]*\n)+/, '');

/** The Lua script Argo CD runs for one kind (`<group>/<Kind>`). */
export function healthScript(kindKey: string): string {
  const check = KIND_HEALTH[kindKey];
  const prelude = check ? `local check = ${luaTable(checkTable(check))}\n` : 'local check = nil\n';
  return `-- ${kindKey}: charts/delivery/health/ack.lua with this kind's check (charts/delivery/health-checks.ts)\n${prelude}${GENERIC_BODY}`;
}

/** argocd-cm key of a customization of `<group>/<Kind>`, e.g. `resource.customizations.health.rds.services.k8s.aws_DBInstance`. */
export function customizationKey(aspect: 'health' | 'ignoreResourceUpdates', kindKey: string): string {
  const [group, kind] = kindKey.split('/');
  return `resource.customizations.${aspect}.${group}_${kind}`;
}

/**
 * The argocd-cm entries for the given ACK kinds: the health script, and status updates ignored
 * for reconciliation (Argo CD still re-evaluates health on them and refreshes when it changes).
 */
export function argocdCmEntries(kindKeys: readonly string[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (const kindKey of [...kindKeys].sort()) {
    data[customizationKey('health', kindKey)] = healthScript(kindKey);
    data[customizationKey('ignoreResourceUpdates', kindKey)] = 'jsonPointers:\n  - /status\n';
  }
  return data;
}

/** The `check` table the Lua body reads (snake_case free: Lua names match the TypeScript ones). */
function checkTable(check: KindHealth): LuaValue {
  const table: Record<string, LuaValue> = { label: check.label, path: check.path, healthy: check.healthy, degraded: check.degraded };
  if (check.settled) table.settled = { states: check.settled.states, reason: check.settled.reason };
  if (check.rollout) table.rollout = { ...check.rollout };
  return table;
}

type LuaValue = string | readonly string[] | { readonly [key: string]: LuaValue };

/** A Lua literal for strings, lists of strings and tables of those, keys in a stable order. */
function luaTable(value: LuaValue, indent = ''): string {
  if (typeof value === 'string') return luaString(value);
  if (Array.isArray(value)) return luaList(value as readonly string[]);
  const inner = `${indent}  `;
  const entries = Object.entries(value as Record<string, LuaValue>).map(([key, item]) => `${inner}${key} = ${luaTable(item, inner)},`);
  return `{\n${entries.join('\n')}\n${indent}}`;
}

function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function luaList(items: readonly string[]): string {
  return `{ ${items.map(luaString).join(', ')} }`;
}
