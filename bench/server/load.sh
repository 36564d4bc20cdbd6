#!/usr/bin/env bash
# Load on the real server over loopback with wrk (docs/PERFORMANCE.md,
# "Server"): reads of a saved plan, food search, and plan creation.
# Usage: bench/server/load.sh [HEARTH_BINARY] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
hearth="${1:-build/release/src/cli/hearth}"
secs="${2:-20}"
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install wrk)"; exit 2; }
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
"$hearth" --db "$work/h.db" serve --port "$port" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port/api/v1"
for _ in $(seq 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.1; done
token=$(curl -sf -X POST "$base/auth/signup" -H 'Content-Type: application/json' \
  -d '{"email":"load@example.org","password":"plum orchard rain 7731"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
profile=$(curl -sf -X POST "$base/profiles" "${auth[@]}" --data @examples/profiles/ana-30-female.json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
plan_body="{\"profile_ids\":[$profile],\"days\":7}"
plan=$(curl -sf -X POST "$base/plans" "${auth[@]}" -d "$plan_body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
run() {
  local name="$1" conns="$2" path="$3" method="${4:-GET}" body="${5:-}"
  echo "== $name: wrk -t2 -c$conns -d${secs}s $method $path"
  TOKEN="$token" METHOD="$method" BODY="$body" wrk -t2 -c"$conns" -d"${secs}s" --timeout 60s --latency \
    -s bench/server/count.lua "$base$path" | grep -E "responses:|p50|Requests/sec"
}
run "read a saved 7-day plan" 16 "/plans/$plan"
run "list plans" 16 "/plans"
run "food search" 16 "/foods?q=lentils"
run "create a 7-day plan (solve, verify, store, audit)" 2 "/plans" POST "$plan_body"
"$hearth" --db "$work/h.db" audit verify
