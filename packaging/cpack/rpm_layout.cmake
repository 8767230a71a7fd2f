# CPack pre-build script of the .rpms: turns the staged Debian layout of the one build into the
# RPM layout before rpmbuild lists the files.
#   - Debian's multiarch libdir (lib/x86_64-linux-gnu) becomes lib64, and the pkg-config and
#     CMake files that find the prefix from where they lie learn the shallower depth;
#   - every library the ELF files need that is not glibc, libstdc++/libgcc_s or OpenSSL 3 is
#     copied into lib64/cibatch/ of libcibatch1, with RUNPATH $ORIGIN; the library, the CLI, the
#     gateway's program and the JNI glue find them through a relative RUNPATH, so a tree installed with
#     `rpm --root DIR` works too;
#   - private-sonames.regex names those copies for rpmbuild's __requires_exclude (rpm.cmake);
#   - the Python module goes from Debian's dist-packages to python3.N/site-packages;
#   - files under /etc are marked %config(noreplace) (a variable set here reaches the RPM
#     generator, which runs after this script).
set(system_libraries
    "^(linux-vdso|ld-linux-x86-64|libc|libm|libpthread|libdl|librt|libstdc[+][+]|libgcc_s|libssl|libcrypto|libcibatch)[.]so")
set(staged ${CPACK_TEMPORARY_DIRECTORY})
set(deb_libdir usr/${CPACK_CIBATCH_LIBDIR})
set(rpm_libdir usr/lib64)

find_program(patchelf patchelf REQUIRED)

# Moves the Python module from Debian's dist-packages to the site-packages of the RPM's Python.
function(move_python_module component_dir)
  set(deb_dir ${component_dir}/usr/${CPACK_CIBATCH_PYTHON_DIR})
  if(NOT IS_DIRECTORY ${deb_dir})
    return()
  endif()
  get_filename_component(rpm_parent ${component_dir}/usr/${CPACK_CIBATCH_RPM_PYTHON_DIR} DIRECTORY)
  file(MAKE_DIRECTORY ${rpm_parent})
  file(RENAME ${deb_dir} ${component_dir}/usr/${CPACK_CIBATCH_RPM_PYTHON_DIR})
  file(REMOVE_RECURSE ${component_dir}/usr/lib/python3)
endfunction()

# Moves DIR/usr/lib/<multiarch> to DIR/usr/lib64 and fixes the prefix the dev files derive.
function(move_libdir component_dir)
  if(NOT IS_DIRECTORY ${component_dir}/${deb_libdir})
    return()
  endif()
  file(RENAME ${component_dir}/${deb_libdir} ${component_dir}/${rpm_libdir})
  file(GLOB left_in_lib ${component_dir}/usr/lib/*)
  if(NOT left_in_lib) # lib/python3 stays
    file(REMOVE_RECURSE ${component_dir}/usr/lib)
  endif()
  file(GLOB text_files ${component_dir}/${rpm_libdir}/pkgconfig/*.pc
       ${component_dir}/${rpm_libdir}/cmake/*/*.cmake)
  foreach(text_file IN LISTS text_files)
    file(READ ${text_file} text)
    string(REPLACE "${CPACK_CIBATCH_LIBDIR}" "lib64" text "${text}")
    # One folder less between the file and the prefix.
    string(REPLACE "\${pcfiledir}/../../.." "\${pcfiledir}/../.." text "${text}")
    string(REPLACE "/../../../../\"" "/../../../\"" text "${text}")
    set(step "get_filename_component(_IMPORT_PREFIX \"\${_IMPORT_PREFIX}\" PATH)\n")
    string(FIND "${text}" "${step}" at)
    if(at GREATER -1)
      string(LENGTH "${step}" length)
      string(SUBSTRING "${text}" 0 ${at} before)
      math(EXPR after_at "${at} + ${length}")
      string(SUBSTRING "${text}" ${after_at} -1 after)
      set(text "${before}${after}")
    endif()
    file(WRITE ${text_file} "${text}")
  endforeach()
endfunction()

# The shared libraries FILE loads that are not part of the system RPM distributions share,
# as "soname=path" items.
function(private_needs elf_file out)
  execute_process(COMMAND ldd ${elf_file} OUTPUT_VARIABLE listing COMMAND_ERROR_IS_FATAL ANY)
  string(REGEX MATCHALL "[^\n\t ]+ => /[^\n\t ]+" pairs "${listing}")
  set(needs)
  foreach(pair IN LISTS pairs)
    string(REGEX REPLACE " => " ";" pair "${pair}")
    list(GET pair 0 soname)
    list(GET pair 1 path)
    if(NOT soname MATCHES "${system_libraries}")
      list(APPEND needs "${soname}=${path}")
    endif()
  endforeach()
  set(${out} ${needs} PARENT_SCOPE)
endfunction()

# rpm derives provides and requires only from executable ELF files.
function(make_executable file)
  file(CHMOD ${file} PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                 WORLD_READ WORLD_EXECUTE)
endfunction()

function(set_runpath elf_file runpath)
  execute_process(COMMAND ${patchelf} --set-rpath "${runpath}" ${elf_file}
                  COMMAND_ERROR_IS_FATAL ANY)
endfunction()

file(GLOB component_dirs LIST_DIRECTORIES true ${staged}/*)
foreach(component_dir IN LISTS component_dirs)
  move_libdir(${component_dir})
  move_python_module(${component_dir})
  file(GLOB_RECURSE libraries ${component_dir}/${rpm_libdir}/*.so*)
  foreach(library IN LISTS libraries)
    if(NOT IS_SYMLINK ${library})
      make_executable(${library})
    endif()
  endforeach()
  # Debian's doc folders: the RPM's changelog is in its header; -dev is -devel here.
  file(GLOB debian_changelogs ${component_dir}/usr/share/doc/*/changelog.Debian.gz)
  file(REMOVE ${debian_changelogs})
  if(IS_DIRECTORY ${component_dir}/usr/share/doc/libcibatch-dev)
    file(RENAME ${component_dir}/usr/share/doc/libcibatch-dev
         ${component_dir}/usr/share/doc/libcibatch-devel)
  endif()
endforeach()

set(private_dir ${staged}/lib/${rpm_libdir}/cibatch)
file(GLOB library ${staged}/lib/${rpm_libdir}/libcibatch.so.*.*)
file(GLOB cli ${staged}/cli/usr/bin/cibatch)
# The gateway's program links the library's internals, so Poco, yaml-cpp and SQLite directly.
file(GLOB gateway ${staged}/cli/usr/libexec/cibatch/cibatch-gateway)
file(GLOB jni_glue ${staged}/java/${rpm_libdir}/jni/*.so)
set(private)
foreach(elf_file IN LISTS library cli gateway jni_glue)
  private_needs(${elf_file} needs)
  list(APPEND private ${needs})
endforeach()
list(REMOVE_DUPLICATES private)

file(MAKE_DIRECTORY ${private_dir})
set(sonames)
foreach(item IN LISTS private)
  string(REPLACE "=" ";" item "${item}")
  list(GET item 0 soname)
  list(GET item 1 path)
  file(REAL_PATH ${path} real_path)
  file(COPY_FILE ${real_path} ${private_dir}/${soname})
  make_executable(${private_dir}/${soname})
  set_runpath(${private_dir}/${soname} "\$ORIGIN")
  string(REPLACE "." "[.]" soname_pattern "${soname}")
  string(REPLACE "+" "[+]" soname_pattern "${soname_pattern}")
  list(APPEND sonames ${soname_pattern})
endforeach()
list(SORT sonames)
list(JOIN sonames "|" alternatives)
file(WRITE ${CPACK_CIBATCH_BINARY_DIR}/private-sonames.regex "^(${alternatives})[(]")

foreach(elf_file IN LISTS library)
  set_runpath(${elf_file} "\$ORIGIN/cibatch")
endforeach()
foreach(elf_file IN LISTS cli)
  set_runpath(${elf_file} "\$ORIGIN/../lib64/cibatch:\$ORIGIN/../lib64")
endforeach()
foreach(elf_file IN LISTS gateway)
  set_runpath(${elf_file} "\$ORIGIN/../../lib64/cibatch")
endforeach()
foreach(elf_file IN LISTS jni_glue)
  set_runpath(${elf_file} "\$ORIGIN/../cibatch:\$ORIGIN/..")
endforeach()

# What the cli component installs under /etc is the administrator's: %config(noreplace), as
# the .deb's conffiles.
file(GLOB_RECURSE configuration LIST_DIRECTORIES false RELATIVE ${staged}/cli ${staged}/cli/etc/*)
list(TRANSFORM configuration PREPEND "%config(noreplace) /")
set(CPACK_RPM_CLI_USER_FILELIST ${configuration})
