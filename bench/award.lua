-- wrk: staff credit adjustments to random members, each with a unique idempotency key.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
  math.randomseed(id * 7919)
end

request = function()
  counter = counter + 1
  local user = math.random(first_member, last_member)
  local body = string.format('{"amount":1,"reason":"bench","idempotency_key":"t%d-%d"}', thread_id, counter)
  return wrk.format("POST", "/api/v1/users/" .. user .. "/credits", nil, body)
end
