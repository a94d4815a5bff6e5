-- wrk: update checks from random devices of the stable ring, each on an old version.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 104729 + 7)
end

request = function()
  return wrk.format("GET", "/api/v1/products/bench/updates?device_id=device-" .. math.random(1, 10000000) .. "&current_version=1.0.0")
end
