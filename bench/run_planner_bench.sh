#!/usr/bin/env bash
# Runs the planner benchmark table of docs/PERFORMANCE.md: synthetic
# instances of 200, 1,000 and 5,000 recipes (seed 1), solved by the
# decomposition solver (10 s limit) and by CBC as one MILP (60 s limit), one
# process per solve. Usage: bench/run_planner_bench.sh [BUILD_DIR]
set -euo pipefail
build="${1:-build/release}"
bin="$build/bench/planner_bench"
for n in 200 1000 5000; do
  "$bin" --recipes "$n" --seed 1 --solver decomposition --time-limit 10
  "$bin" --recipes "$n" --seed 1 --solver cbc --time-limit 60
done
