-- Argo CD health of an ACK resource. The kind-specific part is the `check` table defined
-- above this body (charts/delivery/health-checks.ts writes it; nil for kinds without one):
--   check = { label = "DB instance status", path = { "status", "dbInstanceStatus" },
--             healthy = { "available" }, degraded = { "failed" } }
-- Written for Lua 5.1 (Argo CD's gopher-lua); the tests run it in fengari.
local hs = { status = "Progressing", message = "Waiting for the ACK controller to report on the resource" }

local function condition(wanted)
  if obj.status == nil or obj.status.conditions == nil then return nil end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == wanted then return c end
  end
  return nil
end

local function field(path)
  local value = obj
  for _, key in ipairs(path) do
    if type(value) ~= "table" then return nil end
    value = value[key]
  end
  return value
end

local function contains(list, value)
  for _, item in ipairs(list or {}) do
    if item == value then return true end
  end
  return false
end

-- Terminal: the controller will not retry until the spec changes.
local terminal = condition("ACK.Terminal")
if terminal ~= nil and terminal.status == "True" then
  hs.status = "Degraded"
  hs.message = terminal.message or "ACK.Terminal is True"
  return hs
end

local value = nil
if check ~= nil then value = field(check.path) end
if check ~= nil and value ~= nil and contains(check.degraded, value) then
  hs.status = "Degraded"
  hs.message = check.label .. " is " .. tostring(value)
  return hs
end

local synced = condition("ACK.ResourceSynced")
if synced == nil or synced.status ~= "True" then
  if synced ~= nil and synced.message ~= nil then hs.message = synced.message end
  return hs
end

if check ~= nil and not contains(check.healthy, value) then
  hs.message = check.label .. " is " .. tostring(value or "not reported yet")
  return hs
end

hs.status = "Healthy"
hs.message = synced.message or "Resource synced"
return hs
