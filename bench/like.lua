-- wrk: 64 members (tokens bench-token-0..63) liking 64 posts (first_post..first_post+63), every
-- pair in turn; repeats are idempotent, so each post must end with exactly 64 likes.
local counter = 0
dofile("bench/wrk_threads.lua")

request = function()
  local n = counter * 2 + thread_index
  counter = counter + 1
  local member = n % 64
  local post = first_post + (math.floor(n / 64) % 64)
  return wrk.format("PUT", "/api/v1/posts/" .. post .. "/like", { ["Authorization"] = "Bearer bench-token-" .. member })
end
