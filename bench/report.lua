-- wrk: each request is a different weekly-ring member (bench-member-N, N unique per request,
-- from first_member) filing a four-grid report on `release` with random changes and rating.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
  math.randomseed(id * 7919 + 1)
end

request = function()
  counter = counter + 1
  -- Each of wrk's two threads has its own half of the members.
  local half = math.floor(members / 2)
  local member = first_member + thread_id * half + (counter % half)
  local liked = math.random(#changes)
  local weak = liked % #changes + 1
  local body = string.format('{"liked_change_id":%d,"weak_change_id":%d,"anticipated_idea_id":%d,"rating":%d}',
    changes[liked], changes[weak], idea, math.random(5))
  local headers = { ["Authorization"] = "Bearer bench-member-" .. member, ["Content-Type"] = "application/json" }
  return wrk.format("PUT", "/api/v1/releases/" .. release .. "/report", headers, body)
end
