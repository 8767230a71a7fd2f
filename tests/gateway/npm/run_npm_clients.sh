#!/bin/sh
# Runs the npm clients' test binary with the locked npm packages installed into the build
# folder (npm ci from package-lock.json; the npm cache in ~/.npm keeps reruns offline).
# Exit 77 (skipped) only when CIB_SKIP_NPM=1; a missing node or npm is a failure.
# Usage: run_npm_clients.sh SOURCE_DIR INSTALL_DIR TEST_BINARY [ARGS...]
set -eu
if [ "$#" -lt 3 ]; then
  echo "usage: $0 SOURCE_DIR INSTALL_DIR TEST_BINARY [ARGS...]" >&2
  exit 2
fi
source_dir=$1
install_dir=$2
shift 2

if [ "${CIB_SKIP_NPM:-}" = 1 ]; then
  echo "npm clients: skipped (CIB_SKIP_NPM=1)"
  exit 77
fi
for tool in node npm flock; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "npm clients: $tool not found (Debian packages: nodejs npm; or set CIB_SKIP_NPM=1)" >&2
    exit 1
  fi
done

mkdir -p "$install_dir"
# Both tests of this folder may start at once: one installs, the other waits for it.
(
  flock 9
  if ! cmp -s "$source_dir/package-lock.json" "$install_dir/package-lock.json" ||
     [ ! -d "$install_dir/node_modules" ]; then
    cp "$source_dir/package.json" "$source_dir/package-lock.json" "$install_dir/"
    (cd "$install_dir" && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund)
  fi
) 9>"$install_dir/.install.lock"

NODE_PATH="$install_dir/node_modules"
export NODE_PATH
exec "$@"
