"""Regular expressions compiled from a remembered program behave as freshly compiled ones."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regex

from newslint import datacache, rx

PATTERNS = [
    (r"(?:(?:stay|keep) (?:informed|up to date)(?: (?:daily|every day))?)|(?:share (?:this|it))", regex.IGNORECASE | regex.VERSION1),
    (r"\b(?P<day>Mon|Tue)(?:day)?\b\s+(?P<when>\d{1,2}:\d\d)", 0),
    (r"\p{L}[\p{L}\p{M}\p{N}'’\-]*|\p{N}+", 0),
    (r"^\s*(?:[*•\-]\s*)?photo(?:graph)?s?:.*$", regex.MULTILINE | regex.IGNORECASE),
]
TEXTS = ["Stay informed daily", "keep up to date", "SHARE IT", "Monday 10:30 and Tue 9:05", "naïve café’s 42 x-ray",
         "text\n * Photo: AFP\nmore", "", "nothing here"]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_programs", None)
    monkeypatch.setattr(rx, "_dirty", False)
    return tmp_path


def behaviour(pattern: regex.Pattern[str]) -> list[object]:
    found: list[object] = [pattern.pattern, int(pattern.flags), pattern.groups, dict(pattern.groupindex)]
    for text in TEXTS:
        found.append([(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)])
        found.append(bool(pattern.fullmatch(text)))
    return found


STD_PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<word>[A-Za-z]+)(?=[ ,]\1\b)|\d+", 0),
    (r"\b(?:stay|keep) (?:informed|up to date)\b", re.IGNORECASE),
    (r"^\s*photos?:.*$", re.MULTILINE | re.IGNORECASE),
    (rb" ([a-z\x80-\xff]++) \1(?![a-z0-9'\-])", 0),
]


def std_behaviour(pattern: re.Pattern[Any]) -> list[object]:
    found: list[object] = [pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex)]
    for text in TEXTS:
        subject: Any = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        found.append([(m.span(), m.groups()) for m in pattern.finditer(subject)])
        found.append(bool(pattern.fullmatch(subject)))
    return found


@pytest.mark.parametrize(("pattern", "flags"), STD_PATTERNS)
def test_remembered_re_program_matches_like_re_compile(fresh: Path, pattern: str | bytes, flags: int) -> None:
    expected = std_behaviour(re.compile(pattern, flags))
    first = rx.compile_std(pattern, flags)
    assert ("re", pattern, int(flags)) in rx._loaded()
    second = rx.compile_std(pattern, flags)
    assert std_behaviour(first) == std_behaviour(second) == expected
    with pytest.raises(re.error):
        rx.compile_std("(unclosed")


def test_a_bad_stored_re_program_falls_back_to_compiling(fresh: Path) -> None:
    pattern, flags = STD_PATTERNS[0]
    rx._loaded()[("re", pattern, flags)] = marshal.dumps((pattern, flags, [999999, 1, 2], 0, {}, (None,)))
    assert std_behaviour(rx.compile_std(pattern, flags)) == std_behaviour(re.compile(pattern, flags))


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_remembered_program_matches_like_a_fresh_compile(fresh: Path, pattern: str, flags: int) -> None:
    expected = behaviour(regex.compile(pattern, flags))
    first = rx.compile(pattern, flags)  # compiled from source, program captured
    assert ("regex", pattern, int(flags)) in rx._loaded()
    second = rx.compile(pattern, flags)  # made from the captured program
    assert behaviour(first) == behaviour(second) == expected


def test_programs_survive_the_process(fresh: Path) -> None:
    code = (
        "import time, regex\nfrom newslint import rx\n"
        f"p = rx.compile({PATTERNS[0][0]!r}, {int(PATTERNS[0][1])})\n"
        "print(bool(p.fullmatch('stay informed daily')), len(rx._loaded()))\n"
    )
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(fresh)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert first.stdout.split()[0] == "True"
    assert datacache.load(rx._ENTRY, rx._SOURCES)  # written at exit
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert second.stdout.split()[0] == "True"


def test_errors_are_regex_errors(fresh: Path) -> None:
    with pytest.raises(regex.error):
        rx.compile("(unclosed")
    assert not rx._loaded()


def test_a_bad_stored_program_falls_back_to_compiling(fresh: Path) -> None:
    pattern, flags = PATTERNS[1]
    rx._loaded()[("regex", pattern, int(flags))] = marshal.dumps((pattern, int(flags), [999999], {}, {}, {}, [], None, None, None, 0))
    assert behaviour(rx.compile(pattern, flags)) == behaviour(regex.compile(pattern, flags))


def test_works_with_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "off")
    monkeypatch.setattr(rx, "_programs", None)
    pattern, flags = PATTERNS[2]
    assert behaviour(rx.compile(pattern, flags)) == behaviour(regex.compile(pattern, flags))
    rx.flush()  # nothing to write to: no error


def test_a_pattern_compiled_with_flag_arguments_is_remembered(fresh: Path) -> None:
    # regex hands its engine RegexFlag values for a pattern compiled with flags such as
    # IGNORECASE, which marshal cannot store; one such pattern made every store fail silently.
    pattern, flags = r"[\[(]sic[\])]", int(regex.IGNORECASE)
    rx.compile(pattern, flags)
    assert ("regex", pattern, flags) in rx._loaded()
    rx.flush()
    assert ("regex", pattern, flags) in datacache.load(rx._ENTRY, rx._SOURCES)


def test_a_second_check_compiles_no_pattern(fresh: Path, tmp_path: Path) -> None:
    # Every pattern the default rules build must have the same text in every process (no set
    # order, which changes with the hash seed), or the cache misses and is rewritten each run.
    seed = next(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt"))
    code = (
        "import sys\nfrom newslint import rx, cli\n"
        f"sys.argv = ['newslint', 'check', '--exit-zero', {str(seed)!r}]\n"
        "try:\n    cli.main(standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print('compiled-new', rx._dirty)\n"
    )
    runs = []
    for hash_seed in ("1", "2", "3"):
        env = {**os.environ, "NEWSLINT_CACHE_DIR": str(fresh), "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        runs.append(done.stdout.splitlines()[-1])
    assert runs == ["compiled-new True", "compiled-new False", "compiled-new False"]
