output "users_table_name" {
  description = "Set DYNAMODB_USERS_TABLE to this."
  value       = aws_dynamodb_table.users.name
}

output "users_table_arn" {
  value = aws_dynamodb_table.users.arn
}

output "jobs_by_status_index_arn" {
  value = "${aws_dynamodb_table.users.arn}/index/${local.jobs_by_status_index}"
}

output "instruments_table_name" {
  description = "Set DYNAMODB_INSTRUMENTS_TABLE to this."
  value       = aws_dynamodb_table.instruments.name
}

output "instruments_table_arn" {
  value = aws_dynamodb_table.instruments.arn
}

output "runtime_policy_json" {
  description = "Least-privilege policy for services using the package."
  value       = data.aws_iam_policy_document.runtime.json
}

output "admin_policy_json" {
  description = "Policy for operators who create and delete the tables."
  value       = data.aws_iam_policy_document.admin.json
}

output "runtime_policy_arn" {
  value = var.create_iam_policies ? aws_iam_policy.runtime[0].arn : null
}

output "admin_policy_arn" {
  value = var.create_iam_policies ? aws_iam_policy.admin[0].arn : null
}
