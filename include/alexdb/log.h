// Messages a Database reports without failing the call that met them (SPEC section 10):
// which store was opened, a record a listing skipped because it cannot be read. They go
// to DatabaseOptions::log; the Python module forwards them to the `alexdb` logger and
// the command line prints warnings (and, with --verbose, the rest) on stderr.
#ifndef ALEXDB_LOG_H_
#define ALEXDB_LOG_H_

#include <functional>
#include <string_view>

namespace alexdb {

// How much a message matters, least first.
enum class LogLevel { kDebug, kInfo, kWarning };

// "debug", "info" or "warning".
std::string_view log_level_name(LogLevel level);

// Receives one message. May be called from any thread, including a Database's worker
// threads, and must not call back into the Database; an exception it throws is dropped.
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

}  // namespace alexdb

#endif  // ALEXDB_LOG_H_
