# Sourced by scripts/check-packages: the checks of the .debs, from their control files to
# installing, testing, removing and purging them. Uses dir, source_dir, deb_names, forge_sim,
# multiarch_libdir, package_file, fail and step from check-packages.

# The value of FIELD in the control file of the .deb FILE.
deb_field() { dpkg-deb --field "$1" "$2"; }

check_debian_control() {
  step "Debian control files"
  local lib_deb version scratch
  lib_deb=$(package_file deb libcibatch1)
  version=$(deb_field "$lib_deb" Version)
  scratch=$(mktemp -d)
  dpkg-deb --control "$lib_deb" "$scratch"
  cmp "$scratch/symbols" "${source_dir}/packaging/cpack/libcibatch1.symbols" \
    || fail "libcibatch1's symbols file is not packaging/cpack/libcibatch1.symbols"
  grep -qx "libcibatch 1 libcibatch1 (>= ${version})" "$scratch/shlibs" \
    || fail "libcibatch1's shlibs: $(cat "$scratch/shlibs")"
  grep -qx "activate-noawait ldconfig" "$scratch/triggers" || fail "libcibatch1 has no ldconfig trigger"
  rm -rf "$scratch"
  grep -qF "libcibatch1 (= ${version})" <<<"$(deb_field "$(package_file deb libcibatch-dev)" Depends)" \
    || fail "libcibatch-dev does not depend on libcibatch1 (= ${version})"
  local name
  for name in cibatch libcibatch-java python3-cibatch; do
    grep -qF "libcibatch1 (>= " <<<"$(deb_field "$(package_file deb "$name")" Depends)" \
      || fail "${name} does not depend on libcibatch1 (>= ...)"
  done
  local contents
  for name in "${deb_names[@]}"; do
    contents=$(dpkg-deb --contents "$(package_file deb "$name")")
    grep -q "\./usr/share/doc/${name}/changelog.Debian.gz$" <<<"$contents" \
      || fail "${name} has no changelog.Debian.gz"
    grep -q "\./usr/share/doc/${name}/copyright$" <<<"$contents" || fail "${name} has no copyright file"
  done
  check_cli_conffiles
  echo "symbols, shlibs, trigger, dependencies, copyright and changelog: as expected"
}

# What the cibatch package installs besides the command: file under /etc (a conffile) or not.
readonly cli_configuration=(/etc/cibatch/cibatch.yml.example /etc/cibatch/agent.yml.example
  /etc/cibatch/gateway.yml.example)
readonly cli_units=(/usr/lib/systemd/user/cibatch-agent.service
  /usr/lib/systemd/system/cibatch-agent@.service /usr/lib/systemd/system/cibatch-gateway.service)
# `cibatch gateway` runs it; both packages hold it here (the prefix is /usr).
readonly gateway_program=/usr/libexec/cibatch/cibatch-gateway

check_cli_conffiles() {
  local cli_deb scratch contents path
  cli_deb=$(package_file deb cibatch)
  contents=$(dpkg-deb --contents "$cli_deb")
  for path in "${cli_configuration[@]}" "${cli_units[@]}" "$gateway_program"; do
    grep -q "\.${path}\$" <<<"$contents" || fail "cibatch.deb has no ${path}"
  done
  scratch=$(mktemp -d)
  dpkg-deb --control "$cli_deb" "$scratch"
  for path in "${cli_configuration[@]}"; do
    grep -qxF "$path" "$scratch/conffiles" || fail "cibatch.deb does not list ${path} as a conffile"
  done
  grep -q "adduser --system" "$scratch/postinst" \
    || fail "cibatch.deb's postinst does not make the gateway's user"
  grep -q "adduser" <<<"$(deb_field "$cli_deb" Depends)" || fail "cibatch.deb does not depend on adduser"
  rm -rf "$scratch"
}

# Leaves no package of cibatch behind, whatever failed.
purge_debs() {
  dpkg --purge "${deb_names[@]}" >/dev/null 2>&1 || true
}

install_debs() {
  step "dpkg -i the five .debs"
  local name
  for name in "${deb_names[@]}"; do
    if [[ $(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true) == *" installed" ]]; then
      echo "check-packages: ${name} is already installed here; remove it first" >&2
      exit 2
    fi
  done
  trap purge_debs EXIT
  local files=()
  for name in "${deb_names[@]}"; do
    files+=("$(package_file deb "$name")")
  done
  # Missing dependencies of the system come from apt-get, as an administrator's would.
  if ! dpkg -i "${files[@]}"; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -f --no-install-recommends \
      || fail "the .debs' dependencies cannot be installed"
  fi
  for name in "${deb_names[@]}"; do
    [[ $(dpkg-query -W -f='${Status}' "$name") == "install ok installed" ]] \
      || fail "${name} is not installed"
  done
}

# Runs one test from the installed files; the test scripts are the only thing of the source tree.
installed_test() {
  local title=$1
  shift
  echo "-- ${title}"
  (cd / && env -u LD_LIBRARY_PATH -u PYTHONPATH -u PKG_CONFIG_PATH "$@") \
    || fail "${title}: failed from the installed packages"
  echo "-- ${title}: passed"
}

run_installed_tests() {
  step "tests from the installed files"
  local jar=/usr/share/java/cibatch.jar glue="${multiarch_libdir}/jni/libcibatch_jni.so"
  installed_test "cibatch --version" /usr/bin/cibatch --version
  installed_test "cibatch gateway --version (${gateway_program})" /usr/bin/cibatch gateway --version
  getent passwd cibatch-gateway >/dev/null || fail "installing cibatch made no user cibatch-gateway"
  echo "-- the user cibatch-gateway exists"
  verify_installed_units
  installed_test "C and C++ consumers" python3 "${source_dir}/tests/install/install_consumers_test.py" \
    --installed "${source_dir}/tests/install/consumer" "$forge_sim"
  installed_test "Python module" /usr/bin/python3 "${source_dir}/tests/python/python_client_test.py" \
    --installed "$forge_sim" "${source_dir}/tests/traces/pr-pipeline.jsonl"
  echo "-- java -jar finds the installed glue by itself"
  local says
  says=$(cd / && env -u LD_LIBRARY_PATH java -jar "$jar") || fail "java -jar ${jar} failed"
  [[ $says == *", glue ${glue}" ]] || fail "cibatch.jar did not load ${glue}: ${says}"
  echo "${says}"
  installed_test "Java wrapper" python3 "${source_dir}/tests/java/java_client_test.py" \
    "$forge_sim" "$jar" "$glue"
  installed_test "Jenkins step" python3 "${source_dir}/tests/jenkins/jenkins_step_test.py" \
    "$forge_sim" "$jar" "$glue" "${source_dir}/packaging/jenkins/vars" /usr/bin/cibatch
}

# systemd-analyze verify of the agent's and the gateway's units as installed (it checks that ExecStart's program
# exists, and the man page their Documentation= names where man is installed). The user unit is
# verified for a user manager, which needs an XDG_RUNTIME_DIR. Any line about the units fails.
verify_installed_units() {
  echo "-- systemd-analyze verify of the agent's and the gateway's units"
  if ! command -v systemd-analyze >/dev/null; then
    echo "-- skipped: systemd-analyze not found (Debian's systemd package has it)"
    return
  fi
  local man=no runtime said
  command -v man >/dev/null && man=yes
  runtime=$(mktemp -d)
  said=$( (systemd-analyze verify --man="$man" "${cli_units[1]}" "${cli_units[2]}" \
    && XDG_RUNTIME_DIR="$runtime" systemd-analyze --user verify --man="$man" \
      "${cli_units[0]}") 2>&1) \
    || { rm -rf "$runtime"; fail "systemd-analyze verify: ${said}"; }
  rm -rf "$runtime"
  ! grep -q 'cibatch-\(agent\|gateway\)' <<<"$said" || fail "systemd-analyze verify: ${said}"
  echo "-- the agent's user unit and system template unit, the gateway's unit: no complaint"
}

remove_debs() {
  step "dpkg --remove: nothing left but the configuration"
  local listed conffiles name path status
  listed=$(mktemp)
  conffiles=$(dpkg-query -W -f='${Conffiles}\n' "${deb_names[@]}" | awk 'NF { print $1 }')
  dpkg -L "${deb_names[@]}" | sort -u >"$listed"
  dpkg --remove "${deb_names[@]}"
  while read -r path; do
    [[ -d "$path" && ! -L "$path" ]] && continue # folders may be shared with other packages
    grep -qxF "$path" <<<"$conffiles" && continue
    [[ -e "$path" || -L "$path" ]] && fail "${path} is still there after dpkg --remove"
  done <"$listed"
  rm -f "$listed"
  for path in $conffiles; do
    [[ -f "$path" ]] || fail "the configuration ${path} went with dpkg --remove"
  done
  for name in "${deb_names[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$name" 2>/dev/null || echo not-installed)
    [[ $status == config-files || $status == not-installed ]] \
      || fail "${name} is ${status} after dpkg --remove"
  done
  echo "left after remove: ${conffiles:-nothing}"
  for name in "${deb_names[@]}"; do
    if [[ $(dpkg-query -W -f='${db:Status-Status}' "$name" 2>/dev/null) == config-files ]]; then
      dpkg --purge "$name"
    fi
  done
  for path in $conffiles; do
    [[ ! -e "$path" ]] || fail "${path} is still there after dpkg --purge"
  done
  trap - EXIT
}
