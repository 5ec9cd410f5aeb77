"""The words of an article as the spelling rules see them, counted at C speed.

Most of an article's words are plain lower-case words that the word list knows: they need
counting, never placing. So the text is cut once (separators and words in one list; by the
standard library's engine when it holds only ASCII and news punctuation), the words are
counted by :class:`collections.Counter`, and what a word is made of (its hyphen-separated
parts, their case, a possessive) is worked out once per distinct word per process
(:func:`shape`). Whether a word is glued to a handle, a path or a number is read
from the separators beside it, judged once per distinct separator per process. Positions are
computed only when something needs them: a URL, a "[sic]" or mis-decoded text in the text, a
word that is not plain lower case beside a split contraction, and the words a rule reports.

Which occurrences do not count (see :class:`Tokens`): words inside URLs, e-mail addresses and
HTML comments; words glued to something that is not prose (``@handle``, ``#tag``, ``a/b``,
``file.txt``, ``5km``); and, for words that are not plain lower case, a ``[sic]`` after the
word, mis-decoded text around it, or the rest of a contraction split off it ("isn 't").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate, chain, compress, filterfalse
from typing import NamedTuple

import regex

from newslint import rx
from newslint.document import Document
from newslint.memo import Memo
from newslint.spelling.vocabulary import key as word_key
from newslint.textutil import NOT_PLAIN, WORD

_APOSTROPHES = "'’"
# The tokeniser's pattern with its match captured: ``split`` then returns separators and
# words alternately, cut in C (a loop over matches costs a Python step per word).
_SPLIT = rx.compile(f"({WORD.pattern})", WORD.flags)
# The letters, marks and numbers of a text are usually ASCII or Latin (up to U+024F: "é",
# "ć", "½"): the same split is then made by the standard library's engine (about twice as
# fast) with those classes spelt out, read from the regex module's own (see
# :func:`_latin_split`). A text with a letter, mark or number beyond them (Cyrillic, Devanagari)
# is split by WORD's engine; other characters (symbols, emoji, punctuation) never start or
# continue a word, so they do not matter.
_LATIN_END = 0x250
_BEYOND_LATIN = rx.compile(r"[[\p{L}\p{M}\p{N}]--[\x00-\u024f]]", regex.V1)

# Characters that make a word part of something else: a handle, a hashtag, a path, an
# identifier, a number with a unit.
_BEFORE_NOT_PROSE = frozenset("@#/\\_=&0123456789")
_AFTER_NOT_PROSE = frozenset("@/\\_=")
# A word is glued (see :func:`glued`) only by the characters right beside it, which lie in the
# separators the split returns: so what each separator does to the tokens on either side of it
# is worked out once per distinct separator per process (see :func:`_separator_marks`), and an
# article's separators are looked up in C. Bits:
_GLUES_NEXT = 1  # the token after it is glued (a handle, a path, a file name)
_GLUES_PREVIOUS = 2  # the token before it is glued
_DOT = 4  # "." alone: each side is glued when the token on the other side ends (starts) in a letter or digit
_NONE = 8  # no separator at all: a number right before a word, glued when the number ends in a digit
_QUOTE_PREVIOUS = 16  # the token before it ends at a mark where the rest of a contraction may start
_QUOTE_NEXT = 32  # the token after it starts right after such a mark

# Signs of text decoded with the wrong codec: UTF-8 read as Latin-1 or cp1252, undecodable
# bytes kept as surrogates, replacement characters.
MOJIBAKE = rx.compile(r"[ÃÂ][\x80-\xbf\u2018-\u203a]|â€|\ufffd|[\udc80-\udcff]")
# A character every match of MOJIBAKE holds (a class: the standard engine scans for it faster).
_MOJIBAKE_SIGN = rx.compile_std("[ÃÂâ\ufffd\udc80-\udcff]")
# "[sic]" or "(sic)" right after a word, perhaps after closing quotes or punctuation.
SIC = rx.compile(r"""["'”’»),.;:!?]*\s*[\[(]sic[\])]""", regex.IGNORECASE)
_ANY_SIC = rx.compile(r"[\[(]sic[\])]", regex.IGNORECASE)
# The rest of a contraction split from its word ("isn 't", "isn ‘t").
_QUOTE_MARKS = "'’‘`"
_CONTRACTION_REST = rx.compile(r"\s?['’‘`](?:t|s|ll|re|ve|d|m)\b", regex.IGNORECASE)
# Marks that are never part of a word: where a word may end right before the rest of a
# contraction, as may a word before a space and an apostrophe (an apostrophe right after a
# letter is in the word).
_QUOTE_ONLY = ("‘", "`")
_AFTER_SPACE = ("‘", "`", "'", "’")



def glued(text: str, start: int, end: int) -> bool:
    """Part of a handle, hashtag, path, identifier, domain or file name, or a unit after a number."""
    before = text[start - 1] if start > 0 else ""
    if before in _BEFORE_NOT_PROSE:
        return True
    if before == "." and start > 1 and text[start - 2].isalnum():
        return True
    after = text[end] if end < len(text) else ""
    if after in _AFTER_NOT_PROSE:
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def contraction_follows(text: str, end: int) -> bool:
    """The rest of a contraction follows the word, split off by a stray space ("isn ‘t")."""
    after = text[end : end + 2]
    if not after or not (after[0] in _QUOTE_MARKS or (after[0] == " " and after[1:] in _QUOTE_MARKS and after[1:])):
        return False
    return _CONTRACTION_REST.match(text, end) is not None


def _separator_marks(separator: str) -> int:
    """What a separator between two tokens makes of them (the bits above). The characters
    beside a token are the ends of the separators around it, and the character beyond a
    one-character separator is the neighbouring token's: so a separator tells it all, but for
    "." alone and for none (see :meth:`Tokens._beside_separators`)."""
    if not separator:
        return _NONE
    if separator == ".":
        return _DOT
    first, last = separator[0], separator[-1]
    marks = 0
    # As in glued(): a dot is a glue only between two letters or digits ("file.txt", "a.b").
    if last in _BEFORE_NOT_PROSE or (last == "." and separator[-2].isalnum()):
        marks |= _GLUES_NEXT
    if first in _AFTER_NOT_PROSE or (first == "." and separator[1].isalnum()):
        marks |= _GLUES_PREVIOUS
    # Where the rest of a contraction may follow a token: a mark that is never in a word
    # right after it, or a space and an apostrophe ("isn ‘t", "isn 't").
    if first in _QUOTE_ONLY or (first == " " and separator[1:2] in _AFTER_SPACE):
        marks |= _QUOTE_PREVIOUS
    if last in _QUOTE_ONLY:
        marks |= _QUOTE_NEXT
    return marks


# Few separators recur (" ", ", ", ". "); the rest (runs of symbols, long blank stretches) are
# new in every article: a small memo, so that it never holds much of the texts it met.
_separators: Memo[str, int] = Memo(_separator_marks, limit=10_000)


# What may end a sentence: terminal punctuation and line breaks (see newslint.textutil's
# sentence_ends and LINE_BREAK).
_BREAKS = ".!?…\n\r\u2028\u2029\x85"
# Whether a separator holds one, worked out once per distinct separator (see _separators).
_sentence_breaks: Memo[str, bool] = Memo(lambda separator: any(mark in separator for mark in _BREAKS), limit=10_000)


def mojibake_near(text: str, start: int, end: int) -> bool:
    """Mis-decoded text in or right beside the word ("donâ€™t", "Caf\udce9")."""
    return MOJIBAKE.search(text, max(0, start - 1), end + 2) is not None


def _splitter(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The fastest split of ``text`` that cuts it as :data:`_SPLIT` does: by the standard
    library's engine unless the text holds a letter, mark or number beyond Latin (its
    characters beyond ASCII and news punctuation, found in C, are few and tested at once)."""
    if text.isascii() or _BEYOND_LATIN.search("".join(set(NOT_PLAIN.findall(text)))) is None:
        return _latin_split()
    return _SPLIT


@cache
def _latin_split() -> re.Pattern[str]:
    """:data:`_SPLIT` for a text whose letters, marks and numbers are all below U+0250, with
    WORD's classes written out for the standard library's engine (which tells letters by
    Python's own tables, not the regex module's): each character of the range is classed
    by the regex module itself, so both engines read every such text alike."""
    latin = "".join(map(chr, range(0x80, _LATIN_END)))
    # Patterns of rx (their programs kept across processes): a cold start compiles none.
    letters, marks, numbers = ("".join(rx.compile(group).findall(latin)) for group in (r"\p{L}+", r"\p{M}+", r"\p{N}+"))
    letter = "A-Za-z" + re.escape(letters)
    number = "0-9" + re.escape(numbers)
    return rx.compile_std(f"([{letter}][{letter}{re.escape(marks)}{number}'’\\-]*|[{number}]+)")


# --- what a word is made of ----------------------------------------------------------------


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class Part(NamedTuple):
    """A word, or one hyphen-separated part of a compound, as counted."""

    offset: int  # where the part starts in the token, after any leading apostrophe
    text: str  # without apostrophes around it or a possessive "'s"
    key: str  # case-folded, straight apostrophes
    inner: bool  # after a hyphen: never the first word of a sentence
    possessive: bool
    cased: bool  # no capital after the first letter: a word to check (not all caps, not iPhone)
    capitalised: bool


@dataclass(frozen=True, slots=True)
class Shape:
    """What one distinct token is, wherever it stands."""

    plain: bool  # lower-case ASCII letters only: the common case
    parts: tuple[Part, ...]  # the parts counted as words (none for a token with digits)
    keys: tuple[str, ...] = ()  # the parts' keys (what an occurrence adds to the counts)
    lower_keys: tuple[str, ...] = ()  # the keys of the parts written in lower case
    # Fields, not properties, so that attrgetter reads them in C over a whole article:
    other: bool = field(init=False)  # not plain
    size: int = field(init=False)  # how many word parts an occurrence counts for

    def __post_init__(self) -> None:
        object.__setattr__(self, "other", not self.plain)
        object.__setattr__(self, "size", len(self.parts))


def _shape(token: str) -> Shape:
    if token.isascii() and token.isalpha() and token.islower():
        return Shape(True, (Part(0, token, token, False, False, True, False),), (token,), (token,))
    if not token.isalpha() and any(ch.isdigit() for ch in token):
        return Shape(False, ())  # a number, a code, a word with digits: never a word to count
    if token.isalpha():
        pieces = [token]
    else:
        pieces = token.split("-")
    parts = []
    offset = 0
    for number, piece in enumerate(pieces):
        part = _part(piece, offset, inner=number > 0)
        if part is not None:
            parts.append(part)
        offset += len(piece) + 1
    keys = tuple(part.key for part in parts)
    return Shape(False, tuple(parts), keys, tuple(part.key for part in parts if part.cased and not part.capitalised))


def _part(piece: str, offset: int, inner: bool) -> Part | None:
    possessive = False
    if piece.isalpha():
        stripped = piece  # the common case: no apostrophe to strip
        key = piece if piece.islower() else piece.casefold()
    else:
        stripped = piece.lstrip(_APOSTROPHES)
        offset += len(piece) - len(stripped)
        stripped = stripped.rstrip(_APOSTROPHES)
        possessive = stripped[-2:] in ("'s", "’s", "'S", "’S")
        if possessive:
            stripped = stripped[:-2]
        if not stripped or not stripped[0].isalpha():
            return None
        key = word_key(stripped)
    cased = stripped[1:] == stripped[1:].lower()
    return Part(offset, stripped, key, inner, possessive, cased, stripped[0].isupper())


_shapes: Memo[str, Shape] = Memo(_shape)
# Whether a token is not a plain lower-case word, in a memo of its own: one look-up in C.
_is_other: Memo[str, bool] = Memo(lambda token: _shapes[token].other)
# What one distinct token is, worked out once per process (a bound method: no Python frame
# for a token met before).
shape: Callable[[str], Shape] = _shapes.__getitem__


# --- an article's tokens ---------------------------------------------------------------------

# Pieces (separators and tokens) per block of :meth:`Tokens.start`: most articles place a few
# dozen tokens, and building every position costs a Python integer per piece.
_BLOCK = 64


class Tokens:
    """The tokens of one article (exactly :data:`newslint.textutil.WORD`'s matches), how many
    times each counts, and where each one is, computed only when asked."""

    def __init__(self, doc: Document):
        self.doc = doc
        text = doc.text
        self._split = _splitter(text)
        self._pieces = self._split.split(text)  # separator, token, ..., separator
        self.words: list[str] = self._pieces[1::2]

    @cached_property
    def _offsets(self) -> list[int]:
        return list(accumulate(map(len, self._pieces)))

    def start(self, index: int) -> int:
        """Where token ``index`` starts, without placing every token (see :attr:`starts`):
        the length of the text before every :data:`_BLOCK`-th piece is measured once, and a
        start is that plus the length of the pieces since (joined in C: faster than summing
        their lengths)."""
        if "_offsets" in self.__dict__:
            return self.starts[index]
        piece = 2 * index + 1
        block = piece // _BLOCK
        return self._block_starts[block] + len("".join(self._pieces[block * _BLOCK : piece]))

    def end(self, index: int) -> int:
        """Where token ``index`` ends (see :meth:`start`)."""
        return self.start(index) + len(self.words[index])

    @cached_property
    def _block_starts(self) -> list[int]:
        pieces = self._pieces
        return [0, *accumulate(len("".join(pieces[at : at + _BLOCK])) for at in range(0, len(pieces), _BLOCK))]

    @cached_property
    def starts(self) -> list[int]:
        return self._offsets[0:-1:2]

    @cached_property
    def ends(self) -> list[int]:
        return self._offsets[1::2]

    @cached_property
    def counted(self) -> Counter[str]:
        """Each distinct token and how many of its occurrences count."""
        counted = Counter(self.words)
        for index in self.excluded:
            word = self.words[index]
            counted[word] -= 1
            if not counted[word]:
                del counted[word]  # none of its occurrences counts
        return counted

    @cached_property
    def plain(self) -> set[str]:
        """The counted tokens that are plain lower-case words."""
        return set(self.counted).difference(self.others)

    @cached_property
    def others(self) -> set[str]:
        """The counted tokens that are not plain lower-case words."""
        # In C for every token met before: whether it is plain is looked up, not worked out.
        return set(compress(self.counted, map(_is_other.__getitem__, self.counted)))

    @cached_property
    def excluded(self) -> frozenset[int]:
        """The occurrences (token indices) that do not count."""
        found: set[int] = set()
        if self.words:
            found.update(self._in_non_prose())
            glued, beside_quotes = self._beside_separators()
            found.update(glued)
            found.update(i for i in chain(beside_quotes, self._unusual()) if self._skipped_unless_plain(i))
        return frozenset(found)

    def _beside_separators(self) -> tuple[list[int], list[int]]:
        """The tokens glued to what is beside them (see :func:`glued`), and those beside a mark
        where the rest of a contraction may follow or precede (see :func:`contraction_follows`):
        read from the separators' marks (looked up in C), with a Python step only at the few
        separators that mark anything."""
        words = self.words
        last = len(words)
        marks = list(map(_separators.__getitem__, self._pieces[0::2]))  # marks[i]: before words[i]
        glued: list[int] = []
        beside_quotes: list[int] = []
        for i in compress(range(len(marks)), marks):
            mark = marks[i]
            if mark & _GLUES_NEXT and i < last:
                glued.append(i)
            if mark & _GLUES_PREVIOUS and i:
                glued.append(i - 1)
            if mark & _DOT and 0 < i < last:  # "a.b", "U.S": each side glued to a letter or digit
                if words[i - 1][-1].isalnum():
                    glued.append(i)
                if words[i][0].isalnum():
                    glued.append(i - 1)
            if mark & _NONE and 0 < i < last and words[i - 1][-1] in _BEFORE_NOT_PROSE:
                glued.append(i)  # "5km"
            if mark & _QUOTE_PREVIOUS and i:
                beside_quotes.append(i - 1)
            if mark & _QUOTE_NEXT and i < last:
                beside_quotes.append(i)
        return glued, beside_quotes

    @cached_property
    def _sics(self) -> tuple[list[int], list[int]]:
        """Where each "[sic]" (or "(sic)") of the text starts and ends."""
        text = self.doc.text
        # Every match of _ANY_SIC holds one of these ("c" has no other case-insensitive match
        # than "C"): most texts hold none, and four substring scans cost far less than a search.
        if "c]" not in text and "c)" not in text and "C]" not in text and "C)" not in text:
            return [], []
        found = [site.span() for site in _ANY_SIC.finditer(text)]
        return [start for start, _ in found], [end for _, end in found]

    def sic_follows(self, end: int) -> bool:
        """A "[sic]" follows the word ending at ``end`` (see :data:`SIC`). Matched only up to
        the first "[sic]" after the word, the only one it can reach: unbounded, the regex
        module looks for "sic" all the way to the end of the text, at every word."""
        starts, ends = self._sics
        index = bisect_left(starts, end)
        return index < len(starts) and SIC.match(self.doc.text, end, ends[index]) is not None

    def words_in(self, start: int, end: int) -> list[str]:
        """The tokens of ``text[start:end]`` (cut there), by the engine that split the text."""
        return self._split.findall(self.doc.text, start, end)

    def sentence_may_start(self, index: int) -> bool:
        """Whether a sentence may start between token ``index`` and the one before it: not
        when no character between them ends a sentence or a line (a sentence is cut only after
        terminal punctuation and closing marks, which no token holds, or at a line's end; see
        :attr:`Document.sentences`), and then the token is not the first of its sentence."""
        return index == 0 or _sentence_breaks[self._pieces[2 * index]]

    def indices(self, wanted: set[str]) -> list[int]:
        """Where the tokens ``wanted`` occur and count, in order. One token is looked for by
        list.index (a search in C comparing the words with it, twice as fast as a membership
        test of each word)."""
        if len(wanted) == 1:
            found: Iterable[int] = self._places(next(iter(wanted)))
        else:
            found = compress(range(len(self.words)), map(wanted.__contains__, self.words))
        return list(filterfalse(self.excluded.__contains__, found))

    def _places(self, token: str) -> Iterator[int]:
        words = self.words
        place = -1
        try:
            while True:
                place = words.index(token, place + 1)
                yield place
        except ValueError:
            return

    def _in_non_prose(self) -> Iterator[int]:
        """Tokens overlapping a URL, e-mail address or HTML comment (protected spans other
        than quotations, which are checked): :attr:`Document.markup`, found without finding
        the document's quotations, which no rule may need."""
        for span in self.doc.markup:
            if span.start < span.end:
                yield from range(bisect_right(self.ends, span.start), bisect_left(self.starts, span.end))

    def _unusual(self) -> Iterator[int]:
        """Tokens beside a "[sic]" or mis-decoded text: where one that is not plain lower case
        may be skipped (those beside a mark of a split contraction: see :meth:`_beside_separators`)."""
        for start in self._sics[0]:
            yield bisect_right(self.ends, start) - 1  # the last word before it
        if self.doc.text.isascii():
            return  # every sign of mis-decoded text is beyond ASCII
        for site in _MOJIBAKE_SIGN.finditer(self.doc.text):
            position = site.start()
            yield from range(bisect_left(self.ends, position - 1), bisect_right(self.starts, position + 1))

    def _skipped_unless_plain(self, index: int) -> bool:
        if index < 0 or shape(self.words[index]).plain:
            return False
        text, start, end = self.doc.text, self.start(index), self.end(index)
        return glued(text, start, end) or self.sic_follows(end) or mojibake_near(text, start, end) or contraction_follows(text, end)
