# Debian settings of the .debs (included by packaging/cpack/CMakeLists.txt).
set(CPACK_DEBIAN_PACKAGE_RELEASE ${CIBATCH_PACKAGE_RELEASE})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Dependencies on system libraries come from dpkg-shlibdeps. It meets libcibatch.so.1 in the
# build tree (no package yet), so the dependency on libcibatch1 is written out below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_LIBRARY_OUTPUT_DIRECTORY})
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(cibatch_needs_library "libcibatch1 (>= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libcibatch1 (= ${CIBATCH_DEBIAN_VERSION})")
# adduser: cibatch's postinst makes the gateway's system user.
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "${cibatch_needs_library}, adduser")
set(CPACK_DEBIAN_JAVA_PACKAGE_DEPENDS "${cibatch_needs_library}")
set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS "python3:any, ${cibatch_needs_library}")
set(CPACK_DEBIAN_PYTHON_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_PYTHON_PACKAGE_SHLIBDEPS OFF)

# libcibatch1: the symbols file (checked by the debian_symbols test) lets dpkg-shlibdeps give a
# package the lowest version that has every symbol it uses, and dpkg-gensymbols fail a build
# that lost a symbol; the trigger runs ldconfig once per dpkg run.
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_BINARY_DIR}/lib/symbols
                                           ${CMAKE_CURRENT_SOURCE_DIR}/triggers)
configure_file(libcibatch1.symbols ${CMAKE_CURRENT_BINARY_DIR}/lib/symbols COPYONLY)
# cibatch: /etc/cibatch/cibatch.yml.example is a conffile, listed by deb_conffiles.cmake from
# what the cli component installs under etc/; its postinst makes the user cibatch-gateway.
set(CPACK_DEBIAN_CLI_PACKAGE_CONTROL_EXTRA ${CMAKE_CURRENT_BINARY_DIR}/cli/conffiles
                                           ${CMAKE_CURRENT_SOURCE_DIR}/cli/postinst)
