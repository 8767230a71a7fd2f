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
replay_host=bitbucket-cloud
work=$(mktemp -d)
replay_cleanup() {
  sim_stop
  rm -rf "$work"
}
trap replay_cleanup EXIT

# The path cibatch's host.api_url has after the simulator's origin, per host.kind.
api_path() {
  case "$1" in
    bitbucket-cloud) echo /2.0 ;;
    gitlab) echo /api/v4 ;;
    *) echo "" ;;
  esac
}

# A GitHub App's key pair, made once per run: the private key for cibatch, the public one for
# the simulator, which checks the App's JWT with it.
app_id=4242
app_keys() {
  [[ -f "$work/app.pem" ]] && return 0
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/app.pem" 2>/dev/null
  openssl pkey -in "$work/app.pem" -pubout -out "$work/app.pub.pem"
}

# The host.auth lines of $work/pipeline.yml for host KIND.
auth_yaml() {
  if [[ "$1" == github ]]; then
    printf '    auth:\n      type: github-app\n      app_id: %s\n      installation_id: 77\n' "$app_id"
    printf '      private_key_file: "%s"\n' "$work/app.pem"
  else
    printf '    auth: { type: bearer, token: "${REPLAY_TOKEN}" }\n'
  fi
}

# sim_start [KIND [forge-sim options]]: starts forge-sim playing host KIND (default
# bitbucket-cloud) on a free loopback port; sets `api` and writes $work/pipeline.yml.
sim_start() {
  local kind=${1:-bitbucket-cloud}
  [[ $# -eq 0 ]] || shift
  replay_host=$kind
  local args=(--port 0)
  [[ "$kind" == bitbucket-cloud ]] || args+=(--host "$kind")
  if [[ "$kind" == github ]]; then
    app_keys
    args+=(--github-app-id "$app_id" --github-app-public-key "$work/app.pub.pem")
  fi
  rm -f "$work/sim.out"
  mkfifo "$work/sim.out"
  "$bin/forge-sim" "${args[@]}" "$@" >"$work/sim.out" 2>"$work/sim.err" &
  sim_pid=$!
  exec 3<"$work/sim.out"
  local line
  if ! read -r -t 20 line <&3; then
    echo "the simulator did not start:" >&2
    cat "$work/sim.err" >&2
    exit 1
  fi
  sim_port=${line##*:}
  api="http://127.0.0.1:$sim_port$(api_path "$kind")"
  {
    printf 'cibatch:\n  host:\n    kind: %s\n    api_url: %s\n' "$kind" "$api"
    auth_yaml "$kind"
    # GitHub's budget spaces writes 1 s apart by default; the floor models the debounce alone,
    # so the replay turns the spacing off unless CIB_BENCH_GITHUB_SPACING_MS sets it (with it, a
    # slow trace coalesces further still).
    [[ "$kind" != github ]] ||
      printf '  budget: { github: { write_spacing_ms: %s } }\n' "${CIB_BENCH_GITHUB_SPACING_MS:-0}"
  } >"$work/pipeline.yml"
  REPLAY_TOKEN="replay-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
  export REPLAY_TOKEN
}

# Stops the simulator sim_start started.
sim_stop() {
  [[ -n "$sim_pid" ]] || return 0
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  sim_pid=""
  exec 3<&-
}

# sim_get PATH: the body of a GET of the simulator's control endpoint PATH (/_sim/...).
sim_get() {
  python3 - "$sim_port" "$1" <<'PY'
import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}{sys.argv[2]}",
                                        timeout=10).read().decode())
PY
}

# sim_host_counts: {"lookups":GETs,"not_modified":304 answers} of the host's API since the
# last reset.
sim_host_counts() {
  python3 -c '
import json, sys
gets = not_modified = 0
for line in filter(str.strip, sys.stdin):
    r = json.loads(line)
    if r.get("service", "host") != "host":
        continue
    gets += r["method"] == "GET"
    not_modified += r.get("status") == 304
print(json.dumps({"lookups": gets, "not_modified": not_modified}))
' < <(sim_get /_sim/requests)
}

# declare_pull_requests KIND TRACE: tells a GitLab or GitHub simulator the pull request of each
# commit of TRACE with a report, as the floor model puts them (trace-floor --pull-requests).
declare_pull_requests() {
  local path field
  case "$1" in
    gitlab) path=/_sim/gitlab/merge_requests field=iid ;;
    github) path=/_sim/github/pulls field=number ;;
    *) return 0 ;;
  esac
  "$bin/trace-floor" "$2" --pull-requests | python3 -c '
import json, sys, urllib.request
port, path, field = sys.argv[1:4]
for line in sys.stdin:
    pr = json.loads(line)
    body = json.dumps({"repo": pr["repo"], "sha": pr["sha"], field: pr["pr"]}).encode()
    urllib.request.urlopen(urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=body, method="POST"), timeout=10).read()
' "$sim_port" "$path" "$field"
}

sim_reset() {
  python3 - "$sim_port" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(
    f"http://127.0.0.1:{sys.argv[1]}/_sim/reset", data=b"", method="POST"), timeout=10).read()
PY
}

# replay TRACE [cibatch replay options]: the summary line of one replay on a freshly reset
# simulator (told the trace's pull requests where its host needs them).
replay() {
  sim_reset
  declare_pull_requests "$replay_host" "$1"
  # A spool of its own for every replay: a shared one would remember what an earlier replay
  # delivered and send nothing.
  local spool
  spool=$(mktemp -d "$work/spool-XXXXXX")
  "$bin/cibatch" replay "$1" --config "$work/pipeline.yml" \
    --set "spool.path=$spool/spool.db" --set "budget.path=$spool/budget.db" "${@:2}" | tail -n 1
}

# replay_naive TRACE: the same summary line for the baseline, on a freshly reset simulator.
replay_naive() {
  sim_reset
  declare_pull_requests "$replay_host" "$1"
  "$bin/bench-naive" "$1" --config "$work/pipeline.yml" | tail -n 1
}
