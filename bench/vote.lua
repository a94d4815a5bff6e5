-- wrk: each request is a different voter (bench-voter-N, N unique per request) voting for one
-- idea: a random one between first_idea and last_idea, or always hot_idea when it is set.
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
  -- Each of wrk's two threads has its own half of the voters.
  local half = math.floor(voters / 2)
  local voter = thread_id * half + (counter % half)
  local idea = hot_idea or math.random(first_idea, last_idea)
  local headers = { ["Authorization"] = "Bearer bench-voter-" .. voter }
  return wrk.format("PUT", "/api/v1/ideas/" .. idea .. "/vote", headers, nil)
end
