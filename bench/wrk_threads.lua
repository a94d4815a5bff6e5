-- Shared by the wrk scripts that hand out work in turn (dofile it; the benchmarks run from the
-- repository's root): `thread_index` is this wrk thread's number, so that with -t2 request n of
-- thread t is number n * 2 + t, and the two threads never repeat each other.
thread_index = 0
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_index = index
end
