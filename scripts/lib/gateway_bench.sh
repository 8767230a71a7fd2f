# Used by scripts/bench: what `cibatch gateway` saves the account, and what it costs a request.
# First the polling workload (tests/bench/gateway/polling_bench.py): 20 repositories polled
# every 10 s by three tools, a repository listing every 60 s and the monorepo CI trace, over a
# compressed hour (CIB_BENCH_GATEWAY_SCALE, default 30: an hour in 2 minutes; the host's limit
# of 1,000 an hour scaled to match), once straight to forge-sim and once through the gateway,
# as a Markdown table; it fails when, through the gateway, the host answered a 429, a gating
# status came later than its linger + 1 s, upstream requests did not fall 5x, or a tool got an
# answer older than its TTL and not marked stale. Then the gateway's added latency
# (tests/bench/gateway/latency_bench.py): autocannon at 200 connections for 10 s against
# forge-sim and against the gateway in front of it (a cached path, a pass-through path).
# autocannon comes from npm (tests/bench/gateway/package-lock.json, `npm ci` into
# build/bench/gateway-autocannon); Debian's nodejs and npm are needed.
#
# Source it after replay.sh (it uses `bin`). CIB_BENCH_GATEWAY=0 skips it. Alone, from the
# repository's root:
#   bash -c 'source scripts/lib/replay.sh; source scripts/lib/gateway_bench.sh;
#            replay_build; gateway_build; gateway_bench'

gateway_npm_dir=build/bench/gateway-autocannon

gateway_bench_enabled() {
  [[ "${CIB_BENCH_GATEWAY:-1}" != 0 ]]
}

gateway_build() {
  cmake --build --preset dev -j "$(nproc)" --target cibatch-gateway
}

# Installs autocannon from the committed lock file, once per lock file; prints its path.
gateway_autocannon() {
  local lock=tests/bench/gateway/package-lock.json
  if ! cmp -s "$lock" "$gateway_npm_dir/package-lock.json" ||
    [[ ! -x "$gateway_npm_dir/node_modules/.bin/autocannon" ]]; then
    mkdir -p "$gateway_npm_dir"
    cp tests/bench/gateway/package.json "$lock" "$gateway_npm_dir/"
    (cd "$gateway_npm_dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
  echo "$PWD/$gateway_npm_dir/node_modules/.bin/autocannon"
}

# Runs both parts and prints their tables; returns 1 when either failed.
gateway_bench() {
  local status=0 autocannon
  mkdir -p build/bench
  python3 tests/bench/gateway/polling_bench.py --bin "$bin" \
    --scale "${CIB_BENCH_GATEWAY_SCALE:-30}" --minutes "${CIB_BENCH_GATEWAY_MINUTES:-60}" \
    --json-out build/bench/gateway-polling.json || status=1
  echo
  autocannon=$(gateway_autocannon) || return 1
  python3 tests/bench/gateway/latency_bench.py --bin "$bin" --autocannon "$autocannon" \
    --json-out build/bench/gateway-latency.json || status=1
  return "$status"
}
