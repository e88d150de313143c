# Writes a C++ header holding the bytes of INPUT as `inline constexpr char SYMBOL[]`
# (NUL-terminated) and `SYMBOL_size`. Run with cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P.
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
get_filename_component(name ${INPUT} NAME)
file(WRITE ${OUTPUT}.tmp
  "// Generated from ${name} by embed_file.cmake; do not edit.\n"
  "#pragma once\n#include <cstddef>\n"
  "inline constexpr char ${SYMBOL}[] = {\n  ${bytes}'\\0'};\n"
  "inline constexpr std::size_t ${SYMBOL}_size = ${size};\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
