-- wrk script: sends `wrk.method`/`wrk.body` (set by the caller through
-- environment variables) and counts responses by class; prints the counts.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  c2xx, c4xx, c5xx = 0, 0, 0
  wrk.method = os.getenv("METHOD") or "GET"
  local body = os.getenv("BODY")
  if body and body ~= "" then
    wrk.body = body
    wrk.headers["Content-Type"] = "application/json"
  end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end
function response(status, headers, body)
  if status >= 500 then c5xx = c5xx + 1 elseif status >= 400 then c4xx = c4xx + 1 else c2xx = c2xx + 1 end
end
function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("c2xx"); b = b + t:get("c4xx"); c = c + t:get("c5xx")
  end
  io.write(string.format("responses: 2xx %d, 4xx %d, 5xx %d\n", a, b, c))
  io.write(string.format("p50 %.1f ms, p99 %.1f ms, req/s %.1f\n", latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
