// The domain's timestamps are the public alexdb::Timestamp (alexdb/timestamp.h); the
// domain's code names it alex::Timestamp.
#ifndef ALEXDB_ALEX_TIMESTAMP_H_
#define ALEXDB_ALEX_TIMESTAMP_H_

#include "alexdb/timestamp.h"

namespace alexdb::alex {

using alexdb::Timestamp;

}  // namespace alexdb::alex

#endif  // ALEXDB_ALEX_TIMESTAMP_H_
