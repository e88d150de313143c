"""The README's command examples, run as written, in the order a reader meets them.

Every ```sh block of README.md runs here from a fresh directory (one for the whole
README, so later blocks see what earlier ones wrote, as they do for a reader) with
`alexdb` on PATH and no ALEXDB_*/DYNAMODB_* settings: the `alexdb` blocks in bash with
`set -euo pipefail`, so every command in them must succeed. The one change made to a
block is the DynamoDB endpoint: `http://127.0.0.1:8000` becomes a dynalite this test
starts for itself (so the README's default table names meet no other test's tables).
Transcripts (a block whose lines start with `$ alexdb`) run after the blocks, and every
line the README prints after its `...` must appear in the output as written. Blocks of
build commands (`make`, `pip`) are checked, not run: each `make` line's target must exist
(`make -n`), and the `pip install` lines install the wheel `make wheel` writes, as
tests/wheel/wheel-test.sh does. A block of a kind this test does not know fails it.

Run: ALEXDB_BIN=build/tools/alexdb/alexdb /usr/bin/python3 -m pytest tests/cli/readme_test.py
"""
import json
import os
import re
import shlex
import socket
import subprocess
import time
import urllib.request

import pytest

BIN = os.path.abspath(os.environ.get("ALEXDB_BIN", "build/tools/alexdb/alexdb"))
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
README = os.path.join(ROOT, "README.md")
README_ENDPOINT = "http://127.0.0.1:8000"


def readme_blocks():
    """(line, language, text) of every fenced block of the README."""
    blocks, language, start, lines = [], None, 0, []
    with open(README, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fence = re.match(r"^```(\w*)\s*$", line)
            if fence and language is None:
                language, start, lines = fence.group(1), number, []
            elif fence:
                blocks.append((start, language, "".join(lines)))
                language = None
            elif language is not None:
                lines.append(line)
    return blocks


def commands(text):
    """The block's command lines: comments and blank lines dropped."""
    return [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]


def is_build_block(text):
    return all(re.match(r"^(make|pip) ", l) for l in commands(text))


def is_transcript(text):
    return text.startswith("$ alexdb")


SH_BLOCKS = [(line, text) for line, language, text in readme_blocks() if language == "sh"]
ALEXDB_BLOCKS = [(line, text) for line, text in SH_BLOCKS if not is_build_block(text)]
BUILD_BLOCKS = [(line, text) for line, text in SH_BLOCKS if is_build_block(text)]
TRANSCRIPTS = [(line, text) for line, language, text in readme_blocks()
               if language == "" and is_transcript(text)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint():
    """A dynalite of this test's own, on a free 127.0.0.1 port."""
    cli_js = os.path.join(ROOT, "node_modules", "dynalite", "cli.js")
    if not os.path.exists(cli_js):
        pytest.skip("dynalite is not installed (make test installs it)")
    port = free_port()
    server = subprocess.Popen(["node", cli_js, "--host", "127.0.0.1", "--port", str(port),
                               "--createTableMs", "20", "--deleteTableMs", "20"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except urllib.error.HTTPError:
            break  # it answers
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("dynalite did not start")
            time.sleep(0.1)
    yield url
    server.kill()
    server.wait()


@pytest.fixture(scope="module")
def reader(tmp_path_factory, endpoint):
    """A reader's shell: a fresh directory, `alexdb` on PATH, no alexdb settings."""
    home = tmp_path_factory.mktemp("readme")
    bin_dir = home / "bin"
    bin_dir.mkdir()
    (bin_dir / "alexdb").symlink_to(BIN)
    work = home / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not re.match(r"^(ALEXDB_|DYNAMODB_|AWS_)", k)}
    env.update(PATH=f"{bin_dir}:{env.get('PATH', '/usr/bin:/bin')}",
               # dynalite accepts any signed request: test credentials, not secrets.
               AWS_ACCESS_KEY_ID="alexdb-test", AWS_SECRET_ACCESS_KEY="alexdb-test-secret",
               AWS_REGION="us-east-1")
    return {"cwd": work, "env": env, "vars": home / "vars.sh", "endpoint": endpoint}


def run_in_shell(reader, text):
    """Runs `text` in bash with the variables earlier blocks set; saves the ones it sets."""
    names = sorted(set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", text, re.M)))
    script = "set -euo pipefail\n"
    script += f'[ -f {shlex.quote(str(reader["vars"]))} ] && . {shlex.quote(str(reader["vars"]))}\n'
    script += text.replace(README_ENDPOINT, reader["endpoint"])
    if names:
        script += f'\ndeclare -p {" ".join(names)} >> {shlex.quote(str(reader["vars"]))}\n'
    return subprocess.run(["bash", "-c", script], cwd=reader["cwd"], env=reader["env"],
                          capture_output=True, text=True, timeout=600)


def test_the_readme_has_the_blocks_this_test_runs():
    assert len(ALEXDB_BLOCKS) >= 4 and BUILD_BLOCKS and TRANSCRIPTS
    for line, language, text in readme_blocks():
        if language == "sh":
            continue
        # Other blocks are code of other languages, a diagram or printed output: none of
        # them is a command to type (those are ```sh).
        assert not (language == "" and re.match(r"^(alexdb|make|pip) ", text)), (
            f"README.md:{line}: a command block without ```sh")


@pytest.mark.parametrize("line,text", ALEXDB_BLOCKS, ids=[f"README.md:{l}" for l, _ in ALEXDB_BLOCKS])
def test_an_alexdb_block_runs_as_written(reader, line, text):
    result = run_in_shell(reader, text)
    assert result.returncode == 0, (f"README.md:{line} failed (exit {result.returncode}):\n"
                                    f"{result.stderr[-3000:]}\n{result.stdout[-3000:]}")
    assert "alexdb: error:" not in result.stderr, result.stderr


def test_the_example_account_is_valued_inside_the_seeded_range(reader):
    """The dates of the examples fall where `seed --end` put prices: nothing is missing."""
    result = run_in_shell(reader, 'alexdb value "$ACCOUNT" --at 2025-01-15 --json\n')
    assert result.returncode == 0, result.stderr
    valuation = json.loads(result.stdout)
    assert valuation["missing_prices"] == []
    assert valuation["num_positions"] == "1"
    assert [p["symbol"] for p in valuation["positions"]] == ["SPY"]
    assert valuation["positions"][0]["quantity"] == "100"


@pytest.mark.parametrize("line,text", TRANSCRIPTS, ids=[f"README.md:{l}" for l, _ in TRANSCRIPTS])
def test_a_transcript_prints_what_the_readme_shows(reader, line, text):
    command, *shown = text.splitlines()
    result = run_in_shell(reader, command[2:] + "\n")
    assert result.returncode == 0, result.stderr
    output = [l.rstrip() for l in (result.stdout + result.stderr).splitlines()]
    after_dots = shown[shown.index("...") + 1:] if "..." in shown else shown
    for expected in after_dots:
        assert expected.rstrip() in output, f"README.md:{line}: {expected!r} not in {output}"


@pytest.mark.parametrize("line,text", BUILD_BLOCKS, ids=[f"README.md:{l}" for l, _ in BUILD_BLOCKS])
def test_a_build_block_names_real_targets(line, text):
    for command in commands(text):
        words = shlex.split(command.split("#")[0])
        if words[0] == "make":
            result = subprocess.run(["make", "-n", *words[1:]], cwd=ROOT, capture_output=True,
                                    text=True, timeout=60)
            assert result.returncode == 0, f"README.md:{line}: {command}: {result.stderr}"
        else:
            # pip installs the file `make wheel` writes (dist/alexdb-*.whl).
            assert words[:2] == ["pip", "install"] and re.match(r"^dist/alexdb-.*\.whl$",
                                                                words[-1]), command
