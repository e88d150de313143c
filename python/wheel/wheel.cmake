# The wheel's extensions (included by python/CMakeLists.txt when ALEXDB_WHEEL_PYTHONS
# lists interpreters; python/build_backend configures such a tree, build-wheel/).
#
# One build tree serves every interpreter: the library (static, -fPIC) is compiled once,
# and each interpreter gets its own target alexdb_wheel_<cache tag> (for example
# alexdb_wheel_cpython-312) compiling python/src against that interpreter's headers. Its
# output is <tree>/python/wheel/<cache tag>/alexdb/_core<EXT_SUFFIX>.
#
# What the extension needs from the system, so that the wheel runs where the planner runs:
#   - libstdc++ and libgcc: linked statically; their symbols are not exported
#     (--exclude-libs), so another extension's C++ runtime never binds to ours.
#   - SQLite: linked statically (only alexdb uses it).
#   - libcurl and its dependencies (OpenSSL, zlib, GMP through gnutls, Kerberos...):
#     linked dynamically here; python/wheel/repair.py copies them into the wheel
#     (alexdb.libs/, renamed with a hash) and sets the $ORIGIN run path. OpenSSL, zlib and
#     GMP are linked dynamically too, so the process carries one copy of each, curl's.
#   - The C library family (libc, libm, libpthread, libdl, librt, libresolv, ld-linux),
#     at most glibc 2.34: glibc_compat.cc replaces the two newer functions the static
#     GCC runtime calls.
set(PYBIND11_NOPYTHON ON)
find_package(pybind11 CONFIG REQUIRED)

find_library(ALEXDB_SQLITE3_STATIC NAMES libsqlite3.a REQUIRED)
set_target_properties(SQLite::SQLite3 PROPERTIES
  IMPORTED_LOCATION ${ALEXDB_SQLITE3_STATIC}
  INTERFACE_LINK_LIBRARIES "m;${CMAKE_DL_LIBS};Threads::Threads")

file(GLOB module_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cc)
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/wheel/glibc_compat.cc
  PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
foreach(python ${ALEXDB_WHEEL_PYTHONS})
  execute_process(
    COMMAND ${python} -c "import sys, sysconfig; print(sys.implementation.cache_tag); print(sysconfig.get_paths()['include']); print(sysconfig.get_config_var('EXT_SUFFIX'))"
    OUTPUT_VARIABLE facts OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "alexdb wheel: cannot run ${python}")
  endif()
  string(REPLACE "\n" ";" facts "${facts}")
  list(GET facts 0 tag)
  list(GET facts 1 include_dir)
  list(GET facts 2 ext_suffix)
  if(NOT EXISTS ${include_dir}/Python.h)
    message(FATAL_ERROR "alexdb wheel: ${python} has no headers (${include_dir}/Python.h)")
  endif()

  set(target alexdb_wheel_${tag})
  if(TARGET ${target})
    continue()  # another interpreter of this version is listed first (it is the one used)
  endif()
  add_library(${target} MODULE ${module_sources} ${CMAKE_CURRENT_SOURCE_DIR}/wheel/glibc_compat.cc)
  set_target_properties(${target} PROPERTIES
    PREFIX "" OUTPUT_NAME _core SUFFIX ${ext_suffix}
    LIBRARY_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/wheel/${tag}/alexdb
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(${target} SYSTEM PRIVATE ${include_dir})
  target_compile_options(${target} PRIVATE ${ALEXDB_WARNINGS})
  target_link_libraries(${target} PRIVATE alexdb pybind11::headers)
  target_link_options(${target} PRIVATE
    -static-libstdc++ -static-libgcc -Wl,--exclude-libs,ALL -Wl,--as-needed -s
    -Wl,--wrap=_dl_find_object -Wl,--wrap=arc4random)
endforeach()
