#!/usr/bin/env bash
# Runs the planner benchmark tables of docs/PERFORMANCE.md, one process per
# solve. Usage:
#   bench/run_planner_bench.sh [BUILD_DIR]         seed 1 of 200, 1,000 and
#       5,000 recipes, decomposition (10 s limit) beside CBC as one MILP (60 s)
#   bench/run_planner_bench.sh --all [BUILD_DIR]   decomposition only, 10 s
#       limit, seeds 1-3 of each size, each against its best known plan (the
#       lines report wall and CPU seconds to within 2 % / 1 % of it), with the
#       load average before each solve on stderr
set -euo pipefail
all=0
if [[ "${1:-}" == "--all" ]]; then
  all=1
  shift
fi
build="${1:-build/release}"
bin="$build/bench/planner_bench"
if [[ $all == 1 ]]; then
  # Best known objectives (docs/PERFORMANCE.md), by "recipes/seed".
  declare -A best=(
    [200/1]=54.0292 [200/2]=51.0643 [200/3]=59.4105
    [1000/1]=46.4425 [1000/2]=45.6215 [1000/3]=47.7247
    [5000/1]=38.8627 [5000/2]=41.1225 [5000/3]=42.8858)
  for n in 200 1000 5000; do
    for s in 1 2 3; do
      echo "load before $n/$s: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
      "$bin" --recipes "$n" --seed "$s" --time-limit 10 --best "${best[$n/$s]}"
    done
  done
  exit 0
fi
for n in 200 1000 5000; do
  "$bin" --recipes "$n" --seed 1 --solver decomposition --time-limit 10
  "$bin" --recipes "$n" --seed 1 --solver cbc --time-limit 60
done
