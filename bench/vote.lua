-- wrk: each request is a different voter (bench-voter-N, N unique per request) voting for one
-- idea: a random open one (from open_ideas_file), else a random one between first_idea and
-- last_idea, or always hot_idea when it is set.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local open_ideas = nil

function init(args)
  thread_id = id
  math.randomseed(id * 7919 + 1)
  -- With open_ideas_file set, ideas are picked among those open to votes.
  if open_ideas_file then
    open_ideas = {}
    for line in io.lines(open_ideas_file) do table.insert(open_ideas, tonumber(line)) end
  end
end

request = function()
  counter = counter + 1
  -- Each of wrk's two threads has its own half of the voters.
  local half = math.floor(voters / 2)
  local voter = thread_id * half + (counter % half)
  local idea = hot_idea or (open_ideas and open_ideas[math.random(#open_ideas)]) or math.random(first_idea, last_idea)
  local headers = { ["Authorization"] = "Bearer bench-voter-" .. voter }
  return wrk.format("PUT", "/api/v1/ideas/" .. idea .. "/vote", headers, nil)
end
