# Inputs of the alexdb tables. The defaults match the names the package uses when
# DYNAMODB_USERS_TABLE / DYNAMODB_INSTRUMENTS_TABLE are unset.

variable "region" {
  description = "AWS region of the tables."
  type        = string
  default     = "us-east-1"
}

variable "users_table_name" {
  description = "Name of the users table (DYNAMODB_USERS_TABLE)."
  type        = string
  default     = "alex-users-data"
}

variable "instruments_table_name" {
  description = "Name of the instruments table (DYNAMODB_INSTRUMENTS_TABLE)."
  type        = string
  default     = "alex-instruments"
}

variable "server_side_encryption" {
  description = "Encrypt the tables with a KMS key (AWS managed unless kms_key_arn is set). When false, DynamoDB's default encryption with an AWS owned key applies."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for server-side encryption; null uses the AWS managed key."
  type        = string
  default     = null
}

variable "point_in_time_recovery" {
  description = "Enable point-in-time recovery (continuous backups) on both tables."
  type        = bool
  default     = true
}

variable "ttl_attribute" {
  description = "Attribute holding an expiry time (epoch seconds) for DynamoDB TTL; empty disables TTL."
  type        = string
  default     = ""
}

variable "deletion_protection" {
  description = "Protect the tables from deletion."
  type        = bool
  default     = false
}

variable "create_iam_policies" {
  description = "Create the runtime and admin IAM policies from their documents."
  type        = bool
  default     = true
}

variable "policy_name_prefix" {
  description = "Prefix of the IAM policy names."
  type        = string
  default     = "alexdb"
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
