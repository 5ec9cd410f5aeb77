"""What a document says about days and time zones, found once and shared by every rule.

- :func:`day_references`: "on Thursday", "Monday’s", "yesterday", "last week", "tonight";
- :func:`zone_mentions`: "(AEDT)", "10am EST", "2 a.m. local time (0100 GMT)", "Moscow time";
- :func:`explicit_dates`: "Thursday, March 7, 2025", "6 March", "2025-03-06".

Each is cached on the document. Generic and habitual uses ("every Monday", "Monday to
Friday", "Black Friday", "the Sunday Times") are not day references; the dateline line and
Markdown front matter are metadata, not text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple, TypeVar

import regex

from newslint import rx
from newslint.dates import zones
from newslint.dates.calendar import (
    TIME,
    WEEKDAY,
    WEEKDAY_SHORT,
    WEEKDAYS,
    DateParts,
    date_matches,
    date_parts,
    date_pattern,
    weekday_index,
    words_of,
)
from newslint.dates.published import dateline_line, front_matter_span
from newslint.document import Derived, Document
from newslint.model import Span
from newslint.textutil import Lazy, alternation, matches_at, occurrences

T = TypeVar("T")

# What the date rules find in a document, found for the first rule that asks.
_SKIPPED: Derived[list[Span]] = Derived("dates skipped spans")
_PLACE_NAMES: Derived[frozenset[str]] = Derived("dates places")
_ZONES: Derived[list[ZoneMention]] = Derived("dates zone mentions")
_ZONE_GROUPS: Derived[list[list[ZoneMention]]] = Derived("dates zone groups")
_ZONES_BY_SPAN: Derived[dict[Span, ZoneMention]] = Derived("dates zone mentions by span")
_EXPLICIT: Derived[list[ExplicitDate]] = Derived("dates explicit dates")
_EXPLICIT_STARTS: Derived[list[int]] = Derived("dates explicit date starts")
_DAYS: Derived[list[DayReference]] = Derived("dates day references")
_DAY_STARTS: Derived[list[int]] = Derived("dates day reference starts")


# --- where things are -------------------------------------------------------------------------


def sentence_of(doc: Document, offset: int) -> Span:
    """The sentence holding ``offset`` (the line, when it is between sentences)."""
    spans = doc.sentences
    starts = doc.sentence_starts
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and spans[index].start <= offset <= spans[index].end:
        return spans[index]
    return doc.lines[doc.line_index(offset)].span


def previous_sentence(doc: Document, sentence: Span) -> Span | None:
    """The sentence before ``sentence`` when it is in the same paragraph."""
    starts = doc.sentence_starts
    index = bisect.bisect_left(starts, sentence.start) - 1
    if index < 0:
        return None
    before = doc.sentences[index]
    gap = doc.text[before.end : sentence.start]
    return before if gap.count("\n") == 0 or (gap.count("\n") == 1 and not doc.blank_line_paragraphs) else None


def skipped(doc: Document) -> list[Span]:
    """Spans that are metadata, not text: the dateline line and Markdown front matter."""

    def build(d: Document) -> list[Span]:
        spans = []
        front = front_matter_span(d)
        if front is not None:
            spans.append(Span(*front))
        index = dateline_line(d)
        if index is not None:
            spans.append(d.lines[index].span)
        return spans

    return doc.derived(_SKIPPED, build)


def _is_skipped(doc: Document, span: Span) -> bool:
    return any(s.start <= span.start and span.end <= s.end for s in skipped(doc))


# --- places ------------------------------------------------------------------------------------

_PLACE_WORDS = sorted({p for readings in zones.ABBREVIATIONS.values() for r in readings for p in r.places}, key=lambda place: (-len(place), place))
# Grouped by first letter, longest first within a group (as before, the longest place wins at a
# place): the engine tries each word of the text against one group, not all 91 places.
_PLACES = Lazy(rf"\b(?:{alternation(_PLACE_WORDS)})\b")


def places(doc: Document) -> frozenset[str]:
    """The place words of the zone table that the article mentions (they make a rarer
    reading of an abbreviation plausible: 'CST' in an article about Cuba)."""
    return doc.derived(_PLACE_NAMES, lambda d: frozenset(m.group() for m in _PLACES.finditer(d.text)))


def live_readings(doc: Document, abbreviation: str, region: str | None = None) -> tuple[zones.Reading, ...]:
    """Readings of ``abbreviation`` worth considering in this article: the common ones, and
    the rarer ones whose places it mentions."""
    seen = places(doc)
    return tuple(r for r in zones.readings_for(abbreviation, region) if r.common or any(p in seen for p in r.places))


# --- zone mentions -------------------------------------------------------------------------------


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class ZoneMention(NamedTuple):
    span: Span  # the zone words: "AEDT", "local time", "Moscow time", "Eastern Standard Time"
    whole: Span  # with its clock time or parentheses: "(AEDT)", "2 a.m. local time"
    kind: str  # "abbreviation", "universal", "generic", "local", "place"
    name: str  # "AEDT", "GMT", "ET", "local time", "Moscow"
    region: str | None  # the one reading the words allow, when they allow one ("Eastern Standard Time")
    in_dateline: bool

    @property
    def family(self) -> str:
        """What the mention counts time in, for comparing mentions: EST and EDT are both
        'US Eastern'; an unplaced 'local time' is its own family."""
        if self.kind == "universal":
            return "UTC"
        if self.kind == "generic":
            return zones.GENERIC[self.name]
        if self.kind == "local":
            return "local time"
        if self.kind == "place":
            return zones.REGION_NAMES.get(self.name, self.name)
        readings = zones.readings_for(self.name, self.region)
        return readings[0].region if readings else self.name


_ZONE_NAMES = sorted([*zones.ABBREVIATIONS, *zones.UNIVERSAL, *zones.GENERIC], key=len, reverse=True)
_ABBR = r"(?:" + "|".join(_ZONE_NAMES) + r")"
_SPELLED = r"(?:" + "|".join(regex.escape(s) for s in sorted(zones.SPELLED, key=len, reverse=True)) + r")"
_PLACE_TIME = r"(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+time)"
_DAYWORD = rf"(?:{WEEKDAY}(?:['’]s)?|yesterday|today|tonight|morning|afternoon|evening|night|{date_pattern('z')})"
_ZONE_WORDS = rf"(?:{_SPELLED}|{_ABBR}(?![\w-])|[Ll]ocal\s+time|{_PLACE_TIME})"
# The zone words are found first with cheap patterns, then their context is read in a small
# window before them (one pattern with an optional time or day in front was 15x slower).
_NAMED_ZONE = Lazy(rf"(?<![\w-])(?P<zone>{_SPELLED}|{_ABBR})(?![\w-])")
_LOCAL_TIME = Lazy(r"\b(?P<zone>[Ll]ocal\s+time)\b")
_TIME_WORD = Lazy(r"(?<=[a-z])\s+time\b")
_PLACE_BEFORE = Lazy(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?$")
# 10am EST, 10:30 (AEDT), 0100 GMT, 2 a.m. local time, 10am Moscow time
# (A four-digit "0100" counts here: the zone word after it is what TIME's own look-ahead wants,
# but the window ends before it.)
_TIME_BEFORE = Lazy(rf"(?P<time>{TIME}|(?<![\d:.])(?:[01]\d|2[0-3])[0-5]\d)\s*(?P<open>\(\s*)?$")
# Thursday (AEDT), March 6 (local time), Thursday (March 6, AEDT)
_PARENTHESIS_BEFORE = Lazy(rf"\(\s*(?:{date_pattern('p')}\s*,\s*)?$")
_DAY_BEFORE = Lazy(rf"{_DAYWORD}\s*$")
_CLOSE = Lazy(r"\s*\)")
_CONTEXT = 40  # characters read before a zone word for its clock time or day


@cache
def _zone_name_starts() -> re.Pattern[str]:
    """The zone names as plain literals, for the standard library's engine: every match of
    _NAMED_ZONE starts where this finds one, and most texts hold none. Grouped by first
    letter (the engine tries each capital of the text against one group, not every name):
    only where a match starts is read, not which name it is."""
    return rx.compile_std(alternation([*zones.SPELLED, *_ZONE_NAMES]))


def _named_zones(text: str) -> Iterator[regex.Match[str]]:
    """``_NAMED_ZONE.finditer(text)``, the pattern tried only where a zone name starts: the
    same matches, at a third of the cost of the pattern's own scan over every character."""
    position = 0
    while (name := _zone_name_starts().search(text, position)) is not None:
        found = _NAMED_ZONE.match(text, name.start())  # its look-behind reads before the start
        if found is None:
            position = name.start() + 1
        else:
            yield found
            position = found.end()  # a zone name is never empty


# What the regex module's \s takes: str.isspace() also takes \x1c-\x1f.
_NOT_REGEX_SPACE = frozenset("\x1c\x1d\x1e\x1f")


def _place_times(text: str) -> Iterator[regex.Match[str]]:
    """``_TIME_WORD.finditer(text)``, the pattern tried only before the word "time": its one
    possible start there is where the spaces before the word begin (the only place after a
    letter). Runs of spaces before different "time"s never overlap, so this stays linear."""
    position = 0
    while (at := text.find("time", position)) >= 0:
        start = at
        while start > 0 and text[start - 1].isspace() and text[start - 1] not in _NOT_REGEX_SPACE:
            start -= 1
        found = _TIME_WORD.match(text, start) if start < at else None
        position = found.end() if found is not None else at + 1
        if found is not None:
            yield found


def zone_mentions(doc: Document) -> list[ZoneMention]:
    return doc.derived(_ZONES, _find_zone_mentions)


def _find_zone_mentions(doc: Document) -> list[ZoneMention]:
    text = doc.text
    candidates = [Span(m.start("zone"), m.end("zone")) for m in _named_zones(text)]
    candidates += [Span(m.start("zone"), m.end("zone")) for m in _LOCAL_TIME.finditer(text)]
    for m in _place_times(text):
        place = _PLACE_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if place is not None:
            candidates.append(Span(place.start(), m.end()))
    found: dict[Span, ZoneMention] = {}
    for span in candidates:
        words = text[span.start : span.end]
        whole = _context(text, span)
        always = words in zones.SPELLED or words.lower().startswith("local")
        if span in found or (whole is None and not always):
            continue  # "(CAT)" after a name is an acronym; after a time, day or date it is a zone
        mention = _mention(doc, words, span, whole or span)
        if mention is not None:
            found[span] = mention
    return sorted(found.values(), key=lambda m: m.span)


def _context(text: str, span: Span) -> Span | None:
    """The mention with its clock time ("10am EST", "10am (EST)") or its parentheses after a
    day or date ("(AEDT)" in "Thursday (AEDT)"); None when it has neither."""
    window = max(0, span.start - _CONTEXT)
    closing = _CLOSE.match(text, span.end, span.end + 10)
    timed = _TIME_BEFORE.search(text, window, span.start)
    if timed is not None and (timed.group("open") is None or closing is not None):
        return Span(timed.start(), closing.end() if timed.group("open") and closing else span.end)
    opened = _PARENTHESIS_BEFORE.search(text, window, span.start) if text.find("(", window, span.start) >= 0 else None
    if opened is not None and closing is not None and _DAY_BEFORE.search(text, max(0, opened.start() - _CONTEXT), opened.start()):
        return Span(opened.start(), closing.end())
    return None


def _mention(doc: Document, words: str, span: Span, whole: Span) -> ZoneMention | None:
    in_dateline = _is_skipped(doc, span)
    if words in zones.SPELLED:
        abbreviation, region = zones.SPELLED[words]
        return ZoneMention(span, whole, "abbreviation", abbreviation, region, in_dateline)
    if words in zones.UNIVERSAL:
        return ZoneMention(span, whole, "universal", words, None, in_dateline)
    if words in zones.GENERIC:
        return ZoneMention(span, whole, "generic", words, None, in_dateline)
    if words in zones.ABBREVIATIONS:
        return ZoneMention(span, whole, "abbreviation", words, None, in_dateline)
    if words.lower().startswith("local"):
        return ZoneMention(span, whole, "local", "local time", None, in_dateline)
    place = words.rsplit(None, 1)[0]
    if place.split()[0] in _NOT_PLACES:
        return None
    return ZoneMention(span, whole, "place", place, None, in_dateline)


_NOT_PLACES = words_of(
    "The This That Each Every Any Some First Last Next Same Full Part Prime Standard Daylight Summer Local Real Extra "
    "Half Over Lunch Bed Tea Dinner Play Screen Game Show Party Peak Record")
# Words that name a place, or a weekday or month that never does.
_NOT_PLACE_AFTER_PREPOSITION = words_of(
    "The A An This That These Those His Her Their Its Our My Your Which What Whom Whose Who It He She They We I "
    "President Prime Mr Mrs Ms Dr Sen Rep Gov General Minister Secretary Congress Parliament Court Order Addition "
    "Fact Particular Response Total Part Short Brief Turn Return Theory Practice Public Private Time Other Front "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_PLACE_AFTER = Lazy(r"\b(?:in|at|near|outside|across|off)\s+(?:the\s+)?(?P<place>[A-Z][\p{L}’'-]+)")
_LOCAL_PLACED = Lazy(
    r"[Ll]ocal\s+time\s*(?:,\s*|\s+in\s+|\s+at\s+)(?:the\s+)?[A-Z]|(?<![.!?]\s)\b[A-Z][\p{L}’'-]+\s+local\s+time"
)
# "KYIV, Ukraine (AP) —", "WASHINGTON —": a wire dateline naming the place of the story.
_WIRE_DATELINE = Lazy(r"^\s*[A-Z][A-Z.’'-]{2,}(?:[ ,]+[A-Z][\p{L}.’'-]+)*\s*(?:\([^)]{1,40}\)\s*)?[—–-]")


def local_time_placed(doc: Document, mention: ZoneMention, group: list[ZoneMention]) -> bool:
    """Whether a 'local time' mention is pinned down: given beside another zone (a
    conversion), placed by its own words ("local time in Kyiv"), by a place in its sentence
    or the one before it, or by a wire dateline at the start of its paragraph."""
    if len(group) > 1:
        return True
    text = doc.text
    sentence = sentence_of(doc, mention.span.start)
    near = Span(max(sentence.start, mention.span.start - 40), min(sentence.end, mention.span.end + 40))
    if _LOCAL_PLACED.search(text, near.start, near.end):
        return True
    scopes = [sentence]
    before = previous_sentence(doc, sentence)
    if before is not None:
        scopes.append(before)
    for scope in scopes:
        # Read at most a few hundred characters around the mention: a run-on "sentence" of a
        # scraped page must not make this quadratic.
        start, end = max(scope.start, mention.span.start - _PLACE_REACH), min(scope.end, mention.span.end + _PLACE_REACH)
        for match in _PLACE_AFTER.finditer(text, start, max(start, end)):
            if match.group("place") not in _NOT_PLACE_AFTER_PREPOSITION:
                return True
    paragraph = doc.lines[doc.line_index(mention.span.start)]
    return bool(_WIRE_DATELINE.match(paragraph.text))


_PLACE_REACH = 400
_CONVERSION_GAP = Lazy(r"[\s(),/;:=–—-]*(?:(?:or|and)\s*)?\(?\s*")


def zone_groups(doc: Document) -> list[list[ZoneMention]]:
    """Mentions side by side ("2 a.m. local time (0100 GMT)", "4pm PT (7pm ET)") form one
    group: a time given in two zones. Dateline mentions are left out."""

    def build(d: Document) -> list[list[ZoneMention]]:
        groups: list[list[ZoneMention]] = []
        for mention in zone_mentions(d):
            if mention.in_dateline:
                continue
            if groups:
                last = groups[-1][-1]
                gap = d.text[last.whole.end : mention.whole.start] if mention.whole.start >= last.whole.end else ""
                if mention.whole.start >= last.whole.end and len(gap) <= 6 and _CONVERSION_GAP.fullmatch(gap):
                    groups[-1].append(mention)
                    continue
            groups.append([mention])
        return groups

    return doc.derived(_ZONE_GROUPS, build)


def within(items: list[T], starts: list[int], span: Span) -> list[T]:
    """The items (sorted, with their start offsets ``starts``) that start inside ``span``."""
    return items[bisect.bisect_left(starts, span.start) : bisect.bisect_left(starts, span.end)]


# --- explicit dates ---------------------------------------------------------------------------


class ExplicitDate(NamedTuple):
    span: Span  # everything: "Thursday, March 7, 2025"
    date_span: Span  # the date: "March 7, 2025"
    weekday: int | None
    weekday_span: Span | None
    parts: DateParts


# The weekday written before a date, read back from the date (a pattern with an optional
# weekday in front of every date was twice as slow).
_WEEKDAY_BEFORE_DATE = Lazy(rf"\b(?P<wd>{WEEKDAY}|{WEEKDAY_SHORT}\b\.?)(?:,\s*|\s+|\s*\(\s*)(?:the\s+)?$")


def explicit_dates(doc: Document) -> list[ExplicitDate]:
    return doc.derived(_EXPLICIT, _find_explicit)


def explicit_dates_in(doc: Document, span: Span) -> list[ExplicitDate]:
    starts = doc.derived(_EXPLICIT_STARTS, lambda d: [e.span.start for e in explicit_dates(d)])
    return within(explicit_dates(doc), starts, span)


def _find_explicit(doc: Document) -> list[ExplicitDate]:
    result = []
    text = doc.text
    for match in date_matches(text):
        parts = date_parts(match)
        if parts is None:
            continue
        weekday = _WEEKDAY_BEFORE_DATE.search(text, max(0, match.start() - 20), match.start())
        weekday_span = Span(weekday.start("wd"), weekday.end("wd")) if weekday else None
        result.append(
            ExplicitDate(
                Span(weekday_span.start if weekday_span else match.start(), match.end()),
                Span(match.start(), match.end()),
                weekday_index(weekday.group("wd")) if weekday else None,
                weekday_span,
                parts,
            )
        )
    return result


# --- day references ------------------------------------------------------------------------------


class DayReference(NamedTuple):
    span: Span  # "Thursday", "Monday’s", "Monday night", "yesterday", "last week"
    phrase: Span  # with its preposition: "on Thursday", "last Thursday"
    kind: str  # "weekday", "day" (yesterday, tonight, ...) or "week" (last week, next week)
    weekday: int | None  # for "weekday"
    shift: int  # for "day": days from publication (-1 yesterday); for "week": weeks (-1 last week)
    tense: str  # "past" (on or before publication), "before" (strictly), "future" (after), "unclear"
    zone: ZoneMention | None  # "(AEDT)" right after it
    insert_at: int  # where a resolved date goes
    inside_parentheses: bool  # True: the date goes into "(AEDT)" -> "(March 6, AEDT)"
    possessive: bool

    @property
    def label(self) -> str:
        return "the week" if self.kind == "week" else "the day"


_WEEKDAY_REFERENCE = Lazy(rf"\b(?P<wd>{WEEKDAY})(?P<poss>['’]s)?\b(?:\s+(?P<part>morning|afternoon|evening|night|overnight)\b)?")
# The word that places the weekday, read back from it ("last Thursday", "On Monday").
_PREPOSITION = Lazy(
    r"\b(?P<prep>this\s+past|this\s+coming|last|next|this|on|since|until|till|by|from|early|late|earlier|later)\s+$", regex.IGNORECASE
)
_CAPITALISED_NEXT = Lazy(r"\s+([A-Z]\w*)")
_DAY_WORDS = {
    "yesterday": ("day", -1), "last night": ("day", -1), "tonight": ("day", 0), "this morning": ("day", 0),
    "this afternoon": ("day", 0), "this evening": ("day", 0), "tomorrow": ("day", 1),
    "last week": ("week", -1), "next week": ("week", 1),
}
_DAY_REFERENCE = Lazy(
    r"\b(?P<word>yesterday|last night|tonight|this morning|this afternoon|this evening|tomorrow|last week|next week)(?P<poss>['’]s)?\b",
    regex.IGNORECASE,
)
# The same words on the lower-cased text (see _day_word_matches): the same matches, with no
# case-insensitive search, grouped by first letters. _DAY_WORDS's keys, every one.
_DAY_REFERENCE_LOWER = Lazy(rf"\b(?P<word>{alternation(_DAY_WORDS)})(?P<poss>['’]s)?\b")
# The only characters that an IGNORECASE search reads as an ASCII letter (or space) and that
# ``lower()`` does not turn into one: the long s and the dotted capital I.
_CASE_ODD = ("ſ", "İ")
# "Black Friday", "Super Tuesday", "the Sunday Times", "Monday Night Football": names, not days.
_NAME_BEFORE = words_of(
    "black good super cyber ash holy easter palm bloody maundy giving shrove fat whit low manic blue freaky man girl "
    "casual fun travel small")
_NAME_AFTER = words_of(
    "Times Telegraph Post Express Mirror Herald Independent Star Mail Sport Review Night Football Club Live Edition "
    "Magazine Morning Funday Feeling Blues")
# "every Monday", "on a Friday", "the following Tuesday": not a day relative to publication.
_HABIT_BEFORE = words_of("every each a an any most some many all per one that the following previous preceding same other")
_RANGE_AFTER = Lazy(rf"\s*(?:to|through|thru|till|until|[-–—])\s*{WEEKDAY}")
_RANGE_BEFORE = Lazy(rf"{WEEKDAY}\s*(?:to|through|thru|till|until|[-–—])\s*$")
_DATE_AFTER = Lazy(rf"(?:,\s*|\s+|\s*\(\s*)(?:the\s+|week\s+of\s+)?(?:{date_pattern('a')})")
_ZONE_AFTER = Lazy(rf"\s*\(\s*(?P<zone>{_ZONE_WORDS})\s*\)")
_WORD_BEFORE = Lazy(r"(?P<word>[\p{L}’'-]+)[\s]*$")

# How far after a reference its date, range or zone can be. Every match in the text is given an
# end position: the regex module reads to the end of the string otherwise, which made a long
# run-on line quadratic.
_LOOK_AHEAD = 60
_CLAUSE_BOUNDARY = Lazy(r"[,;:—–(]|\b(?:that|which|who|when|while|after|before|but|and|as|because|where)\b")
_FUTURE = Lazy(
    r"\b(?:will|shall|(?:is|are|’s|'s)\s+(?:due|set|scheduled|slated|expected|going|to\s+be)|(?:is|are)\s+to|plans?\s+to|"
    r"intends?\s+to|upcoming|next)\b|['’]ll\b"
)
# Reported future ("said it would meet on Friday") and the present of a timetable ("the show
# opens on Friday", "launch day is Tuesday") may point either way from publication.
_UNCLEAR = Lazy(
    r"\b(?:would|could|might|(?:was|were)\s+(?:due|set|scheduled|slated|expected|to)|planned|scheduled|expected|likely|"
    r"opens|begins|starts|launches|kicks\s+off|takes\s+place|(?:is|are)\s+held|plays?|faces|hosts)\b"
)
_COPULA_END = Lazy(r"\b(?:is|are)\s*$")
_FUTURE_AFTER = Lazy(r"^\s+(?:\S+\s+){0,3}?(?:will|is\s+(?:due|set|scheduled|expected)|are\s+(?:due|set|scheduled|expected))\b")


def day_references(doc: Document) -> list[DayReference]:
    return doc.derived(_DAYS, _find_day_references)


def day_references_in(doc: Document, span: Span) -> list[DayReference]:
    starts = doc.derived(_DAY_STARTS, lambda d: [r.span.start for r in day_references(d)])
    return within(day_references(doc), starts, span)


def _find_day_references(doc: Document) -> list[DayReference]:
    found = [r for m in _weekday_matches(doc.text) if (r := _weekday_reference(doc, m)) is not None]
    found += [r for m in _day_word_matches(doc) if (r := _word_reference(doc, m)) is not None]
    return sorted(found, key=lambda r: r.span)


# Every weekday name ends in "day", which few words of a text hold: a name starts 3 to 6
# characters before each "day" (the length of "Mon" to "Wednes").
_WEEKDAY_NAMES = frozenset(WEEKDAYS)
_WEEKDAY_HEADS = range(3, 7)


def _weekday_matches(text: str) -> Iterator[regex.Match[str]]:
    """``_WEEKDAY_REFERENCE.finditer(text)``, the pattern tried only where a weekday name
    starts (its own scan tries every word of the text): the same matches, in order, each
    place tried from the end of the last match."""
    starts = [at - head for at in occurrences(text, "day") for head in _WEEKDAY_HEADS if head <= at and text[at - head : at + 3] in _WEEKDAY_NAMES]
    return matches_at(_WEEKDAY_REFERENCE.match, text, sorted(starts))


# Each day word holds its last word, that many characters after its start ("this morning",
# "last night", "next week": after "this ", "last ", "next ").
_DAY_WORD_ANCHORS = sorted({(word.rsplit(" ", 1)[-1], word.rfind(" ") + 1) for word in _DAY_WORDS})


def _day_word_matches(doc: Document) -> Iterator[regex.Match[str]]:
    """_DAY_REFERENCE's matches, read from the lower-cased text when that is the same search:
    its offsets are the text's and it holds no character that the case-insensitive search
    would read as an ASCII letter while ``lower()`` does not (an IGNORECASE search of the
    whole text took twice as long). The groups of such a match are in lower case."""
    low = doc.lowered
    if low is None or any(odd in doc.text for odd in _CASE_ODD):
        return _DAY_REFERENCE.finditer(doc.text)
    # Tried only where a day word may start: at each of these words, so many characters
    # before it (substring searches in C; the pattern's own scan tries every word).
    starts = [at - back for word, back in _DAY_WORD_ANCHORS for at in occurrences(low, word) if at >= back]
    return matches_at(_DAY_REFERENCE_LOWER.match, low, sorted(starts))



class _Weekday(NamedTuple):
    """A weekday as found: where its name and whole phrase are, and its words."""

    name: Span  # "Monday"
    end: int  # after the possessive and part of the day: "Monday’s", "Monday night"
    phrase_start: int  # at the preposition when there is one: "on Monday"
    preposition: str  # lower case, "" when none
    possessive: bool


def _weekday_reference(doc: Document, match: regex.Match[str]) -> DayReference | None:
    text = doc.text
    start, end = match.start("wd"), match.end()
    found = _PREPOSITION.search(text, max(0, start - 20), start)
    prep = " ".join(found.group("prep").lower().split()) if found else ""
    weekday = _Weekday(Span(start, match.end("wd")), end, found.start("prep") if found else start, prep, bool(match.group("poss")))
    previous = _WORD_BEFORE.search(text, max(0, start - 40), start) if not prep else None
    previous_word = previous.group("word") if previous else ""
    next_word = _CAPITALISED_NEXT.match(text, end, end + 30)
    if (
        _is_skipped(doc, Span(start, end))
        or previous_word.lower() in _NAME_BEFORE
        or previous_word.lower() in _HABIT_BEFORE
        or (next_word is not None and next_word.group(1) in _NAME_AFTER)
        or _date_after(text, weekday.name.end + len(match.group("poss") or ""), end + _LOOK_AHEAD)
        or _date_after(text, end, end + _LOOK_AHEAD)
        # A range names a second weekday, and every weekday's name ends in "day".
        or (text.find("day", weekday.name.end, end + _LOOK_AHEAD) >= 0 and _RANGE_AFTER.match(text, weekday.name.end, end + _LOOK_AHEAD))
        or (text.find("day", max(0, start - 30), start) >= 0 and _RANGE_BEFORE.search(text, max(0, start - 30), start))
    ):
        return None
    tense = _weekday_tense(doc, weekday)
    return _with_zone(doc, Span(start, end), Span(weekday.phrase_start, end), "weekday", weekday_index(match.group("wd")), 0, tense,
                      weekday.possessive)


def _weekday_tense(doc: Document, weekday: _Weekday) -> str:
    prep = weekday.preposition
    if prep in ("last", "this past"):
        return "before"
    if prep in ("next", "this coming"):
        return "future"
    if prep == "this":
        return "unclear"
    if prep == "since":
        return "past"
    clause = _clause_before(doc, weekday.phrase_start)
    if _FUTURE.search(clause):
        return "future"
    if _UNCLEAR.search(clause) or _COPULA_END.search(clause) or prep in ("until", "till", "by"):
        return "unclear"
    if weekday.possessive and _FUTURE_AFTER.match(doc.text[weekday.end : weekday.end + 60]):
        return "future"
    return "past"


_CLAUSE_REACH = 160  # characters: a clause longer than this is not read back to its start


def _clause_before(doc: Document, offset: int) -> str:
    sentence = sentence_of(doc, offset)
    clause = doc.text[max(sentence.start, offset - _CLAUSE_REACH) : offset]
    boundaries = list(_CLAUSE_BOUNDARY.finditer(clause))
    return clause[boundaries[-1].start() :] if boundaries else clause


def _word_reference(doc: Document, match: regex.Match[str]) -> DayReference | None:
    word = match.group("word").lower()
    kind, shift = _DAY_WORDS[word]
    span = Span(match.start(), match.end())
    previous = _WORD_BEFORE.search(doc.text, max(0, span.start - 40), span.start)
    if _is_skipped(doc, span) or (previous is not None and previous.group("word").lower() in ("of", "until", "by", "since")):
        return None
    if _date_after(doc.text, span.end, span.end + _LOOK_AHEAD):
        return None
    tense = "past" if shift < 0 else ("future" if shift > 0 else "past")
    return _with_zone(doc, span, span, kind, None, shift, tense, bool(match.group("poss")))


# What every date holds: the first three letters of a month (written capitalised or in capitals)
# or the "19" or "20" of an ISO year.
_DATE_HINT = rx.compile_std("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|19|20")


def _date_after(text: str, start: int, end: int) -> bool:
    """Whether a date follows at ``start`` (``_DATE_AFTER`` in ``text[start:end]``): the
    pattern, dear to compile and to run, is tried only when the window holds a month or a year."""
    return _DATE_HINT.search(text, start, end) is not None and _DATE_AFTER.match(text, start, end) is not None


def _mentions_by_span(doc: Document) -> dict[Span, ZoneMention]:
    return doc.derived(_ZONES_BY_SPAN, lambda d: {m.span: m for m in zone_mentions(d)})


def _with_zone(doc: Document, span: Span, phrase: Span, kind: str, weekday: int | None, shift: int, tense: str, possessive: bool) -> DayReference:
    """Attach a zone in parentheses right after the reference, which is where an inserted
    date goes: "on Thursday (AEDT)" becomes "on Thursday (March 6, AEDT)"."""
    after = _ZONE_AFTER.match(doc.text, span.end, span.end + _LOOK_AHEAD) if doc.text.find("(", span.end, span.end + _LOOK_AHEAD) >= 0 else None
    if after is not None:
        zone_span = Span(after.start("zone"), after.end("zone"))
        mention = _mentions_by_span(doc).get(zone_span)
        if mention is not None:
            return DayReference(span, phrase, kind, weekday, shift, tense, mention, zone_span.start, True, possessive)
    return DayReference(span, phrase, kind, weekday, shift, tense, None, span.end, False, possessive)
