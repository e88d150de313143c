"""`alexdb` on the embedded engine in a directory with no store yet.

The command line opens the embedded engine as the library and the Python module do: it
creates the missing tables, so any command works on a fresh store. A command that fails
before it wrote anything leaves no file behind (no empty `alex.db`, no WAL files), and
a failed command never removes a store that was there before it.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/fresh_store_test.py
"""
import os
import re
import subprocess

import pytest

BIN = os.path.abspath(os.environ.get("ALEXDB_BIN", "build/tools/alexdb/alexdb"))


def alexdb(cwd, *args):
    env = {k: v for k, v in os.environ.items() if not re.match(r"^(ALEXDB_|DYNAMODB_|AWS_)", k)}
    return subprocess.run([BIN, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_a_listing_on_a_fresh_directory_creates_the_tables(tmp_path):
    result = alexdb(tmp_path, "users", "list")
    assert result.returncode == 0, result.stderr
    assert "(0 records)" in result.stdout
    described = alexdb(tmp_path, "tables", "describe")
    assert described.returncode == 0, described.stderr
    assert described.stdout.count("ACTIVE") == 2, described.stdout


def test_a_write_on_a_fresh_directory_needs_no_tables_create(tmp_path):
    assert alexdb(tmp_path, "users", "create", "u1", "--name", "Jane").returncode == 0
    shown = alexdb(tmp_path, "users", "show", "u1")
    assert shown.returncode == 0 and "Jane" in shown.stdout, shown.stderr


@pytest.mark.parametrize("args,code", [
    (["users", "show", "nobody"], 1),
    (["accounts", "create", "--user", "nobody", "--name", "Roth"], 2),
    (["positions", "set", "acc", "SPY", "-1"], 2),
    (["verify"], 1),
    (["tables", "describe"], 1),
    (["restore", "missing.jsonl.gz"], 1),
    (["prices", "import", "bad.csv"], 2),
])
def test_a_command_that_fails_before_writing_leaves_no_file(tmp_path, args, code):
    (tmp_path / "bad.csv").write_text("symbol,date,price\nSPY,2025-01-02,abc\n")
    result = alexdb(tmp_path, *args)
    assert result.returncode == code, result.stderr + result.stdout
    assert re.search(r"alexdb: error:|FAIL|MISSING", result.stderr + result.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_a_failed_copy_leaves_no_target_file(tmp_path):
    # The source holds nothing: the copy fails before writing (no tables to copy).
    result = alexdb(tmp_path, "copy", "--from", "sqlite:from.db", "--to", "sqlite:to.db", "-q")
    assert result.returncode != 0, result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failed_command_keeps_a_store_that_was_there(tmp_path):
    assert alexdb(tmp_path, "tables", "create").returncode == 0
    assert alexdb(tmp_path, "users", "show", "nobody").returncode == 1
    assert (tmp_path / "alex.db").exists()
    assert alexdb(tmp_path, "tables", "describe").returncode == 0


def test_a_named_store_file_is_removed_only_when_this_command_made_it(tmp_path):
    store = f"sqlite:{tmp_path / 'sub.db'}"
    assert alexdb(tmp_path, "--store", store, "users", "show", "nobody").returncode == 1
    assert not (tmp_path / "sub.db").exists()
    assert alexdb(tmp_path, "--store", store, "users", "create", "u1", "--name", "A").returncode == 0
    assert alexdb(tmp_path, "--store", store, "users", "show", "nobody").returncode == 1
    assert alexdb(tmp_path, "--store", store, "users", "show", "u1").returncode == 0
