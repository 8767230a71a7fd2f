# Used by scripts/bench: what `cibatch agent` changes for shell steps. Replays
# tests/bench/pressure/monorepo-6pr.jsonl and tests/traces/pr-pipeline.jsonl as one `cibatch`
# process per op (tests/bench/agent/cli_replay.py), once without an agent (CIBATCH_AGENT=off:
# each step posts and waits for its delivery) and once through one (each step returns once the
# agent took its post), on each host of CIB_BENCH_AGENT_HOSTS (default bitbucket-cloud), and
# prints the host's requests and GETs, the p50/p99 time a step waits and the replay's wall time
# against the trace's floor; then the agent's RSS and threads idle and under 200 posts a second
# (tests/bench/agent/post_load.py). Each run has a reset simulator, a spool and budget file of
# its own; the simulator answers each API request CIB_BENCH_AGENT_LATENCY_MS (100) late.
# Returns 1 when the agent sent more than the floor or lost a post.
#
# Source it after replay.sh (it uses `bin`, `work`, sim_start and the sim_* helpers).
# CIB_BENCH_AGENT=0 skips it. Alone, from the repository's root:
#   bash -c 'source scripts/lib/replay.sh; source scripts/lib/agent_bench.sh;
#            replay_build; agent_bench'

agent_bench_traces=(tests/bench/pressure/monorepo-6pr.jsonl tests/traces/pr-pipeline.jsonl)
agent_pid=""
# A real host is a network round trip away (a TLS API across the internet takes 100-300 ms a
# request); the steps without an agent wait for it, those through one do not.
agent_latency_ms=${CIB_BENCH_AGENT_LATENCY_MS:-100}

agent_bench_enabled() {
  [[ "${CIB_BENCH_AGENT:-1}" != 0 ]]
}

# agent_config DIR [BUDGET_KEYS]: DIR/agent.yml, $work/pipeline.yml with DIR's spool, budget
# file and socket in the file itself (BUDGET_KEYS: more budget keys, e.g. "limit: 0, ").
agent_config() {
  local dir=$1 budget="${2:-}path: \"$1/budget.db\""
  {
    if grep -q '^  budget: { ' "$work/pipeline.yml"; then
      sed "s|^  budget: { |  budget: { $budget, |" "$work/pipeline.yml"
    else
      cat "$work/pipeline.yml"
      printf '  budget: { %s }\n' "$budget"
    fi
    printf '  spool: { path: "%s" }\n  agent: { socket: "%s" }\n' "$dir/spool.db" "$dir/agent.sock"
  } >"$dir/agent.yml"
}

# agent_start DIR: starts `cibatch agent` on DIR/agent.yml and waits (at most 20 s) until it
# listens; sets agent_pid.
agent_start() {
  local dir=$1 i
  "$bin/cibatch" agent --config "$dir/agent.yml" 2>"$dir/agent.err" &
  agent_pid=$!
  for ((i = 0; i < 400; i++)); do
    grep -q "listening on" "$dir/agent.err" && return 0
    kill -0 "$agent_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "the agent did not start:" >&2
  cat "$dir/agent.err" >&2
  agent_stop
  return 1
}

# Stops the agent agent_start started (SIGTERM; SIGKILL when it has not ended within 30 s).
agent_stop() {
  [[ -n "$agent_pid" ]] || return 0
  kill -TERM "$agent_pid" 2>/dev/null || true
  timeout 30 tail --pid="$agent_pid" -f /dev/null || kill -KILL "$agent_pid" 2>/dev/null || true
  wait "$agent_pid" 2>/dev/null || true
  agent_pid=""
# A real host is a network round trip away (a TLS API across the internet takes 100-300 ms a
# request); the steps without an agent wait for it, those through one do not.
agent_latency_ms=${CIB_BENCH_AGENT_LATENCY_MS:-100}
}

# agent_sample PREFIX: the agent's {"PREFIXrss_kb","PREFIXthreads"}.
agent_sample() {
  python3 tests/bench/agent/post_load.py --sample "$agent_pid" |
    sed "s/\"rss_kb\"/\"${1}rss_kb\"/; s/\"threads\"/\"${1}threads\"/"
}

# agent_host_requests: {"requests":N} of the host's API since the last reset, less a GitHub
# App's token exchanges, which are not requests of the floor (docs/TRACES.md).
agent_host_requests() {
  python3 -c '
import json, re, sys
n = 0
for line in filter(str.strip, sys.stdin):
    r = json.loads(line)
    n += r.get("service", "host") == "host" and not re.search(
        r"/app/installations/[^/]+/access_tokens$", r["target"])
print(json.dumps({"requests": n}))
' < <(sim_get /_sim/requests)
}

json_merge() {
  python3 -c 'import json, sys
row = {}
for a in sys.argv[1:]:
    row.update(json.loads(a))
print(json.dumps(row))' "$@"
}

# agent_bench_run TRACE MODE: one replay (MODE direct or agent) on the reset simulator; prints
# its row as JSON.
agent_bench_run() {
  local trace=$1 mode=$2 dir replay before="{}" after="{}" stats counts state
  sim_reset
  declare_pull_requests "$replay_host" "$trace"
  dir=$(mktemp -d "$work/agent-$mode-XXXXXX")
  local run=(python3 tests/bench/agent/cli_replay.py "$trace" --cibatch "$bin/cibatch"
    --config "$work/pipeline.yml" --log "$dir/steps.log")
  echo "replaying $trace on $replay_host as separate commands, $mode ..." >&2
  if [[ "$mode" == agent ]]; then
    agent_config "$dir"
    agent_start "$dir" || return 1
    before=$(agent_sample idle_start_)
    replay=$(CIBATCH_AGENT_SOCKET="$dir/agent.sock" "${run[@]}")
    after=$(agent_sample idle_end_)
    agent_stop
  else
    replay=$(CIBATCH_AGENT=off CIBATCH_AGENT_SOCKET="$dir/none.sock" "${run[@]}" \
      --arg=--set --arg="spool.path=$dir/spool.db" --arg=--set --arg="budget.path=$dir/budget.db")
  fi
  stats=$(sim_get /_sim/stats)
  counts=$(json_merge "$(sim_host_counts)" "$(agent_host_requests)")
  state=$(python3 tests/bench/agent/final_state.py "$trace" "http://127.0.0.1:$sim_port/_sim/state" \
    "$replay_host")
  json_merge "{\"trace\":\"$(basename "$trace")\",\"host\":\"$replay_host\",\"mode\":\"$mode\"}" \
    "$replay" "$stats" "$counts" "$state" "$before" "$after"
}

# agent_load: a fresh agent (no rolling budget) on the reset simulator under post_load.py;
# prints its figures as JSON, with the idle samples before and after.
agent_load() {
  local dir before after load
  sim_reset
  dir=$(mktemp -d "$work/agent-load-XXXXXX")
  agent_config "$dir" "limit: 0, "
  agent_start "$dir" || return 1
  before=$(agent_sample idle_start_)
  echo "posting 200 a second to the agent for 10 s ..." >&2
  load=$(python3 tests/bench/agent/post_load.py --socket "$dir/agent.sock" --pid "$agent_pid" \
    --rate "${CIB_BENCH_AGENT_RATE:-200}" --seconds "${CIB_BENCH_AGENT_SECONDS:-10}")
  after=$(agent_sample idle_end_)
  agent_stop
  json_merge "$load" "$before" "$after"
}

# Runs the benchmark and prints its tables; returns 1 when the agent sent more than the floor or
# lost a post (or a run failed).
agent_bench() {
  local rows="$work/agent-rows.jsonl" host trace status=0 first=""
  : >"$rows"
  trap 'agent_stop; replay_cleanup' EXIT
  read -r -a agent_hosts <<<"${CIB_BENCH_AGENT_HOSTS:-bitbucket-cloud}"
  for host in "${agent_hosts[@]}"; do
    sim_start "$host" --latency-ms "$agent_latency_ms"
    for trace in "${agent_bench_traces[@]}"; do
      "$bin/trace-floor" "$trace" --host "$host" --json | sed 's/^{/{"mode":"floor",/' >>"$rows"
      agent_bench_run "$trace" direct >>"$rows" || status=1
      agent_bench_run "$trace" agent >>"$rows" || status=1
    done
    if [[ -z "$first" ]]; then
      first=$host
      agent_load | sed 's/^{/{"mode":"load",/' >>"$rows" || status=1
    fi
    sim_stop
  done
  python3 tests/bench/agent/agent_table.py "$rows" || status=1
  echo "the simulated host answered every API request ${agent_latency_ms} ms late" \
    "(CIB_BENCH_AGENT_LATENCY_MS), as a host across a network does"
  return "$status"
}
