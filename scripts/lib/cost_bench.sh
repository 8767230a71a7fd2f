# Used by scripts/bench: what a post costs the caller (tests/bench/post_cost) and what a pending
# slot costs in memory (tests/bench/memory). Source it after replay.sh, which sets `bin` and
# `work`. CIB_BENCH_COST=0 skips both; CIB_BENCH_SLOTS (default 1000000) and
# CIB_BENCH_MIN_TIME (seconds per benchmark, default 0.2) make them quicker or steadier. TMPDIR
# chooses the disk the spool files go to (on tmpfs, sync always costs nothing).

cost_bench_enabled() {
  [[ "${CIB_BENCH_COST:-1}" != 0 ]]
}

cost_build() {
  cmake --build --preset dev -j "$(nproc)" --target bench-post-cost bench-slot-memory
}

# Prints the table of post costs. A mode the library refuses (no spool yet, say) gets a row
# with the library's message instead of figures.
post_cost_table() {
  echo "measuring the cost of a post ..." >&2
  "$bin/bench-post-cost" --benchmark_min_time="${CIB_BENCH_MIN_TIME:-0.2}" \
    --benchmark_out="$work/post_cost.json" --benchmark_out_format=json >&2 || true
  python3 - "$work/post_cost.json" <<'PY'
import json, sys
try:
    with open(sys.argv[1]) as f:
        runs = json.load(f)["benchmarks"]
except (OSError, ValueError, KeyError) as e:
    print(f"post cost: bench-post-cost wrote no results ({e})")
    sys.exit(0)
print("post cost: cib_client_post_status, non-gating edits, per call")
print(f'{"spool.sync":<12}{"threads":>8}{"mean ns":>10}{"p50 us":>9}{"p99 us":>9}{"posts/s":>11}')
for run in runs:
    if run.get("run_type", "iteration") != "iteration":
        continue
    mode = run["name"].split("sync:")[1].split("/")[0]
    head = f'{mode:<12}{run["threads"]:>8}'
    if run.get("error_occurred"):
        print(f'{head}  error: {run.get("error_message", "")}')
        continue
    print(f'{head}{run["mean_ns"]:>10.0f}{run["p50_us"]:>9.2f}{run["p99_us"]:>9.2f}'
          f'{run["items_per_second"]:>11.0f}')
print()
PY
}

# Prints one line: the resident memory of a pending slot (spool.sync off).
slot_memory_line() {
  local slots=${CIB_BENCH_SLOTS:-1000000} result
  echo "measuring the memory of $slots pending slots ..." >&2
  if ! result=$("$bin/bench-slot-memory" "$slots"); then
    echo "pending slot memory: bench-slot-memory failed (see above)"
    return 0
  fi
  python3 - "$result" <<'PY'
import json, sys
m = json.loads(sys.argv[1])
print(f'pending slot memory (spool.sync off): {m["bytes_per_slot"]:.0f} bytes per slot over '
      f'{m["slots"]} slots, {m["content_bytes_per_slot"]:.0f} of them content; '
      f'{m["posts_per_second"]:.0f} posts/s')
print()
PY
}
