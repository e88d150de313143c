# The include check (target include_check, configured in the sanitizer build tree, which
# `make build-asan` and so `make test` build with the unit tests): every source file of
# the given targets compiled on its own, with that target's include directories,
# definitions and options, but -fsyntax-only (cmake/syntax-only.sh: parsed and
# type-checked, no code generated). The unity builds compile several files as one
# translation unit, where a file may use a header that an earlier file of its batch
# included; here such a file fails. Not part of `all`.
add_custom_target(include_check)
function(alexdb_check_includes)
  foreach(target ${ARGN})
    get_target_property(sources ${target} SOURCES)
    get_target_property(dir ${target} SOURCE_DIR)
    set(files)
    foreach(source ${sources})
      if(source MATCHES "\\.cc$")
        cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${dir})
        list(APPEND files ${source})
      endif()
    endforeach()
    add_library(${target}_includes OBJECT EXCLUDE_FROM_ALL ${files})
    set_target_properties(${target}_includes PROPERTIES
      UNITY_BUILD OFF
      CXX_COMPILER_LAUNCHER ${PROJECT_SOURCE_DIR}/cmake/syntax-only.sh)
    target_include_directories(${target}_includes PRIVATE
      $<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>)
    target_compile_definitions(${target}_includes PRIVATE
      $<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>)
    target_compile_options(${target}_includes PRIVATE
      $<TARGET_PROPERTY:${target},COMPILE_OPTIONS>)
    add_dependencies(include_check ${target}_includes)
  endforeach()
endfunction()
