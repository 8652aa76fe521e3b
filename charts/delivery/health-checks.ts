import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KindHealth } from '../../policy/kind-health';
import { kindView } from '../../policy/kinds';

/**
 * Argo CD health checks for ACK kinds. Argo CD's own check for `*.services.k8s.aws` keys on a
 * `Ready` condition; ours keys on `ACK.ResourceSynced` and `ACK.Terminal`, and where the kind
 * reports the state of the AWS resource itself, on that state too. One generic Lua body
 * (health/ack.lua) plus, per kind, a small `check` table written in front of it.
 */
export type { KindHealth, RolloutCheck, SettledStates } from '../../policy/kind-health';

/** `<group>/<Kind>` → its state field, from the registry (policy/kinds.ts); tests check every path against the kind's CRD. */
export const KIND_HEALTH: Readonly<Record<string, KindHealth>> = kindView((facts) => facts.health);

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
