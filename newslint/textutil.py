"""Text mechanisms every rule family shares: line keys, words, sentences, quotations.

They live here once so that "the same line", "a word" and "inside a quote" mean the same
thing to the boilerplate, duplicate, spelling and grammar rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import AnyStr

import regex

from newslint import rx
from newslint.model import Span


class Lazy:
    """A regular expression compiled on first use.

    The ``regex`` module takes 1-20 ms to compile each big pattern (the date rules' months,
    zones and places, the credit and copyright lines), which every start of the command line
    would pay at import, even when no rule needs it or the text holds no candidate. Matching
    methods take ``pos``, ``endpos`` and ``timeout`` as the compiled pattern does.
    """

    __slots__ = ("_compiled", "_flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self._flags = flags
        self._compiled: regex.Pattern[str] | None = None

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = rx.compile(self.source, self._flags)
        return self._compiled

    # The regex module parses every argument it is given, and a timeout (even None) doubles the
    # cost of a short call: each method passes only the arguments that differ from the defaults.

    def match(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> regex.Match[str] | None:
        compiled = self._compiled or self.compiled
        if timeout is not None:
            return compiled.match(text, pos, endpos, timeout=timeout)
        return compiled.match(text, pos, endpos) if endpos is not None else compiled.match(text, pos) if pos else compiled.match(text)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        compiled = self._compiled or self.compiled
        return compiled.fullmatch(text, pos, endpos) if endpos is not None else compiled.fullmatch(text, pos) if pos else compiled.fullmatch(text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> regex.Match[str] | None:
        compiled = self._compiled or self.compiled
        if timeout is not None:
            return compiled.search(text, pos, endpos, timeout=timeout)
        return compiled.search(text, pos, endpos) if endpos is not None else compiled.search(text, pos) if pos else compiled.search(text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        compiled = self._compiled or self.compiled
        return compiled.finditer(text, pos, endpos) if endpos is not None else compiled.finditer(text, pos) if pos else compiled.finditer(text)

    def split(self, text: str) -> list[str]:
        return self.compiled.split(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text)


def alternation(words: Iterable[str]) -> str:
    """A pattern for any of ``words``, grouped by first character ("i(?:sn't|s)|b(?:eing|een|e)"):
    the engine then tests one character per group, not every word, at each place it tries.
    Longest first within a group, so that no word's prefix wins ("being" before "be"). The
    words are escaped by ``re.escape``, which the regex module reads alike."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{re.escape(first)}(?:{'|'.join(map(re.escape, rests))})" for first, rests in sorted(groups.items()))


def occurrences(text: AnyStr, needle: AnyStr) -> Iterator[int]:
    """Where ``needle`` occurs in ``text``, overlaps included, in order: substring searches in
    C, the usual way to find the few places a costly pattern or test needs to look at."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def matches_at(match: Callable[[str, int], regex.Match[str] | None], text: str, starts: Iterable[int]) -> Iterator[regex.Match[str]]:
    """What a ``finditer`` of the pattern whose ``match`` this is finds in ``text``, given every
    place where one of its matches may start (in order, repeats allowed): each place is tried
    as the pattern's own scan would reach it, from the end of the last match (a match is
    never empty). The pattern's look-behinds read before the place, as in the scan."""
    position = 0
    for start in starts:
        if start < position:
            continue  # inside the last match
        found = match(text, start)
        if found is not None:
            yield found
            position = found.end()


# Characters that end a line. Python's str.splitlines also splits on \x1c-\x1e, \x0b and \x0c,
# which scraped text uses as data, so lines are split on these only.
LINE_BREAK = rx.compile(r"\r\n|[\n\r\u2028\u2029\x85]")

# List bullets, Markdown heading marks and quote marks that scrapers put before UI text.
_LEADING_MARKS = rx.compile(r"^[\s\p{Pd}*•·▪►▶>#+|~]*(?:\d{1,2}[.)]\s+)?")
_NON_WORD = rx.compile(r"[^\p{L}\p{N}]+")
# A character other than ASCII and the news punctuation that NFKC leaves without a letter or
# digit and composes with nothing (curly quotes, dashes, ellipsis, no-break spaces): a text
# without one keys like ASCII, that punctuation being a word boundary like any other.
NOT_PLAIN = rx.compile_std("[^\x00-\x7f\u00a0\u2009\u200a\u202f‘’‚“”„–—―‐‑‒…•·«»‹›′″]")
WORD = rx.compile(r"\p{L}[\p{L}\p{M}\p{N}'’\-]*|\p{N}+")


def line_key(line: str, plain: bool = False) -> str:
    """A line reduced to its words: case-folded, marks and punctuation removed.

    "  • Loading...", "LOADING" and "Loading…" all have the key "loading"; this is how phrase
    lists stay tolerant of case and punctuation without becoming regex alternations. ``plain``
    as for :func:`near_key`.
    """
    return near_key(line[leading_marks(line) :], plain)


def leading_marks(line: str) -> int:
    """How many characters of bullets, heading marks and list numbers open ``line``."""
    # A line that starts with a letter has none (most lines: no regex call).
    return 0 if line[:1].isalpha() else _LEADING_MARKS.match(line).end()  # type: ignore[union-attr]


def is_plain(text: str) -> bool:
    """Whether ``text`` holds only ASCII and news punctuation (curly quotes, dashes, ellipsis,
    no-break spaces): its letters and digits are then ASCII, which fast paths rely on."""
    return text.isascii() or NOT_PLAIN.search(text) is None


def near_key(text: str, plain: bool = False) -> str:
    """Key for near-duplicate detection: words only, case-folded, whitespace collapsed.
    ``plain=True`` says the caller knows ``text`` :func:`is_plain` (a part of a plain text is
    plain), which spares the test."""
    if not plain and not is_plain(text):
        folded = unicodedata.normalize("NFKC", text).casefold()
        return _NON_WORD.sub(" ", folded).strip()
    return key_of_folded(fold_plain(text))


# ASCII and news punctuation (most text): NFKC and full case folding change nothing that lower()
# does not, and every character but a letter or digit is a word boundary. As bytes, one
# translation lower-cases the letters and blanks the rest, and a split finds the words: all in
# C, twice as fast as a pattern (the news punctuation becomes "?", then a space).
_FOLD_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


def fold_plain(text: str) -> bytes:
    """A :func:`is_plain` text as one byte per character, letters lower-cased and every other
    character a space: the near key of ``text[i:j]`` is ``key_of_folded(fold_plain(text)[i:j])``."""
    return text.encode("ascii", "replace").translate(_FOLD_TABLE)


# The same, line breaks kept: one split then cuts the folded text into its lines.
_FOLD_LINES_TABLE = _FOLD_TABLE[:10] + b"\n" + _FOLD_TABLE[11:]


def fold_plain_lines(text: str) -> list[bytes]:
    """``fold_plain(piece)`` for each piece of ``text.split("\n")``, from one translation of the
    whole text. A piece that is not plain folds to nonsense (its other characters become
    spaces): callers keep only the folds of plain pieces."""
    return text.encode("ascii", "replace").translate(_FOLD_LINES_TABLE).split(b"\n")


def key_of_folded(folded: bytes) -> str:
    """The near key of folded text (see :func:`fold_plain`)."""
    return b" ".join(folded.split()).decode("ascii")


def words(text: str, offset: int = 0) -> Iterator[tuple[Span, str]]:
    for match in WORD.finditer(text):
        yield Span(offset + match.start(), offset + match.end()), match.group()


def word_count(text: str, plain: bool = False) -> int:
    """How many words :data:`WORD` finds; ``plain`` as for :func:`near_key`."""
    if not plain and not is_plain(text):
        return len(WORD.findall(text))
    return len(_PLAIN_WORD.findall(text))


# WORD on text of ASCII and news punctuation, for the standard library's faster engine: letters
# and digits are ASCII there, and ’ the only punctuation inside a word.
_PLAIN_WORD = rx.compile_std(r"[A-Za-z][A-Za-z0-9'’\-]*|[0-9]+")
# The same on lower-cased text with ’ written ', the apostrophes that end a word left out.
_PLAIN_KEY = rx.compile_std(r"([a-z](?:[a-z0-9'\-]*[a-z0-9\-])?|[0-9]+)'*")


def plain_word_keys(text: str) -> list[str] | None:
    """The words of ``text`` as :data:`WORD` finds them, lower-cased, with ’ written ' and no
    apostrophe at either end; None when ``text`` holds a character other than ASCII and news
    punctuation (a letter such as "é", which only :data:`WORD` reads). Two words with the same
    case-folded form have the same key here."""
    if not is_plain(text):
        return None
    return _PLAIN_KEY.findall(text.replace("’", "'").lower())


# Sentence ends: terminal punctuation, optional closing quotes/brackets, then space and a
# capital, digit or opening quote. Abbreviations like "U.S." or "Mr." are kept whole.
_ABBREVIATION = r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|No|vs|etc|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
# The abbreviation is tested after the first mark, not before it: a pattern that opens with a
# look-behind is tried at every position, one that opens with [.!?…] only at the marks. The
# space after the mark stops at a line break: sentences never cross a line, and the whole text
# is searched at once.
_SENTENCE_END = rx.compile(
    rf"""[.!?…](?<!{_ABBREVIATION}[.!?…])[.!?…]*["'”’)\]]*(?=[^\S\n\r\u2028\u2029\x85]+["'“‘(\[]?[\p{{Lu}}\p{{N}}])""",
    regex.VERSION1,
)


# Where a match of _SENTENCE_END may start: a mark followed, after more marks and closing
# quotes, by a space on its line (no capital or abbreviation tested). The standard library's
# engine finds these far faster than the regex module's scan (its \s takes every character
# the regex module's does, and \x1c-\x1f besides: no start is missed).
_SENTENCE_END_START = rx.compile_std(r"""[.!?…](?=[.!?…]*["'”’)\]]*[^\S\n\r\u2028\u2029\x85])""")


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of any line of ``text`` ends, before the space that follows it: a
    sentence is cut after terminal punctuation (and closing quotes or brackets) followed by
    space and a capital, a digit or an opening quote, on the same line. The pattern is tried
    only where a match may start (see :func:`matches_at`)."""
    starts = [start.start() for start in _SENTENCE_END_START.finditer(text)]
    return [match.end() for match in matches_at(_SENTENCE_END.match, text, starts)]


def trimmed(text: str, start: int, end: int) -> Span | None:
    """``text[start:end]`` without surrounding whitespace, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


_OPENERS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‘": "’", "「": "」"}
# Any character that may open a quotation; a line without one has none.
QUOTE_MARKS = '“„«「"‘'
QUOTE_MARK = rx.compile_std(f"[{QUOTE_MARKS}]")
_CLOSERS = {closer: rx.compile_std(f"[{closer}]") for closer in _OPENERS.values()}
_STRAIGHT_OPEN = rx.compile(r'(?:(?<=^|[\s(\[{—–\-/:])"(?=\S))|(?:(?<=^|[\s(\[{—–/])\'(?=\w))')


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
    # The scan jumps from one possible opening mark to the next (a search in C), never
    # character by character.
    while (mark := QUOTE_MARK.search(text, i, end)) is not None:
        i = mark.start()
        ch = text[i]
        if not _opens(text, i, start, single_closers_left):
            i += 1
            continue
        j = _find_closer(text, i + 1, end, _OPENERS[ch])
        if j is None:
            if ch == "‘":
                single_closers_left = False
                i += 1
                continue
            yield Span(i, end)
            return
        yield Span(i, j + 1)
        i = j + 1


def _opens(text: str, i: int, start: int, single_closers_left: bool) -> bool:
    """Whether the mark at ``i`` opens a quotation: curly and angle marks always do, a straight
    one before a word, a single curly one not inside a word."""
    ch = text[i]
    if ch == '"':
        return _STRAIGHT_OPEN.match(text, i) is not None
    if ch == "‘":
        return single_closers_left and (i == start or not text[i - 1].isalnum())
    return True


def _find_closer(text: str, begin: int, end: int, closer: str) -> int | None:
    pattern = _CLOSERS[closer]
    found = pattern.search(text, begin, end)
    while found is not None:
        k = found.start()
        # An apostrophe inside a word ("we’ll") is not the closing mark.
        if not (closer == "’" and k + 1 < end and text[k + 1].isalpha() and text[k - 1].isalpha()):
            return k
        found = pattern.search(text, k + 1, end)
    return None
