"""Properties of the document structure's fast paths: each equals the plain definition it
stands for (lines cut at every break, keys of each line read one by one), on arbitrary text
and on text made of the characters the fast paths treat differently (line breaks, leading
marks and list numbers, news punctuation, letters outside ASCII, long lines)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.document import MAX_KEYED_LINE, Derived, Document
from newslint.textutil import fold_plain, is_plain, line_key, near_key, occurrences, sentence_ends, trimmed

SETTINGS = settings()

PIECES = [
    "\n", "\n", "\n\n", "\r\n", "\r", "\u2028", "\x85", "\x0c", "\x1c", " ", "  ", "\t", "\u00a0",
    "Share", "the vote", "said.", "Mr.", "U.S.", "It", "3pm", "1. ", "12) ", "• ", "► ", "- ", "> ", "# ",
    "“Yes,” she said. ", "‘No’", "don’t", "’", "—", "…", "!", "? ", "Café", "ﬁve", "É", "ß", "Ⅻ", "²",
    "\u0301", "\u3000", "12", "A. B. ", "(", ")", '"',
]
article_like = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(article_like, st.text(max_size=200))


@SETTINGS
@given(article_like.map(lambda t: t.replace("\r", "").replace("\u2028", "").replace("\x85", "")))
def test_lines_of_a_split_equal_lines_by_pattern(text: str) -> None:
    assert Document._split_lines(text) == Document._lines_by_pattern(text)


@SETTINGS
@given(any_text, st.booleans())
def test_line_keys_are_each_lines_key(text: str, long_line: bool) -> None:
    if long_line:
        text += "\nword " * (MAX_KEYED_LINE // 5 + 1)
    doc = Document(text)
    expected = ["" if line.is_blank or len(line.text) > MAX_KEYED_LINE else line_key(line.text) for line in doc.lines]
    assert doc.line_keys == expected
    assert doc.line_near_keys == ["" if line.is_blank else near_key(line.text) for line in doc.lines]
    assert doc.line_folds == [fold_plain(line.text) if is_plain(line.text) else None for line in doc.lines]


@SETTINGS
@given(any_text)
def test_sentences_are_the_lines_cut_at_sentence_ends(text: str) -> None:
    doc = Document(text)
    ends = sentence_ends(text)
    spans = []
    indices = []
    for index, line in enumerate(doc.lines):
        cuts = [line.span.start, *(end for end in ends if line.span.start <= end <= line.span.end), line.span.end]
        for start, end in itertools.pairwise(cuts):
            if not line.is_blank and (span := trimmed(text, start, end)) is not None:
                spans.append(span)
                indices.append(index)
    assert doc.sentences == spans
    assert doc.sentence_lines == indices
    assert doc.sentence_starts == [span.start for span in spans]


@SETTINGS
@given(any_text)
def test_positions_count_lines_at_each_newline(text: str) -> None:
    doc = Document(text)
    for offset in range(len(text) + 1):
        before = text[:offset]
        assert doc.position(offset) == (before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


@SETTINGS
@given(any_text)
def test_sentence_ends_are_the_ends_of_a_scan_of_every_place(text: str) -> None:
    from newslint.textutil import _SENTENCE_END

    assert sentence_ends(text) == [match.end() for match in _SENTENCE_END.finditer(text)]


def test_what_a_family_derives_is_built_once_per_document_and_key() -> None:
    words: Derived[list[str]] = Derived("test words")
    lengths: Derived[list[str]] = Derived("test words")  # the same name, another key
    built: list[str] = []

    def build(doc: Document) -> list[str]:
        built.append(doc.text)
        return doc.text.split()

    doc = Document("Talks resumed on Friday.")
    first = doc.derived(words, build)
    assert first == ["Talks", "resumed", "on", "Friday."]
    assert doc.derived(words, build) is first  # kept, not built again
    assert doc.derived(lengths, lambda d: [str(len(w)) for w in d.text.split()]) == ["5", "7", "2", "7"]
    assert built == [doc.text]
    assert Document(doc.text).derived(words, build) is not first  # a new document starts empty
    assert built == [doc.text, doc.text]
    memo: Derived[dict[int, bool]] = Derived("test memo")
    doc.memo(memo)[3] = True
    assert doc.memo(memo) == {3: True}
    assert Document(doc.text).memo(memo) == {}
    assert doc == Document(doc.text)  # what was derived is not part of the document's value


@SETTINGS
@given(any_text)
def test_quotations_are_those_of_each_line_in_order(text: str) -> None:
    doc = Document(text)
    by_line = [quote for index in range(len(doc.lines)) for quote in doc.line_quotes(index)]
    assert Document(text).quotes == by_line
    assert doc.line_quotes(0) is doc.line_quotes(0)  # found once


@SETTINGS
@given(st.text(alphabet="ab\n", max_size=30), st.text(alphabet="ab", min_size=1, max_size=3))
def test_occurrences_are_every_place_the_needle_starts(text: str, needle: str) -> None:
    expected = [at for at in range(len(text)) if text.startswith(needle, at)]
    assert list(occurrences(text, needle)) == expected
    assert list(occurrences(text.encode(), needle.encode())) == expected
