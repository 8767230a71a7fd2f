# The fuzz preset: libFuzzer targets fuzz_NAME (clang only). The library's own targets are
# instrumented with coverage, AddressSanitizer and UndefinedBehaviorSanitizer; Poco, OpenSSL and
# forge-sim stay uninstrumented.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "CIBATCH_FUZZ needs clang (libFuzzer): use the fuzz preset")
endif()

set(fuzz_flags -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
               -fno-omit-frame-pointer)
# clang warns where gcc (the dev preset, which keeps -Werror) does not: here a warning is not
# what is looked for.
add_compile_options(-Wno-error)
foreach(library cibatch_internal cibatch_trace cibatch_sqlite cibatch_runtime cibatch_agent)
  target_compile_options(${library} PRIVATE ${fuzz_flags} -Wno-error)
endforeach()

# cib_add_fuzz_target(NAME SOURCES... [LIBS ...]): the executable fuzz_NAME.
function(cib_add_fuzz_target name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(fuzz_${name} ${arg_SOURCES})
  target_compile_options(fuzz_${name} PRIVATE ${fuzz_flags})
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_${name} PRIVATE cibatch_internal cibatch_trace ${arg_LIBS})
endfunction()

# tests/support (TempDir, ForgeSim) and forge-sim, uninstrumented. forge-sim's folder also
# defines its Boost self-test, which this preset does not build: the stand-in below only
# declares it.
function(cib_add_boost_test name)
  cmake_parse_arguments(arg "" "LABEL;TIMEOUT" "SOURCES;LIBS;ENV" ${ARGN})
  add_executable(${name} EXCLUDE_FROM_ALL ${arg_SOURCES})
endfunction()
add_subdirectory(${PROJECT_SOURCE_DIR}/tests/support support)
add_subdirectory(${PROJECT_SOURCE_DIR}/tests/forge-sim forge-sim)

foreach(name IN LISTS cib_fuzz_readers)
  cib_add_fuzz_target(${name} SOURCES ${name}_fuzz.cpp LIBS cib_test_support)
endforeach()

# The C ABI target runs the ABI's sources in place of the shared library.
file(GLOB abi_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/plugin/api/*.cpp)
foreach(name IN LISTS cib_fuzz_abi)
  cib_add_fuzz_target(${name} SOURCES ${name}_fuzz.cpp abi_calls.cpp ${abi_sources} LIBS cib_test_support)
endforeach()

# The agent's protocol codec, linked from cibatch_agent (instrumented above).
foreach(name IN LISTS cib_fuzz_agent)
  cib_add_fuzz_target(${name} SOURCES ${name}_fuzz.cpp LIBS cibatch_agent cib_test_support)
endforeach()
