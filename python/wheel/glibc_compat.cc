// Keeps the wheel's extension loadable on glibc 2.34 (the AWS Lambda Python 3.12 image)
// although it is built on a newer glibc (Debian 12: 2.36).
//
// The statically linked GCC 12 runtime calls two functions newer than 2.34:
//   _dl_find_object (2.35)  the unwinder (libgcc_eh) finds a frame's unwind table
//   arc4random (2.36)       std::random_device (libstdc++)
// wheel.cmake links the extension with --wrap for both, so those calls land here; these
// replacements use only functions glibc 2.34 has (dl_iterate_phdr, getrandom) and are
// used on every glibc, so the tests exercise the same code the Lambda image runs.
#include <dlfcn.h>
#include <link.h>
#include <sys/random.h>

#include <cerrno>
#include <cstdint>

namespace {

struct Search {
  std::uintptr_t address;
  dl_find_object* result;
  bool found;
};

// dl_iterate_phdr's callback: fills the result when the object holds the address.
int find_in_object(dl_phdr_info* info, size_t, void* data) {
  auto* search = static_cast<Search*>(data);
  std::uintptr_t start = UINTPTR_MAX;
  std::uintptr_t end = 0;
  bool holds = false;
  const void* eh_frame = nullptr;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& header = info->dlpi_phdr[i];
    std::uintptr_t begin = info->dlpi_addr + header.p_vaddr;
    if (header.p_type == PT_LOAD) {
      std::uintptr_t stop = begin + header.p_memsz;
      if (begin < start) start = begin;
      if (stop > end) end = stop;
      if (search->address >= begin && search->address < stop) holds = true;
    } else if (header.p_type == PT_GNU_EH_FRAME) {
      eh_frame = reinterpret_cast<const void*>(begin);
    }
  }
  if (!holds) return 0;
  *search->result = dl_find_object{};
  search->result->dlfo_map_start = reinterpret_cast<void*>(start);
  search->result->dlfo_map_end = reinterpret_cast<void*>(end);
  search->result->dlfo_eh_frame = const_cast<void*>(eh_frame);
  search->found = true;
  return 1;
}

}  // namespace

extern "C" {

// What glibc's _dl_find_object returns for the unwinder: 0 and the object's mapping and
// PT_GNU_EH_FRAME address when an object holds the address, -1 otherwise.
int __wrap__dl_find_object(void* address, dl_find_object* result) {
  Search search{reinterpret_cast<std::uintptr_t>(address), result, false};
  dl_iterate_phdr(find_in_object, &search);
  return search.found ? 0 : -1;
}

// A uniformly random 32-bit value from the kernel, as glibc's arc4random gives.
std::uint32_t __wrap_arc4random() {
  std::uint32_t value = 0;
  while (getrandom(&value, sizeof value, 0) != static_cast<ssize_t>(sizeof value)) {
    if (errno != EINTR) break;
  }
  return value;
}

}  // extern "C"
