# `cmake --install`: the layer libraries, their headers under include/xtt/
# (they include each other as "<layer>/<file>.hpp"), the public umbrella
# header include/xtt/xtt.hpp, a CMake package (find_package(xtt) ->
# xtt::xtt) and a pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS xtt_all_layers xtt_warnings EXPORT xttTargets)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/xtt
        FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/xtt/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/xtt)
install(EXPORT xttTargets NAMESPACE xtt:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xtt)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/xttConfig.cmake.in
  ${PROJECT_BINARY_DIR}/xttConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xtt)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/xttConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/xttConfig.cmake ${PROJECT_BINARY_DIR}/xttConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/xtt)
configure_file(${PROJECT_SOURCE_DIR}/cmake/xtt.pc.in ${PROJECT_BINARY_DIR}/xtt.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/xtt.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(TARGETS xtt RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
