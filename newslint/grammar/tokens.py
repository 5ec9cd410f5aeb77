"""Sentences as tokens: words, numbers and single punctuation marks, with their offsets.

The grammar rules look at a word's neighbours ("is" + "play" + "hardball"), so they need
the punctuation between words too: a comma or a full stop ends the context a rule reads.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from newslint import rx
from newslint.document import Derived, Document
from newslint.model import Span

_TOKEN = rx.compile(
    r"(?P<word>\p{L}[\p{L}\p{M}\p{N}'’\-]*)"
    r"|(?P<number>\p{N}+(?:[.,]\p{N}+)*)"
    r"|(?P<punct>[^\s\p{L}\p{N}])"
)


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class Token(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # "word", "number" or "punct"
    lower: str  # the text in lower case, computed once: every rule compares it
    is_word: bool

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]``; kinds come from the regex group that matched."""
    result: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        kind = m.lastgroup or "punct"
        result.append(Token(m.start(), m.end(), word, kind, word.lower(), kind == "word"))
    return result


# The sentences cut into tokens so far, by index into Document.sentences.
_SENTENCE_TOKENS: Derived[dict[int, list[Token]]] = Derived("grammar sentence tokens")


def sentence_tokens_at(doc: Document, positions: Iterable[int]) -> Iterator[list[Token]]:
    """The tokens of each sentence that holds one of ``positions`` (see
    :mod:`newslint.grammar.triggers`), each sentence once and in the text's order. A sentence
    is cut into tokens the first time a rule asks for it, and kept with the document for the
    other rules: only the few sentences a pre-check points at are ever tokenised."""
    sentences = doc.sentences
    starts = doc.sentence_starts
    indices = {bisect_right(starts, position) - 1 for position in positions}
    cache = doc.memo(_SENTENCE_TOKENS)
    for index in sorted(indices):
        if index < 0:
            continue  # a position before the first sentence (only spaces are there)
        tokens = cache.get(index)
        if tokens is None:
            sentence = sentences[index]
            tokens = cache[index] = tokenize(doc.text, sentence.start, sentence.end)
        yield tokens


def only_spaces_between(text: str, left: Token, right: Token) -> bool:
    """True when nothing but spaces or tabs separates two tokens (no line break, no mark)."""
    gap = text[left.end : right.start]
    return bool(gap) and gap.strip(" \t\u00a0") == ""
