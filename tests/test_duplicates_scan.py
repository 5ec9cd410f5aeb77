"""The repeat scan's short cuts (NL301-NL303, NL305) find what the plain definitions find: the
scan of the lines that share a key with another line equals the scan of every line, and a
unit's key read from its line is the near key of its text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks.duplicates import _first_units, _line_items, _lines_sharing_a_key, _scan, _unit_key
from newslint.document import Document
from newslint.textutil import near_key

SETTINGS = settings()

LINES = [
    "The minister said the talks would resume on Friday in Kyiv.",
    "the minister said the talks would resume on friday in kyiv",
    "The minister  said the talks would resume on Friday in Kyiv!",
    "  The minister said the talks would resume on Friday in Kyiv.\u3000",
    "The ministér said the talks would resume on Friday in Kyiv.",
    "Advertisement", "ADVERTISEMENT", "Share it:", "Share it", "…", "", "   ", "\u00a0",
    "Short line", "short line.", "Café au lait — “yes”", "café au lait yes",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(LINES), max_size=12))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@SETTINGS
@given(articles(), st.integers(1, 8))
def test_lines_sharing_a_key_scan_as_all_lines(text: str, min_words: int) -> None:
    doc = Document(text)
    every_line = list(enumerate(_line_items(doc).values()))
    assert _scan(_lines_sharing_a_key(doc), min_words, lambda first, last: True) == _scan(every_line, min_words, lambda first, last: True)


@SETTINGS
@given(articles())
def test_a_units_key_is_the_near_key_of_its_text(text: str) -> None:
    doc = Document(text)
    for unit in _first_units(doc, 2):
        assert _unit_key(doc, unit) == near_key(unit.text)
