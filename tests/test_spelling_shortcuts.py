"""The spelling rules' short cuts against the plain definitions they stand for.

The split by the standard library's engine against WORD's own matches, the URLs, e-mail
addresses and HTML comments found without the document's quotations against its protected
spans, and a quotation holding a word read from the word's line alone against all the
document's quotations.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

from hypothesis import given
from hypothesis import strategies as st

from newslint.checks import spelling
from newslint.document import Document
from newslint.spelling import tokens as spelling_tokens
from newslint.textutil import WORD

# Letters, marks and numbers of ASCII, of Latin (up to U+024F) and beyond it, and characters
# that are none of them, inside the Latin range and beyond it.
_CHARACTERS = [
    "a", "Z", "0", "7", "é", "ß", "ǅ", "ª", "²", "½", "\u0301", "\u036f", "٣", "я", "中", "\u0903", "ⅻ",
    "×", "©", "°", "·", "\u00a0", "’", "'", "-", " ", "\n", "🙂", "\ufe0f", "\u200b", "\udce9", "ɏ", "ɐ",
]


@given(st.lists(st.sampled_from(_CHARACTERS), max_size=40))
def test_split_as_word_finds_tokens(pieces: list[str]) -> None:
    text = "".join(pieces)
    tokens = spelling_tokens.Tokens(Document(text))
    assert tokens.words == WORD.findall(text)
    assert "".join(tokens._pieces) == text


_PIECES = [
    "see ", "http://", "https://", "www.", "a.com", "/x", "<!--", "-->", "@", "b", "me@x.org", "x", ".", " ", "\n",
    '"', "“", "”", "‘", "’", "Word", "word", ",", ")", "<", ">",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_non_prose_spans_are_the_protected_spans_that_are_not_quotations(pieces: list[str]) -> None:
    doc = Document("".join(pieces))
    tokens = spelling_tokens.Tokens(doc)
    quotes = set(doc.quotes)
    expected = set()
    for span in doc.protected:
        if span.start < span.end and span not in quotes:
            expected.update(range(bisect.bisect_right(tokens.ends, span.start), bisect.bisect_left(tokens.starts, span.end)))
    assert set(tokens._in_non_prose()) == expected


def _held_by_all_quotes(doc: Document, start: int, end: int) -> bool:
    """The first of all the document's quotations reaching past ``start`` holds the span."""
    reach = list(accumulate((q.end for q in doc.quotes), max))
    index = bisect.bisect_right(reach, start)
    return index < len(reach) and doc.quotes[index].start <= start and end <= doc.quotes[index].end


@given(st.lists(st.sampled_from(['"', "“", "”", "‘", "’", "«", "»", "Word", " ", "\n", "\r\n", ". ", "a"]), max_size=30))
def test_quotation_of_the_line_holds_a_word_as_those_of_the_document(pieces: list[str]) -> None:
    doc = Document("".join(pieces))
    for match in WORD.finditer(doc.text):
        start, end = match.span()
        assert spelling._quote_holds(doc, start, end) == _held_by_all_quotes(doc, start, end)


@given(st.lists(st.sampled_from(["Word", "word", "5", " ", "  ", ".", ". ", "! ", "? ", "… ", "’ ", ".” ", "Mr. ", "U.S. ", "\n", "\r\n", "\u2028", ", ", "(", ")", "“"]), max_size=30))
def test_a_word_no_break_separates_from_the_one_before_is_not_initial(pieces: list[str]) -> None:
    doc = Document("".join(pieces))
    tokens = spelling_tokens.Tokens(doc)
    for index in range(len(tokens.words)):
        if not tokens.sentence_may_start(index):
            assert not spelling._initial(doc, tokens.start(index))


@given(st.lists(st.sampled_from(["word", "Word", "wo", " ", "@", ". ", "5", "’"]), max_size=40), st.sets(st.sampled_from(["word", "Word", "wo", "5", "none"]), max_size=3))
def test_indices_of_one_token_as_of_several(pieces: list[str], wanted: set[str]) -> None:
    tokens = spelling_tokens.Tokens(Document("".join(pieces)))
    expected = [i for i, word in enumerate(tokens.words) if word in wanted and i not in tokens.excluded]
    assert tokens.indices(wanted) == expected


@given(st.lists(st.sampled_from(_CHARACTERS), max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_words_in_a_stretch_are_word_s_matches_there(pieces: list[str], start: int, end: int) -> None:
    text = "".join(pieces)
    tokens = spelling_tokens.Tokens(Document(text))
    assert tokens.words_in(start, end) == WORD.findall(text, start, end)
