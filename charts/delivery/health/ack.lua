-- Argo CD health of an ACK resource. The kind-specific part is the `check` table defined
-- above this body (charts/delivery/health-checks.ts writes it; nil for kinds without one):
--   check = { label = "DB instance status", path = { "status", "dbInstanceStatus" },
--             healthy = { "available" }, degraded = { "failed" },
--             settled = { states = { ... }, reason = "..." },           (optional)
--             rollout = { path = {...}, key = "status", value = "PRIMARY",
--                         field = "rolloutState", degraded = {...}, progressing = {...} } }  (optional)
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
  -- A retryable AWS error (AccessDenied, throttling...) says more than the generic sync text.
  local recoverable = condition("ACK.Recoverable")
  if recoverable ~= nil and recoverable.status == "True" and recoverable.message ~= nil then
    hs.message = recoverable.message
  elseif synced ~= nil and synced.message ~= nil then
    hs.message = synced.message
  end
  return hs
end

if check ~= nil and check.settled ~= nil and contains(check.settled.states, value) then
  hs.status = "Healthy"
  hs.message = check.label .. " is " .. tostring(value) .. ": " .. check.settled.reason
  return hs
end

if check ~= nil and not contains(check.healthy, value) then
  hs.message = check.label .. " is " .. tostring(value or "not reported yet")
  return hs
end

-- The current rollout (e.g. the PRIMARY ECS deployment): a rolled-back one is a failure.
if check ~= nil and check.rollout ~= nil then
  local r = check.rollout
  for _, entry in ipairs(field(r.path) or {}) do
    if type(entry) == "table" and entry[r.key] == r.value then
      local state = entry[r.field]
      local reason = entry[r.field .. "Reason"]
      local text = r.value .. " " .. r.field .. " is " .. tostring(state)
      if reason ~= nil then text = text .. ": " .. reason end
      if contains(r.degraded, state) then
        hs.status = "Degraded"
        hs.message = text
        return hs
      end
      if contains(r.progressing, state) then
        hs.message = text
        return hs
      end
    end
  end
end

hs.status = "Healthy"
hs.message = synced.message or "Resource synced"
return hs
