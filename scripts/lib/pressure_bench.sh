# Used by scripts/bench: the budget-pressure curve. Replays tests/bench/pressure/monorepo-6pr.jsonl
# (six PRs of one monorepo built at once) naively (the baseline) and under shrinking request
# budgets, and prints, per budget, the requests sent against the baseline and the trace's request
# floor (tests/bench/floor, with no budget), the 429 answers, the time until every final state was delivered and the
# slots whose final content the host does not hold; then the same table in Markdown and the path
# of an SVG chart (build/bench/budget-pressure.svg).
#
# Source it after replay.sh, which sets `bin` and `work` (the build needs `cibatch`,
# `bench-naive` and `forge-sim`). CIB_BENCH_PRESSURE=0 skips it; CIB_BENCH_PRESSURE_BUDGETS
# (default "0 60 30 15", 0: unlimited) chooses the budgets, requests per 10 s window. Each budget
# gets its own simulator, enforcing that same limit so that any overshoot shows as a 429, and its
# own spool and budget file, so nothing carries over from the budget before. The time to deliver
# is the replay's wall time: the trace's own 28 s plus whatever the final flush waits for budget.
#
# Alone, from the repository's root:
#   bash -c 'source scripts/lib/replay.sh; source scripts/lib/pressure_bench.sh;
#            replay_build; pressure_bench'

pressure_trace=tests/bench/pressure/monorepo-6pr.jsonl
pressure_window_s=10
pressure_chart=build/bench/budget-pressure.svg

pressure_bench_enabled() {
  [[ "${CIB_BENCH_PRESSURE:-1}" != 0 ]]
}

# pressure_sim_start DIR [forge-sim options]: starts a simulator of the run in DIR; sets
# pressure_sim_pid and pressure_api.
pressure_sim_start() {
  local dir=$1 line
  shift
  mkfifo "$dir/sim.out"
  "$bin/forge-sim" --port 0 "$@" >"$dir/sim.out" 2>"$dir/sim.err" &
  pressure_sim_pid=$!
  exec 4<"$dir/sim.out"
  if ! read -r -t 20 line <&4; then
    echo "the simulator did not start:" >&2
    cat "$dir/sim.err" >&2
    return 1
  fi
  pressure_api="http://127.0.0.1:${line##*:}"
}

pressure_sim_stop() {
  if [[ -n "${pressure_sim_pid:-}" ]]; then
    kill "$pressure_sim_pid" 2>/dev/null || true
    wait "$pressure_sim_pid" 2>/dev/null || true
    pressure_sim_pid=""
  fi
  exec 4<&-
}

# pressure_config DIR LIMIT: the pipeline configuration of one run; LIMIT 0: no budget.
pressure_config() {
  local dir=$1 limit=$2 budget
  if [[ "$limit" == 0 ]]; then
    budget="{ limit: 0 }"
  else
    budget="{ limit: $limit, window_s: $pressure_window_s, reserve: 0, path: \"$dir/budget.db\" }"
  fi
  cat >"$dir/pipeline.yml" <<YAML
cibatch:
  host:
    kind: bitbucket-cloud
    api_url: $pressure_api/2.0
    auth: { type: bearer, token: "\${PRESSURE_TOKEN}" }
  spool: { path: "$dir/spool.db" }
  budget: $budget
YAML
}

# pressure_naive: the baseline (bench-naive), one request per call with no budget; prints its
# request count.
pressure_naive() {
  local dir summary
  dir=$(mktemp -d "$work/pressure-naive-XXXXXX")
  pressure_sim_start "$dir" || { pressure_sim_stop; return 1; }
  pressure_config "$dir" 0
  echo "replaying $pressure_trace naively (the baseline) ..." >&2
  summary=$("$bin/bench-naive" "$pressure_trace" --config "$dir/pipeline.yml" \
    2>"$dir/replay.err" | tail -n 1) || true
  pressure_sim_stop
  python3 -c 'import json, sys; print(json.loads(sys.argv[1])["requests"])' "$summary"
}

# pressure_run LIMIT: one replay under LIMIT requests per window; prints its row as JSON.
pressure_run() {
  local limit=$1 dir rc=0 start end summary state stats sim_options=()
  dir=$(mktemp -d "$work/pressure-$limit-XXXXXX")
  [[ "$limit" == 0 ]] || sim_options=(--rate-limit "$limit" --rate-window-s "$pressure_window_s")
  pressure_sim_start "$dir" "${sim_options[@]}" || { pressure_sim_stop; return 1; }
  pressure_config "$dir" "$limit"
  echo "replaying $pressure_trace, budget $limit per $pressure_window_s s (0: none) ..." >&2
  start=${EPOCHREALTIME/,/.}
  # The replay flushes and closes before it prints its summary: when it ends, every final state
  # has been delivered (or it says how many were not).
  summary=$("$bin/cibatch" replay "$pressure_trace" --config "$dir/pipeline.yml" \
    --flush-timeout-ms 900000 2>"$dir/replay.err" | tail -n 1) || rc=$?
  end=${EPOCHREALTIME/,/.}
  if [[ $rc != 0 ]]; then
    echo "the replay under a budget of $limit ended with status $rc:" >&2
    tail -n 20 "$dir/replay.err" >&2
  fi
  state=$(python3 scripts/lib/pressure_state.py "$pressure_trace" "$pressure_api/_sim/state") ||
    state='{"slots":null,"lost":null}'
  stats=$(python3 -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' \
    "$pressure_api/_sim/stats") || stats='{}'
  pressure_sim_stop
  python3 - "$limit" "$pressure_window_s" "$start" "$end" "$rc" "${summary:-}" "$state" \
    "$stats" <<'PY'
import json, sys
limit, window_s, start, end, rc, summary, state, stats = sys.argv[1:]
try:
    s = json.loads(summary)
except ValueError:
    s = {}
st, sim = json.loads(state), json.loads(stats or "{}")
print(json.dumps({
    "budget": int(limit), "window_s": int(window_s), "requests": s.get("requests"),
    "rate_limited": s.get("rate_limited"), "undelivered": s.get("undelivered"),
    "seconds": round(float(end) - float(start), 1), "lost": st.get("lost"),
    "slots": st.get("slots"), "exit": int(rc), "host_requests": sim.get("requests"),
    "host_rate_limited": sim.get("rate_limited")}))
PY
}

# Prints the table and its Markdown twin, checks the curve and draws the chart. Returns 1 when
# a run failed, lost content, met a 429, or sent more requests under a tighter budget.
pressure_bench() {
  local rows="$work/pressure-rows.jsonl" limit status=0
  : >"$rows"
  # replay.sh's trap stops its own simulator only; a run stopped half-way must end ours too.
  trap 'pressure_sim_stop; replay_cleanup' EXIT
  export PRESSURE_TOKEN="pressure-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
  local naive floor
  naive=$(pressure_naive) || { naive=""; status=1; }
  floor=$("$bin/trace-floor" "$pressure_trace" --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["floor"])') || { floor=""; status=1; }
  for limit in ${CIB_BENCH_PRESSURE_BUDGETS:-0 60 30 15}; do
    pressure_run "$limit" >>"$rows" || status=1
  done
  python3 - "$rows" "$naive" "$floor" <<'PY' || status=1
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
naive = int(sys.argv[2]) if sys.argv[2] else None
floor = int(sys.argv[3]) if sys.argv[3] else None
def ratio(a, b, suffix):
    return "-" if a is None or not b else f"{a / b:.2f}{suffix}"
def cell(v):
    return "-" if v is None else str(v)
def label(r):
    return "unlimited" if not r["budget"] else f'{r["budget"]} / {r["window_s"]} s'
head = ["budget", "requests", "naive/requests", "requests/floor", "429s",
        "time to deliver (s)", "lost"]
table = [[label(r), cell(r["requests"]), ratio(naive, r["requests"], "x"),
          ratio(r["requests"], floor, ""), cell(r["rate_limited"]), cell(r["seconds"]),
          cell(r["lost"])] for r in rows]
print()
print("budget pressure: tests/bench/pressure/monorepo-6pr.jsonl (6 PRs), "
      "requests per 10 s window")
print(f"naive baseline (one request per call, no budget): {cell(naive)} requests; "
      f"request floor (unlimited budget): {cell(floor)}")
print(f"{head[0]:<14}{head[1]:>10}{head[2]:>16}{head[3]:>16}{head[4]:>7}{head[5]:>22}"
      f"{head[6]:>7}")
for t in table:
    print(f"{t[0]:<14}{t[1]:>10}{t[2]:>16}{t[3]:>16}{t[4]:>7}{t[5]:>22}{t[6]:>7}")
print()
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for t in table:
    print("| " + " | ".join(t) + " |")
print()
problems = []
for r in rows:
    name = label(r)
    if r["exit"] != 0 or r["requests"] is None:
        problems.append(f"{name}: the replay failed (exit {r['exit']})")
    if r["undelivered"]:
        problems.append(f"{name}: {r['undelivered']} left undelivered")
    if r["lost"] != 0:
        problems.append(f"{name}: {cell(r['lost'])} of {cell(r['slots'])} slots lost content")
    if r["rate_limited"] or r["host_rate_limited"]:
        problems.append(f"{name}: the host answered 429 "
                        f"{max(r['rate_limited'] or 0, r['host_rate_limited'] or 0)} times")
    if r["host_requests"] is not None and r["host_requests"] != r["requests"]:
        problems.append(f"{name}: the host counted {r['host_requests']} requests")
counts = [r["requests"] for r in rows if r["requests"] is not None]
if any(b > a for a, b in zip(counts, counts[1:])):
    problems.append("requests do not fall as the budget tightens")
for p in problems:
    print("budget pressure: " + p)
sys.exit(1 if problems else 0)
PY
  mkdir -p "$(dirname "$pressure_chart")"
  python3 scripts/lib/pressure_chart.py "$rows" "$pressure_chart" || status=1
  echo "chart: $pressure_chart"
  echo
  return "$status"
}
