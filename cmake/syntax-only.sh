#!/bin/sh
# Compiler launcher of the include check (cmake/include_check.cmake): runs the compile
# command it is given with -fsyntax-only (the file is parsed and type-checked on its own,
# no code is generated), then creates the object file the command names, empty, so that
# the build tool counts the file as checked until it or a header it includes changes.
out=
prev=
for arg do
  if [ "$prev" = -o ]; then out=$arg; fi
  prev=$arg
done
"$@" -fsyntax-only && : >"$out"
