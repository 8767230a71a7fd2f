#!/bin/sh
# The Python module as python3-cibatch installs it: `cmake --install` of the python component
# into a scratch prefix must ship the sources and py.typed, no byte-compiled file; then
# python_client_test.py --installed imports it from PYTHONPATH and loads libcibatch.so.1 by
# its soname from LIB_DIR, as the dynamic loader finds it on an installed system.
# Usage: installed_module_test.sh BUILD_DIR LIB_DIR PYTHON_DIR PYTHON FORGE_SIM TRACE
set -eu
build_dir=$1 lib_dir=$2 python_dir=$3 python=$4 forge_sim=$5 trace=$6
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --component python --prefix "$prefix" >/dev/null
module="$prefix/$python_dir/cibatch"
for file in __init__.py _native.py py.typed; do
  [ -f "$module/$file" ] || { echo "not installed: $python_dir/cibatch/$file" >&2; exit 1; }
done
if [ -n "$(find "$prefix" -name '*.pyc' -o -name __pycache__)" ]; then
  echo "byte-compiled files installed:" >&2
  find "$prefix" -name '*.pyc' >&2
  exit 1
fi
cd "$prefix"
unset CIBATCH_LIBRARY
PYTHONPATH="$prefix/$python_dir" LD_LIBRARY_PATH="$lib_dir" PYTHONDONTWRITEBYTECODE=1 \
  "$python" "$here/python_client_test.py" --installed "$forge_sim" "$trace"
