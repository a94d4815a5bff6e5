-- wrk: each request is a page seen by a different member, in turn, through their browser
-- session (cookies bench-session-0..members-1, made by gen_forum.py).
dofile("bench/wrk_threads.lua")
local counter = 0
local members = 1000

request = function()
  local member = (counter * 2 + thread_index) % members
  counter = counter + 1
  return wrk.format("GET", nil, { ["Cookie"] = "canyu_session=bench-session-" .. member })
end

dofile("bench/percentiles.lua")  -- prints p50/p95/p99
