-- wrk script: request the paths listed in $PATHS_FILE in turn (one per line), with the bearer token
-- in $TOKEN, and print p95/p99 latency at the end in a line the bench scripts parse.
local paths, i = {}, 0
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local token = os.getenv("TOKEN")

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50 %.2f p95 %.2f p99 %.2f ms requests %d errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
