"""`alexdb` usage: errors in the documented form, --version, help, bash completion.

Every mistake on the command line (unknown option or command, bad or missing value,
extra argument, repeated option, excluded or required pair) is reported on stderr as
`alexdb: error: FIELD: rule (value)` (or `... (see alexdb COMMAND --help)`) with exit
status 2 and nothing written; CLI11's own wording never shows.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/usage_cli_test.py
"""
import os
import re
import shlex
import subprocess

import pytest

BIN = os.environ.get("ALEXDB_BIN", "build/tools/alexdb/alexdb")
SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(*args, cwd=None):
    env = dict(os.environ, ALEXDB_STORE="memory:")
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env, cwd=cwd)


def usage_error(result, message):
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"alexdb: error: {message}\n")
    assert "Run with --help" not in result.stderr


USERS = "create, show, list, update, delete"


@pytest.mark.parametrize("args, message", [
    # unknown options: at the command they were given to
    (["--bogus", "users", "list"], "--bogus: unknown option (see alexdb --help)"),
    (["users", "list", "--bogus"], "--bogus: unknown option (see alexdb users list --help)"),
    (["users", "list", "--bogus=1"], "--bogus: unknown option (see alexdb users list --help)"),
    (["-x"], "-x: unknown option (see alexdb --help)"),
    # unknown and missing commands
    (["nosuch"], "nosuch: unknown command (see alexdb --help)"),
    (["users", "lsit"], "lsit: unknown command (see alexdb users --help)"),
    (["users"], f"users: a command is required: {USERS} (see alexdb users --help)"),
    ([], "alexdb: a command is required: tables, seed, verify, migrate, users, accounts, "
         "positions, history, value, prices, instruments, jobs, trades, lots, gains, cash, "
         "allocation, returns, demo, cost, "
         "backup, restore, copy, help, completion (see alexdb --help)"),
    # missing required option or argument
    (["users", "create", "u1"], "--name: required (see alexdb users create --help)"),
    (["users", "create", "--name", "x"], "clerk_user_id: required (see alexdb users create --help)"),
    (["accounts", "show"], "account_id: required (see alexdb accounts show --help)"),
    # extra positional arguments
    (["users", "show", "a", "b"], "b: unexpected argument (see alexdb users show --help)"),
    (["tables", "create", "extra"], "extra: unexpected argument (see alexdb tables create --help)"),
    # an option without its value, given twice, or a flag given a value
    (["users", "list", "--limit"], "--limit: needs a value (see alexdb users list --help)"),
    (["users", "list", "--limit", "--offset", "1"],  # the next word is the value, as read
     "--limit: a whole number from 0 to 1000000 (--offset)"),
    (["users", "list", "--limit", "1", "--limit", "2"],
     "--limit: given more than once (see alexdb users list --help)"),
    (["users", "list", "--json=maybe"],
     "--json: a flag takes no value (maybe) (see alexdb users list --help)"),
    # excluded and required pairs
    (["accounts", "update", "a1", "--purpose", "p", "--no-purpose"],
     "--no-purpose: not allowed with --purpose (see alexdb accounts update --help)"),
    (["jobs", "update", "j1", "--no-error", "--error", "e"],
     "--no-error: not allowed with --error (see alexdb jobs update --help)"),
    (["jobs", "list", "--status", "pending"], "--status: needs --user (see alexdb jobs list --help)"),
    # fixed choices
    (["value", "A1", "--step", "yearly"], "--step: one of daily, weekly, monthly (yearly)"),
    (["positions", "set", "A1", "SPY", "1", "--action", "GIFT"],
     "--action: one of BUY, SELL, TRANSFER, UPDATE (GIFT)"),
    (["jobs", "list", "--user", "u", "--status", "done"],
     "--status: one of pending, running, completed, failed (done)"),
    (["trades", "add", "A1", "GIFT"],
     "type: one of BUY, SELL, TRANSFER_IN, TRANSFER_OUT, DEPOSIT, WITHDRAWAL, INTEREST, "
     "DIVIDEND, FEE (GIFT)"),
    (["gains", "A1", "--method", "FIFOO"], "--method: one of fifo, lifo, hifo, average (FIFOO)"),
    (["jobs", "create", "--user", "u", "--type", "x"],
     "--type: one of portfolio_analysis, rebalance_recommendation, retirement_projection, "
     "risk_assessment, tax_optimization, instrument_research (x)"),
])
def test_each_kind_of_usage_error_has_the_documented_form_and_exit_2(args, message):
    usage_error(run(*args), message)


# Every option CLI11 reads as a number, and the counts of `cost`: the rule has a range a
# person can read and the bad value is shown.
@pytest.mark.parametrize("args, flag, rule, value", [
    (["users", "list", "--limit"], "--limit", "a whole number from 0 to 1000000", "abc"),
    (["users", "list", "--limit"], "--limit", "a whole number from 0 to 1000000", "1000001"),
    (["users", "list", "--offset"], "--offset", "a whole number from 0 to 1000000", "-1"),
    (["users", "list", "--offset"], "--offset", "a whole number from 0 to 1000000", "1.5"),
    (["jobs", "list", "--limit"], "--limit", "a whole number from 0 to 1000000", "x"),
    (["seed", "--days"], "--days", "a whole number from 1 to 20000", "0"),
    (["seed", "--days"], "--days", "a whole number from 1 to 20000", "20001"),
    (["backup", "f.bak", "--segments"], "--segments", "a whole number from 1 to 64", "65"),
    (["copy", "--from", "memory:", "--to", "memory:", "--segments"], "--segments",
     "a whole number from 1 to 64", "many"),
    (["cost", "--users"], "--users", "a whole number from 0 to 1000000000", "-1"),
    (["cost", "--series"], "--series", "a whole number from 0 to 1000000", "1e9"),
])
def test_numeric_options_report_the_value_and_a_readable_range(args, flag, rule, value):
    usage_error(run(*args, value), f"{flag}: {rule} ({value})")


def test_numeric_options_accept_their_bounds(tmp_path):
    store = ["--store", f"sqlite:{tmp_path / 'alex.db'}"]
    assert run(*store, "tables", "create").returncode == 0
    assert run(*store, "users", "list", "--limit", "1000000", "--offset", "0").returncode == 0
    assert run(*store, "jobs", "list", "--limit", "0").returncode == 0
    assert run("cost", "--users", "1000000000", "--json").returncode == 0


def test_a_usage_error_writes_nothing(tmp_path):
    db = tmp_path / "alex.db"
    for args in (["users", "create", "u1", "--name", "N", "--bogus"],
                 ["seed", "--days", "0"],
                 ["users", "create", "u1", "--name", "N", "--name", "M"]):
        result = subprocess.run([BIN, "--store", f"sqlite:{db}", *args], capture_output=True,
                                text=True, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert not db.exists(), args


def test_version_is_the_project_version():
    with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as cmake:
        version = re.search(r"project\(alexdb VERSION (\S+)", cmake.read()).group(1)
    result = run("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"alexdb {version}\n", "")


def completion_tables():
    """The command paths and the words of each, from the generated script."""
    script = run("completion", "bash").stdout
    block = re.search(r"_alexdb_words=\((.*?)\n\)", script, re.S).group(1)
    return dict(re.findall(r'\["([^"]+)"\]="([^"]*)"', block))


def all_command_paths():
    paths = []
    for path, words in completion_tables().items():
        paths.append(path.split()[1:])
        paths.extend(path.split()[1:] + [word] for word in words.split())
    return paths


def test_help_prints_what_help_option_prints_for_every_command():
    paths = all_command_paths()
    assert ["users", "list"] in paths and ["value"] in paths and [] in paths
    for path in paths:
        by_option = run(*path, "--help")
        by_command = run("help", *path)
        assert by_option.returncode == 0 and by_command.returncode == 0, path
        assert by_command.stdout == by_option.stdout and by_command.stdout, path


def test_help_of_an_unknown_command_is_a_usage_error():
    usage_error(run("help", "nosuch"), "nosuch: unknown command (see alexdb --help)")
    usage_error(run("help", "users", "nosuch"), "nosuch: unknown command (see alexdb users --help)")
    usage_error(run("help", "value", "x"), "x: unknown command (see alexdb value --help)")
    usage_error(run("help", "users", "list", "x"),
                "x: unknown command (see alexdb users list --help)")


def test_top_level_help_documents_help_completion_version_and_exit_status():
    text = run("--help").stdout
    for expected in ["--version", "help", "completion", "source <(alexdb completion bash)",
                     "2 bad usage or input", "alexdb: error: FIELD: rule (value)"]:
        assert expected in text, expected


def complete(*words):
    """COMPREPLY of the generated completion for `words`, the last one being completed."""
    script = (f'source <({shlex.quote(BIN)} completion bash)\n'
              f'COMP_WORDS=({" ".join(shlex.quote(w) for w in words)})\n'
              f'COMP_CWORD={len(words) - 1}\n'
              '_alexdb\n'
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return sorted(result.stdout.split())


def test_completion_offers_commands_subcommands_options_and_choices():
    assert complete("alexdb", "us") == ["users"]
    assert complete("alexdb", "users", "") == sorted(USERS.split(", "))
    assert complete("alexdb", "users", "list", "--l") == ["--limit"]
    assert complete("alexdb", "value", "X", "--step", "") == ["daily", "monthly", "weekly"]
    assert complete("alexdb", "value", "X", "--step", "w") == ["weekly"]
    assert complete("alexdb", "positions", "set", "A", "SPY", "1", "--action", "") == \
        ["BUY", "SELL", "TRANSFER", "UPDATE"]
    assert complete("alexdb", "completion", "") == []  # falls back to file names


def test_completion_knows_global_options_and_skips_option_values():
    assert complete("alexdb", "users", "list", "--js") == ["--json"]  # global, after the command
    assert complete("alexdb", "--ver") == ["--verbose", "--version"]
    assert complete("alexdb", "--json", "us") == ["users"]  # a flag takes no value
    assert "tables" in complete("alexdb", "--store", "users", "")  # "users" was --store's value
    assert complete("alexdb", "--store", "") == []  # a free value: file names


def test_completion_is_in_step_with_the_commands():
    tables = completion_tables()
    top = run("--help").stdout
    for command in tables["alexdb"].split():
        assert re.search(rf"^  {command}\b", top, re.M), command
    listed = re.findall(r"^  (\w+)\s", top.split("Subcommands:")[1].split("\n\n")[0], re.M)
    assert sorted(listed) == sorted(tables["alexdb"].split())


def test_completion_for_another_shell_is_a_usage_error_naming_bash():
    usage_error(run("completion", "zsh"), "shell: only bash is supported (zsh)")
    usage_error(run("completion"), "shell: required (see alexdb completion --help)")
