"""Hypothesis properties of the datetime rules: day resolution and the zone table against tzdata."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from zoneinfo import available_timezones

from hypothesis import given
from hypothesis import strategies as st

from newslint.config import Config
from newslint.dates import zones
from newslint.dates.calendar import MONTHS, WEEKDAYS, on_or_before, strictly_after, strictly_before
from newslint.document import Document, Metadata
from newslint.engine import Linter
from newslint.fix import fix_document
from newslint.model import Applicability

DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))
ZONE_ERA = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2037, 12, 31))  # today's rules
WEEKDAY = st.integers(min_value=0, max_value=6)
TABLE = [(abbr, reading) for abbr, readings in sorted(zones.ABBREVIATIONS.items()) for reading in readings]
NAMED = [(abbr, r) for abbr, r in TABLE if r.named_by_tzdata]
CUSTOMARY = [(abbr, r) for abbr, r in TABLE if not r.named_by_tzdata]


@cache
def linter(code: str) -> Linter:
    return Linter(Config(select=(code,)))


# --- resolving day references -------------------------------------------------------------------


@given(DATES, WEEKDAY)
def test_resolution_lies_in_the_seven_days_up_to_publication(published: dt.date, weekday: int) -> None:
    day = on_or_before(weekday, published)
    assert day.weekday() == weekday and 0 <= (published - day).days <= 6
    before = strictly_before(weekday, published)
    assert before.weekday() == weekday and 1 <= (published - before).days <= 7
    after = strictly_after(weekday, published)
    assert after.weekday() == weekday and 1 <= (after - published).days <= 7


@given(DATES.filter(lambda d: 1900 < d.year < 2100), WEEKDAY)
def test_the_rule_inserts_a_date_of_that_weekday_in_the_week_up_to_publication(published: dt.date, weekday: int) -> None:
    text = f"Officials met on {WEEKDAYS[weekday]}.\n"
    doc = Document(text, metadata=Metadata(published=published.isoformat()))
    (finding,) = linter("NL701").lint(doc)
    assert finding.fix is not None and finding.fix.applicability == Applicability.UNSAFE
    inserted = finding.fix.edits[0].replacement
    month_name, day_number = re.fullmatch(r" \((\w+) (\d+)\)", inserted).groups()  # type: ignore[union-attr]
    window = [published - dt.timedelta(days=i) for i in range(7)]
    matching = [d for d in window if MONTHS[d.month - 1] == month_name and d.day == int(day_number)]
    assert len(matching) == 1 and matching[0].weekday() == weekday
    assert f"{WEEKDAYS[weekday]} {matching[0].day} {month_name} {matching[0].year}" in finding.message
    # Fixing adds the date once and then has nothing left to do.
    fixed = fix_document(doc, linter("NL701").lint, Applicability.UNSAFE)
    assert fixed.error is None and fixed.text == f"Officials met on {WEEKDAYS[weekday]}{inserted}.\n"


# --- the zone table against tzdata -----------------------------------------------------------------


@given(st.sampled_from(NAMED), ZONE_ERA)
def test_every_abbreviation_the_rules_accept_round_trips_through_tzdata(entry: tuple[str, zones.Reading], day: dt.date) -> None:
    abbreviation, reading = entry
    tz = zones.zone(reading.zone)
    moments = [dt.datetime.combine(day, t, tz) for t in (dt.time(0, 30), dt.time(12), dt.time(23, 30))]
    if zones.in_force(reading, abbreviation, day):
        named = [m for m in moments if m.tzname() == abbreviation]
        assert named, (abbreviation, reading.zone, day)
        assert zones.offset_of(reading, abbreviation, day) == named[0].utcoffset()
    else:
        assert all(m.tzname() != abbreviation for m in moments)
        assert zones.offset_of(reading, abbreviation, day) is None
    # The name the zone-not-in-force fix would suggest is tzdata's own name at that date.
    assert zones.in_force_name(reading, day) == dt.datetime.combine(day, dt.time(12), tz).tzname()


def test_every_reading_tzdata_names_is_in_use_in_the_current_era() -> None:
    for abbreviation, reading in NAMED:
        days = [dt.date(2025, 1, 15) + dt.timedelta(days=30 * i) for i in range(12)]
        assert any(zones.in_force(reading, abbreviation, d) for d in days), (abbreviation, reading.zone)


@given(st.sampled_from(CUSTOMARY), ZONE_ERA)
def test_customary_names_mean_standard_time(entry: tuple[str, zones.Reading], day: dt.date) -> None:
    # tzdata writes these zones numerically ("+06"), so no tzdata name can clash with the
    # customary one; the name is in force exactly when the zone keeps no daylight saving
    # (Bangladesh kept some in 2009).
    abbreviation, reading = entry
    tz = zones.zone(reading.zone)
    moments = [dt.datetime.combine(day, t, tz) for t in (dt.time(0, 30), dt.time(12), dt.time(23, 30))]
    assert not any((m.tzname() or "").isalpha() for m in moments)
    standard = [m for m in moments if not m.dst()]
    assert zones.in_force(reading, abbreviation, day) == bool(standard)
    assert zones.offset_of(reading, abbreviation, day) == (standard[0].utcoffset() if standard else None)


def test_the_table_misses_no_offset_tzdata_gives_its_abbreviations() -> None:
    """Every offset any IANA zone uses under one of the table's abbreviations (2024-2025) is
    the offset of one of that abbreviation's readings: no reading is missing."""
    seen: dict[str, set[dt.timedelta]] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("posix/", "right/")) or name in ("localtime", "Factory"):
            continue
        try:
            tz = zones.zone(name)
        except (OSError, ValueError):
            continue
        for month in range(1, 25):
            moment = dt.datetime(2024 + (month - 1) // 12, (month - 1) % 12 + 1, 15, 12, tzinfo=tz)
            abbreviation = moment.tzname() or ""
            if abbreviation in zones.ABBREVIATIONS:
                seen.setdefault(abbreviation, set()).add(moment.utcoffset() or dt.timedelta(0))
    for abbreviation, offsets in seen.items():
        covered = {
            o
            for r in zones.ABBREVIATIONS[abbreviation]
            for d in (dt.date(2024, m, 15) for m in range(1, 13))
            if (o := zones.offset_of(r, abbreviation, d)) is not None
        }
        assert offsets <= covered, (abbreviation, offsets - covered)


# --- the rules on article-like text -------------------------------------------------------------------

FRAGMENTS = [
    "Officials met on Monday.", "The vote is on Thursday, March 7, 2025.", "He said on Tuesday (local time) it ended.",
    "It was announced on Thursday (AEDT).", "Markets open at 9:30am EST.", "Results come at 10am IST.", "“We met on Friday,” she said.",
    "The talks ended yesterday.", "Talks resume next week.", "It ended at 2 a.m. local time (0100 GMT) on Wednesday.",
    "The minister resigned on March 10.", "Every Monday the office opens.", "Trading closes at 3pm CST in Shanghai.",
    "The rally began at 7pm AEDT on June 14, 2025.", "Kick-off is 4pm PT (7pm ET).", "Monday’s suspension followed.",
]


@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6),
    st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))),
    st.sampled_from(["\n", "\n\n", " "]),
)
def test_datetime_fixes_settle_and_are_idempotent(parts: list[str], published: dt.date | None, joiner: str) -> None:
    text = joiner.join(parts) + "\n"
    metadata = Metadata(published=published.isoformat() if published else None)
    lin = Linter(Config(select=("datetime",), preview=True))
    findings = lin.lint(Document(text, metadata=metadata))
    assert all(0 <= f.span.start <= f.span.end <= len(text) for f in findings)
    assert all(f.fix is None or f.fix.applicability != Applicability.SAFE for f in findings)
    once = fix_document(Document(text, metadata=metadata), lin.lint, Applicability.UNSAFE)
    assert once.error is None, once.error
    twice = fix_document(Document(once.text, metadata=metadata), lin.lint, Applicability.UNSAFE)
    assert twice.text == once.text


# --- day words found on the lower-cased text -----------------------------------------------------

_DAY_PIECES = st.sampled_from([
    "yesterday", "Yesterday", "YESTERDAY", "last night", "Last Night", "tonight", "TONIGHT", "this morning",
    "This Afternoon", "this evening", "tomorrow", "Tomorrow's", "last week", "NEXT WEEK", "next  week", "lastweek",
    "’s", "'S", " ", "\n", ",", "-", "ſ", "İ", "K", "day", "to", "x", "é", "1",
])


@given(st.lists(_DAY_PIECES, max_size=12).map("".join))
def test_day_words_on_the_lower_cased_text_are_the_case_insensitive_matches(text: str) -> None:
    from newslint.dates import mentions

    # What the rule reads of a match: where it is, the word in lower case, and whether a
    # possessive follows (the groups of the lower-cased text are in lower case).
    def found(matches: object) -> list[tuple[tuple[int, int], str, bool]]:
        return [(m.span(), m.group("word").lower(), bool(m.group("poss"))) for m in matches]  # type: ignore[attr-defined]

    doc = Document(text)
    assert found(mentions._day_word_matches(doc)) == found(mentions._DAY_REFERENCE.finditer(text))


# --- dates found only where one may start ---------------------------------------------------------

_DATE_PIECES = st.sampled_from([
    "March", "Mar.", "MARCH", "May", "Sept", "Sep", "June", "Jun", "Dec", "Mark", "Jar", "OCTOBER", "Oct", "of", "the",
    "6", "21", "31st", "2nd", "123", "2025", "1999", "20", "19", "-", "03", "-06", "2025-03-06", " ", "  ", "\n", "\t",
    "\u00a0", "\x1c", ",", ".", ":", "x", "é", "٣", "(", "3pm",
])


@given(st.lists(_DATE_PIECES, max_size=14).map("".join))
def test_date_matches_are_the_matches_of_a_scan_of_every_place(text: str) -> None:
    from newslint.dates.calendar import DATE, date_matches

    assert [(m.span(), m.groupdict()) for m in date_matches(text)] == [(m.span(), m.groupdict()) for m in DATE.finditer(text)]


# --- zone names found only where one may start ----------------------------------------------------

_ZONE_PIECES = st.sampled_from([
    "EST", "EDT", "AEST", "AEDT", "CEST", "CET", "BST", "GMT", "UTC", "ET", "PT", "CAT", "IST", "Eastern Standard Time",
    "Central European Summer Time", "British Summer Time", "Central", "Eastern", "ESTA", "XEST", "E", "-", " ", "(", ")",
    "10am", ":", "\n", "é", "x", "2", "_", "²",
])


@given(st.lists(_ZONE_PIECES, max_size=10).map("".join))
def test_named_zones_are_the_matches_of_a_scan_of_every_place(text: str) -> None:
    from newslint.dates import mentions

    assert [m.span("zone") for m in mentions._named_zones(text)] == [m.span("zone") for m in mentions._NAMED_ZONE.finditer(text)]


_PLACE_PIECES = st.sampled_from([
    "Algeria", "Algerian", "Algiers", "Bangladesh", "Bangladeshi", "Puerto Rican", "Puerto Rico", "El Salvador", "Cuba",
    "Cuban", "New", " ", "-", "x", "é", "\n", "s", "'",
])


@given(st.lists(_PLACE_PIECES, max_size=8).map("".join))
def test_places_grouped_by_first_letter_are_the_places_of_the_plain_alternation(text: str) -> None:
    import regex

    from newslint.dates import mentions

    plain = regex.compile(r"\b(?:" + "|".join(regex.escape(p) for p in mentions._PLACE_WORDS) + r")\b")
    assert [(m.span(), m.group()) for m in mentions._PLACES.finditer(text)] == [(m.span(), m.group()) for m in plain.finditer(text)]


_WEEKDAY_PIECES = st.sampled_from([
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "day", "Mon", "Wednes", "’s", "'s",
    " ", "  ", "\n", "morning", "night", "x", "é", "_", "1", "Sundays", "today",
])


@given(st.lists(_WEEKDAY_PIECES, max_size=10).map("".join))
def test_weekday_matches_are_the_matches_of_a_scan_of_every_place(text: str) -> None:
    from newslint.dates import mentions

    def found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]

    assert found(mentions._weekday_matches(text)) == found(mentions._WEEKDAY_REFERENCE.finditer(text))
