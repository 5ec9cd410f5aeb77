"""Golden files: the real articles in seeds/, their expected findings and fixed text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SEEDS, fix

from newslint.cli import main

SEED_FILES = sorted(SEEDS.glob("*.txt"))
EXPECTED = SEEDS / "expected"  # one JSON list per category: expected/<category>.json
FIXED = SEEDS / "fixed"

# seeds/fixed holds what `newslint fix` (SAFE fixes) should produce, byte for byte.
KNOWN_BAD_FIX: dict[str, str] = {}  # seed name -> why its fix is known to be wrong (none now)


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def test_seeds_are_present() -> None:
    assert [p.name for p in SEED_FILES] == ["000_eda8035695bfe255.txt", "001_0d1bd9c146242435.txt", "002_8abb541e722902b5.txt"]


def test_check_seeds_matches_expected_findings() -> None:
    code, out = _check("--output-format", "jsonl", str(SEEDS))
    assert code == 1
    actual = []
    for line in out.splitlines():
        record = json.loads(line)
        text = _read(Path(record["path"]))
        actual.append({"file": Path(record["path"]).name, "code": record["code"], "line": record["line"], "match": text[record["start"] : record["end"]]})
    expected = [row for part in sorted(EXPECTED.glob("*.json")) for row in json.loads(part.read_text(encoding="utf-8"))]
    key = lambda r: (r["file"], r["line"], r["code"], r["match"])  # noqa: E731
    assert sorted(actual, key=key) == sorted(expected, key=key)
    # Only the three articles are checked: the golden files beside them are not picked up.
    assert {r["file"] for r in actual} == {p.name for p in SEED_FILES}
    assert len(actual) == len(expected)


def test_check_seeds_text_output_counts_every_finding() -> None:
    expected = sum(len(json.loads(part.read_text(encoding="utf-8"))) for part in EXPECTED.glob("*.json"))
    result = CliRunner().invoke(main, ["check", str(SEEDS)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == expected
    assert f"Found {expected} findings" in result.stderr


@pytest.fixture
def fixed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEED_FILES:
        shutil.copyfile(path, folder / path.name)
    result = CliRunner().invoke(main, ["fix", str(folder)])
    assert result.exit_code == 1, result.output  # the UNSAFE photo credit in 002 remains
    return folder


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(p.name, marks=[pytest.mark.xfail(reason=KNOWN_BAD_FIX[p.name], strict=True)] if p.name in KNOWN_BAD_FIX else [])
        for p in SEED_FILES
    ],
)
def test_fix_seeds_matches_golden_files(fixed_copy: Path, name: str) -> None:
    assert (fixed_copy / name).read_bytes() == (FIXED / f"{name}.expected").read_bytes()


def test_fix_seeds_is_idempotent(fixed_copy: Path) -> None:
    before = {p.name: p.read_bytes() for p in fixed_copy.iterdir()}
    result = CliRunner().invoke(main, ["fix", str(fixed_copy)])
    assert result.exit_code == 1
    assert "Fixed" not in result.stderr
    assert {p.name: p.read_bytes() for p in fixed_copy.iterdir()} == before


def test_golden_fixed_files_have_no_safe_findings_left() -> None:
    """The golden outputs are themselves clean: `newslint fix` on them would change nothing."""
    for path in sorted(FIXED.glob("*.expected")):
        text = _read(path)
        assert fix(text).text == text, path.name
