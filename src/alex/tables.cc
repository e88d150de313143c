#include "alex/tables.h"

namespace alexdb::alex {

TableDefinition users_table(std::string name) {
  IndexDefinition jobs_by_status{kJobsByStatusIndex,
                                 {"GSI1PK", ScalarType::kS},
                                 KeyAttribute{"GSI1SK", ScalarType::kS},
                                 {Projection::Type::kAll, {}}};
  return {std::move(name), {"PK", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS},
          {jobs_by_status}};
}

TableDefinition instruments_table(std::string name) {
  return {std::move(name), {"symbol", ScalarType::kS}, KeyAttribute{"SK", ScalarType::kS}, {}};
}

}  // namespace alexdb::alex
