-- wrk: each request is a different member (bench-member-N, N unique per request) saying "me
-- too" on a random bug of the pool (pool_file: one id a line).
local counter = 0
local thread_id = 0
local threads = {}
local pool = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
  math.randomseed(id * 7919 + 1)
  for line in io.lines(pool_file) do table.insert(pool, tonumber(line)) end
end

request = function()
  counter = counter + 1
  -- Each of wrk's two threads has its own half of the members.
  local half = math.floor(members / 2)
  local member = thread_id * half + (counter % half)
  local headers = { ["Authorization"] = "Bearer bench-member-" .. member, ["Content-Type"] = "application/json" }
  return wrk.format("PUT", "/api/v1/bugs/" .. pool[math.random(#pool)] .. "/me-too", headers, '{"device_model":"Aurora 14"}')
end
