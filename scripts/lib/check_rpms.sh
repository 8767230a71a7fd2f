# Sourced by scripts/check-packages: the checks of the .rpms, none of which installs anything
# on this machine. Uses dir, source_dir, rpm_names, package_file, fail and
# step from check-packages, cli_configuration and cli_units from check_debs.sh.

# What an RPM may require: glibc (libc, libm, the loader, ldconfig), libstdc++ with libgcc_s,
# OpenSSL 3, rpmlib features, the shell its ldconfig scriptlet runs in, and cibatch's own
# packages (config(cibatch) marks the CLI's configuration); python3-cibatch also python(abi), the -devel package also pkg-config for its .pc;
# cibatch also shadow-utils, whose useradd makes the gateway's user before it is installed.
readonly rpm_allowed_requires='^((libc|libm)[.]so[.]6|ld-linux-x86-64[.]so[.]2|libstdc[+][+][.]so[.]6|libgcc_s[.]so[.]1|libssl[.]so[.]3|libcrypto[.]so[.]3)[(]|^rpmlib[(]|^rtld[(]GNU_HASH[)]$|^libcibatch|^config[(]cibatch[)]$|^/bin/sh$|^/sbin/ldconfig$|^python[(]abi[)]$|^/usr/bin/pkg-config$|^shadow-utils$'

# Fails unless the RPM of NAME lists each of the given files (patterns of grep -x).
expect_rpm_files() {
  local name=$1 listing pattern
  shift
  listing=$(rpm -qpl "$(package_file rpm "$name")" 2>/dev/null)
  for pattern in "$@"; do
    grep -qx "$pattern" <<<"$listing" || fail "${name}.rpm has no ${pattern}"
  done
}

check_rpm_contents() {
  step "rpm -qpl: the expected files"
  expect_rpm_files libcibatch1 /usr/lib64/libcibatch.so.1 '/usr/lib64/cibatch/libPocoFoundation[.]so[.].*' \
    '/usr/lib64/cibatch/libPocoNetSSL[.]so[.].*' '/usr/lib64/cibatch/libyaml-cpp[.]so[.].*'
  expect_rpm_files libcibatch-devel /usr/include/cibatch.h /usr/include/cibatch.hpp /usr/lib64/libcibatch.so \
    /usr/lib64/pkgconfig/cibatch.pc /usr/lib64/cmake/cibatch/cibatchConfig.cmake
  expect_rpm_files cibatch /usr/bin/cibatch "$gateway_program" "${cli_units[@]}" \
    "${cli_configuration[@]}"
  expect_rpm_files libcibatch-java /usr/share/java/cibatch.jar /usr/lib64/jni/libcibatch_jni.so
  expect_rpm_files python3-cibatch '/usr/lib/python3[.][0-9]*/site-packages/cibatch/__init__[.]py'
  local cli_rpm configuration path
  cli_rpm=$(package_file rpm cibatch)
  configuration=$(rpm -qp --configfiles "$cli_rpm" 2>/dev/null)
  for path in "${cli_configuration[@]}"; do
    grep -qxF "$path" <<<"$configuration" \
      || fail "cibatch.rpm does not mark ${path} as configuration"
  done
  echo "the library with its private Poco and yaml-cpp, the headers, .pc and CMake package, the CLI"
  echo "with the gateway's program, the configuration examples and the agent's and gateway's units,"
  echo "the jar and glue, the Python module:"
  echo "present"
}

check_rpm_requires() {
  step "rpm -qpR: glibc, libstdc++, OpenSSL 3 and their own packages only"
  local name requires others
  for name in "${rpm_names[@]}"; do
    requires=$(rpm -qpR "$(package_file rpm "$name")" 2>/dev/null | sed 's/ .*//')
    others=$(grep -Ev "$rpm_allowed_requires" <<<"$requires" || true)
    [[ -z "$others" ]] || fail "${name}.rpm requires what RPM distributions may lack: ${others//$'\n'/ }"
    echo "${name}: $(wc -l <<<"$requires") requires, all of glibc, libstdc++, OpenSSL 3 or its own"
  done
}

# The highest GLIBC_ version any ELF file under ROOT references (objdump -T), and which files
# reference it.
highest_glibc() {
  local root=$1 file references highest
  references=$(find "$root" -type f -print0 | while IFS= read -r -d '' file; do
    [[ $(head -c 4 "$file" | od -An -c | tr -d ' ') == 177ELF ]] || continue
    objdump -T "$file" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -u | sed "s|\$| ${file#"$root"}|" || true
  done)
  highest=$(cut -d' ' -f1 <<<"$references" | sort -u -V | tail -n 1)
  echo "${highest} (referenced by $(grep "^${highest} " <<<"$references" | cut -d' ' -f2 | xargs))"
}

# The JNI glue in the scratch root ROOT resolves libcibatch.so.1 and Poco inside ROOT.
check_jni_glue_in() {
  local root=$1 glue="$1/usr/lib64/jni/libcibatch_jni.so" resolved name
  [[ -f "$glue" ]] || fail "libcibatch-java holds no ${glue#"$root"}"
  # The jar looks for the glue where this package puts it (NativeLoader's installed places).
  python3 -c 'import sys, zipfile
code = zipfile.ZipFile(sys.argv[1]).read("org/cibatch/NativeLoader.class")
sys.exit(0 if sys.argv[2].encode() in code else 1)' "$root/usr/share/java/cibatch.jar" \
    "${glue#"$root"}" || fail "cibatch.jar does not look for its glue at ${glue#"$root"}"
  resolved=$(env -u LD_LIBRARY_PATH ldd "$glue" | awk '$2 == "=>" { print $3 }' | xargs -r realpath)
  for name in libcibatch.so.1 libPocoFoundation.so; do
    grep -q "^${root}/usr/lib64/\(cibatch/\)\?${name}" <<<"$resolved" \
      || fail "the JNI glue finds ${name} outside the scratch root"
  done
  echo "the JNI glue finds libcibatch.so.1 and Poco in the scratch root too, and the jar looks for it there"
}

# The gateway's program in the scratch root ROOT runs and loads Poco from ROOT (RUNPATH).
check_gateway_in() {
  local root=$1 program="$1${gateway_program}" loaded
  env -u LD_LIBRARY_PATH "$program" --version || fail "${gateway_program} from the scratch root does not run"
  loaded=$(env -u LD_LIBRARY_PATH LD_DEBUG=libs "$program" --version 2>&1 >/dev/null \
    | grep -o 'calling init: [^ ]*' | sed 's/calling init: //' | xargs -r realpath)
  grep -q "^${root}/usr/lib64/cibatch/libPocoFoundation.so" <<<"$loaded" \
    || fail "the gateway loads Poco from outside the scratch root: $(grep /libPocoFoundation <<<"$loaded")"
  echo "the gateway's program runs from the scratch root and loads Poco from it"
}

check_rpm_scratch_root() {
  step "rpm -i --root: the CLI finds its private libraries"
  local root loaded name files=()
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  for name in "${rpm_names[@]}"; do
    files+=("$(package_file rpm "$name")")
  done
  # --noscripts: the scratch root has no shell for the ldconfig scriptlet; RUNPATH needs none.
  rpm -i --root "$root" --nodeps --noscripts "${files[@]}"
  env -u LD_LIBRARY_PATH "$root/usr/bin/cibatch" --version \
    || fail "cibatch from the scratch root does not run"
  loaded=$(env -u LD_LIBRARY_PATH LD_DEBUG=libs "$root/usr/bin/cibatch" --version 2>&1 >/dev/null \
    | grep -o 'calling init: [^ ]*' | sed 's/calling init: //' | xargs -r realpath)
  for name in libcibatch.so.1 libPocoFoundation.so libPocoNet.so libyaml-cpp.so; do
    grep -q "^${root}/usr/lib64/\(cibatch/\)\?${name}" <<<"$loaded" \
      || fail "cibatch loads ${name} from outside the scratch root: $(grep "/${name}" <<<"$loaded")"
  done
  echo "loaded from ${root}/usr/lib64: $(grep -c "^${root}/" <<<"$loaded") libraries, among them:"
  grep -E '/(libcibatch|libPocoFoundation|libyaml-cpp)[.]so' <<<"$loaded"
  check_gateway_in "$root"
  check_jni_glue_in "$root"
  echo "oldest glibc the RPMs need (highest GLIBC_ version referenced): $(highest_glibc "$root")"
  rm -rf "$root"
  trap - EXIT
}
