"""Text mechanisms every rule family shares: line keys, words, sentences, quotations.

They live here once so that "the same line", "a word" and "inside a quote" mean the same
thing to the boilerplate, duplicate, spelling and grammar rules.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from newslint.model import Span

# Characters that end a line. Python's str.splitlines also splits on \x1c-\x1e, \x0b and \x0c,
# which scraped text uses as data, so lines are split on these only.
LINE_BREAK = regex.compile(r"\r\n|[\n\r\u2028\u2029\x85]")

# List bullets, Markdown heading marks and quote marks that scrapers put before UI text.
_LEADING_MARKS = regex.compile(r"^[\s\p{Pd}*•·▪►▶>#+|~]*(?:\d{1,2}[.)]\s+)?")
_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_NON_WORD_ASCII = regex.compile(r"[^a-z0-9]+")
WORD = regex.compile(r"\p{L}[\p{L}\p{M}\p{N}'’\-]*|\p{N}+")


def line_key(line: str) -> str:
    """A line reduced to its words: case-folded, marks and punctuation removed.

    "  • Loading...", "LOADING" and "Loading…" all have the key "loading"; this is how phrase
    lists stay tolerant of case and punctuation without becoming regex alternations.
    """
    stripped = _LEADING_MARKS.sub("", line)
    if stripped.isascii():
        # Most lines: NFKC and full case folding change nothing that lower() does not.
        return _NON_WORD_ASCII.sub(" ", stripped.lower()).strip()
    folded = unicodedata.normalize("NFKC", stripped).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def near_key(text: str) -> str:
    """Key for near-duplicate detection: words only, case-folded, whitespace collapsed."""
    if text.isascii():
        return _NON_WORD_ASCII.sub(" ", text.lower()).strip()
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def words(text: str, offset: int = 0) -> Iterator[tuple[Span, str]]:
    for match in WORD.finditer(text):
        yield Span(offset + match.start(), offset + match.end()), match.group()


def word_count(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


# Sentence ends: terminal punctuation, optional closing quotes/brackets, then space and a
# capital, digit or opening quote. Abbreviations like "U.S." or "Mr." are kept whole.
_SENTENCE_END = regex.compile(
    r"""(?<!\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|No|vs|etc|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))"""
    r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])""",
    regex.VERSION1,
)


def sentences(text: str, start: int, end: int) -> Iterator[Span]:
    """Sentence spans inside ``text[start:end]``, trimmed of surrounding whitespace."""
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        yield from _trimmed(text, cursor, match.end())
        cursor = match.end()
    yield from _trimmed(text, cursor, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Span(start, end)


_OPENERS = {"“": "”", "„": "“”", "«": "»", "»": "«", '"': '"', "‘": "’", "「": "」"}
_STRAIGHT_OPEN = regex.compile(r'(?:(?<=^|[\s(\[{—–\-/:])"(?=\S))|(?:(?<=^|[\s(\[{—–/])\'(?=\w))')


def quotations(text: str, start: int, end: int) -> Iterator[Span]:
    """Direct quotations inside one paragraph ``text[start:end]``, marks included.

    Curly and straight double quotes pair up; a quote left open runs to the end of the
    paragraph (news style: a quote continued in the next paragraph opens it again). Single
    curly quotes are taken only as nested quotes or when an opening one is clearly an opener,
    because "’" is also the apostrophe.
    """
    i = start
    # Once no closing ’ is found after some point, none is found after any later point: the
    # flag keeps a line full of unmatched ‘ linear instead of rescanning it for each one.
    single_closers_left = True
    while i < end:
        ch = text[i]
        closer: str | None = None
        if ch in "“„«「":
            closer = _OPENERS[ch]
        elif ch == '"' and _STRAIGHT_OPEN.match(text, i):
            closer = '"'
        elif ch == "‘" and single_closers_left and (i == start or not text[i - 1].isalnum()):
            closer = "’"
        if closer is None:
            i += 1
            continue
        j = _find_closer(text, i + 1, end, closer)
        if j is None:
            if ch == "‘":
                single_closers_left = False
                i += 1
                continue
            yield Span(i, end)
            return
        yield Span(i, j + 1)
        i = j + 1


def _find_closer(text: str, begin: int, end: int, closer: str) -> int | None:
    k = begin
    while k < end:
        c = text[k]
        if c in closer:
            # An apostrophe inside a word ("we’ll") is not the closing mark.
            if closer == "’" and k + 1 < end and text[k + 1].isalpha() and text[k - 1].isalpha():
                k += 1
                continue
            return k
        k += 1
    return None
