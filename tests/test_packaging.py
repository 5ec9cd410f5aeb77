"""The wheel ships the rule packs (rules/ -> newslint/_rules) and works from an unpacked copy.

Builds with the installed backend (no network); falls back to an isolated build, and skips
with a message if no build backend can be had."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, RULES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    attempts = [
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(ROOT)],
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
    ]
    logs = []
    for command in attempts:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        built = sorted(out.glob("newslint-*.whl"))
        if result.returncode == 0 and built:
            return built[0]
        logs.append(f"{' '.join(command[2:4])}: {(result.stderr or result.stdout).strip().splitlines()[-1:]}")
    pytest.skip("cannot build the wheel (no build backend available?): " + "; ".join(logs))


def test_wheel_contains_the_rule_packs(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        packaged = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("newslint/_rules/") and n.endswith(".toml"))
        assert packaged == sorted(p.name for p in RULES.glob("*.toml"))
        for path in RULES.glob("*.toml"):
            assert archive.read(f"newslint/_rules/{path.name}") == path.read_bytes()
        modules = {n for n in names if n.startswith("newslint/") and n.endswith(".py")}
        expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "newslint").rglob("*.py")}
        assert expected <= modules
        assert not [n for n in names if n.startswith(("tests/", "seeds/"))]
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "newslint = newslint.cli:main" in archive.read(entry_points).decode()


def test_unpacked_wheel_uses_its_own_rules(wheel: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    script = (
        "import newslint, newslint.packs as p;"
        "print(newslint.__file__); print(p.builtin_rules_dir());"
        "print(newslint.fix_text('Share it:\\nThe vote is on Friday.\\n'), end='')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    module_file, rules_dir, fixed = result.stdout.split("\n", 2)
    assert module_file.startswith(str(tmp_path / "site"))
    assert rules_dir == str(tmp_path / "site" / "newslint" / "_rules")
    assert fixed == "The vote is on Friday.\n"
