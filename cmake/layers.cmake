# xtt_layer(NAME SOURCES... DEPS deps...) declares one layer as a static
# library xtt_<NAME> with the alias xtt::<NAME>. Sources include each other as
# "<layer>/<file>.hpp" from src/.
function(xtt_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS" ${ARGN})
  add_library(xtt_${name} STATIC ${L_SOURCES})
  add_library(xtt::${name} ALIAS xtt_${name})
  target_include_directories(xtt_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>
    $<INSTALL_INTERFACE:include/xtt>)
  target_link_libraries(xtt_${name} PUBLIC ${L_DEPS} PRIVATE xtt_warnings)
  set_target_properties(xtt_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME ${name})
  install(TARGETS xtt_${name} EXPORT xttTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endfunction()

# xtt_unit_test(NAME SOURCES... DEPS deps...) builds one GoogleTest binary and
# registers its cases with ctest.
function(xtt_unit_test name)
  cmake_parse_arguments(T "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} xtt_test_support GTest::gtest_main xtt_warnings)
  gtest_discover_tests(${name}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES ENVIRONMENT "XTT_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    DISCOVERY_TIMEOUT 120)
endfunction()
