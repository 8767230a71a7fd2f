# Shared by scripts/demo and scripts/bench: build what a replay needs, run the bundled
# simulator, and replay traces through the `cibatch` command and, for the baseline, through
# `bench-naive` (tests/bench/naive: one request per call, as a plugin without cibatch sends).
# Source it; it sets `bin`, `work` and an EXIT trap that stops the simulator and removes `work`.

replay_build() {
  scripts/bootstrap
  cmake --preset dev >/dev/null
  cmake --build --preset dev -j "$(nproc)" --target cibatch cibatch-cli forge-sim trace-floor \
    bench-naive
  bin=$PWD/build/dev/bin
}

sim_pid=""
work=$(mktemp -d)
replay_cleanup() {
  if [[ -n "$sim_pid" ]]; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap replay_cleanup EXIT

# Starts forge-sim on a free loopback port; sets `api` and writes $work/pipeline.yml.
sim_start() {
  mkfifo "$work/sim.out"
  "$bin/forge-sim" --port 0 "$@" >"$work/sim.out" 2>"$work/sim.err" &
  sim_pid=$!
  exec 3<"$work/sim.out"
  local line
  if ! read -r -t 20 line <&3; then
    echo "the simulator did not start:" >&2
    cat "$work/sim.err" >&2
    exit 1
  fi
  sim_port=${line##*:}
  api="http://127.0.0.1:$sim_port/2.0"
  cat >"$work/pipeline.yml" <<YAML
cibatch:
  host:
    kind: bitbucket-cloud
    api_url: $api
    auth: { type: bearer, token: "\${REPLAY_TOKEN}" }
YAML
  REPLAY_TOKEN="replay-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
  export REPLAY_TOKEN
}

sim_reset() {
  python3 - "$sim_port" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/_sim/reset", data=b"", method="POST"), timeout=10).read()
PY
}

# replay TRACE [cibatch replay options]: the summary line of one replay on a freshly reset
# simulator.
replay() {
  sim_reset
  # A spool of its own for every replay: a shared one would remember what an earlier replay
  # delivered and send nothing.
  local spool
  spool=$(mktemp -d "$work/spool-XXXXXX")
  "$bin/cibatch" replay "$1" --config "$work/pipeline.yml" \
    --set "spool.path=$spool/spool.db" "${@:2}" | tail -n 1
}

# replay_naive TRACE: the same summary line for the baseline, on a freshly reset simulator.
replay_naive() {
  sim_reset
  "$bin/bench-naive" "$1" --config "$work/pipeline.yml" | tail -n 1
}
