// libFuzzer entry point for `make fuzz`: one binary per target, chosen at compile time
// (ALEXDB_FUZZ_TARGET is AlexdbFuzzCodec or AlexdbFuzzDecimal). `make test` runs the
// same targets on a bounded set of generated inputs instead (the *_fuzz_test.cc files).
#include <cstddef>
#include <cstdint>

extern "C" int ALEXDB_FUZZ_TARGET(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return ALEXDB_FUZZ_TARGET(data, size);
}
