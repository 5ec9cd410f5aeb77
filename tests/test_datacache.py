"""The derived-data cache: values survive a process, and a broken cache never breaks newslint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import datacache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read(folder: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, float]:
        calls.append(1)
        return {"word": 4.5, "other": 1.0}

    assert datacache.cached("table-1", ["wordfreq"], build) == {"word": 4.5, "other": 1.0}
    assert datacache.cached("table-1", ["wordfreq"], build) == {"word": 4.5, "other": 1.0}
    assert len(calls) == 1
    assert len(list(folder.glob("table-1-*.marshal"))) == 1


def test_read_in_another_process(folder: Path) -> None:
    datacache.cached("shared-1", [], lambda: ["a", "b"])
    code = "from newslint import datacache; print(datacache.cached('shared-1', [], lambda: ['rebuilt']))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ.copy())
    assert out.stdout.strip() == "['a', 'b']"


def test_key_follows_package_versions(folder: Path) -> None:
    assert datacache.entry_path("t-1", ["wordfreq"]) != datacache.entry_path("t-1", ["lemminflect"])
    assert datacache.entry_path("t-1", ["wordfreq"]) == datacache.entry_path("t-1", ["wordfreq"])


@pytest.mark.parametrize("package", ["regex", "wordfreq", "lemminflect", "pyspellchecker", "symspellpy", "language-tool-python", "click", "not_a_package_here"])
def test_package_versions_agree_with_importlib_metadata(package: str) -> None:
    from importlib import metadata

    try:
        expected = metadata.version(package)
    except metadata.PackageNotFoundError:
        expected = "absent"
    assert datacache._package_version(package) == expected


def test_entry_names_spell_out_their_sources(folder: Path) -> None:
    from importlib import metadata

    path = datacache.entry_path("t-1", ["wordfreq", "regex"])
    assert path is not None and path.parent == folder
    assert f"regex{metadata.version('regex')}-wordfreq{metadata.version('wordfreq')}" in path.name
    assert f"py{sys.version_info[0]}.{sys.version_info[1]}" in path.name


@pytest.mark.parametrize("value", ["off", "none", "0", ""])
def test_turned_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", value)
    calls: list[int] = []
    for _ in range(2):
        datacache.cached("off-1", [], lambda: calls.append(1) or [1])
    assert len(calls) == 2
    assert datacache.cache_dir() is None


def test_corrupt_entry_is_rebuilt(folder: Path) -> None:
    datacache.cached("corrupt-1", [], lambda: [1, 2, 3])
    (entry,) = folder.glob("corrupt-1-*.marshal")
    entry.write_bytes(b"\x00not marshal data")
    assert datacache.cached("corrupt-1", [], lambda: [4]) == [4]
    assert datacache.cached("corrupt-1", [], lambda: [5]) == [4]  # the rebuilt value was stored


def test_unwritable_folder_still_gives_the_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker / "cache"))
    assert datacache.cached("unwritable-1", [], lambda: {"x": 1}) == {"x": 1}


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert datacache.cache_dir() == tmp_path / "newslint"


def test_parsed_toml_is_kept_by_content(folder: Path) -> None:
    text = '[pack]\nname = "demo"\n\n[[rules]]\ncode = "X1"\nphrases = ["a", "b"]\n'
    expected = {"pack": {"name": "demo"}, "rules": [{"code": "X1", "phrases": ["a", "b"]}]}
    assert datacache.parsed_toml(text) == expected
    assert len(list(folder.glob("toml-*.marshal"))) == 1
    assert datacache.parsed_toml(text) == expected  # read back
    assert datacache.parsed_toml(text + "# a comment\n") == expected
    assert len(list(folder.glob("toml-*.marshal"))) == 2  # another text, another entry


def test_parsed_toml_errors_are_tomllib_errors_and_not_kept(folder: Path) -> None:
    import tomllib

    for _ in range(2):
        with pytest.raises(tomllib.TOMLDecodeError):
            datacache.parsed_toml("[pack\nname = 1\n")
    assert not list(folder.glob("toml-*.marshal"))


def test_parsed_toml_with_a_date_marshal_cannot_store(folder: Path) -> None:
    import datetime

    assert datacache.parsed_toml("when = 2025-03-06\n") == {"when": datetime.date(2025, 3, 6)}
    assert datacache.parsed_toml("when = 2025-03-06\n") == {"when": datetime.date(2025, 3, 6)}
