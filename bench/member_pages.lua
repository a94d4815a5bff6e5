-- wrk: each request is a page seen by a different member, in turn, through their browser
-- session (cookies bench-session-0..members-1, made by gen_forum.py).
local counter = 0
local thread_index = 0
local threads = {}
local members = 1000

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_index = index
end

request = function()
  local member = (counter * 2 + thread_index) % members
  counter = counter + 1
  return wrk.format("GET", nil, { ["Cookie"] = "canyu_session=bench-session-" .. member })
end

done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%d %.2fms\n", p, latency:percentile(p) / 1000))
  end
end
