"""The bulk token count against a word-by-word pass, on texts built from single characters.

:mod:`newslint.spelling.tokens` reads which occurrences do not count from the separators
between tokens (a glue, a dot, a number right before a word, a mark of a split contraction);
texts made of one- and two-character pieces put every such character beside every kind of
token, at the ends of the text too.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_spelling import assert_counts_like_a_word_by_word_pass

from newslint.checks import spelling
from newslint.document import Document
from newslint.engine import Linter
from newslint.spelling import tokens as spelling_tokens

_CHARACTERS = [
    "a", "Z", "é", "\u0301", "5", "²", "٣", ".", "@", "#", "/", "\\", "_", "=", "&", "'", "’", "‘", "`", "-", " ",
    "\n", ",", "[", "]", "(", ")", "sic", "SiC", "t", "s", "ll", "Ã", "©", "\ufffd", "“", "”", "\u200b", "’s",
]


@given(st.lists(st.sampled_from(_CHARACTERS), max_size=30))
def test_separators_mark_what_a_word_by_word_pass_skips(pieces: list[str]) -> None:
    assert_counts_like_a_word_by_word_pass(Document("".join(pieces)))


@given(st.lists(st.sampled_from(_CHARACTERS), min_size=100, max_size=400))
def test_tokens_placed_one_by_one_as_all_at_once(pieces: list[str]) -> None:
    text = "".join(pieces)
    tokens = spelling_tokens.Tokens(Document(text))
    one_by_one = [(tokens.start(i), tokens.end(i)) for i in range(len(tokens.words))]
    assert one_by_one == list(zip(tokens.starts, tokens.ends, strict=True))
    assert all(text[start:end] == word for (start, end), word in zip(one_by_one, tokens.words, strict=True))


def test_glues_read_from_separators() -> None:
    # A dot glues only between two letters or digits; a number right before a word glues it.
    doc = Document("U.S. a.b file.txt 5km x. .y end.")
    tokens = spelling_tokens.Tokens(doc)
    skipped = {tokens.words[i] for i in tokens.excluded}
    assert skipped == {"a", "b", "file", "txt", "km", "U", "S"}


def test_word_figures_are_the_same_once_words_are_known() -> None:
    # The first article teaches which words are listed lower-case words; the second counts
    # them apart by a set difference: the figures must not change.
    text = "The cat sat on the mat, a well-known mat in Zelensky's house; teh dog saw it. " * 3 + "Qzxv blorf."
    ctx = Linter().context
    first = spelling.analyse(Document(text), ctx)
    second = spelling.analyse(Document(text), ctx)
    assert second.tokens is not None
    parts = sum(len(spelling_tokens.shape(token).parts) * times for token, times in second.tokens.counted.items())
    assert (first.total, first.foreign) == (second.total, second.foreign) == (parts, False)
    assert second.tokens.others <= second.unsure and "teh" in second.unsure and not {"cat", "on", "a"} & second.unsure
