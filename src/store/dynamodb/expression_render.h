// Renders typed conditions, updates, projections and key conditions as DynamoDB
// expression strings. Every attribute name becomes a #nK placeholder and every value a
// :vK placeholder, so caller data never becomes expression syntax.
#ifndef ALEXDB_STORE_DYNAMODB_EXPRESSION_RENDER_H_
#define ALEXDB_STORE_DYNAMODB_EXPRESSION_RENDER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alexdb/expression.h"
#include "alexdb/store.h"

namespace alexdb::dynamodb {

// Collects placeholders for one request; render the expressions, then attach().
class ExpressionRenderer {
 public:
  std::string condition(const Condition& condition);
  std::string update(const Update& update);
  std::string projection(const std::vector<Path>& paths);
  std::string key_condition(const std::string& partition_name, const Value& partition_value,
                            const std::string& sort_name, const std::optional<SortKeyCondition>& sort);

  // Adds ExpressionAttributeNames / ExpressionAttributeValues to `request` when used.
  void attach(nlohmann::json& request) const;

 private:
  std::string name(const std::string& attribute);
  std::string value(const Value& v);
  std::string path(const Path& p);
  std::string operand(const Operand& o);
  std::string update_expr(const UpdateExpr& e);

  std::map<std::string, std::string> names_;  // attribute -> #nK
  nlohmann::json values_ = nlohmann::json::object();
};

}  // namespace alexdb::dynamodb

#endif  // ALEXDB_STORE_DYNAMODB_EXPRESSION_RENDER_H_
