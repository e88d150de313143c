# alexdb's two DynamoDB tables and the least-privilege IAM policies for the package.
# The keys and the index must equal the code's table definitions (src/alex/tables.cc);
# tests/cli/terraform_test.cc checks that they do.

terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  jobs_by_status_index = "GSI1"
}

# Users, accounts, positions with history, and jobs (SPEC section 2).
resource "aws_dynamodb_table" "users" {
  name                        = var.users_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PK"
    type = "S"
  }

  attribute {
    name = "SK"
    type = "S"
  }

  attribute {
    name = "GSI1PK"
    type = "S"
  }

  attribute {
    name = "GSI1SK"
    type = "S"
  }

  global_secondary_index {
    name            = "GSI1"
    hash_key        = "GSI1PK"
    range_key       = "GSI1SK"
    projection_type = "ALL"
  }

  server_side_encryption {
    enabled     = var.server_side_encryption
    kms_key_arn = var.server_side_encryption ? var.kms_key_arn : null
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  dynamic "ttl" {
    for_each = var.ttl_attribute == "" ? [] : [var.ttl_attribute]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  tags = var.tags
}

# Instruments (symbol/META) and their prices (symbol/<timestamp>).
resource "aws_dynamodb_table" "instruments" {
  name                        = var.instruments_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "symbol"
  range_key                   = "SK"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "symbol"
    type = "S"
  }

  attribute {
    name = "SK"
    type = "S"
  }

  server_side_encryption {
    enabled     = var.server_side_encryption
    kms_key_arn = var.server_side_encryption ? var.kms_key_arn : null
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  dynamic "ttl" {
    for_each = var.ttl_attribute == "" ? [] : [var.ttl_attribute]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  tags = var.tags
}

# What the package calls at run time: item reads and writes, queries (also on GSI1),
# scans (find_all and `alexdb verify`), batches, and DescribeTable. No table changes.
data "aws_iam_policy_document" "runtime" {
  statement {
    sid    = "AlexdbItems"
    effect = "Allow"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:DescribeTable",
    ]
    resources = [
      aws_dynamodb_table.users.arn,
      "${aws_dynamodb_table.users.arn}/index/${local.jobs_by_status_index}",
      aws_dynamodb_table.instruments.arn,
    ]
  }

  # ListTables has no resource-level permissions.
  statement {
    sid       = "AlexdbListTables"
    effect    = "Allow"
    actions   = ["dynamodb:ListTables"]
    resources = ["*"]
  }
}

# For operators only (`alexdb tables create|delete`): creating and deleting the tables.
data "aws_iam_policy_document" "admin" {
  statement {
    sid    = "AlexdbTables"
    effect = "Allow"
    actions = [
      "dynamodb:CreateTable",
      "dynamodb:DeleteTable",
      "dynamodb:DescribeTable",
    ]
    resources = [
      aws_dynamodb_table.users.arn,
      aws_dynamodb_table.instruments.arn,
    ]
  }
}

resource "aws_iam_policy" "runtime" {
  count       = var.create_iam_policies ? 1 : 0
  name        = "${var.policy_name_prefix}-runtime"
  description = "alexdb: read and write the Alex tables"
  policy      = data.aws_iam_policy_document.runtime.json
  tags        = var.tags
}

resource "aws_iam_policy" "admin" {
  count       = var.create_iam_policies ? 1 : 0
  name        = "${var.policy_name_prefix}-admin"
  description = "alexdb: create and delete the Alex tables"
  policy      = data.aws_iam_policy_document.admin.json
  tags        = var.tags
}
