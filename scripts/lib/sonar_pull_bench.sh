# Used by scripts/bench: in pull mode (cib_client_post_sonar_task), how long after SonarQube's
# compute-engine task ends the gate is on the pull request: tests/bench/sonar_pull, the program
# bench-sonar-pull, which starts its own simulator. Per case (0, 200, 1234 and 10000 open
# findings; a task answered PENDING twice, then IN_PROGRESS three times, then SUCCESS) and per
# wait (flush: the caller flushes at once; linger: it does not), the median and maximum over the
# runs of: the time from the poll that saw SUCCESS to the report's PUT and to the host's last
# request, the task's polls and their smallest gap, Sonar and host requests, the post call's own
# time. A run waits about 12 s for its task, so the default 3 runs of 8 cases take about 5 min.
#
# CIB_BENCH_SONAR_PULL=0 skips it; CIB_BENCH_SONAR_PULL_REPEAT (default 3) sets the runs per case.
# Alone, from the repository's root (options go to bench-sonar-pull, e.g. --json or
# --findings 200):
#   bash -c 'source scripts/lib/sonar_pull_bench.sh; sonar_pull_bench'

sonar_pull_bench_enabled() {
  [[ "${CIB_BENCH_SONAR_PULL:-1}" != 0 ]]
}

# sonar_pull_bench [bench-sonar-pull options]: builds the program, runs it and prints its table.
# Returns its status: 1 when a run could not be measured (the table says why).
sonar_pull_bench() {
  cmake --preset dev >/dev/null
  cmake --build --preset dev -j "$(nproc)" --target bench-sonar-pull >&2
  echo "measuring pull mode's latency ..." >&2
  local status=0
  build/dev/bin/bench-sonar-pull --repeat "${CIB_BENCH_SONAR_PULL_REPEAT:-3}" "$@" || status=$?
  echo
  return "$status"
}
