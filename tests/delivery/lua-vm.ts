/**
 * Runs an Argo CD health script in a real Lua VM (fengari): `obj` is set as Argo CD sets it,
 * the script runs as a function body, and its `hs` table comes back.
 */
import { lauxlib, lua, lualib, to_luastring } from 'fengari';

export interface HealthStatus {
  readonly status: string;
  readonly message: string;
}

export function runHealthScript(script: string, object: unknown): HealthStatus {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  const chunk = `obj = ${luaLiteral(object)}\nlocal hs = (function()\n${script}\nend)()\nreturn hs.status, hs.message`;
  if (lauxlib.luaL_loadstring(L, to_luastring(chunk)) !== lua.LUA_OK) throw new Error(`Lua syntax error: ${lua.lua_tojsstring(L, -1)}`);
  if (lua.lua_pcall(L, 0, 2, 0) !== lua.LUA_OK) throw new Error(`Lua runtime error: ${lua.lua_tojsstring(L, -1)}`);
  return { status: lua.lua_tojsstring(L, -2), message: lua.lua_tojsstring(L, -1) };
}

/** A JSON value as a Lua table constructor (arrays 1-based, as Argo CD's JSON decoding gives). */
export function luaLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `{ ${value.map(luaLiteral).join(', ')} }`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  return `{ ${entries.map(([key, v]) => `[${JSON.stringify(key)}] = ${luaLiteral(v)}`).join(', ')} }`;
}
