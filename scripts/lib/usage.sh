# Sourced by every script under scripts/ before it does anything: with -h or --help among its
# arguments, the script prints its opening comment (its usage) and exits 0, having built, run
# and written nothing.

# usage_on_help SCRIPT ARGS...
usage_on_help() {
  local script=$1 arg
  shift
  for arg in "$@"; do
    if [[ "$arg" == -h || "$arg" == --help ]]; then
      awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$script"
      exit 0
    fi
  done
}
