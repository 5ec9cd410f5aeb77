"""Sentences as tokens: words, numbers and single punctuation marks, with their offsets.

The grammar rules look at a word's neighbours ("is" + "play" + "hardball"), so they need
the punctuation between words too: a comma or a full stop ends the context a rule reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from newslint.document import Document
from newslint.model import Span

_TOKEN = regex.compile(
    r"(?P<word>\p{L}[\p{L}\p{M}\p{N}'’\-]*)"
    r"|(?P<number>\p{N}+(?:[.,]\p{N}+)*)"
    r"|(?P<punct>[^\s\p{L}\p{N}])"
)


@dataclass(frozen=True, slots=True)
class Token:
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


def sentence_tokens(doc: Document) -> Iterator[list[Token]]:
    """Each sentence of the document as a token list, computed once per document and shared
    by every grammar rule that runs on it."""
    cached: list[list[Token]] | None = doc.__dict__.get("_grammar_tokens")
    if cached is None:
        cached = [tokenize(doc.text, s.start, s.end) for s in doc.sentences]
        doc.__dict__["_grammar_tokens"] = cached
    yield from cached


def only_spaces_between(text: str, left: Token, right: Token) -> bool:
    """True when nothing but spaces or tabs separates two tokens (no line break, no mark)."""
    gap = text[left.end : right.start]
    return bool(gap) and gap.strip(" \t\u00a0") == ""
