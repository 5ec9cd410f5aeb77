"""The publication date of a document, and where it came from.

Sources, most trusted first: the record's own date (JSONL ``date`` and its aliases, or the
library caller's ``published=``), Markdown front matter, a dateline in the text ("Mar 06, 2025,
updated Mar 06, 2025", "Published 6 March 2025, 10:14am", "2025-03-06T09:00:00Z"), then
``--published`` and finally ``published`` in ``[tool.newslint.datetime]``. The command line
and the configuration are defaults for inputs that carry no date, so a date the article
states wins over them.

:func:`publication` resolves this once per document (and configuration) and every datetime
rule reads the same answer, so they all name the same source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

import regex

from newslint.dates import zones
from newslint.dates.calendar import DATE, TIME, date_parts, long_date, words_of
from newslint.document import Derived, Document
from newslint.textutil import WORD, Lazy


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class Publication(NamedTuple):
    day: dt.date  # the date as the publisher wrote it (in the publisher's zone)
    source: str  # "record", "front matter", "dateline", "--published", "configuration"
    written: str  # the value as written
    line: int | None = None  # 1-based line of a dateline or front-matter entry
    moment: dt.datetime | None = None  # aware, when a time and a zone were given
    updated_only: bool = False  # the dateline gives only an "updated" date

    def describe(self) -> str:
        """"Thursday 6 March 2025 (dateline 'Mar 06, 2025', line 3)": the date and its source."""
        where = {
            "record": f"the record's date '{self.written}'",
            "front matter": f"front matter '{self.written}', line {self.line}",
            "dateline": f"dateline '{self.written}', line {self.line}",
            "--published": f"--published {self.written}",
            "configuration": f"'published = {self.written}' in the [datetime] configuration",
        }[self.source]
        note = "; an 'updated' date, the article may be older" if self.updated_only else ""
        return f"{long_date(self.day)} ({where}{note})"

    @property
    def has_zone(self) -> bool:
        return self.moment is not None

    def day_in(self, zone_name: str | None) -> dt.date:
        """The publication date counted in ``zone_name`` when the publication time and zone
        are known; otherwise the date as written."""
        if self.moment is None or zone_name is None:
            return self.day
        return self.moment.astimezone(zones.zone(zone_name)).date()


# --- parsing written dates ------------------------------------------------------------------

_TIME = Lazy(rf"(?P<time>{TIME})(?:\s*\(?(?P<zone>[A-Za-z]{{2,5}})\)?(?![\w]))?", regex.VERSION1)
_ISO_MOMENT = Lazy(
    r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
_STAMP_WORD = Lazy(r"\b(?:(?P<first>published|posted|first\s+published)|updated|modified|edited|revised)\b", regex.IGNORECASE)


class _Parsed(NamedTuple):
    day: dt.date
    moment: dt.datetime | None
    span: tuple[int, int]


def parse_value(value: Any) -> _Parsed | None:
    """A date given as data (record field, front matter, option): ISO 8601, RFC 2822, a TOML
    date or datetime, or a written date with a year ("6 March 2025, 10:14am")."""
    if isinstance(value, dt.datetime):
        return _Parsed(value.date(), value if value.tzinfo else None, (0, 0))
    if isinstance(value, dt.date):
        return _Parsed(value, None, (0, 0))
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        moment = dt.datetime.fromisoformat(text)
        return _Parsed(moment.date(), moment if moment.tzinfo else None, (0, len(text)))
    except ValueError:
        pass
    if "," in text[:5]:
        import email.utils  # here, not at the top: it imports the socket and email packages

        try:
            moment = email.utils.parsedate_to_datetime(text)
            return _Parsed(moment.date(), moment if moment.tzinfo else None, (0, len(text)))
        except (TypeError, ValueError, IndexError):
            pass
    return parse_written(text)


def parse_written(text: str, start: int = 0) -> _Parsed | None:
    """The first date with a year in ``text[start:]``, with the clock time and zone written
    beside it (looked for in the whole of ``text``: "11:34 PM EST Nov 19, 2019")."""
    iso = _ISO_MOMENT.search(text, start)
    if iso and not DATE.search(text, start, iso.start()):
        try:
            moment = dt.datetime.fromisoformat(iso.group().replace(" ", "T", 1).replace("Z", "+00:00"))
            return _Parsed(moment.date(), moment if moment.tzinfo else None, iso.span())
        except ValueError:
            pass
    for match in DATE.finditer(text, start):
        parts = date_parts(match)
        if parts is None or parts.year is None:
            continue
        day = parts.valid_in(parts.year)
        if day is None:
            continue
        return _Parsed(day, _moment_near(text, match.span(), day), match.span())
    return None


def _moment_near(text: str, span: tuple[int, int], day: dt.date) -> dt.datetime | None:
    """The instant of a written date when a clock time with a known zone sits beside it
    ("Nov 19, 2019, 10:28am EST", "11:34 PM EST Nov 19, 2019")."""
    window_start = max(0, span[0] - 30)
    for match in _TIME.finditer(text, window_start, min(len(text), span[1] + 30)):
        clock = _clock(match.group("time"))
        tz = _zone_of(match.group("zone"), day)
        if clock is None or tz is None:
            continue
        return dt.datetime.combine(day, clock).replace(tzinfo=tz)
    return None


_CLOCK = Lazy(r"(\d{1,2})(?:[:.h](\d{2}))?\s?(?:([ap])\.?\s?m\.?)?|(\d{2})(\d{2})")


def _clock(text: str) -> dt.time | None:
    """'10:14am', '6 p.m.', '18.54', '0100', 'noon' as a time of day."""
    lowered = text.strip().lower()
    if lowered in ("noon", "midnight"):
        return dt.time(12) if lowered == "noon" else dt.time(0)
    found = _CLOCK.fullmatch(lowered)
    if found is None:
        return None
    if found.group(4):
        hour, minute = int(found.group(4)), int(found.group(5))
    else:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if found.group(3):
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if found.group(3) == "p" else 0)
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def _zone_of(name: str | None, day: dt.date) -> dt.tzinfo | None:
    """The zone a dateline's abbreviation names on ``day``, when all its usual readings agree
    on the offset (IST or CST give no instant: they name several)."""
    if not name:
        return None
    upper = name.upper()
    if upper in zones.UNIVERSAL or upper == "Z":
        return dt.UTC
    if upper in zones.GENERIC:
        return zones.zone(zones.REGION_ZONES[zones.GENERIC[upper]])
    readings = [r for r in zones.ABBREVIATIONS.get(upper, ()) if r.common and zones.in_force(r, upper, day)]
    offsets = {zones.offset(r.zone, day) for r in readings}
    if len(offsets) != 1:
        return None
    return dt.timezone(offsets.pop(), upper)


# --- sources in the document ----------------------------------------------------------------

_FRONT_MATTER = Lazy(r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)\r?\n(?P=fence)[ \t]*(?:\r?\n|\Z)", regex.DOTALL)
_FRONT_KEY = Lazy(
    r"^[ \t]*(?:date|published|pubDate|publishDate|publish_date|date_published|datePublished|published_at)[ \t]*[:=][ \t]*(?P<value>.+?)[ \t]*$",
    regex.MULTILINE,
)
# Words a dateline holds besides its date, time and zone.
_DATELINE_WORDS = words_of(
    "published updated posted last modified edited on at by am pm a m p date time first min read mins minutes ago "
    "and the of local")
_DATELINE_SEARCH_LINES = 12
_DATELINE_MAX_OTHER_WORDS = 6
_ATTRIBUTION = Lazy(r"[—–―-]")
_HANDLE = Lazy(r"\(@\w+\)|pic\.twitter\.com")
_SENTENCE_END = Lazy(r"(?<![ap]\.m)[.!?][\"'”’)]*\s*$", regex.IGNORECASE)


def front_matter_span(doc: Document) -> tuple[int, int] | None:
    """Where a Markdown front-matter block is (the rules skip it as text)."""
    if not doc.markdown:
        return None
    found = _FRONT_MATTER.match(doc.text)
    return found.span() if found else None


def _from_front_matter(doc: Document) -> Publication | None:
    if not doc.markdown:
        return None
    block = _FRONT_MATTER.match(doc.text)
    if block is None:
        return None
    for entry in _FRONT_KEY.finditer(doc.text, block.start("body"), block.end("body")):
        written = entry.group("value").strip("'\"")
        parsed = parse_value(written)
        if parsed is not None:
            line = doc.line_index(entry.start()) + 1
            return Publication(parsed.day, "front matter", written, line, parsed.moment)
    return None


class Dateline(NamedTuple):
    line: int  # 0-based index into doc.lines
    publication: Publication


_DATELINE: Derived[Dateline | None] = Derived("dates dateline")
# The publication date by the configured fallback's repr (see publication()).
_PUBLICATIONS: Derived[dict[str, Publication | None]] = Derived("dates publication")


def find_dateline(doc: Document) -> Dateline | None:
    """A short line near the top that is mostly a date with its year (plus 'Published',
    'updated', a time and zone, a byline name): the date the publisher printed. Cached."""
    return doc.derived(_DATELINE, _find_dateline)


def _find_dateline(doc: Document) -> Dateline | None:
    seen = 0
    for index, line in enumerate(doc.lines):
        if line.is_blank:
            continue
        seen += 1
        if seen > _DATELINE_SEARCH_LINES:
            break
        found = _dateline_in(line.text)
        if found is not None:
            written, parsed, updated_only = found
            return Dateline(index, Publication(parsed.day, "dateline", written, index + 1, parsed.moment, updated_only))
    return None


def _dateline_in(text: str) -> tuple[str, _Parsed, bool] | None:
    stripped = text.strip()
    # A dateline date gives its year (a date with a year, or an ISO moment), which starts "19" or
    # "20": most short lines near the top have neither, and need no further test.
    if not stripped or len(stripped) > 200 or ("19" not in stripped and "20" not in stripped):
        return None
    if _SENTENCE_END.search(stripped) and len(WORD.findall(stripped)) > 6:
        return None  # a sentence that mentions a date, not a dateline
    if _ATTRIBUTION.match(stripped) or _HANDLE.search(stripped):
        return None  # "— Name (@handle) October 9, 2018": an embedded post's date, not the article's
    candidates = [m for m in DATE.finditer(stripped) if (p := date_parts(m)) is not None and p.year is not None]
    iso = _ISO_MOMENT.search(stripped)
    if not candidates and not iso:
        return None
    rest = DATE.sub(" ", stripped)
    rest = _TIME.sub(" ", _ISO_MOMENT.sub(" ", rest))
    others = [w for w in WORD.findall(rest) if w.lower() not in _DATELINE_WORDS and not w.isdigit() and w.upper() not in zones.ABBREVIATIONS]
    weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    others = [w for w in others if w.lower() not in weekdays]
    if len(others) > _DATELINE_MAX_OTHER_WORDS:
        return None
    # "Mar 06, 2025, updated Mar 06, 2025": the first date not introduced by "updated".
    dates = sorted([m.start() for m in candidates] + ([iso.start()] if iso else []))
    published = [at for at in dates if not _updated_before(stripped, at)]
    parsed = parse_written(stripped, published[0] if published else dates[0])
    if parsed is None:
        return None
    return stripped, parsed, not published


def _updated_before(text: str, at: int) -> bool:
    """Whether the stamp word nearest before ``at`` says 'updated' (not 'published')."""
    words = list(_STAMP_WORD.finditer(text, 0, at))
    return bool(words) and words[-1].group("first") is None


# --- resolution -------------------------------------------------------------------------------


def publication(doc: Document, options: Mapping[str, Any]) -> Publication | None:
    """The document's publication date from the most trusted source that gives one.

    ``options`` is the ``[datetime]`` configuration section. Cached on the document, so every
    rule pays for this once.
    """
    fallback = options.get("published")
    cache = doc.memo(_PUBLICATIONS)
    key = repr(fallback)
    if key not in cache:
        cache[key] = _resolve(doc, fallback)
    return cache[key]


def _resolve(doc: Document, fallback: Any) -> Publication | None:
    meta = doc.metadata
    if meta.published and meta.published_from is None:
        parsed = parse_value(meta.published)
        if parsed is not None:
            return Publication(parsed.day, "record", meta.published.strip(), None, parsed.moment)
    found = _from_front_matter(doc)
    if found is not None:
        return found
    dateline = find_dateline(doc)
    if dateline is not None:
        return dateline.publication
    if meta.published and meta.published_from is not None:
        parsed = parse_value(meta.published)
        if parsed is None:
            raise ValueError(f"{meta.published_from} {meta.published!r} is not a date (write it as 2025-03-06)")
        return Publication(parsed.day, meta.published_from, meta.published.strip(), None, parsed.moment)
    if fallback is not None:
        parsed = parse_value(fallback)
        if parsed is None:
            raise ValueError(f"[datetime] published = {fallback!r} is not a date (write it as 2025-03-06)")
        return Publication(parsed.day, "configuration", str(fallback), None, parsed.moment)
    return None


def dateline_line(doc: Document) -> int | None:
    """0-based index of the dateline line (the rules leave that line alone)."""
    found = find_dateline(doc)
    return found.line if found else None
