"""The boilerplate rules' cheap tests only spare pattern calls: every line the pattern could
match must pass them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.checks.boilerplate import _copyright_lines, _may_hold_copyright
from newslint.document import Document

PIECES = ("Copyright", "COPYRIGHT", "copyRight", "(c)", "(C)", "©", "İ", "K", "é", "“", "2019", " ", "\n", "\r\n", "\u2028", "c", "(", ")")
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(texts)
def test_copyright_lines_are_those_that_may_hold_one(text: str) -> None:
    doc = Document(text)
    may = {index for index, line in enumerate(doc.lines) if _may_hold_copyright(line.text)}
    assert may <= set(_copyright_lines(doc))


def test_only_dotted_capital_i_lower_cases_to_a_letter_of_the_needles() -> None:
    # _copyright_lines looks for "(c)" and "copyright" in the text's bytes, lower-cased as
    # ASCII: a character beyond ASCII whose lower case holds one of their letters would be
    # missed there, and İ ("i̇") is the only one (it sends every line to the pattern).
    found = [chr(code) for code in range(128, 0x110000) if not set(chr(code).lower()).isdisjoint("(c)copyright")]
    assert found == ["İ"]
