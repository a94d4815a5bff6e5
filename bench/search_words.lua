-- wrk: searches that differ from one request to the next, so no answer comes from the search
-- cache: the two-character Chinese words and English words of the generated forum (common and
-- rare, in titles and bodies), each alone, with a second word, and on a board. Prints p50/p95/p99.
local words = {
  "%E7%9B%B8%E6%9C%BA", "%E7%BB%AD%E8%88%AA", "%E5%85%85%E7%94%B5", "%E4%BF%A1%E5%8F%B7", "%E6%9B%B4%E6%96%B0",
  "%E5%8F%91%E7%83%AD", "%E5%B1%8F%E5%B9%95", "%E6%8C%87%E7%BA%B9", "%E5%A4%9C%E6%99%AF", "%E4%BA%BA%E5%83%8F",
  "%E4%BB%8A%E5%A4%A9", "%E6%84%9F%E8%A7%89", "%E6%89%8B%E6%9C%BA", "%E7%89%88%E6%9C%AC", "%E5%B0%8F%E7%B1%B3",
  "battery", "camera", "update", "signal", "night",
}
dofile("bench/wrk_threads.lua")
local counter = 0

request = function()
  local n = counter * 2 + thread_index
  counter = counter + 1
  local first = words[n % #words + 1]
  local shape = math.floor(n / #words) % 3
  local query = first
  if shape == 1 then
    query = first .. "+" .. words[(n * 7 + 3) % #words + 1]
  elseif shape == 2 then
    query = first .. "&board_id=" .. (n % 8 + 1)
  end
  return wrk.format("GET", "/api/v1/search?q=" .. query)
end

dofile("bench/percentiles.lua")  -- prints p50/p95/p99
