"""Trust (issue #8), fuzzing the whole pipeline: bytes -> file -> read -> lint -> fix -> write ->
read back, on random bytes, mutated seed articles and mutated JSONL dumps.

Invariants, on every input:
- `process_path` never raises; a file it cannot read is reported and left byte-identical;
- a text file that changed decodes as it was read, holds exactly what the fix loop makes of its
  text, and a second `fix` changes nothing (`fix(fix(x)) == fix(x)`);
- on the decoded text, the properties of tests/test_properties.py hold (their own bodies are run:
  spans in range and no rule failing, idempotence, a fix touches only its spans, SAFE fixes keep
  the words of quotations);
- JSONL keeps its line count, every record nothing changed (or that cannot be read) is written
  back byte for byte, and a changed record differs from the old one in its text field only.

CI runs a modest number of examples per target (``NEWSLINT_FUZZ_EXAMPLES``, default 15);
``python -m tests.fuzz --minutes 10`` runs them for as long as asked and keeps every failure it
finds as a case file in tests/regressions/, which test_regression_cases replays from then on.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import test_properties as properties
from helpers import SEEDS, TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import articles, full_linter

from newslint.document import Document
from newslint.fix import fix_document
from newslint.io import FieldMap, InputError, decode_text, is_jsonl, parse_record
from newslint.runner import Options, process_path

REGRESSIONS = TESTS / "regressions"
EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "15"))
FALLBACKS = (None, "surrogateescape")

# The input of the pipeline run last: what `python -m tests.fuzz` saves when a run fails
# (Hypothesis replays the shrunk failing example last).
LAST_INPUT: tuple[bytes, str, str | None] | None = None

# The bodies of the property tests, called on one text (imported through the module so that
# pytest does not collect them here a second time).
PROPERTIES = [
    test.hypothesis.inner_test  # type: ignore[attr-defined]
    for test in (
        properties.test_no_crash_and_spans_in_range,
        properties.test_fix_is_idempotent,
        properties.test_a_fix_changes_only_its_own_spans,
        properties.test_safe_fixes_keep_the_words_of_quotations,
    )
]


# --- the pipeline and its invariants -------------------------------------------------------------


def pipeline(data: bytes, suffix: str, fallback: str | None = None, properties: bool = True) -> None:
    global LAST_INPUT
    LAST_INPUT = (data, suffix, fallback)
    linter = full_linter()
    options = Options(fix=True, fallback=fallback)
    with tempfile.TemporaryDirectory(prefix="newslint-fuzz-") as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        report = process_path(linter, path, options)
        after = path.read_bytes()
        assert sorted(p.name for p in Path(folder).iterdir()) == [path.name], "a temporary file was left behind"
        assert report.changed == (after != data)
        if is_jsonl(path.name):
            _check_jsonl(data, after)
        else:
            _check_text(data, after, path, fallback, properties, [p.message for p in report.problems])
        again = process_path(linter, path, options)
        assert not again.changed and path.read_bytes() == after, "a second fix changed the file again"


def _check_text(data: bytes, after: bytes, path: Path, fallback: str | None, properties: bool, problems: list[str]) -> None:
    try:
        source = decode_text(data, str(path), None, fallback)
    except InputError:
        assert after == data, "an unreadable file was modified"
        return
    fixed = fix_document(Document(source.text, str(path), markdown=source.markdown), full_linter().lint)
    if after != data:
        assert fixed.error is None
        reread = decode_text(after, str(path), None, fallback)
        assert (reread.encoding, reread.bom) == (source.encoding, source.bom), "the file changed encoding"
        assert reread.text == fixed.text, "the file does not hold what the fix loop made of its text"
    elif fixed.changed:
        # Fixed in memory but not written: only when the bytes could not be written back as they
        # were (the encoding cannot hold a character, kept invalid bytes would merge), reported.
        assert any("not modified" in message for message in problems), problems
    if properties:
        for check in PROPERTIES:
            check(source.text)


def _check_jsonl(data: bytes, after: bytes) -> None:
    before_lines = data.splitlines(keepends=True)
    after_lines = after.splitlines(keepends=True)
    assert len(after_lines) == len(before_lines), "JSONL lost or gained lines"
    fields = FieldMap()
    for number, (old, new) in enumerate(zip(before_lines, after_lines, strict=True), start=1):
        record = parse_record(number, old, fields)
        if record.text is None or record.data is None or record.field is None or not record.rewritable:
            assert new == old, f"line {number}: a record that cannot be rewritten was changed"
            continue
        if new == old:
            continue
        assert new.endswith(old[len(old.rstrip(b"\r\n")) :]), f"line {number}: line ending changed"
        new.decode("utf-8")
        rewritten: dict[str, Any] = json.loads(new)
        expected = fix_document(Document(record.text, "article.jsonl", record.metadata), full_linter().lint)
        assert rewritten[record.field] == expected.text
        assert {k: v for k, v in rewritten.items() if k != record.field} == {k: v for k, v in record.data.items() if k != record.field} or _nan_in(record.data)


def _nan_in(data: dict[str, Any]) -> bool:
    """NaN != NaN: a record holding one compares unequal to itself."""
    return "NaN" in json.dumps(data)


# --- inputs --------------------------------------------------------------------------------------

TOKENS = [
    b"\r", b"\r\n", b"\n\n\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", "\u2028".encode(), "\u2029".encode(),
    "\x85".encode(), b"\x0b", b"\x0c", b"\xe2\x80", b"\xc3", b"\xed\xa0\x80", "“".encode(), "”".encode(), b'"', b"'",
    "’".encode(), b"Share it:\n", b"Loading...\n", b"  ", "\u00a0".encode(), "\u200b".encode(), "\u200d".encode(),
    "e\u0301".encode(), "👨\u200d👩\u200d👧".encode(), "مرحبا".encode(), "\u200f".encode(), b"\\u00e9", b"\\ud800",
    b"\\n", b"{", b"}", b'"text": ', b", ", b"NaN", b"1e999", b"<!-- newslint: disable=all -->", b"&amp;", "â€™".encode(),
]


def _seed_texts() -> list[bytes]:
    return [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))]


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[bytes]) -> bytes:
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["flip", "insert", "token", "delete", "duplicate"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
    return bytes(data)


@st.composite
def seed_slices(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(_seed_texts()))
    start = draw(st.integers(0, max(0, len(seed) - 200)))
    return seed[start : start + draw(st.integers(0, 1200))]


@st.composite
def jsonl_dumps(draw: st.DrawFn) -> bytes:
    lines = []
    for number in range(draw(st.integers(1, 4))):
        record: dict[str, Any] = {"id": number, draw(st.sampled_from(["text", "maintext", "articleBody"])): draw(articles())}
        if draw(st.booleans()):
            record["title"] = draw(st.sampled_from(["Vote", "The vote is on Friday", "Ünïcödé “title”"]))
        ascii_only = draw(st.booleans())
        separators = draw(st.sampled_from([(", ", ": "), (",", ":")]))
        lines.append(json.dumps(record, ensure_ascii=ascii_only, separators=separators).encode() + draw(st.sampled_from([b"\n", b"\r\n"])))
    return b"".join(lines)


SUFFIXES = st.sampled_from([".txt", ".md", ".jsonl"])
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)

TARGETS: dict[str, st.SearchStrategy[tuple[bytes, str, str | None]]] = {
    "bytes": st.tuples(st.binary(max_size=600), SUFFIXES, st.sampled_from(FALLBACKS)),
    "seeds": st.tuples(mutated(seed_slices()), st.sampled_from([".txt", ".md"]), st.sampled_from(FALLBACKS)),
    "jsonl": st.tuples(mutated(jsonl_dumps()), st.just(".jsonl"), st.just(None)),
}


def fuzz_test(target: str, config: settings = FUZZ) -> Any:
    """The Hypothesis test of one target, with ``config`` (the runner passes its own)."""

    @config
    @given(TARGETS[target])
    def run(case: tuple[bytes, str, str | None]) -> None:
        pipeline(*case)

    return run


test_fuzz_random_bytes = fuzz_test("bytes")
test_fuzz_mutated_seed_articles = fuzz_test("seeds")
test_fuzz_mutated_jsonl = fuzz_test("jsonl")


# --- every failure ever found stays a test -------------------------------------------------------


def regression_cases() -> list[Path]:
    return sorted(p for p in REGRESSIONS.glob("*") if p.suffix in (".txt", ".md", ".jsonl") and p.name != "README.md")


@pytest.mark.parametrize("case", regression_cases(), ids=lambda p: p.name)
@pytest.mark.parametrize("fallback", FALLBACKS)
def test_regression_cases(case: Path, fallback: str | None) -> None:
    pipeline(case.read_bytes(), case.suffix, fallback)
