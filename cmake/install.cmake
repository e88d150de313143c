# The install rules and the package files of alexdb (included by the top CMakeLists.txt
# when ALEXDB_INSTALL is on).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ALEXDB_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/alexdb)

install(TARGETS alexdb alexdb_dynamodb alexdb_sqlite alexdb_store alexdb_model alexdb_util
  EXPORT alexdbTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS alexdb_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/alexdb
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(EXPORT alexdbTargets NAMESPACE alexdb:: DESTINATION ${ALEXDB_CMAKE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/alexdbConfig.cmake.in
  ${PROJECT_BINARY_DIR}/alexdbConfig.cmake
  INSTALL_DESTINATION ${ALEXDB_CMAKE_DIR})
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/alexdbConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/alexdbConfig.cmake
              ${PROJECT_BINARY_DIR}/alexdbConfigVersion.cmake
  DESTINATION ${ALEXDB_CMAKE_DIR})
