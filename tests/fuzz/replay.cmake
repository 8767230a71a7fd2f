# Every other preset: fuzz_replay_NAME, the target's entry point with replay_main.cpp, run by
# ctest (label fuzz) over corpus/NAME/ and regressions/NAME/.

# cib_add_fuzz_replay(NAME SOURCES... LIBS ...)
function(cib_add_fuzz_replay name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(fuzz_replay_${name} replay_main.cpp ${arg_SOURCES})
  target_link_libraries(fuzz_replay_${name} PRIVATE ${arg_LIBS})
  add_test(NAME fuzz_replay_${name}
           COMMAND fuzz_replay_${name} ${CMAKE_CURRENT_SOURCE_DIR}/corpus/${name}
                   ${CMAKE_CURRENT_SOURCE_DIR}/regressions/${name})
  set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz TIMEOUT 300)
endfunction()

foreach(name IN LISTS cib_fuzz_readers)
  cib_add_fuzz_replay(${name} SOURCES ${name}_fuzz.cpp LIBS cibatch_internal cibatch_trace
                                                    cib_test_support)
endforeach()
foreach(name IN LISTS cib_fuzz_abi)
  cib_add_fuzz_replay(${name} SOURCES ${name}_fuzz.cpp abi_calls.cpp LIBS cibatch cib_test_support)
endforeach()
foreach(name IN LISTS cib_fuzz_agent)
  cib_add_fuzz_replay(${name} SOURCES ${name}_fuzz.cpp LIBS cibatch_agent cib_test_support)
  target_include_directories(fuzz_replay_${name} PRIVATE ${PROJECT_SOURCE_DIR}/plugin)
endforeach()
