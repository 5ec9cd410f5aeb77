"""The boilerplate rules' cheap tests only spare pattern calls: every line the pattern could
match must pass them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.checks.boilerplate import (
    _CREDIT_ENDS,
    _CREDIT_STARTS,
    _PROMO_STARTS,
    _copyright_lines,
    _keyed_lines,
    _may_be_credit,
    _may_be_promo,
    _may_hold_copyright,
)
from newslint.document import Document

PIECES = ("Copyright", "COPYRIGHT", "copyRight", "(c)", "(C)", "©", "İ", "K", "é", "“", "2019", " ", "\n", "\r\n", "\u2028", "c", "(", ")")
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(texts)
def test_copyright_lines_are_those_that_may_hold_one(text: str) -> None:
    doc = Document(text)
    may = {index for index, line in enumerate(doc.lines) if _may_hold_copyright(line.text)}
    assert may <= set(_copyright_lines(doc))


def test_only_dotted_capital_i_lower_cases_to_more_than_one_character() -> None:
    # _copyright_lines reads every line when the lower-cased text does not keep the text's
    # offsets (Document.lowered is None), as it did for a text holding "İ": the same texts.
    assert [chr(code) for code in range(0x110000) if len(chr(code).lower()) != 1] == ["İ"]


# Heads and tails of credits and teasers, marks before them, and characters that lower-case,
# fold or normalise in unusual ways (Kelvin sign, dotted I, long s, a combining accent,
# full-width letters, no-break space, curly quotes, dashes).
HEAD_PIECES = (
    "Photo", "PHOTO", "photos", "Image", "Read", "read more", "See", "Related", "don’t", "Editor’s", "AP", "AFP",
    "Reuters", "Getty Images", "EPA", "shutterstock", "Xinhua", "Press", "Wire", "Zuma", "credit",
    "*", "•", "-", "(", "[", "#", ">", "1.", " ", "\u00a0", "\t", ":", "/", "|", "“", "”", "—", "…", ".",
    "\u212a", "İ", "ſ", "\u0301", "Ｐｈｏｔｏ", "é", "x", "2019", "\n",
)
head_texts = st.lists(st.sampled_from(HEAD_PIECES), max_size=12).map("".join)


@given(head_texts)
def test_keyed_lines_keep_every_line_a_head_test_passes(text: str) -> None:
    doc = Document(text)
    credits = set(_keyed_lines(doc, _CREDIT_STARTS, _CREDIT_ENDS))
    promos = set(_keyed_lines(doc, _PROMO_STARTS))
    for index, line in enumerate(doc.lines):
        if _may_be_credit(line.text):
            assert index in credits, line.text
        if _may_be_promo(line.text):
            assert index in promos, line.text
