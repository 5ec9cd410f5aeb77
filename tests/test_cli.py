"""The command line, through click's CliRunner (and one real subprocess for ``python -m``)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import CONTRACT_CHECKER, SARIF_SCHEMA, SEEDS, finding_codes, rule_table

from newslint import __version__
from newslint.cli import main

ARTICLE = "Share it:\nThe vote is on Friday.\n"
CLEAN = "The vote is on Friday.\n\nThe count begins on Monday.\n"


def run(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return path


# --- exit codes -------------------------------------------------------------------------------


def test_exit_codes(tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.txt", CLEAN)
    dirty = write(tmp_path / "dirty.txt", ARTICLE)
    assert run("check", str(clean)).exit_code == 0
    assert "All checks passed" in run("check", str(clean)).stderr
    assert run("check", str(dirty)).exit_code == 1
    assert run("check", "--exit-zero", str(dirty)).exit_code == 0
    assert run("check").exit_code == 2  # no paths
    missing = run("check", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2 and "missing.txt" in missing.stderr
    assert run("check", "--output-format", "xml", str(clean)).exit_code == 2  # usage error
    # fix: 0 when everything left is clean, 1 when findings remain.
    assert run("fix", str(dirty)).exit_code == 0
    assert dirty.read_text(encoding="utf-8") == "The vote is on Friday.\n"
    unsafe_only = write(tmp_path / "credit.txt", "The vote is on Friday.\nPhoto credit: AFP / Reuters\nThe count.\n")
    assert run("fix", str(unsafe_only)).exit_code == 1
    assert run("fix", "--unsafe-fixes", str(unsafe_only)).exit_code == 0
    assert unsafe_only.read_text(encoding="utf-8") == "The vote is on Friday.\nThe count.\n"


def test_text_output_and_summary(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Share it:\nThe vote is on Friday.\nPhoto credit: AFP / Reuters\nThe count.\n")
    result = run("check", str(path))
    assert result.stdout.splitlines() == [
        f"{path}:1:1: NL201 [*] leftover share prompt 'Share it:'",
        f"{path}:3:1: NL209 [unsafe fix] photo credit on a line of its own: 'Photo credit: AFP / Reuters'",
    ]
    assert "Found 2 findings" in result.stderr and "1 fixable with `newslint fix`" in result.stderr
    assert "1 more fixable with `newslint fix --unsafe-fixes`" in result.stderr
    assert run("check", "--quiet", str(path)).stderr == ""


def test_select_and_ignore_options(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Share it:\nThe vote is on Friday.  \n\nJust In\n")

    def codes(*args: str) -> list[str]:
        return [json.loads(line)["code"] for line in run("check", "--output-format", "jsonl", *args, str(path)).stdout.splitlines()]

    assert codes() == ["NL201", "NL401", "NL205"]
    assert codes("--select", "NL201") == ["NL201"]
    assert codes("--select", "NL201,NL205") == ["NL201", "NL205"]
    assert codes("--select", "boilerplate", "--ignore", "NL205") == ["NL201"]
    assert codes("--ignore", "whitespace,boilerplate.share") == ["NL205"]
    assert codes("--select", "boilerplate.section-heading") == ["NL205"]


# --- output formats ---------------------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with a text file, a Markdown file and a JSONL file, all with findings."""
    write(tmp_path / "a.txt", "Weâ€™ll see.  \r\nShare it:\r\n\r\n\r\n\r\nThe vote is on Friday.\r\n")
    write(tmp_path / "b.md", "# Vote\n\nThe  vote is on Friday.  \nJust In\n")
    write(
        tmp_path / "c.jsonl",
        json.dumps({"id": 1, "title": "Vote", "text": "Share it:\nThe vote is on Friday.  \n"}) + "\n"
        + json.dumps({"id": 2, "maintext": "Clean text.\n"}) + "\n"
        + json.dumps({"id": 3, "text": "Loading...\nThe count\u00a0\u00a0begins."}, ensure_ascii=False) + "\n",
    )
    return tmp_path


def test_jsonl_output_follows_the_contract(mixed: Path) -> None:
    result = run("check", "--output-format", "jsonl", str(mixed))
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["path"] for r in records} == {str(mixed / n) for n in ("a.txt", "b.md", "c.jsonl")}
    keys = {"path", "record", "field", "code", "name", "category", "severity", "start", "end", "line", "column", "end_line", "end_column", "message", "fix"}
    for r in records:
        assert keys <= set(r)
        if r["path"].endswith(".jsonl"):
            assert isinstance(r["record"], int) and r["field"] == "text"
        else:
            assert r["record"] is None and r["field"] is None
    if not CONTRACT_CHECKER.is_file():
        pytest.skip(f"{CONTRACT_CHECKER} not present: contract checked by the assertions above only")
    checked = subprocess.run([sys.executable, str(CONTRACT_CHECKER)], input=result.stdout, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_jsonl_output_on_the_seeds_follows_the_contract() -> None:
    if not CONTRACT_CHECKER.is_file():
        pytest.skip(f"{CONTRACT_CHECKER} not present")
    result = run("check", "--output-format", "jsonl", str(SEEDS))
    checked = subprocess.run([sys.executable, str(CONTRACT_CHECKER)], input=result.stdout, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout
    count = len(result.stdout.splitlines())
    assert count >= 10 and f"{count} findings, 0 break the contract" in checked.stdout


def test_jsonl_contract_with_lone_cr_and_unicode_line_separators(tmp_path: Path) -> None:
    if not CONTRACT_CHECKER.is_file():
        pytest.skip(f"{CONTRACT_CHECKER} not present")
    write(tmp_path / "old-mac.txt", "The vote is on Friday.\rShare it:\rThe count.\u2028Just In\n")
    result = run("check", "--output-format", "jsonl", str(tmp_path))
    checked = subprocess.run([sys.executable, str(CONTRACT_CHECKER)], input=result.stdout, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout


def test_json_output(mixed: Path) -> None:
    as_json = json.loads(run("check", "--output-format", "json", str(mixed)).stdout)
    as_jsonl = [json.loads(line) for line in run("check", "--output-format", "jsonl", str(mixed)).stdout.splitlines()]
    assert as_json == as_jsonl
    assert json.loads(run("check", "--output-format", "json", str(mixed / "b.md"), "--select", "NL9").stdout) == []


def test_github_output(tmp_path: Path) -> None:
    path = write(tmp_path / "a,b.txt", "Share it:\nThe vote is on Friday.\n")
    lines = run("check", "--output-format", "github", str(path)).stdout.splitlines()
    escaped = str(path).replace(",", "%2C")
    assert lines == [
        f"::warning file={escaped},line=1,col=1,endLine=1,endColumn=10,title=NL201 boilerplate.share::leftover share prompt 'Share it:'"
    ]


def test_sarif_output(mixed: Path) -> None:
    result = run("check", "--output-format", "sarif", str(mixed))
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rules = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    results = run_["results"]
    assert results and {r["ruleId"] for r in results} <= rules
    for r in run_["tool"]["driver"]["rules"]:
        assert r["fullDescription"]["text"] and r["help"]["text"]
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        if "record" in r.get("properties", {}):
            # A JSONL finding points at its record's line; its place in the text is in properties.
            assert region == {"startLine": r["properties"]["record"]} and r["properties"]["column"] >= 1
        else:
            assert region["startColumn"] >= 1
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed: SARIF schema validation skipped")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"{SARIF_SCHEMA} not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_statistics(mixed: Path) -> None:
    result = run("check", "--statistics", str(mixed))
    rows = [line.split() for line in result.stdout.splitlines()]
    counts = {row[1]: int(row[0]) for row in rows}
    found = [json.loads(line)["code"] for line in run("check", "--output-format", "jsonl", str(mixed)).stdout.splitlines()]
    assert counts == {code: found.count(code) for code in set(found)}
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    assert any(row[2] == "[*]" for row in rows)


# --- fix --------------------------------------------------------------------------------------


def test_fix_diff_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    jsonl = write(tmp_path / "b.jsonl", json.dumps({"text": ARTICLE}) + "\n")
    before = path.read_bytes(), jsonl.read_bytes()
    result = run("fix", "--diff", str(path), str(jsonl))
    assert (path.read_bytes(), jsonl.read_bytes()) == before
    assert f"--- a/{path}" in result.stdout and f"+++ b/{path}" in result.stdout
    assert "\n-Share it:\n" in result.stdout
    assert f"--- a/{jsonl}" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.jsonl"]  # no temporary files left


def test_fix_preserves_crlf_bom_and_missing_final_newline(tmp_path: Path) -> None:
    crlf = write(tmp_path / "crlf.txt", b"The vote is on Friday.  \r\nShare it:\r\nThe count begins.\r\n")
    bom = write(tmp_path / "bom.txt", b"\xef\xbb\xbfShare it:\nThe vote is on Friday.\n")
    no_newline = write(tmp_path / "nonl.txt", b"The vote is on Friday.\n\nJust In\n\nThe count begins.")
    mixed = write(tmp_path / "mixed.md", b"The vote.  \r\nShare it:\nThe count.\r")
    assert run("fix", str(tmp_path)).exit_code == 0
    assert crlf.read_bytes() == b"The vote is on Friday.\r\nThe count begins.\r\n"
    assert bom.read_bytes() == b"\xef\xbb\xbfThe vote is on Friday.\n"
    assert no_newline.read_bytes() == b"The vote is on Friday.\n\nThe count begins."
    assert mixed.read_bytes() == b"The vote.  \r\nThe count.\r"  # two spaces: a Markdown hard break


def test_fix_utf16_file_keeps_its_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", "\ufeffShare it:\r\nThe vote is on Friday.\r\n".encode("utf-16-le"))
    assert run("fix", str(path)).exit_code == 0
    assert path.read_bytes() == "\ufeffThe vote is on Friday.\r\n".encode("utf-16-le")


def test_fix_jsonl_records(tmp_path: Path) -> None:
    untouched = [
        b'{"id": 2, "text": "Clean text here.", "tags": ["a", "b"], "nested": {"k": 1.50}}\n',
        b'{"id":3,"text":"Compact \\u00e9 clean."}\r\n',
        b"\n",
        b'{"id": 5, "title": "No text field"}\n',
    ]
    malformed = b'{"id": 4, "text": "Share it:\\nbroken"\n'
    dirty = json.dumps({"id": 1, "title": "Vote", "text": "Share it:\nThe vote is on Friday."}).encode() + b"\n"
    dirty_ascii = b'{"id":6,"text":"We\\u2019ll  see.\\nShare it:"}\n'
    lines = [dirty, untouched[0], untouched[1], malformed, untouched[2], untouched[3], dirty_ascii]
    path = write(tmp_path / "dump.jsonl", b"".join(lines))
    result = run("fix", str(path))
    assert result.exit_code == 2
    assert f"{path}: line 4: malformed JSON" in result.stderr
    out = path.read_bytes().splitlines(keepends=True)
    assert len(out) == len(lines)
    assert json.loads(out[0]) == {"id": 1, "title": "Vote", "text": "The vote is on Friday."}
    assert out[0].startswith(b'{"id": 1, "title": "Vote", "text": ')  # key order and style kept
    assert out[1:3] == untouched[:2]
    assert out[3] == malformed  # passed through byte for byte
    assert out[4:6] == untouched[2:]
    assert out[6] == b'{"id":6,"text":"We\\u2019ll see."}\n'  # compact separators and ASCII escapes kept


def test_jsonl_record_with_duplicate_keys_is_linted_but_never_rewritten(tmp_path: Path) -> None:
    raw = b'{"id": 1, "text": "Share it:\\nOld.", "text": "Share it:\\nThe vote is on Friday."}\n'
    path = write(tmp_path / "dup.jsonl", raw)
    result = run("fix", str(path))
    assert path.read_bytes() == raw
    assert f"{path}: line 1: duplicate key 'text'" in result.stderr and "warning" in result.stderr
    # The defect is still in the file, so it is still reported (and the exit code says so).
    assert result.exit_code == 1
    assert f"{path}:1:text:1:1: NL201" in result.stdout
    assert "Fixed" not in result.stderr


def test_check_jsonl_reports_record_and_field(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.jsonl", json.dumps({"id": 1, "articleBody": "Body.\nShare it:"}) + "\n" + "[1, 2]\n")
    result = run("check", "--output-format", "jsonl", str(path))
    assert result.exit_code == 2  # the array record is an input error
    assert f"{path}: line 2: record is a JSON list" in result.stderr
    (finding,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (finding["record"], finding["field"], finding["line"], finding["code"]) == (1, "articleBody", 2, "NL201")
    custom = run("check", "--output-format", "jsonl", "--text-field", "title", str(path))
    assert custom.stdout == ""


def test_stdin(tmp_path: Path) -> None:
    result = run("check", "-", input="Share it:\nThe vote is on Friday.\n")
    assert result.exit_code == 1 and result.stdout.startswith("-:1:1: NL201")
    named = run("check", "--stdin-filename", "story.txt", "-", input="Share it:\n")
    assert named.stdout.startswith("story.txt:1:1: NL201")
    fixed = run("fix", "-", input=b"Share it:\r\nThe vote is on Friday.\r\n")
    assert fixed.exit_code == 0
    assert fixed.stdout_bytes == b"The vote is on Friday.\r\n"
    unchanged = run("fix", "-", input=b"Clean text.\n")
    assert unchanged.stdout_bytes == b"Clean text.\n"
    diff = run("fix", "--diff", "-", input="Share it:\nThe vote.\n")
    assert "-Share it:" in diff.stdout


def test_undecodable_and_binary_files_are_reported_and_others_processed(tmp_path: Path) -> None:
    bad = write(tmp_path / "a-latin1.txt", b"Caf\xe9 owners said no.\n")
    binary = write(tmp_path / "b-image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good = write(tmp_path / "c-good.txt", ARTICLE)
    result = run("check", "--output-format", "jsonl", str(tmp_path))
    assert result.exit_code == 2
    assert f"{bad}: not valid UTF-8 at byte 3" in result.stderr and "--encoding" in result.stderr
    assert f"{binary}: looks binary" in result.stderr
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [str(good)]
    # fix goes on with the good file and never touches the unreadable ones.
    before = bad.read_bytes(), binary.read_bytes()
    assert run("fix", str(tmp_path)).exit_code == 2
    assert (bad.read_bytes(), binary.read_bytes()) == before
    assert good.read_text(encoding="utf-8") == "The vote is on Friday.\n"
    # With an encoding named, the Latin-1 file is read (and written back in Latin-1).
    assert run("check", "--encoding", "latin-1", str(bad)).exit_code == 0
    assert run("check", "--encoding-errors", "latin-1", str(bad)).exit_code == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_file_is_not_modified(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", ARTICLE)
    other = write(tmp_path / "other.txt", ARTICLE)
    locked.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        result = run("fix", str(tmp_path))
        assert result.exit_code == 2
        assert f"{locked}: file is read-only; not modified" in result.stderr
        assert locked.read_text(encoding="utf-8") == ARTICLE
        # What is reported is what the file still holds; nothing is claimed as fixed for it.
        assert f"{locked}:1:1: NL201" in result.stdout
        assert "Fixed 1 finding." in result.stderr  # other.txt only
        assert other.read_text(encoding="utf-8") == "The vote is on Friday.\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.txt", "other.txt"]
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_fix_keeps_file_permissions(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    path.chmod(0o640)
    assert run("fix", str(path)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_hidden_folders_and_unsupported_files_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".git" / "a.txt", ARTICLE)
    write(tmp_path / "notes.rst", ARTICLE)
    write(tmp_path / "data.json", json.dumps({"text": ARTICLE}))
    assert run("check", str(tmp_path)).exit_code == 0


# --- rules, explain, version, python -m ---------------------------------------------------


def test_rules_lists_every_code() -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines()[1:]}
    assert listed == set(rule_table())
    as_json = json.loads(run("rules", "--output-format", "json").stdout)
    assert {r["code"] for r in as_json} == set(rule_table())
    assert {r["code"]: r["fix"] for r in as_json}["NL201"] == "safe"


@pytest.mark.parametrize("code", ["NL201", "nl201", "boilerplate.share"])
def test_explain(code: str) -> None:
    result = run("explain", code)
    assert result.exit_code == 0
    assert result.stdout.startswith("NL201 (boilerplate.share)")
    assert "Fix: SAFE" in result.stdout and "Share it:" in result.stdout


def test_explain_every_rule() -> None:
    for code in finding_codes():
        result = run("explain", code)
        assert result.exit_code == 0 and result.stdout.startswith(code), code


def test_explain_unknown_code() -> None:
    result = run("explain", "NL999")
    assert result.exit_code == 2
    assert "unknown rule 'NL999'" in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "newslint", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("check", "fix", "rules", "explain"):
        assert command in result.stdout
