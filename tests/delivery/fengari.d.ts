/** The part of fengari (a Lua 5.3 VM in JavaScript) the health check tests use. */
declare module 'fengari' {
  export type LuaState = { readonly __brand: 'lua_State' };
  export const lua: {
    readonly LUA_OK: number;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_tojsstring(L: LuaState, index: number): string;
    lua_type(L: LuaState, index: number): number;
    lua_settop(L: LuaState, index: number): void;
  };
  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadstring(L: LuaState, source: Uint8Array): number;
  };
  export const lualib: { luaL_openlibs(L: LuaState): void };
  export function to_luastring(text: string): Uint8Array;
}
