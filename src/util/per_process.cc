#include "util/per_process.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace alexdb::util {

void abandon_inherited(const void* state) {
#if defined(__SANITIZE_ADDRESS__)
  __lsan_ignore_object(state);  // kept on purpose: not a leak
#else
  static_cast<void>(state);
#endif
}

}  // namespace alexdb::util
