# Used by scripts/bench: the parse time and peak heap of 10,000 Sonar findings, through the Web
# API answers reader and the SARIF reader (tests/bench/sonar, bench-sonar-parse). Source it after
# replay.sh, which sets `bin` and `work`. CIB_BENCH_SONAR=0 skips it; CIB_BENCH_MIN_TIME
# (seconds per benchmark, default 0.2) makes it quicker or steadier.

sonar_bench_enabled() {
  [[ "${CIB_BENCH_SONAR:-1}" != 0 ]]
}

sonar_build() {
  cmake --build --preset dev -j "$(nproc)" --target bench-sonar-parse
}

# Prints one line per reader: mean parse time, peak heap during the parse, input size.
sonar_parse_lines() {
  echo "measuring the parse of 10,000 Sonar findings ..." >&2
  "$bin/bench-sonar-parse" --benchmark_min_time="${CIB_BENCH_MIN_TIME:-0.2}" \
    --benchmark_out="$work/sonar_parse.json" --benchmark_out_format=json >&2 || true
  python3 - "$work/sonar_parse.json" <<'PY'
import json, sys
try:
    with open(sys.argv[1]) as f:
        runs = json.load(f)["benchmarks"]
except (OSError, ValueError, KeyError) as e:
    print(f"sonar parse: bench-sonar-parse wrote no results ({e})")
    sys.exit(0)
names = {"BM_read_sonar_analysis": "Web API answers (20 pages of 500, gate, measures)",
         "BM_read_sarif": "SARIF 2.1.0 (one run of 10,000 results)"}
print("sonar parse: 10,000 findings into one report, per parse")
for run in runs:
    if run.get("run_type", "iteration") != "iteration":
        continue
    label = names.get(run["name"], run["name"])
    if run.get("error_occurred"):
        print(f'  {label}: error: {run.get("error_message", "")}')
        continue
    ms = run["real_time"] if run.get("time_unit") == "ms" else run["real_time"] / 1e6
    print(f'  {label}: {ms:.0f} ms, peak heap {run["peak_heap_MiB"]:.1f} MiB '
          f'for {run["input_MiB"]:.1f} MiB of input')
print()
PY
}
