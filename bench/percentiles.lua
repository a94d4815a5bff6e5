-- wrk: print p50/p95/p99 latency (wrk's --latency table has no p95).
done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%d %.2fms\n", p, latency:percentile(p) / 1000))
  end
end
