// The Terraform in infra/terraform must describe the tables the code creates: the same
// keys, attribute types, index and projection as alexdb::alex::users_table() and
// instruments_table(), and an IAM policy for exactly the calls the package makes.
// There is no terraform binary here, so the test reads the HCL text itself.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "alex/tables.h"

namespace {

std::string read_tf(const std::string& name) {
  std::ifstream in(std::string(ALEXDB_SOURCE_DIR) + "/infra/terraform/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The body (between the braces) of the first block whose header matches `header`.
std::string block(const std::string& text, const std::string& header) {
  auto start = text.find(header);
  if (start == std::string::npos) return "";
  auto open = text.find('{', start);
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return text.substr(open + 1, i - open - 1);
  }
  return "";
}

// The bodies of the nested blocks `type { ... }` directly inside `body`, and `body` with
// every nested block removed (its own arguments).
struct Split {
  std::vector<std::string> nested;
  std::string own;
};
Split split(const std::string& body, const std::string& type) {
  Split result;
  int depth = 0;
  std::size_t open = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '{') {
      if (depth++ == 0) open = i;
    } else if (body[i] == '}' && --depth == 0) {
      auto line_start = body.rfind('\n', open);
      std::string header = body.substr(line_start + 1, open - line_start - 1);
      if (std::regex_search(header, std::regex("^\\s*" + type + "\\s*$"))) {
        result.nested.push_back(body.substr(open + 1, i - open - 1));
      }
    } else if (depth == 0) {
      result.own += body[i];
    }
  }
  return result;
}

std::string argument(const std::string& body, const std::string& name) {
  std::smatch match;
  if (std::regex_search(body, match, std::regex("(^|\\n)\\s*" + name + "\\s*=\\s*\"([^\"]*)\""))) {
    return match[2];
  }
  return "";
}

std::string type_name(alexdb::ScalarType type) {
  return std::string(alexdb::scalar_type_name(type));
}

// Checks the table resource `resource` against the code's definition.
void expect_table(const std::string& main_tf, const std::string& resource,
                  const alexdb::TableDefinition& code) {
  SCOPED_TRACE(resource);
  std::string body = block(main_tf, "resource \"aws_dynamodb_table\" \"" + resource + "\"");
  ASSERT_FALSE(body.empty());
  Split attributes = split(body, "attribute");
  Split indexes = split(body, "global_secondary_index");
  EXPECT_EQ(argument(attributes.own, "billing_mode"), "PAY_PER_REQUEST");
  EXPECT_EQ(argument(attributes.own, "hash_key"), code.partition_key.name);
  ASSERT_TRUE(code.sort_key.has_value());
  EXPECT_EQ(argument(attributes.own, "range_key"), code.sort_key->name);

  std::set<std::pair<std::string, std::string>> declared;
  for (const std::string& a : attributes.nested)
    declared.emplace(argument(a, "name"), argument(a, "type"));
  std::set<std::pair<std::string, std::string>> expected = {
      {code.partition_key.name, type_name(code.partition_key.type)},
      {code.sort_key->name, type_name(code.sort_key->type)}};
  for (const alexdb::IndexDefinition& index : code.global_indexes) {
    expected.emplace(index.partition_key.name, type_name(index.partition_key.type));
    if (index.sort_key) expected.emplace(index.sort_key->name, type_name(index.sort_key->type));
  }
  EXPECT_EQ(declared, expected);

  ASSERT_EQ(indexes.nested.size(), code.global_indexes.size());
  for (std::size_t i = 0; i < code.global_indexes.size(); ++i) {
    const alexdb::IndexDefinition& index = code.global_indexes[i];
    const std::string& tf = indexes.nested[i];
    EXPECT_EQ(argument(tf, "name"), index.name);
    EXPECT_EQ(argument(tf, "hash_key"), index.partition_key.name);
    EXPECT_EQ(argument(tf, "range_key"), index.sort_key ? index.sort_key->name : "");
    ASSERT_EQ(index.projection.type, alexdb::Projection::Type::kAll);
    EXPECT_EQ(argument(tf, "projection_type"), "ALL");
  }
  for (const char* option : {"server_side_encryption", "point_in_time_recovery"}) {
    EXPECT_NE(body.find(option), std::string::npos) << option;
  }
  EXPECT_NE(body.find("dynamic \"ttl\""), std::string::npos);
}

std::set<std::string> actions(const std::string& policy) {
  std::set<std::string> found;
  std::regex action("\"dynamodb:([A-Za-z]+)\"");
  for (std::sregex_iterator it(policy.begin(), policy.end(), action), end; it != end; ++it) {
    found.insert((*it)[1]);
  }
  return found;
}

TEST(terraform_test, users_table_equals_code_definition) {
  expect_table(read_tf("main.tf"), "users", alexdb::alex::users_table());
}

TEST(terraform_test, instruments_table_equals_code_definition) {
  expect_table(read_tf("main.tf"), "instruments", alexdb::alex::instruments_table());
}

TEST(terraform_test, default_table_names_equal_code_defaults) {
  std::string variables = read_tf("variables.tf");
  EXPECT_EQ(argument(block(variables, "variable \"users_table_name\""), "default"),
            alexdb::alex::kDefaultUsersTable);
  EXPECT_EQ(argument(block(variables, "variable \"instruments_table_name\""), "default"),
            alexdb::alex::kDefaultInstrumentsTable);
  for (const char* option : {"server_side_encryption", "point_in_time_recovery", "ttl_attribute"}) {
    EXPECT_FALSE(block(variables, std::string("variable \"") + option + "\"").empty()) << option;
  }
}

TEST(terraform_test, runtime_policy_allows_exactly_the_package_calls) {
  std::string policy = block(read_tf("main.tf"), "data \"aws_iam_policy_document\" \"runtime\"");
  EXPECT_EQ(actions(policy), (std::set<std::string>{
                                 "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
                                 "BatchGetItem", "BatchWriteItem", "DescribeTable", "ListTables"}));
  EXPECT_NE(policy.find("/index/${local.jobs_by_status_index}"), std::string::npos);
  EXPECT_NE(read_tf("main.tf").find(std::string("jobs_by_status_index = \"") +
                                    alexdb::alex::kJobsByStatusIndex + "\""),
            std::string::npos);
}

TEST(terraform_test, table_changes_only_in_admin_policy) {
  std::string admin = block(read_tf("main.tf"), "data \"aws_iam_policy_document\" \"admin\"");
  EXPECT_EQ(actions(admin), (std::set<std::string>{"CreateTable", "DeleteTable", "DescribeTable"}));
}

}  // namespace
