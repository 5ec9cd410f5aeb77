"""A document: the text as read, its metadata, and lazily computed structure.

Rules never re-split the text themselves: lines, paragraphs, sentences and protected spans
are computed here once, on first use, and shared by every rule that runs on the document.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, NamedTuple, TypeVar, final

import regex

from newslint import rx
from newslint.model import Span
from newslint.textutil import (
    LINE_BREAK,
    QUOTE_MARKS,
    fold_plain,
    fold_plain_lines,
    is_plain,
    key_of_folded,
    leading_marks,
    line_key,
    near_key,
    quotations,
    sentence_ends,
    trimmed,
)


class Line(NamedTuple):
    """A line of the document. A NamedTuple, not a frozen dataclass: a document's lines are
    built by maps in C (see :meth:`Document._split_lines`), which a dataclass's ``__init__``
    (a Python call per line, and one ``object.__setattr__`` per field) would forbid."""

    number: int  # 1-based
    span: Span  # the line's characters, without its line break
    end_with_break: int  # end offset including the line break (== span.end on the last line)
    text: str
    # Stored, not derived: every rule asks, some several times per line.
    is_blank: bool


@dataclass(frozen=True)
class Block:
    """A paragraph: consecutive non-blank lines."""

    first_line: int  # index into Document.lines
    last_line: int
    span: Span


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    id: str | None = None
    # Where ``published`` came from when it was not the record itself: "--published" when the
    # command line filled it in, so the date rules can rank it below a dateline in the text.
    published_from: str | None = None


# UI strings are short; a longer line is prose or a paragraph and is never a phrase match.
MAX_KEYED_LINE = 1000

_URL = rx.compile(r"\b(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]]")
_EMAIL = rx.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HTML_COMMENT = rx.compile(r"<!--.*?-->", regex.DOTALL)
# The protected patterns, each with a plain substring its every match holds: most texts hold
# none, and ``in`` costs far less than a search with the pattern.
_PROTECTED = ((_URL, ("://", "www.")), (_HTML_COMMENT, ("<!--",)))
# The address part before "@", read backwards from it, and the domain part after it.
_LOCAL_PART = rx.compile(r"(?r)[\w.+-]+\Z")
_DOMAIN_PART = rx.compile(r"[\w.-]*")


def _emails(text: str) -> Iterator[regex.Match[str]]:
    """``_EMAIL.finditer(text)``, the pattern tried only around each "@" (its own scan tries
    every word of the text): a match holds one "@" and starts in the run of address characters
    before it, so it is searched for between the start of that run and the end of the domain
    after it (one character more, for the closing word boundary)."""
    position = 0
    while (at := text.find("@", position)) >= 0:
        local = _LOCAL_PART.search(text, position, at)
        found = None
        if local is not None:
            end = _DOMAIN_PART.match(text, at + 1).end()  # type: ignore[union-attr]
            found = _EMAIL.search(text, local.start(), min(len(text), end + 1))
        if found is None:
            position = at + 1
        else:
            yield found
            position = found.end()
def _marked_line_key(line: str, near: str, fold: bytes | None) -> str:
    """The key of a line that does not start with a letter, from its near key ``near`` and its
    fold (None when the line is not plain)."""
    marks = leading_marks(line)
    if not marks:
        return near
    return key_of_folded(fold[marks:]) if fold is not None else line_key(line)


_IS_BLANK = operator.attrgetter("is_blank")
_PLUS_ONE = (1).__add__
# Line breaks other than "\n": a text without any is split by str.split, far faster than a search.
_OTHER_BREAKS = ("\r", "\u2028", "\u2029", "\x85")


T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


@final
class Derived(Generic[T]):
    """The key of something a rule family works out from a document and keeps with it for
    its other rules (see :meth:`Document.derived`). A key is a module-level object: two
    families' keys never collide, and what comes back has the key's type, with no cast."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name  # for messages and debugging only: the object is the key

    def __repr__(self) -> str:
        return f"Derived({self.name!r})"


@dataclass
class Document:
    text: str
    path: str = "<text>"
    metadata: Metadata = field(default_factory=Metadata)
    markdown: bool = False
    # What rule families have derived from this document (see derived()).
    _derived: dict[Derived[Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: Derived[T], build: Callable[[Document], T]) -> T:
        """``build(self)``, built the first time ``key`` is asked for and kept with the
        document: how a family shares its analysis between its rules, and keeps memos per line
        or per sentence, without each rule working them out again. The structure every family
        reads (lines, sentences, quotations) is the document's own properties instead."""
        store = self._derived
        if key in store:
            value: T = store[key]
            return value
        value = store[key] = build(self)
        return value

    def memo(self, key: Derived[dict[K, V]]) -> dict[K, V]:
        """A dictionary kept with the document under ``key``, empty at first: a family's memo
        of what it works out per line or per sentence, only where a rule asks."""
        memo: dict[K, V] = self._derived.setdefault(key, {})
        return memo

    @cached_property
    def lines(self) -> list[Line]:
        text = self.text
        if self._newline_only:
            return self._split_lines(text)
        return self._lines_by_pattern(text)

    @cached_property
    def _newline_only(self) -> bool:
        """The line feed is the text's only line break (almost always): its lines are then the
        pieces of a split at line feeds. Four substring scans beat one class scan."""
        text = self.text
        return not any(mark in text for mark in _OTHER_BREAKS)

    @staticmethod
    def _lines_by_pattern(text: str) -> list[Line]:
        """The lines of any text, cut at each match of :data:`LINE_BREAK`."""
        result: list[Line] = []
        start = 0
        for number, match in enumerate(LINE_BREAK.finditer(text), start=1):
            piece = text[start : match.start()]
            result.append(Line(number, Span(start, match.start()), match.end(), piece, not piece.strip()))
            start = match.end()
        if start < len(text) or not result:
            piece = text[start:]
            result.append(Line(len(result) + 1, Span(start, len(text)), len(text), piece, not piece.strip()))
        return result

    @staticmethod
    def _split_lines(text: str) -> list[Line]:
        """The lines of a text whose only line break is "\n": each field of every line made
        by a map in C (no Python step per line), the lines built by ``tuple.__new__``."""
        pieces = text.split("\n")
        if len(pieces) > 1 and not pieces[-1]:
            pieces.pop()  # a final line break ends the last line; it opens no empty one
        lengths = [*map(len, pieces)]
        # Each line starts one past the end of the one before (its "\n").
        starts = [*itertools.accumulate(map(_PLUS_ONE, lengths[:-1]), initial=0)]
        ends = [*map(operator.add, starts, lengths)]
        with_break = [*map(_PLUS_ONE, ends)]
        with_break[-1] = min(with_break[-1], len(text))  # the last line may have no "\n"
        blank = map(operator.not_, map(str.strip, pieces))
        fields = zip(range(1, len(pieces) + 1), map(Span, starts, ends), with_break, pieces, blank, strict=True)
        return [*map(tuple.__new__, itertools.repeat(Line), fields)]

    @cached_property
    def line_keys(self) -> list[str]:
        """Each line's key (see :func:`newslint.textutil.line_key`), computed once for all the
        phrase rules; "" for blank lines and for lines too long to be a UI string."""
        # A line's key is its near key without the leading marks, and a line that starts with
        # a letter has none (most lines): only the others are read again.
        return [
            ""
            if not key or len(line.text) > MAX_KEYED_LINE
            else key
            if line.text[:1].isalpha()
            else _marked_line_key(line.text, key, fold)
            for line, key, fold in zip(self.lines, self.line_near_keys, self.line_folds, strict=True)
        ]

    @cached_property
    def line_near_keys(self) -> list[str]:
        """Each line's near key (see :func:`newslint.textutil.near_key`), whatever its length;
        "" for blank lines."""
        folds = self.line_folds
        if self.folded is not None:  # every line is plain: all keys made in C
            return list(map(bytes.decode, map(b" ".join, map(bytes.split, folds))))  # type: ignore[arg-type]
        return [
            key_of_folded(fold) if fold is not None else "" if line.is_blank else near_key(line.text)
            for line, fold in zip(self.lines, folds, strict=True)
        ]

    @cached_property
    def line_folds(self) -> list[bytes | None]:
        """Each line folded (see :func:`newslint.textutil.fold_plain`) when it is plain, else
        None: also says which lines are plain (see :func:`newslint.textutil.is_plain`)."""
        text = self.text
        lines = self.lines
        folds: list[bytes | None]
        if not self._newline_only:
            folded = fold_plain(text)
            folds = [folded[line.span.start : line.span.end] for line in lines]
        else:  # the lines are the pieces of a split at "\n" (see _split_lines)
            folds = [*fold_plain_lines(text)[: len(lines)]]
        if self.folded is None:
            folds = [fold if is_plain(line.text) else None for line, fold in zip(lines, folds, strict=True)]
        return folds

    @cached_property
    def folded(self) -> bytes | None:
        """The text folded for keys (see :func:`newslint.textutil.fold_plain`) when it is plain
        (ASCII and news punctuation), else None: the near key of ``text[i:j]`` is then
        ``key_of_folded(folded[i:j])``."""
        return fold_plain(self.text) if is_plain(self.text) else None

    @cached_property
    def lowered(self) -> str | None:
        """``text.lower()`` when its offsets are the text's (almost always: only a character
        such as "İ" lower-cases to two), else None. Searching it with a case-sensitive pattern
        is several times faster than an IGNORECASE search of the text."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else None

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.span.start for line in self.lines]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return max(0, bisect.bisect_right(self._line_starts, offset) - 1)

    @cached_property
    def _newline_starts(self) -> list[int]:
        text = self.text
        if not self._newline_only:
            return [0, *(m.end() for m in regex.finditer("\n", text))]
        # "\n" is the only break: the lines start where the "\n"s end, and a final "\n" opens
        # no line of the document's but a line of the output contract's.
        starts = self._line_starts
        return [*starts, len(text)] if text.endswith("\n") else starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset, as the output contract counts them:
        only "\n" ends a line (CR, U+2028 and U+0085 are characters of their line), and the
        column counts code points."""
        starts = self._newline_starts
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        return index + 1, offset - starts[index] + 1

    @cached_property
    def blocks(self) -> list[Block]:
        result: list[Block] = []
        first: int | None = None
        for index, line in enumerate(self.lines):
            if line.is_blank:
                if first is not None:
                    result.append(self._block(first, index - 1))
                    first = None
            elif first is None:
                first = index
        if first is not None:
            result.append(self._block(first, len(self.lines) - 1))
        return result

    def _block(self, first: int, last: int) -> Block:
        return Block(first, last, Span(self.lines[first].span.start, self.lines[last].span.end))

    @cached_property
    def blank_line_paragraphs(self) -> bool:
        """True when paragraphs are separated by blank lines (rather than one per line)."""
        return any(map(_IS_BLANK, self.lines[:-1]))

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Paragraph spans: blocks in blank-line style, single lines otherwise."""
        if self.blank_line_paragraphs:
            return [block.span for block in self.blocks]
        return [line.span for line in self.lines if not line.is_blank]

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences, line by line (a sentence never spans a line break): the sentence ends of
        the whole text are found in one search, then cut at each line's bounds."""
        return self._sentences_and_lines[0]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each of :attr:`sentences` starts, in order: what finds, by bisection, the
        sentence an offset is in."""
        return [sentence.start for sentence in self.sentences]

    @cached_property
    def sentence_lines(self) -> list[int]:
        """The index (into :attr:`lines`) of each sentence's line."""
        return self._sentences_and_lines[1]

    @cached_property
    def _sentences_and_lines(self) -> tuple[list[Span], list[int]]:
        text = self.text
        ends = sentence_ends(text)
        spans: list[Span] = []
        indices: list[int] = []
        k = 0
        for index, line in enumerate(self.lines):
            if line.is_blank:
                continue
            cursor = line.span.start
            while k < len(ends) and ends[k] <= line.span.end:
                if (span := trimmed(text, cursor, ends[k])) is not None:
                    spans.append(span)
                    indices.append(index)
                cursor = ends[k]
                k += 1
            if (span := trimmed(text, cursor, line.span.end)) is not None:
                spans.append(span)
                indices.append(index)
        return spans, indices

    @cached_property
    def quotes(self) -> list[Span]:
        """Direct quotations, searched line by line (a quote never spans a line break), and
        only in the lines that hold a mark that may open one."""
        result: list[Span] = []
        for index in self._lines_with(QUOTE_MARKS):
            result.extend(self.line_quotes(index))
        return result

    def line_quotes(self, index: int) -> list[Span]:
        """The direct quotations of line ``index``, in order, found the first time they are
        asked for: a rule that places a few words reads the quotations of their lines only."""
        found = self._line_quotes.get(index)
        if found is None:
            span = self.lines[index].span
            found = self._line_quotes[index] = list(quotations(self.text, span.start, span.end))
        return found

    @cached_property
    def _line_quotes(self) -> dict[int, list[Span]]:
        return {}

    def _lines_with(self, marks: str) -> list[int]:
        """Indices of the lines holding any of ``marks``: one substring scan per mark, skipping
        the rest of a line once it is found (faster than a scan with a character class)."""
        text = self.text
        found: set[int] = set()
        for mark in marks:
            at = text.find(mark)
            while at >= 0:
                index = self.line_index(at)
                found.add(index)
                at = text.find(mark, self.lines[index].end_with_break)
        return sorted(found)

    @cached_property
    def protected(self) -> list[Span]:
        """Spans no wording fix may touch: quotations, URLs, e-mail addresses, HTML comments."""
        spans = [*self.quotes, *self.markup]
        if len(spans) > len(self.quotes):
            spans.sort(key=lambda span: (span.start, span.end))  # quotations alone come in order
        return spans

    @cached_property
    def markup(self) -> list[Span]:
        """The URLs, e-mail addresses and HTML comments: the protected spans other than
        quotations, found without finding the quotations (a quotation starts at a quote mark,
        where none of these can). By kind, each kind in order."""
        text = self.text
        spans = [Span(m.start(), m.end()) for pattern, needles in _PROTECTED if any(needle in text for needle in needles) for m in pattern.finditer(text)]
        spans.extend(Span(m.start(), m.end()) for m in _emails(text))
        return spans

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [span.start for span in self.protected]

    @cached_property
    def _protected_reach(self) -> list[int]:
        """``reach[i]``: the furthest end among ``protected[0..i]``."""
        reach: list[int] = []
        furthest = 0
        for span in self.protected:
            furthest = max(furthest, span.end)
            reach.append(furthest)
        return reach

    def in_protected(self, span: Span) -> Span | None:
        """The protected span that ``span`` overlaps, if any."""
        index = bisect.bisect_right(self._protected_starts, span.end)
        reach = self._protected_reach
        # Protected spans nest (URLs inside a quote), so look back until no earlier span
        # reaches past the start of ``span`` (a fixed look-back missed a quote holding many URLs).
        for i in range(index - 1, -1, -1):
            if reach[i] <= span.start:
                break
            candidate = self.protected[i]
            if candidate.overlaps(span) and not (candidate.end == span.start or span.end == candidate.start):
                return candidate
        return None

    def in_quote(self, span: Span) -> bool:
        """Whether a quotation on the line of ``span`` holds all of it. By bisection and a walk
        back over the quotations that reach far enough: a long line full of quotations costs
        no more per call than a short one."""
        line = self.lines[self.line_index(span.start)]
        index = bisect.bisect_right(self._quote_starts, span.start) - 1
        reach = self._quote_reach
        while index >= 0 and reach[index] >= span.end:
            quote = self.quotes[index]
            if quote.start < line.span.start:
                break
            if span.end <= quote.end <= line.end_with_break:
                return True
            index -= 1
        return False

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    @cached_property
    def _quote_reach(self) -> list[int]:
        """For each quotation (in order of start), the furthest end of it and those before it."""
        return list(itertools.accumulate((q.end for q in self.quotes), max))

    def removal_span(self, first_line: int, last_line: int) -> Span:
        """What to delete to remove whole lines ``first_line..last_line`` (0-based indices)
        without leaving a stray blank line or joining two paragraphs.

        In blank-line style a removed block takes one neighbouring blank line with it.
        """
        lines = self.lines
        start = lines[first_line].span.start
        end = lines[last_line].end_with_break
        if end == lines[last_line].span.end:
            # The last line of the text has no break: take the previous line break instead.
            if first_line > 0:
                start = lines[first_line - 1].span.end
                if (
                    first_line > 1
                    and lines[first_line - 1].is_blank
                    and not lines[first_line - 2].is_blank
                ):
                    start = lines[first_line - 2].span.end
            return Span(start, end)
        if (
            first_line > 1
            and lines[first_line - 1].is_blank
            and not lines[first_line - 2].is_blank
            and all(lines[i].is_blank for i in range(last_line + 1, len(lines)))
        ):
            # The block ends the text (only blank lines follow): take the blank line before
            # it too, or "A\n\nShare it:\n" would leave "A\n\n" behind.
            return Span(lines[first_line - 1].span.start, end)
        if (
            last_line + 1 < len(lines)
            and lines[last_line + 1].is_blank
            and (first_line == 0 or lines[first_line - 1].is_blank)
            and last_line + 2 < len(lines)
        ):
            end = lines[last_line + 1].end_with_break
        return Span(start, end)
