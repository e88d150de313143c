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

# The library the extensions link: the one compiled in this tree, or, with
# ALEXDB_WHEEL_LIBRARY_FROM=<a main build tree> (make test passes build/, which it has just
# built), that tree's archives, so that the tests do not compile the library again. That
# tree must be compiled as this one would be (checked below); it is not rebuilt from here.
set(ALEXDB_WHEEL_LIBRARY_FROM "" CACHE PATH
    "A build tree of alexdb whose library archives the wheel links (default: this tree's)")
set(wheel_library alexdb)
if(ALEXDB_WHEEL_LIBRARY_FROM)
  set(from ${ALEXDB_WHEEL_LIBRARY_FROM})
  load_cache(${from} READ_WITH_PREFIX from_ CMAKE_BUILD_TYPE CMAKE_CXX_FLAGS
             CMAKE_CXX_FLAGS_RELEASE ALEXDB_SANITIZE ALEXDB_TSAN)
  foreach(var CMAKE_BUILD_TYPE CMAKE_CXX_FLAGS CMAKE_CXX_FLAGS_RELEASE)
    if(NOT "${from_${var}}" STREQUAL "${${var}}")
      message(FATAL_ERROR "alexdb wheel: ${from} has ${var}='${from_${var}}', "
                          "this tree '${${var}}'")
    endif()
  endforeach()
  if(from_ALEXDB_SANITIZE OR from_ALEXDB_TSAN)
    message(FATAL_ERROR "alexdb wheel: ${from} is a sanitizer build")
  endif()
  set(archives)
  foreach(layer alexdb alexdb_sqlite alexdb_dynamodb alexdb_store alexdb_model alexdb_util)
    if(NOT EXISTS ${from}/lib${layer}.a)
      message(FATAL_ERROR "alexdb wheel: ${from}/lib${layer}.a is missing (build it first)")
    endif()
    list(APPEND archives ${from}/lib${layer}.a)
  endforeach()
  add_library(alexdb_wheel_library INTERFACE)
  target_include_directories(alexdb_wheel_library INTERFACE ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(alexdb_wheel_library INTERFACE "$<LINK_GROUP:RESCAN,${archives}>")
  # Then the layers' own usage requirements (the libraries they link, after the archives
  # that need them), from the targets of this tree, which are not built.
  foreach(layer alexdb alexdb_sqlite alexdb_dynamodb alexdb_store alexdb_model alexdb_util)
    get_target_property(uses ${layer} INTERFACE_LINK_LIBRARIES)
    list(FILTER uses EXCLUDE REGEX "^alexdb")
    target_link_libraries(alexdb_wheel_library INTERFACE ${uses})
  endforeach()
  set(wheel_library alexdb_wheel_library)
endif()

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
  target_link_libraries(${target} PRIVATE ${wheel_library} pybind11::headers)
  target_link_options(${target} PRIVATE
    -static-libstdc++ -static-libgcc -Wl,--exclude-libs,ALL -Wl,--as-needed -s
    -Wl,--wrap=_dl_find_object -Wl,--wrap=arc4random)
endforeach()
