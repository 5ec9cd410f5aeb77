"""Calendar words, date and time expressions, and the arithmetic of day references.

Only forms a reader cannot misread are parsed: month names ("March 6, 2025", "6 March",
"Mar. 6"), ISO dates, and clock times. Numeric dates such as 03/06/2025 are left alone: they
read as 3 June in one country and 6 March in another, so any answer would be a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

import regex

from newslint import rx
from newslint.textutil import Lazy, matches_at

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_WEEKDAY_INDEX = {name.lower(): i for i, name in enumerate(WEEKDAYS)} | {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_MONTH_INDEX = {name.lower(): i for i, name in enumerate(MONTHS, start=1)} | {
    name.lower()[:3]: i for i, name in enumerate(MONTHS, start=1)
} | {"sept": 9}

# Month names as written in English news: full, or three letters (plus "Sept"), capitalised
# or all caps, optionally with a full stop. Lower-case "may" and "march" are verbs.
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAY_SHORT = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"


def date_pattern(tag: str = "") -> str:
    """A calendar date: month-day-year, day-month-year (year optional) or ISO.

    Group names carry ``tag`` so that one expression can hold several dates.
    """
    return (
        rf"(?:(?P<m1{tag}>{MONTH})\b\.?\s+(?P<d1{tag}>\d{{1,2}}){_ORDINAL}(?![\d:])(?:,?\s+(?P<y1{tag}>{_YEAR}))?"
        rf"|(?P<d2{tag}>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m2{tag}>{MONTH})\b\.?(?:,?\s+(?P<y2{tag}>{_YEAR}))?"
        rf"|(?P<y3{tag}>{_YEAR})-(?P<m3{tag}>\d{{2}})-(?P<d3{tag}>\d{{2}})(?!\d))"
    )


# Clock times: "6am", "10 a.m.", "4:25 pm", "18.54", "0100" (only before GMT/UTC), noon, midnight.
TIME = (
    r"(?:(?<![\d:.])\d{1,2}(?:[:.][0-5]\d)?\s?(?:[AaPp]\.?\s?[Mm]\b\.?)"
    r"|(?<![\d:.])(?:[01]?\d|2[0-3])[:.h][0-5]\d(?![\d:])"
    r"|(?<![\d:.])(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:GMT|UTC)\b)"
    r"|\b(?:noon|midnight)\b)"
)


# One compiled date expression for every module that looks for a date.
DATE = Lazy(rf"\b(?:{date_pattern()})")

# Where a match of DATE may start (see date_matches): a month's first letter, the day before a
# month ("6 March", "21st of March": read backwards from the month), and the year of an ISO date
# (four characters before its "-dd-dd"). The scans use the standard library's engine, which
# skips to a letter of the class or to the "-" far faster than DATE's own scan tries each place.
_MONTH_START = rx.compile_std(r"[JFMASOND](?=an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec|AN|EB|AR|PR|AY|UN|UL|UG|EP|CT|OV|EC)")
_DAY_BEFORE = Lazy(r"(?r)\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?")
_ISO_TAIL = rx.compile_std(r"-(?=\d\d-\d\d)")


def date_matches(text: str) -> Iterator[regex.Match[str]]:
    """``DATE.finditer(text)``, DATE tried only where a match may start (about a third of the
    cost on news text, where months are rare). Every match holds a month name, whose first
    three letters the scan finds, with the match starting there or at the day before it; or
    is an ISO date. Each such place is tried in order, as DATE's own scan would reach it,
    from the end of the last match."""
    starts: list[int] = []
    for month in _MONTH_START.finditer(text):
        at = month.start()
        starts.append(at)
        # A reverse match ends at ``at`` (its endpos): the day, if one comes before the month.
        day = _DAY_BEFORE.match(text, 0, at)
        if day is not None:
            starts.append(day.start())
    starts.extend(tail.start() - 4 for tail in _ISO_TAIL.finditer(text) if tail.start() >= 4)
    return matches_at(DATE.match, text, sorted(starts))


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class DateParts(NamedTuple):
    """A date as written: the year may be missing ("March 6")."""

    month: int
    day: int
    year: int | None
    day_first: bool  # written "6 March" rather than "March 6"
    numeric: bool = False  # ISO "2025-03-06": says nothing about the article's word order

    def valid_in(self, year: int) -> dt.date | None:
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def date_parts(match: regex.Match[str], tag: str = "") -> DateParts | None:
    """The date a :func:`date_pattern` match names, or None when it is not a real date."""
    for form in ("1", "2", "3"):
        month_text = match.group(f"m{form}{tag}")
        if month_text is None:
            continue
        day = int(match.group(f"d{form}{tag}"))
        year_text = match.group(f"y{form}{tag}")
        month = int(month_text) if form == "3" else _MONTH_INDEX.get(month_text.lower(), 0)
        parts = DateParts(month, day, int(year_text) if year_text else None, form == "2", form == "3")
        if not 1 <= month <= 12 or not 1 <= day <= 31 or parts.valid_in(parts.year or 2000) is None:
            return None
        return parts
    return None


def words_of(text: str) -> frozenset[str]:
    """A word list written as one string (the long vocabularies of the date rules)."""
    return frozenset(text.split())


def weekday_index(name: str) -> int:
    """0 for Monday ... 6 for Sunday; accepts full names and the usual abbreviations."""
    return _WEEKDAY_INDEX[name.lower().rstrip(".")]


# --- resolving day references ------------------------------------------------------------


def on_or_before(weekday: int, day: dt.date) -> dt.date:
    """The most recent ``weekday`` on or before ``day`` ("on Thursday" in a report of ``day``)."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def strictly_before(weekday: int, day: dt.date) -> dt.date:
    """The most recent ``weekday`` before ``day`` ("last Thursday")."""
    return day - dt.timedelta(days=(day.weekday() - weekday - 1) % 7 + 1)


def strictly_after(weekday: int, day: dt.date) -> dt.date:
    """The first ``weekday`` after ``day`` ("next Thursday", "will meet on Thursday")."""
    return day + dt.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the (ISO, Monday to Sunday) week holding ``day``."""
    return day - dt.timedelta(days=day.weekday())


def nearest_years(parts: DateParts, reference: dt.date, reach_days: int = 300) -> list[dt.date]:
    """The dates a year-less "March 6" can mean in an article of ``reference``: each year
    that puts it within ``reach_days`` of the reference, nearest first."""
    found = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = parts.valid_in(year)
        if candidate is not None and abs((candidate - reference).days) <= reach_days:
            found.append(candidate)
    return sorted(found, key=lambda d: abs((d - reference).days))


# --- writing dates -----------------------------------------------------------------------


def long_date(day: dt.date) -> str:
    """'Thursday 6 March 2025': unambiguous in every English locale."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date, day_first: bool) -> str:
    """'March 6' or '6 March', in the article's own order, for an inserted date."""
    return f"{day.day} {MONTHS[day.month - 1]}" if day_first else f"{MONTHS[day.month - 1]} {day.day}"


def week_label(monday: dt.date, day_first: bool) -> str:
    """'week of March 10': the Monday that starts a week."""
    return f"week of {short_date(monday, day_first)}"
