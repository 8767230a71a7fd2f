# CPack pre-build script of the .debs: every file the cli component installs under /etc is a
# conffile of the cibatch package, so dpkg keeps an administrator's edits on upgrade and on
# remove (only purge deletes it). Without such files no conffiles control file is written.
set(staged ${CPACK_TEMPORARY_DIRECTORY}/cli)
set(conffiles ${CPACK_CIBATCH_BINARY_DIR}/cli/conffiles)
file(GLOB_RECURSE configuration LIST_DIRECTORIES false RELATIVE ${staged} ${staged}/etc/*)
file(REMOVE ${conffiles})
if(configuration)
  list(SORT configuration)
  list(TRANSFORM configuration PREPEND "/")
  list(JOIN configuration "\n" lines)
  file(WRITE ${conffiles} "${lines}\n")
endif()
