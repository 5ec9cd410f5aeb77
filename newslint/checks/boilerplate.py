"""Boilerplate judged by shape and position rather than by an exact phrase.

The exact UI strings are data (``rules/boilerplate.toml``, existence rules matched by line
key). This module holds the rules that need logic: menus (runs of short items, or several
items on one line), photo credits, copyright footers, site notices written as sentences and
teasers for other articles. Their removals are UNSAFE: a shape is evidence, not proof. Every
rule here reads each line a bounded number of times, so the cost is linear in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from newslint import rx
from newslint.checks.common import from_options, line_hit
from newslint.document import MAX_KEYED_LINE, Document
from newslint.memo import LINES_KEPT, remember
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule
from newslint.textutil import Lazy, line_key

_LIST_MARK = rx.compile(r"^\s*(?:[*•·▪►\-+]|\d{1,2}[.)])\s+")
# Bullets and heading marks before a line ("* ", "### ", "* ##### ").
_LEADING_MARK = rx.compile(r"^(?:[*•·▪►+#>\s]|\\?-\s)+")
# A top-level Markdown heading is the article's title, even when it is short.
_TITLE = rx.compile(r"#(?!#)\s")
# A short line that ends in an initialism ("U.S.", "U.N.") is a label, not a sentence.
_INITIALISM_END = rx.compile(r"(?:^|[\s(])(?:\p{L}\.){2,}[\"'”’)\]]*$")


@lru_cache(maxsize=8)
def _vocabulary(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(line_key(w) for w in words)


class _Shape(IntEnum):
    """How a line takes part in a menu run."""

    BREAK = 0  # prose, or too long for a menu item: ends the run
    NEUTRAL = 1  # blank, or only symbols ("* * *", "☰", "---"): neither ends nor counts
    ITEM = 2  # a short label: may be a menu item
    BAR = 3  # several menu items on one line ("Privacy Policy | Terms of Use"): page furniture
    PHRASES = 4  # a label made of menu words only ("Latest Videos"): a menu item in a run


class _Grade(IntEnum):
    """How much a menu item says about its run."""

    UNKNOWN = 0
    SECTION = 1  # a topic ("Politics", "Health"): a menu's, or an article's list of topics
    FURNITURE = 2  # only a site has it ("Contact us", "Sign in", "Share on Facebook")


@dataclass(frozen=True)
class _MenuOptions:
    vocabulary: frozenset[str]  # whole items that are page furniture ("home", "contact us")
    sections: frozenset[str]  # whole items that are section names ("politics", "health")
    ui_words: frozenset[str]  # words that make any short item page furniture ("privacy", "share")
    min_run: int
    min_share: float
    min_known_long: int
    min_share_long: float
    min_section_run: int
    min_furniture_list: int
    max_words: int
    max_chars: int
    longest_phrase: int
    # Each key's phrases (see _phrases), kept across documents: menus repeat their items. Threads
    # sharing a linter at worst compute a key twice (each dict operation is atomic).
    phrase_memo: dict[str, tuple[str, ...] | None] = field(default_factory=dict, compare=False, repr=False)
    # Each short line's part in a run (see _LineRole), by its text, kept across documents too.
    line_memo: dict[str, _LineRole] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> _MenuOptions:
        vocabulary = _vocabulary(tuple(options.get("vocabulary", ())))
        sections = _vocabulary(tuple(options.get("sections", ())))
        return cls(
            vocabulary=vocabulary,
            sections=sections,
            ui_words=_vocabulary(tuple(options.get("ui_words", ()))),
            min_run=int(options.get("min_run", 3)),
            min_share=float(options.get("min_vocabulary_share", 0.5)),
            min_known_long=int(options.get("min_known_long", 4)),
            min_share_long=float(options.get("min_vocabulary_share_long", 0.2)),
            min_section_run=int(options.get("min_section_run", 4)),
            min_furniture_list=int(options.get("min_furniture_list", 4)),
            max_words=int(options.get("max_words", 4)),
            max_chars=int(options.get("max_chars", 40)),
            longest_phrase=max((key.count(" ") + 1 for key in vocabulary | sections), default=1),
        )

    def grade(self, key: str) -> _Grade:
        if key in self.vocabulary or not self.ui_words.isdisjoint(key.split()):
            return _Grade.FURNITURE
        return _Grade.SECTION if key in self.sections else _Grade.UNKNOWN

    def is_phrase(self, words: Sequence[str]) -> bool:
        phrase = " ".join(words)
        return phrase in self.vocabulary or phrase in self.sections or (len(words) == 1 and words[0] in self.ui_words)


@dataclass
class _Run:
    """Consecutive short lines: their indices, keys and shapes, and the prose around them.

    A list the article itself makes is announced by a sentence ending in a colon, or sits
    between two sentences; a menu rarely does either.
    """

    # The break lines around the run (None at the text's edges), read as prose only when a
    # run's verdict turns on it (most runs are one or two lines, decided without).
    before: str | None
    after: str | None = None
    lines: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    shapes: list[_Shape] = field(default_factory=list)
    own_grades: list[_Grade] = field(default_factory=list)
    marked: int = 0  # items with a bullet or a heading mark

    @property
    def introduced(self) -> bool:
        """The line before is a sentence ending in a colon."""
        return self.before is not None and _introduces(self.before)

    @property
    def after_prose(self) -> bool:
        """The line before is a sentence."""
        return self.before is not None and _is_prose(self.before)

    @property
    def before_prose(self) -> bool:
        """The line after is a sentence."""
        return self.after is not None and _is_prose(self.after)

    def grades(self, site_items: frozenset[str] = frozenset()) -> list[_Grade]:
        """Each item's grade; the items of the site's other menus count as furniture."""
        return [_Grade.FURNITURE if key in site_items else grade for key, grade in zip(self.keys, self.own_grades, strict=True)]


# What separates the links of a menu written on one line: "About | Contact", "Email • Twitter".
_BAR_SEPARATOR = rx.compile(r"\s*(?:[|•·/»«›‹]|\s[-–—]\s)\s*")
# Whether a line holds a separator at all: the same without the optional spaces around it, in
# one class the search skips to, the spaces around a dash looked at from the dash. In the
# standard library's faster engine, whose \s also takes \x1c-\x1f (the regex module's does not).
_BAR_MARK = rx.compile_std(r"[|•·/»«›‹\-–—](?:(?<=[|•·/»«›‹])|(?<=[^\S\x1c-\x1f][-–—])(?=[^\S\x1c-\x1f]))")


def _has_bar_mark(text: str) -> bool:
    """``_BAR_MARK.search(text)``, most lines answered by substring tests (each far faster than
    a scan with a character class): a separator, or a dash for the pattern to judge."""
    if "|" in text or "/" in text or "•" in text or "·" in text or "»" in text or "«" in text or "›" in text or "‹" in text:
        return True
    return ("-" in text or "–" in text or "—" in text) and _BAR_MARK.search(text) is not None
# A sentence that announces a list ("The main changes are:"), and a sentence of prose.
_CLOSERS = "\"'”’)]"


def _ends_sentence(text: str) -> bool:
    """A . ! or ? at the end of ``text``, closing quotes and brackets after it allowed (string
    methods: the pattern this was cost a call per line)."""
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?")


def _is_marked(text: str) -> bool:
    """A bulleted or numbered item, or a heading. The first character decides whether the
    pattern is worth a call (only a mark, a digit or a character beyond ASCII can start one)."""
    first = text.lstrip()[:1]
    if first == "#":
        return True
    return (first in ("*", "-", "+") or first.isdigit() or not first.isascii()) and _LIST_MARK.match(text) is not None


def _introduces(text: str) -> bool:
    """A sentence of five or more words ending in a colon ("Here are the options:")."""
    stripped = text.rstrip()
    return stripped.endswith(":") and _has_words(stripped, 5)


def _is_prose(text: str) -> bool:
    """A sentence of eight or more words ending in . ! ? or : (closing quotes allowed).
    Plain string checks: an unanchored regex here would be quadratic on long lines."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] in (".", "!", "?", ":") and _has_words(stripped, 8)


def _has_words(text: str, count: int) -> bool:
    return len(text.split(None, count)) >= count


def _is_label(text: str, key: str, opts: _MenuOptions) -> bool:
    """A short line that reads as a label, not as a sentence."""
    if len(text) > opts.max_chars or key.count(" ") + 1 > opts.max_words:
        return False
    if _ends_sentence(text) and not text.endswith("...") and not _INITIALISM_END.search(text):
        return False
    return not any(map(str.isdigit, key)) or key.isdigit()


_MAX_MEMO = LINES_KEPT


def _phrases(key: str, opts: _MenuOptions) -> tuple[str, ...] | None:
    """The menu phrases the key splits into, greedily from the left, or None if some word
    belongs to none ("facebook twitter linkedin" -> 3 phrases, "subscribe sign in" -> 2)."""
    memo = opts.phrase_memo
    if key in memo:
        return memo[key]
    return remember(memo, key, _split_phrases(key, opts), _MAX_MEMO)


def _split_phrases(key: str, opts: _MenuOptions) -> tuple[str, ...] | None:
    words = key.split()
    phrases: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(opts.longest_phrase, len(words) - i), 0, -1):
            if opts.is_phrase(words[i : i + size]):
                break
        else:
            return None
        phrases.append(" ".join(words[i : i + size]))
        i += size
    return tuple(phrases)


def _is_link_bar(text: str, opts: _MenuOptions) -> bool:
    """A menu written across one line: labels between separators, most of them furniture."""
    parts: list[str] = []
    for piece in _BAR_SEPARATOR.splititer(text):
        part = line_key(piece)
        if not part:
            continue
        if not _is_label(part, part, opts):
            return False  # prose with a slash or a dash in it: no need to key the rest
        parts.append(part)
    if len(parts) < 2:
        return False
    grades = [opts.grade(part) for part in parts]
    known = sum(1 for grade in grades if grade)
    return known >= 2 and known * 2 >= len(parts) and _Grade.FURNITURE in grades


def _is_prose_line(text: str, key: str, opts: _MenuOptions) -> bool:
    """What :func:`_shape` says of most lines, sooner: too long for a label, with no separator
    of a link bar, so a break."""
    return bool(key) and len(text) > opts.max_chars and len(stripped := text.strip()) > opts.max_chars and not _has_bar_mark(stripped)


def _shape(text: str, key: str, opts: _MenuOptions) -> _Shape:
    stripped = text.strip()
    if not stripped or not key:
        return _Shape.NEUTRAL
    label = _is_label(stripped, key, opts)
    # A bar needs a separator, whether its items are labels or not.
    if _has_bar_mark(stripped) and _is_link_bar(_LEADING_MARK.sub("", stripped), opts):
        return _Shape.BAR
    if not label or (stripped.startswith("#") and _TITLE.match(stripped)):
        return _Shape.BREAK
    phrases = _phrases(key, opts)
    if phrases is None or len(phrases) < 2:
        return _Shape.ITEM
    # Furniture run together is a bar even without separators ("twitter linkedin facebook",
    # "Subscribe Sign In") when three phrases or a UI word leave no doubt; two plain words may
    # be a heading ("Back Home"), so they only count as a menu item within a run.
    if all(opts.grade(phrase) is _Grade.FURNITURE for phrase in phrases) and (
        len(phrases) >= 3 or any(word in opts.ui_words for word in key.split())
    ):
        return _Shape.BAR
    return _Shape.PHRASES


def _item_grade(key: str, shape: _Shape, opts: _MenuOptions) -> _Grade:
    if shape is _Shape.BAR:
        return _Grade.FURNITURE
    if shape is _Shape.PHRASES:
        return max((opts.grade(phrase) for phrase in _phrases(key, opts) or ()), default=_Grade.UNKNOWN)
    return opts.grade(key)


class _LineRole(NamedTuple):
    """What a line is to a run: its shape, and as a menu item its grade and whether it is marked."""

    shape: _Shape
    grade: _Grade
    marked: bool


_PROSE = _LineRole(_Shape.BREAK, _Grade.UNKNOWN, False)


def _line_role(text: str, key: str, opts: _MenuOptions) -> _LineRole:
    """The role of a line: a function of its text (its key is the text's), so it is kept by
    text in ``opts.line_memo``: menus, share bars and footers recur across a site's articles.
    Prose, most lines and rarely repeated, is told by cheap tests and not kept."""
    # Lines too long to be keyed are prose: they end a run (an empty key otherwise means a
    # blank or symbol-only line, which a run may contain).
    if len(text) > MAX_KEYED_LINE or _is_prose_line(text, key, opts):
        return _PROSE
    shape = _shape(text, key, opts)
    if shape is _Shape.NEUTRAL or shape is _Shape.BREAK:
        role = _LineRole(shape, _Grade.UNKNOWN, False)
    else:
        role = _LineRole(shape, _item_grade(key, shape, opts), _is_marked(text))
    return remember(opts.line_memo, text, role, _MAX_MEMO)


def _runs(doc: Document, opts: _MenuOptions) -> Iterator[_Run]:
    keys = doc.line_keys
    lines = doc.lines
    memo = opts.line_memo
    run: _Run | None = None  # begun at its first item
    before: str | None = None  # the break line before the lines read since the last run
    for index, line in enumerate(lines):
        role = memo.get(line.text)
        if role is None:
            role = _line_role(line.text, keys[index], opts)
        shape = role.shape
        if shape is _Shape.NEUTRAL:
            continue
        if shape is _Shape.BREAK:
            if run is not None:
                run.after = line.text
                yield run
                run = None
            before = line.text
            continue
        if run is None:
            run = _Run(before)
        run.lines.append(index)
        run.keys.append(keys[index])
        run.shapes.append(shape)
        run.own_grades.append(role.grade)
        run.marked += role.marked
    if run is not None:
        yield run


def _menu_part(run: _Run, grades: Sequence[_Grade], opts: _MenuOptions) -> tuple[int, int] | None:
    """The part of a run to report, ``(first, last)`` inclusive, or None if it is no menu.

    The part runs from the first to the last known item: short lines at the edges of a run
    that are not menu vocabulary are as likely a headline or a subheading.
    """
    known = [grade is not _Grade.UNKNOWN for grade in grades]
    if not _is_menu(run, grades, sum(known), opts):
        return None
    return known.index(True), len(known) - 1 - known[::-1].index(True)


def _is_menu(run: _Run, grades: Sequence[_Grade], count: int, opts: _MenuOptions) -> bool:
    """Whether a run is a menu, given its items' grades and how many are known.

    - shorter than ``min_run``: only if every item is furniture ("Sections" / "Search");
    - enough known items (``min_vocabulary_share``), or many of them in a long run (a site
      index: section names, each followed by its own sub-sections);
    - section names alone may be the article's own list: then the run must be longer and
      neither announced by a sentence ending in a colon nor set between two sentences;
    - a long bulleted list with several furniture items, however few of the rest are known.
    """
    furniture = sum(1 for grade in grades if grade is _Grade.FURNITURE)
    if len(grades) < opts.min_run:
        return len(grades) >= 2 and furniture == len(grades)
    if count < 2:
        return False
    if not furniture:
        enclosed = run.introduced or (run.after_prose and run.before_prose)
        return not enclosed and count >= opts.min_section_run and count >= opts.min_share * len(grades)
    share = count / len(grades)
    if share >= opts.min_share or (count >= opts.min_known_long and share >= opts.min_share_long):
        return True
    return not run.introduced and furniture >= opts.min_furniture_list and run.marked >= 0.75 * len(grades)


def _menus(doc: Document, opts: _MenuOptions) -> Iterator[tuple[int, int, int, int]]:
    """``(line index, run length, first line, last line)`` of each menu line: the lines of
    accepted runs, and link bars wherever they stand. First and last are the menu's own
    first and last lines, so that every item can offer the same fix: remove the menu whole.

    Sites repeat their menus (a bar at the top, a site index at the foot), so the items of the
    menus found first count as furniture when the rest of the page is judged again.
    """
    pending: list[_Run] = []
    site_items: set[str] = set()
    for run in _runs(doc, opts):
        # A single line is no menu run (a link bar on a line of its own is reported as a bar).
        part = _menu_part(run, run.grades(), opts) if len(run.lines) > 1 else None
        if part is None:
            pending.append(run)
            continue
        site_items.update(run.keys[part[0] : part[1] + 1])
        first, last = run.lines[part[0]], run.lines[part[1]]
        for i in run.lines[part[0] : part[1] + 1]:
            yield i, len(run.lines), first, last
    site = frozenset(site_items)
    for run in pending:
        part = _menu_part(run, run.grades(site), opts) if site and len(run.lines) > 1 else None
        for offset, i in enumerate(run.lines):
            if part is not None and part[0] <= offset <= part[1]:
                yield i, len(run.lines), run.lines[part[0]], run.lines[part[1]]
            elif run.shapes[offset] is _Shape.BAR:
                yield i, 1, i, i


def menu_runs(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A run of short link-like lines (a navigation bar, a share bar, a list of sections):
    at least ``min_run`` short lines in a row, blank and symbol-only lines between them
    allowed, enough of which are menu vocabulary; and menus written across one line."""
    opts = from_options(rule.options, "menu", _MenuOptions.of)
    lines = doc.lines
    # Every item of a menu carries the same fix (identical fixes are applied once): removing
    # the menu as one block leaves no stray blank lines behind. Built once per menu.
    fixes: dict[tuple[int, int], Fix] = {}
    for i, count, first, last in _menus(doc, opts):
        line = lines[i]
        stripped = line.text.strip()
        start = line.span.start + line.text.index(stripped)
        if last > first:
            fix = fixes.get((first, last))
            if fix is None:
                fix = fixes[first, last] = Fix.delete([doc.removal_span(first, last)], Applicability.UNSAFE, "Remove the menu")
        else:
            fix = Fix.delete([doc.removal_span(first, last)], Applicability.UNSAFE, f"Remove the menu line '{stripped}'")
        yield Hit(
            Span(start, start + len(stripped)),
            message=None if count > 1 else f"navigation links on one line: '{stripped}'",
            fix=fix,
            args={"match": stripped, "count": str(count)},
        )


# Compiled on first use (as _COPYRIGHT, _SPEECH, _PROMO): the pre-checks leave most texts without one.
_CREDIT = Lazy(
    r"""^\s*(?:[*•\-]\s*)?(?:\(?(?:photo(?:graph)?s?|image|picture|pictured|illustration|credit|source)s?
        (?:\s+(?:credit|courtesy|by|source|copyright))?\s*[:|/]\s*\S.{0,120}
      | \(?(?:video|graphic)s?\s+(?:credit|courtesy|source)\s*[:|/]\s*\S.{0,120}
      | (?:photo|image|picture)s?\s+(?:by|courtesy\s+of|copyright|©)\s+\S.{0,80}
      | \(?(?:AP|AFP|Reuters|Getty\s+Images|EPA|Shutterstock|PA)\s+(?:photo|images?)\)?(?:\s*/\s*[^\n]{1,60})?
      # A photographer and an agency: "Michael Conroy, AP", "Tim Robberts/Getty Images".
      | (?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+\s*[,/]\s*(?:AP|AFP|Reuters|Getty\s+Images|EPA(?:-EFE)?|Shutterstock|PA(?:\s+Images|\s+Wire)?|Bloomberg|Xinhua|Sipa|Zuma(?:\s+Press)?|REX|Alamy)
    )\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)


# What a credit line starts with (after spaces, a bullet and a parenthesis) or ends with, lower
# case: every form of _CREDIT needs one. The ASCII letters that _CREDIT matches ignoring case
# and lower() does not give back ("İ", "ſ") send a line to the full pattern.
_CREDIT_STARTS = ("photo", "image", "picture", "illustration", "credit", "source", "video", "graphic",
                  "ap", "afp", "reuters", "getty", "epa", "shutterstock", "pa")
_CREDIT_ENDS = ("ap", "afp", "reuters", "images", "epa", "efe", "shutterstock", "pa", "wire", "bloomberg", "xinhua",
                "sipa", "zuma", "press", "rex", "alamy")


def _head(text: str, marks: str, width: int) -> str | None:
    """The first ``width`` characters of ``text`` after spaces and ``marks``, lower case; None
    when ``text`` holds a letter that a pattern ignoring case reads as ASCII and lower() does
    not give back (the caller must then try its pattern)."""
    if not text.isascii() and ("İ" in text or "ſ" in text):
        return None
    if text[:1].isalpha():  # most lines: nothing to step over
        return text[:width].lower()
    start = 0
    while start < len(text) and (text[start].isspace() or text[start] in marks):
        start += 1
    return text[start : start + width].lower()


def _may_be_credit(text: str) -> bool:
    """A cheap test every credit line passes (most lines do not): no pattern call per line."""
    head = _head(text, "*•-(", 12)
    return head is None or head.startswith(_CREDIT_STARTS) or text.rstrip()[-12:].lower().endswith(_CREDIT_ENDS)


def _keyed_lines(doc: Document, starts: tuple[str, ...], ends: tuple[str, ...] = ()) -> list[int]:
    """The lines that may pass a test of their head or tail (see :func:`_head`) for ``starts``
    and ``ends``, told by their keys, made for all lines in C: a plain line (see
    :attr:`Document.line_folds`) whose key neither starts nor ends with one is left out. A plain
    line keys as its ASCII letters and digits, lower case, between single spaces, so spaces and
    marks before a head that starts with a word leave its key starting with the word, and
    spaces after a tail leave it ending with it. Other lines are all kept."""
    return [
        index
        for index, (fold, key) in enumerate(zip(doc.line_folds, doc.line_keys, strict=True))
        if fold is None or key.startswith(starts) or key.endswith(ends)
    ]


def photo_credit(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A photo or image credit on a line of its own ("Photo credit: AFP / ...")."""
    max_words = int(rule.options.get("max_words", 14))
    lines = doc.lines
    for index in _keyed_lines(doc, _CREDIT_STARTS, _CREDIT_ENDS):
        line = lines[index]
        text = line.text
        if line.is_blank or len(text) > 200 or not _may_be_credit(text):
            continue
        if not _CREDIT.match(text, timeout=ctx.regex_timeout):
            continue
        if len(text.split()) > max_words or (_ends_sentence(text.rstrip()) and text.count(".") > 2):
            continue
        yield line_hit(doc, index, Applicability.UNSAFE, "Remove the credit line")


# A copyright notice: the sign or the word followed by a year ("© 2019 ...", "Copyright ©
# 2005-2019 ..."), or the sign followed by a company ("© Future US, Inc."). The sign before a
# bare name ("© Reuters") is a credit some articles keep, so it is left alone; lines led by
# "All rights reserved" are exact footers, left to the SAFE legal rule (NL206).
_COPYRIGHT = Lazy(
    r"""(?:©|\((?i:c)\)|\b(?i:copyright)\b)\s*(?:©\s*|\((?i:c)\)\s*)?(?:19|20)\d{2}\b
        # After the years comes the holder, not a sentence: "© 2019 was a good year" is prose.
        (?:\s*[-–]\s*(?:(?:19|20)\d{2})?)?[\s,.|\-–—]*(?:$|(?=[\p{Lu}\p{N}&@"“(])|(?=\S+\.\S))
      | ©\s*(?:(?i:copyright)\s+)?(?:[\p{L}\p{N}&.'’-]+,?\s+){0,6}?(?i:Inc|LLC|Ltd|Limited|Corp|Corporation|Company|Group|Media
          |Network|Newspapers?|Communications|Holdings|plc|GmbH|AG|Pty|Publishing|Publications|Enterprises|Interactive|Universal)\b""",
    regex.VERBOSE,
)


def _may_hold_copyright(text: str) -> bool:
    """Whether ``text`` holds the sign, "(c)" or the word in any case, which _COPYRIGHT needs
    ("İ" matches its "i" ignoring case, and lower() does not give "i" back)."""
    return "©" in text or "(c)" in text or "(C)" in text or "copyright" in text.lower() or (not text.isascii() and "İ" in text)


_COPYRIGHT_NEEDLE = rx.compile_std(r"©|\([cC]\)|copyright")


def _copyright_lines(doc: Document) -> Iterable[int]:
    """The lines that may hold a copyright notice: those holding the sign, "(c)" or the word
    in any case, found in one search over the lower-cased text (shared with the grammar and
    date rules); every line when that text does not keep the text's offsets (it holds "İ")."""
    lowered = doc.lowered
    if lowered is None:
        return range(len(doc.lines))
    if "©" not in lowered and "(c)" not in lowered and "copyright" not in lowered:
        return ()
    return sorted({doc.line_index(match.start()) for match in _COPYRIGHT_NEEDLE.finditer(lowered)})


def copyright_notice(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A copyright footer on a line of its own ("© 2019 Example Media, LLC. All rights reserved.")."""
    max_words = int(rule.options.get("max_words", 80))
    for index in _copyright_lines(doc):
        line = doc.lines[index]
        text = line.text
        if line.is_blank or len(text) > 12 * max_words or not _may_hold_copyright(text) or len(text.split()) > max_words:
            continue
        if not _COPYRIGHT.search(text, timeout=ctx.regex_timeout):
            continue
        yield line_hit(doc, index, Applicability.UNSAFE, "Remove the copyright line")


def _trigger_words(options: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(options.get("trigger_words", ()))


def _key_patterns(options: Mapping[str, Any]) -> regex.Pattern[str] | None:
    """The rule's patterns joined into one expression: one match call per line."""
    sources = options.get("patterns", ())
    if not sources:
        return None
    return rx.compile("|".join(f"(?:{source})" for source in sources), regex.IGNORECASE)


def _new_verdicts(options: Mapping[str, Any]) -> dict[str, bool]:
    return {}


# Reported speech: a quotation of five words or more, or a reporting verb. A pitch quoted in
# a story belongs to the story.
_SPEECH = Lazy(r"[\"“„«](?:[^\"”»\s]+\s+){4,}|\b(?:said|says|told|tells|according\s+to)\b", regex.IGNORECASE)


def site_notice(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A pitch or notice written as a sentence: the line key fully matches one of the rule's
    ``patterns``, and the line is not reported speech."""
    patterns = from_options(rule.options, "notice patterns", _key_patterns)
    max_words = int(rule.options.get("max_words", 60))
    triggers = from_options(rule.options, "notice triggers", _trigger_words)
    if patterns is None:
        return
    # Pitches and banners recur across a site's articles, and the patterns are long: each key
    # that has a trigger word is matched once (by the options, like the patterns).
    verdicts = from_options(rule.options, "notice verdicts", _new_verdicts)
    keys = doc.line_keys
    for index, line in enumerate(doc.lines):
        key = keys[index]
        if not key or key.count(" ") >= max_words:
            continue
        if triggers and triggers.isdisjoint(key.split()):
            continue
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = remember(verdicts, key, patterns.fullmatch(key, timeout=ctx.regex_timeout) is not None, _MAX_MEMO)
        if not verdict:
            continue
        if _SPEECH.search(line.text):
            continue
        yield line_hit(doc, index, Applicability.UNSAFE, "Remove the notice")


# A teaser: a lead-in such as "Read more" or "Related", then a colon or arrow, then a headline.
_PROMO = Lazy(
    r"""^\s*(?:[*•\-]\s*)?\[?(?:read|see|watch|listen\s+to|also\s+read|also\s+see|see\s+also|read\s+(?:more|next|also|this)
        |see\s+more|more|related|related\s+(?:story|article|coverage|content|reading)|recommended|don[’']?t\s+miss
        |further\s+reading|more\s+reading|editor[’']?s\s+pick|top\s+story|trending|most\s+read|previously)\]?
        \s*(?:[:|»>›→]|—|–|-\s)\s*\S""",
    regex.IGNORECASE | regex.VERBOSE,
)


# What a teaser starts with after spaces, a bullet and a bracket, lower case: every form of
# _PROMO needs one (letters it matches ignoring case that lower() does not give back send the
# line to the pattern, as for credits).
_PROMO_STARTS = ("read", "see", "watch", "listen", "also", "more", "related", "recommended", "don", "further", "editor", "top",
                 "trending", "most", "previously")


def _may_be_promo(text: str) -> bool:
    head = _head(text, "*•-[", 11)
    return head is None or head.startswith(_PROMO_STARTS)


def promo_link(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A teaser line: "Read more: <headline>", "Related: <headline>", "See also: ..."."""
    max_words = int(rule.options.get("max_words", 30))
    lines = doc.lines
    for index in _keyed_lines(doc, _PROMO_STARTS):
        line = lines[index]
        if line.is_blank or len(line.text) > 300 or not _may_be_promo(line.text) or not _PROMO.match(line.text):
            continue
        if len(line.text.split()) > max_words:
            continue
        yield line_hit(doc, index, Applicability.UNSAFE, "Remove the teaser line")
