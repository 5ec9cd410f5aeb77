"""Dates and time zones (NL7xx): what a reader cannot pin down, and what the article's own
dateline resolves.

Every rule reads the same publication date (:func:`newslint.dates.published.publication`)
and names its source. No fix here is SAFE: a resolved date rests on an assumption (the
reference is to the past week; the dateline and the event count days in the same zone),
so the fixes are UNSAFE, and the engine demotes any that touch a quotation to DISPLAY.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from newslint.dates import zones
from newslint.dates.calendar import (
    DATE,
    WEEKDAYS,
    date_parts,
    long_date,
    nearest_years,
    on_or_before,
    short_date,
    strictly_after,
    strictly_before,
    week_label,
    week_start,
    words_of,
)
from newslint.dates.mentions import (
    DayReference,
    ExplicitDate,
    ZoneMention,
    day_references,
    day_references_in,
    explicit_dates,
    explicit_dates_in,
    live_readings,
    local_time_placed,
    places,
    sentence_of,
    zone_groups,
    zone_mentions,
)
from newslint.dates.published import Publication, publication
from newslint.document import Document
from newslint.model import Applicability, Edit, Fix, Hit, Span
from newslint.packs import Context, Rule

# A reference with no date is expected up to this many days either side of publication.
_WINDOW_DAYS = 7
# A date this many days after publication may still be the publication day in another zone.
_ZONE_SLACK_DAYS = 1
_MAX_PLACES_LISTED = 8
# Characters read back from a date for its verb and tense markers.
_VERB_REACH = 120


def _publication(doc: Document, ctx: Context) -> Publication | None:
    return publication(doc, ctx.options.get("datetime", {}))


def _where(doc: Document, span: Span) -> str:
    return f"line {doc.position(span.start)[0]}"


def _quoted(doc: Document, span: Span) -> str:
    return "'" + " ".join(doc.text[span.start : span.end].split()) + "'"


def _day_first(doc: Document, pub: Publication | None) -> bool:
    """Whether the article writes '6 March' rather than 'March 6' (inserted dates follow it):
    the dateline's order, else the majority of its dates, else 'March 6'."""
    if pub is not None and pub.source in ("dateline", "front matter"):
        written = DATE.search(pub.written)
        parts = date_parts(written) if written else None
        if parts is not None and not parts.numeric:
            return parts.day_first
    styles = [d.parts.day_first for d in explicit_dates(doc) if not d.parts.numeric]
    return sum(styles) * 2 > len(styles) if styles else False


# --- resolving a day reference -------------------------------------------------------------------


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class Resolution(NamedTuple):
    """The date(s) a day reference stands for, and what that rests on (said in the message)."""

    first: dt.date
    last: dt.date  # == first for a day; the Sunday for a week
    other: dt.date | None  # the future reading when the tense is unclear
    assumption: str
    caveat: str


def _mention_zone(doc: Document, mention: ZoneMention | None, day: dt.date) -> str | None:
    """The IANA zone a mention counts in on ``day``, when it names exactly one offset."""
    if mention is None or mention.kind == "local":
        return None
    if mention.kind == "universal":
        return "UTC"
    if mention.kind == "generic":
        return zones.REGION_ZONES[zones.GENERIC[mention.name]]
    if mention.kind == "place":
        return None
    readings = [r for r in live_readings(doc, mention.name, mention.region) if zones.in_force(r, mention.name, day)]
    if len({zones.offset_of(r, mention.name, day) for r in readings}) != 1:
        return None  # IST, CST: several offsets, so no day can be counted in it
    return readings[0].zone


def _zone_words(doc: Document, mention: ZoneMention, day: dt.date) -> str:
    zone_name = _mention_zone(doc, mention, day)
    if mention.kind == "local":
        return "'local time' (no offset given)"
    if zone_name is None:
        return f"'{mention.name}'"
    return f"'{mention.name}' ({zones.offset_text(zones.offset(zone_name, day))})"


def resolve(doc: Document, ref: DayReference, pub: Publication) -> Resolution:
    """Resolve ``ref`` against the publication date, counted in the reference's own zone
    when the publication time is known ("on Thursday (AEDT)" for a story filed Wednesday
    evening in UTC is the next morning in Sydney)."""
    zone_name = _mention_zone(doc, ref.zone, pub.day)
    base = pub.day_in(zone_name)
    caveat = _caveat(doc, ref, pub, zone_name)
    if ref.kind == "day":
        day = base + dt.timedelta(days=ref.shift)
        what = {-1: "the day before", 0: "the day of", 1: "the day after"}[ref.shift]
        return Resolution(day, day, None, f"{what} publication", caveat)
    if ref.kind == "week":
        monday = week_start(base) + dt.timedelta(weeks=ref.shift)
        what = "the week before the week of publication" if ref.shift < 0 else "the week after the week of publication"
        return Resolution(monday, monday + dt.timedelta(days=6), None, f"{what} (weeks running Monday to Sunday)", caveat)
    assert ref.weekday is not None
    name = WEEKDAYS[ref.weekday]
    if ref.tense == "before":
        day = strictly_before(ref.weekday, base)
        return Resolution(day, day, None, f"the last {name} before publication", caveat)
    if ref.tense == "future":
        day = strictly_after(ref.weekday, base)
        return Resolution(day, day, None, f"the first {name} after publication, as the sentence speaks of the future", caveat)
    day = on_or_before(ref.weekday, base)
    other = strictly_after(ref.weekday, base) if ref.tense == "unclear" else None
    return Resolution(day, day, other, f"the most recent {name} on or before publication", caveat)


def _caveat(doc: Document, ref: DayReference, pub: Publication, zone_name: str | None) -> str:
    if ref.zone is not None and zone_name is not None and pub.moment is not None:
        local = pub.day_in(zone_name)
        return f"the publication time, {pub.moment:%H:%M %Z} on {short_date(pub.day, True)}, is {long_date(local)} in {ref.zone.name}"
    if ref.zone is not None:
        stated = "the publication date names no time zone" if not pub.has_zone else "the publication time is in another zone"
        return f"the day is counted in {_zone_words(doc, ref.zone, pub.day)} and {stated}: across time zones it can be a day off"
    return "assuming the event is dated in the publisher's time zone"


def _date_text(resolution: Resolution, ref: DayReference, day_first: bool) -> str:
    if ref.kind == "week":
        return week_label(resolution.first, day_first)
    return short_date(resolution.first, day_first)


def _resolved_text(resolution: Resolution, ref: DayReference) -> str:
    if ref.kind == "week":
        return f"the week of {long_date(resolution.first)} to {long_date(resolution.last)}"
    return long_date(resolution.first)


# --- NL701, NL702: day references -----------------------------------------------------------------


def relative_day(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A day reference resolved against the publication date, with its date as an UNSAFE fix."""
    pub = _publication(doc, ctx)
    if pub is None:
        return
    day_first = _day_first(doc, pub)
    for ref in day_references(doc):
        resolution = resolve(doc, ref, pub)
        words = _quoted(doc, ref.phrase)
        message = (
            f"{words} is {_resolved_text(resolution, ref)}: {resolution.assumption}; "
            f"publication date {pub.describe()}; {resolution.caveat}"
        )
        grade = Applicability.UNSAFE
        if resolution.other is not None:
            message += f"; if the sentence speaks of the future it is {long_date(resolution.other)}"
            grade = Applicability.DISPLAY
        date_text = _date_text(resolution, ref, day_first)
        if ref.inside_parentheses:
            edit = Edit(Span(ref.insert_at, ref.insert_at), f"{date_text}, ")
        else:
            edit = Edit(Span(ref.insert_at, ref.insert_at), f" ({date_text})")
        fix = Fix((edit,), grade, f"Add the date: ({date_text})")
        yield Hit(ref.span, message=message, fix=fix, args={"match": words, "date": long_date(resolution.first)})


def unresolved_day(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """Day references in a document with no publication date: one finding listing them all."""
    refs = day_references(doc)
    if not refs or _publication(doc, ctx) is not None:
        return
    listed = [f"{_quoted(doc, r.phrase)} ({_where(doc, r.span)})" for r in refs[:_MAX_PLACES_LISTED]]
    more = f" and {len(refs) - _MAX_PLACES_LISTED} more" if len(refs) > _MAX_PLACES_LISTED else ""
    count = f"{len(refs)} day reference{'s' if len(refs) > 1 else ''}"
    message = (
        f"{count} cannot be resolved to a date: no publication date in the record, front matter, a dateline, "
        f"--published or the [datetime] configuration: {', '.join(listed)}{more}"
    )
    yield Hit(refs[0].span, message=message, args={"count": str(len(refs))})


# --- dates around a zone mention ---------------------------------------------------------------


class _When(NamedTuple):
    days: tuple[dt.date, ...]
    centre: dt.date
    note: str


def _explicit_day(ed: ExplicitDate, pub: Publication | None) -> tuple[dt.date, bool] | None:
    """The date an explicit date names, and whether its year was inferred."""
    if ed.parts.year is not None:
        day = ed.parts.valid_in(ed.parts.year)
        return (day, False) if day is not None else None
    if pub is None:
        return None
    years = nearest_years(ed.parts, pub.day)
    return (years[0], True) if years else None


def _when(doc: Document, mention: ZoneMention, pub: Publication | None) -> _When | None:
    """The day(s) a zone mention refers to: a date in its sentence, a day reference in its
    sentence resolved against publication, or a week either side of publication."""
    whole = sentence_of(doc, mention.span.start)
    # Dates and references near the mention only: a scraped page can be one long "sentence".
    sentence = Span(max(whole.start, mention.span.start - _VERB_REACH * 2), min(whole.end, mention.span.end + _VERB_REACH * 2))
    if mention.in_dateline and pub is not None:
        return _When((pub.day,), pub.day, f"on {long_date(pub.day)} (the dateline)")
    dates = explicit_dates_in(doc, sentence)
    if dates:
        nearest = min(dates, key=lambda ed: abs(ed.span.start - mention.span.start))
        found = _explicit_day(nearest, pub)
        if found is not None:
            return _When((found[0],), found[0], f"on {long_date(found[0])} ({_quoted(doc, nearest.date_span)} in the sentence)")
    if pub is None:
        return None
    refs = day_references_in(doc, sentence)
    if refs:
        ref = min(refs, key=lambda r: abs(r.span.start - mention.span.start))
        resolution = resolve(doc, ref, pub)
        if resolution.other is None:
            days = tuple(resolution.first + dt.timedelta(days=i) for i in range((resolution.last - resolution.first).days + 1))
            return _When(days, resolution.first, f"on {_resolved_text(resolution, ref)} ({_quoted(doc, ref.phrase)}, {pub.describe()})")
    days = tuple(pub.day + dt.timedelta(days=i) for i in range(-_WINDOW_DAYS, _WINDOW_DAYS + 1))
    return _When(days, pub.day, f"within {_WINDOW_DAYS} days of publication, {pub.describe()}")


# --- NL703, NL704: abbreviations ----------------------------------------------------------------


def _offsets_in_force(reading: zones.Reading, abbreviation: str, days: Sequence[dt.date]) -> set[dt.timedelta]:
    return {o for d in days if (o := zones.offset_of(reading, abbreviation, d)) is not None}


def _sample_year(pub: Publication | None) -> tuple[dt.date, ...]:
    year = pub.day.year if pub is not None else dt.date.today().year
    return tuple(dt.date(year, month, 15) for month in range(1, 13))


def ambiguous_zone(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """An abbreviation that names zones with different offsets (IST, CST, BST...)."""
    pub = _publication(doc, ctx)
    for mention in zone_mentions(doc):
        if mention.kind != "abbreviation" or mention.region is not None:
            continue
        readings = live_readings(doc, mention.name)
        if len(readings) < 2:
            continue
        when = _when(doc, mention, pub)
        days = when.days if when is not None else _sample_year(pub)
        by_reading = {r: _offsets_in_force(r, mention.name, days) for r in readings}
        by_reading = {r: o for r, o in by_reading.items() if o}
        distinct = {o for offsets in by_reading.values() for o in offsets}
        regions = {r.region for r in by_reading}
        if len(distinct) < 2 or len(regions) < 2:
            continue
        listed = ", ".join(f"{r.region} ({'/'.join(zones.offset_text(o) for o in sorted(o_set))})" for r, o_set in by_reading.items())
        on = f" {when.note}" if when is not None else ""
        message = f"'{mention.name}' names several time zones{on}: {listed}; give the place or the UTC offset"
        seen = places(doc)
        hinted = [r for r in by_reading if any(p in seen for p in r.places)]
        if len(hinted) == 1:
            message += f" (the article mentions {hinted[0].region}: probably {zones.offset_text(min(by_reading[hinted[0]]))})"
        yield Hit(mention.span, message=message, args={"match": mention.name})


def _usage_text(reading: zones.Reading, abbreviation: str, year: int) -> str:
    """'until 9 March and from 2 November 2025': when ``abbreviation`` is in use in ``year``."""
    runs = zones.usage(reading, abbreviation, year)
    if not runs:
        return f"not at all in {year}"
    parts = []
    for first, last in runs:
        starts, ends = first == dt.date(year, 1, 1), last == dt.date(year, 12, 31)
        if starts and ends:
            return f"all year in {year}"
        if starts:
            parts.append(f"until {short_date(last, True)}")
        elif ends:
            parts.append(f"from {short_date(first, True)}")
        else:
            parts.append(f"from {short_date(first, True)} to {short_date(last, True)}")
    return " and ".join(parts) + f" {year}"


def zone_not_in_force(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """An abbreviation that no plausible zone uses on the date (EST in July, AEDT in June),
    with the one in use as an UNSAFE fix."""
    pub = _publication(doc, ctx)
    for mention in zone_mentions(doc):
        if mention.kind != "abbreviation":
            continue
        readings = live_readings(doc, mention.name, mention.region)
        if not readings:
            continue
        when = _when(doc, mention, pub)
        if when is None or any(zones.in_force(r, mention.name, d) for r in readings for d in when.days):
            continue
        usual = readings[0]
        current = zones.in_force_name(usual, when.centre)
        written = doc.text[mention.span.start : mention.span.end]
        message = (
            f"'{written}' is not in use {when.note}: {usual.region} is on {current} "
            f"({zones.offset_text(zones.offset(usual.zone, when.centre))}) then, and on {mention.name} "
            f"{_usage_text(usual, mention.name, when.centre.year)}"
        )
        fix = None
        replacement = _replacement(mention, current, usual)
        if replacement is not None:
            fix = Fix.replace(mention.span, replacement, Applicability.UNSAFE, f"Replace with '{replacement}'")
        yield Hit(mention.span, message=message, fix=fix, args={"match": mention.name, "replacement": current})


def _replacement(mention: ZoneMention, current: str, reading: zones.Reading) -> str | None:
    if not current.isalpha() or current == mention.name:
        return None
    if mention.region is None:
        return current
    spelled = [name for name, (abbr, region) in zones.SPELLED.items() if abbr == current and region == reading.region]
    return spelled[0] if spelled else None


# --- NL705, NL706: local time and mixed zones -----------------------------------------------------


def local_time_unplaced(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """'local time' with no place or conversion anywhere near it."""
    for group in zone_groups(doc):
        for mention in group:
            if mention.kind == "local" and not local_time_placed(doc, mention, group):
                words = doc.text[mention.span.start : mention.span.end]
                message = (
                    f"'{words}' names no place: neither its words, its sentence, the sentence before nor a wire dateline "
                    "says local to where, and no other zone is given beside it; name the place or give the UTC offset"
                )
                yield Hit(mention.span, message=message, args={"match": words})


def _family(doc: Document, mention: ZoneMention, group: list[ZoneMention]) -> str:
    if mention.kind == "local" and local_time_placed(doc, mention, group):
        return f"local time ({_where(doc, mention.span)})"  # placed: its own zone, named by where it is
    return mention.family


def mixed_zones(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """Days and times counted in different zones with no common reference: once per article,
    listing every place."""
    groups = zone_groups(doc)
    if len(groups) < 2:
        return
    families = [{_family(doc, m, g) for m in g} for g in groups]
    if set.intersection(*families):
        return  # one zone is given everywhere (alone or beside another): events can be ordered
    if len(set.union(*families)) < 2:
        return
    listed = [f"{_quoted(doc, g[0].span) if len(g) == 1 else _quoted(doc, Span(g[0].span.start, g[-1].span.end))} ({_where(doc, g[0].span)})"
              for g in groups[:_MAX_PLACES_LISTED]]
    more = f" and {len(groups) - _MAX_PLACES_LISTED} more" if len(groups) > _MAX_PLACES_LISTED else ""
    kinds = sorted(set.union(*families))
    message = (
        f"days and times are counted in different zones ({', '.join(kinds)}): {', '.join(listed)}{more}; "
        "a reader cannot order the events: use one reference zone, or give it beside the others"
    )
    first = groups[0][0]
    yield Hit(first.whole, message=message, args={"count": str(len(groups))})


# --- NL707, NL708: contradictions --------------------------------------------------------------------


def weekday_mismatch(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A weekday that does not fall on its date ("Thursday, March 7, 2025"); the correct
    weekday is an UNSAFE fix (the date might be the wrong part)."""
    pub = _publication(doc, ctx)
    if not any(day[:3] in doc.text for day in WEEKDAYS):
        return  # no weekday written, so no date with one: the dates need not be found
    for ed in explicit_dates(doc):
        if ed.weekday is None or ed.weekday_span is None:
            continue
        if ed.parts.year is not None:
            candidates = [d for d in [ed.parts.valid_in(ed.parts.year)] if d is not None]
            year_note = ""
        elif pub is not None:
            candidates = nearest_years(ed.parts, pub.day)
            year_note = f"; the year is taken from the publication date, {pub.describe()}"
        else:
            continue
        if not candidates or any(d.weekday() == ed.weekday for d in candidates):
            continue  # a year-less date agrees in some nearby year: the weekday names the year
        day = candidates[0]
        right = _weekday_like(doc.text[ed.weekday_span.start : ed.weekday_span.end], day.weekday())
        message = f"{_quoted(doc, ed.date_span)} is a {WEEKDAYS[day.weekday()]} in {day.year}, not a {WEEKDAYS[ed.weekday]}{year_note}"
        fix = Fix.replace(ed.weekday_span, right, Applicability.UNSAFE, f"Replace with '{right}'")
        yield Hit(ed.span, message=message, fix=fix, args={"match": doc.text[ed.span.start : ed.span.end], "replacement": right})


def _weekday_like(written: str, weekday: int) -> str:
    """The weekday's name written like ``written``: full or short, capitalised or in capitals."""
    name = WEEKDAYS[weekday]
    core = written.rstrip(".")
    if len(core) < 6:
        name = name[: len(core)] if len(core) <= 3 else {"Tue": "Tues", "Thu": "Thurs"}.get(name[:3], name[:3])
    if core.isupper():
        name = name.upper()
    return name + ("." if written.endswith(".") else "")


_IRREGULAR_PAST = words_of(
    "went met won lost held took gave told said made came left began fell rose saw spoke wrote sent brought found ran "
    "struck shot broke chose drove flew fought froze grew hung led paid sold stood swore threw woke wore beat became "
    "bought caught fled knew sought spent stole taught withdrew died")
# Past forms that point at a later date: "postponed to March 20", "scheduled for".
_FORWARD_VERBS = words_of(
    "scheduled expected planned slated delayed postponed moved rescheduled extended pushed needed required invited "
    "asked ordered summoned called proposed promised pledged vowed agreed designated earmarked targeted reserved "
    "booked timed aimed intended hoped wanted allowed advised warned urged set due")


def _past_event_before(doc: Document, ed: ExplicitDate) -> str | None:
    """The past-tense verb that dates an event to ``ed`` ("died on March 10"), if any."""
    sentence = sentence_of(doc, ed.span.start)
    before = doc.text[max(sentence.start, ed.span.start - _VERB_REACH) : ed.span.start]
    words = before.split()
    if not words or words[-1].lower() != "on":
        return None
    # At most three adverbs or objects between the verb and "on" ("was officially opened on").
    window = [w.strip(",;:()“”\"'’").lower() for w in words[-5:-1]]
    if any(w in ("to", "be", "been", "being", "will", "would", "until", "by", "for") for w in window[-3:]):
        return None
    for word in reversed(window[-4:]):
        if word in _FORWARD_VERBS:
            return None
        if word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed")):
            return word
    return None


def past_tense_future_date(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A date after publication given as the day of a past event ("died on March 10" in an
    article of March 6): the date, the tense or the publication date is wrong."""
    pub = _publication(doc, ctx)
    if pub is None:
        return
    for ed in explicit_dates(doc):
        found = _explicit_day(ed, pub)
        if found is None:
            continue
        day, inferred = found
        # A year-less date told in the past tense means its last occurrence, if there was one
        # within reach: "boarded a flight on May 15" in November is last May.
        if inferred and any(d <= pub.day for d in nearest_years(ed.parts, pub.day)):
            continue
        if (day - pub.day).days <= _ZONE_SLACK_DAYS:
            continue
        verb = _past_event_before(doc, ed)
        if verb is None:
            continue
        clause = doc.text[max(sentence_of(doc, ed.span.start).start, ed.span.start - _VERB_REACH) : ed.span.start].lower()
        if any(marker in clause.split() for marker in ("will", "would", "next", "until", "scheduled", "expected")):
            continue
        year_note = ", its year taken from the publication date" if inferred else ""
        message = (
            f"{_quoted(doc, ed.date_span)} ({long_date(day)}{year_note}) is after the publication date, {pub.describe()}, "
            f"but '{verb}' puts the event in the past: the date, the tense or the publication date is wrong"
        )
        yield Hit(ed.date_span, message=message, args={"match": doc.text[ed.date_span.start : ed.date_span.end]})
