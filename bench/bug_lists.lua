-- wrk: filtered bug lists of product `bench`, a random combination of filters per request
-- (status, module, severity, sort, page 1-5), some without any filter.
local statuses = { "", "open", "new", "confirmed", "in_progress", "fixed", "verified", "wont_fix" }
local modules = { "", "camera", "battery", "audio" }
local severities = { "", "", "blocker", "critical", "major", "minor", "trivial" }
local sorts = { "heat", "heat", "new", "me_too", "changed" }

function init(args)
  math.randomseed(os.time() + (id or 0))
end

local function pick(list) return list[math.random(#list)] end

request = function()
  local path = "/api/v1/products/bench/bugs?sort=" .. pick(sorts) .. "&page=" .. math.random(5)
  local status, module, severity = pick(statuses), pick(modules), pick(severities)
  if status ~= "" then path = path .. "&status=" .. status end
  if module ~= "" then path = path .. "&module=" .. module end
  if severity ~= "" then path = path .. "&severity=" .. severity end
  return wrk.format("GET", path)
end
