# RPM settings of the .rpms (included by packaging/cpack/CMakeLists.txt). The layout (lib64,
# the private libraries, RUNPATH) is made by rpm_layout.cmake before rpmbuild runs.
set(CPACK_RPM_PACKAGE_RELEASE ${CIBATCH_PACKAGE_RELEASE})
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "LicenseRef-cibatch-no-license-yet")
set(CPACK_RPM_PACKAGE_VENDOR "${CPACK_PACKAGE_VENDOR}")
set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
set(CPACK_RPM_PACKAGE_ARCHITECTURE x86_64)
# Not relocatable: /etc/cibatch stays where it is.
set(CPACK_RPM_PACKAGE_RELOCATABLE OFF)
set(CPACK_RPM_PYTHON_PACKAGE_ARCHITECTURE noarch)

set(cibatch_needs_library "libcibatch1 >= ${PROJECT_VERSION}")
set(CPACK_RPM_DEV_PACKAGE_REQUIRES
    "libcibatch1 = ${PROJECT_VERSION}-${CIBATCH_PACKAGE_RELEASE}, libcibatch.so.1()(64bit)")
set(CPACK_RPM_CLI_PACKAGE_REQUIRES "${cibatch_needs_library}")
set(CPACK_RPM_JAVA_PACKAGE_REQUIRES "${cibatch_needs_library}")
# RPM distributions' interpreters read no version-free folder (Debian's python3/dist-packages), so
# the RPM of the module is made for one Python: rpm_layout.cmake moves it to that version's
# site-packages.
set(CIBATCH_RPM_PYTHON_VERSION 3.12 CACHE STRING
    "The Python version (3.N) whose site-packages the RPM of the Python module installs into")
set(CPACK_CIBATCH_PYTHON_DIR ${CIBATCH_PYTHON_INSTALL_DIR})
set(CPACK_CIBATCH_RPM_PYTHON_DIR lib/python${CIBATCH_RPM_PYTHON_VERSION}/site-packages)
set(CPACK_RPM_PYTHON_PACKAGE_REQUIRES
    "python(abi) = ${CIBATCH_RPM_PYTHON_VERSION}, ${cibatch_needs_library}")

# The private copies neither provide their sonames to the system nor ask for them: rpmbuild
# reads the sonames rpm_layout.cmake copied from private-sonames.regex. What is left to require
# is glibc, libstdc++ (with libgcc_s, which libstdc++ needs) and OpenSSL 3.
set(CPACK_RPM_SPEC_MORE_DEFINE
    "%define _build_id_links none
%define packager ${CIBATCH_PACKAGE_MAINTAINER}
%global __provides_exclude_from ^/usr/lib64/cibatch/.*$
%global __requires_exclude %(cat ${CMAKE_CURRENT_BINARY_DIR}/private-sonames.regex)")
# ldconfig after installing and removing the library (glibc's file trigger does it too where
# it exists).
set(CPACK_RPM_LIB_POST_INSTALL_SCRIPT_FILE ${CMAKE_CURRENT_SOURCE_DIR}/rpm_ldconfig.sh)
set(CPACK_RPM_LIB_POST_UNINSTALL_SCRIPT_FILE ${CMAKE_CURRENT_SOURCE_DIR}/rpm_ldconfig.sh)

# cibatch: the user cibatch-gateway, before its files are installed.
set(CPACK_RPM_CLI_PRE_INSTALL_SCRIPT_FILE ${CMAKE_CURRENT_SOURCE_DIR}/rpm_gateway_user.sh)
set(CPACK_RPM_CLI_PACKAGE_REQUIRES_PRE "shadow-utils")

# Folders of the system that the packages must not claim.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/lib64/pkgconfig /usr/lib64/cmake /usr/lib64/jni /usr/share/java /usr/share/bash-completion
    /usr/share/bash-completion/completions /usr/lib/python${CIBATCH_RPM_PYTHON_VERSION}
    /usr/lib/python${CIBATCH_RPM_PYTHON_VERSION}/site-packages /usr/share/man /usr/share/man/man1
    /usr/lib/systemd /usr/lib/systemd/system /usr/lib/systemd/user /usr/libexec)
