"""Time-zone abbreviations and the IANA zones they can name.

The table below says only which zones an abbreviation can stand for in English-language news
(and which words in an article make a rarer reading plausible). Every fact about a zone (its
UTC offset on a day, whether daylight saving is in force, the abbreviation in use) is read
from the IANA database through :mod:`zoneinfo`, which the ``tzdata`` package provides where
the system has no zone files. ``tests/test_datetime_properties.py`` checks the table against
tzdata: each reading tzdata names round-trips, and each customary one keeps one offset all year.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import NamedTuple
from zoneinfo import ZoneInfo


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class Reading(NamedTuple):
    """One thing an abbreviation can mean."""

    region: str  # what a reader calls it: "US Eastern", "India"
    zone: str  # an IANA zone that keeps it
    common: bool  # read this way even with no place in sight
    places: tuple[str, ...] = ()  # words that make the reading plausible in an article
    # False for customary abbreviations tzdata writes numerically (Bangladesh "BST" is "+06"
    # there); such a name means the zone's standard time, in force whenever it keeps no
    # daylight saving (Bangladesh did, in 2009).
    named_by_tzdata: bool = True


def _r(region: str, zone: str, common: bool = True, places: tuple[str, ...] = (), named: bool = True) -> Reading:
    return Reading(region, zone, common, places, named)


_ARIZONA = ("Arizona", "Phoenix", "Tucson", "Scottsdale", "Tempe", "Flagstaff")
_CARIBBEAN = ("Puerto Rico", "Puerto Rican", "San Juan", "Virgin Islands", "Barbados", "Trinidad", "Dominican Republic",
              "Santo Domingo", "Martinique", "Guadeloupe", "Aruba", "Curaçao", "Antigua", "St Lucia", "Saint Lucia", "Grenada")
_ARABIA = ("Saudi", "Riyadh", "Jeddah", "Mecca", "Kuwait", "Qatar", "Doha", "Bahrain", "Iraq", "Baghdad", "Yemen")

# Abbreviation -> its readings, the usual one first. Offsets are never written here.
ABBREVIATIONS: dict[str, tuple[Reading, ...]] = {
    "EST": (_r("US Eastern", "America/New_York"),
            _r("Panama, Jamaica and Quintana Roo (EST all year)", "America/Panama", False,
               ("Panama", "Panamanian", "Jamaica", "Jamaican", "Cayman", "Cancún", "Cancun", "Quintana Roo"))),
    "EDT": (_r("US Eastern", "America/New_York"),),
    "CST": (_r("US Central", "America/Chicago"),
            _r("China", "Asia/Shanghai", True, ("China", "Chinese", "Beijing", "Shanghai")),
            _r("Taiwan", "Asia/Taipei", False, ("Taiwan", "Taiwanese", "Taipei")),
            _r("Cuba", "America/Havana", False, ("Cuba", "Cuban", "Havana")),
            _r("Mexico and Central America (CST all year)", "America/Mexico_City", False,
               ("Mexico", "Mexican", "Guatemala", "Honduras", "El Salvador", "Costa Rica", "Nicaragua", "Belize")),
            _r("Saskatchewan (CST all year)", "America/Regina", False, ("Saskatchewan", "Regina", "Saskatoon"))),
    "CDT": (_r("US Central", "America/Chicago"), _r("Cuba", "America/Havana", False, ("Cuba", "Cuban", "Havana"))),
    "MST": (_r("US Mountain", "America/Denver"),
            _r("Arizona (MST all year)", "America/Phoenix", False, _ARIZONA),
            _r("Yukon (MST all year)", "America/Whitehorse", False, ("Yukon", "Whitehorse")),
            _r("Sonora (MST all year)", "America/Hermosillo", False, ("Sonora", "Hermosillo"))),
    "MDT": (_r("US Mountain", "America/Denver"),),
    "PST": (_r("US Pacific", "America/Los_Angeles"),
            _r("Philippines", "Asia/Manila", False, ("Philippines", "Philippine", "Filipino", "Manila"))),
    "PDT": (_r("US Pacific", "America/Los_Angeles"),),
    "AKST": (_r("Alaska", "America/Anchorage"),),
    "AKDT": (_r("Alaska", "America/Anchorage"),),
    "HST": (_r("Hawaii", "Pacific/Honolulu"),),
    "AST": (_r("Atlantic Canada", "America/Halifax"),
            _r("Puerto Rico and the Caribbean (AST all year)", "America/Puerto_Rico", False, _CARIBBEAN),
            _r("Arabia", "Asia/Riyadh", False, _ARABIA, named=False)),
    "ADT": (_r("Atlantic Canada", "America/Halifax"),),
    "NST": (_r("Newfoundland", "America/St_Johns"),),
    "NDT": (_r("Newfoundland", "America/St_Johns"),),
    "BST": (_r("UK", "Europe/London"),
            _r("Bangladesh", "Asia/Dhaka", False, ("Bangladesh", "Bangladeshi", "Dhaka", "Chittagong"), named=False)),
    "IST": (_r("India", "Asia/Kolkata"), _r("Israel", "Asia/Jerusalem"), _r("Ireland", "Europe/Dublin")),
    "IDT": (_r("Israel", "Asia/Jerusalem"),),
    "WET": (_r("Western Europe", "Europe/Lisbon"),),
    "WEST": (_r("Western Europe", "Europe/Lisbon"),),
    "CET": (_r("Central Europe", "Europe/Paris"),
            _r("Algeria and Tunisia (CET all year)", "Africa/Algiers", False, ("Algeria", "Algerian", "Algiers", "Tunisia", "Tunis"))),
    "CEST": (_r("Central Europe", "Europe/Paris"),),
    "EET": (_r("Eastern Europe", "Europe/Athens"),
            _r("Libya and Kaliningrad (EET all year)", "Africa/Tripoli", False, ("Libya", "Libyan", "Tripoli", "Kaliningrad"))),
    "EEST": (_r("Eastern Europe", "Europe/Athens"),),
    "MSK": (_r("Moscow", "Europe/Moscow"),),
    "SAST": (_r("South Africa", "Africa/Johannesburg"),),
    "CAT": (_r("Central Africa", "Africa/Maputo"),),
    "EAT": (_r("East Africa", "Africa/Nairobi"),),
    "WAT": (_r("West Africa", "Africa/Lagos"),),
    "PKT": (_r("Pakistan", "Asia/Karachi"),),
    "HKT": (_r("Hong Kong", "Asia/Hong_Kong"),),
    "JST": (_r("Japan", "Asia/Tokyo"),),
    "KST": (_r("Korea", "Asia/Seoul"),),
    "SGT": (_r("Singapore", "Asia/Singapore", named=False),),
    "GST": (_r("Gulf", "Asia/Dubai", named=False),),
    "WIB": (_r("Western Indonesia", "Asia/Jakarta"),),
    "WITA": (_r("Central Indonesia", "Asia/Makassar"),),
    "WIT": (_r("Eastern Indonesia", "Asia/Jayapura"),),
    "AEST": (_r("Australian Eastern", "Australia/Sydney"),
             _r("Queensland (AEST all year)", "Australia/Brisbane", False, ("Queensland", "Brisbane", "Gold Coast", "Cairns", "Townsville"))),
    "AEDT": (_r("Australian Eastern", "Australia/Sydney"),),
    "ACST": (_r("Australian Central", "Australia/Adelaide"),
             _r("Northern Territory (ACST all year)", "Australia/Darwin", False, ("Darwin", "Northern Territory", "Alice Springs"))),
    "ACDT": (_r("Australian Central", "Australia/Adelaide"),),
    "AWST": (_r("Australian Western", "Australia/Perth"),),
    "NZST": (_r("New Zealand", "Pacific/Auckland"),),
    "NZDT": (_r("New Zealand", "Pacific/Auckland"),),
}

# Names that are the same everywhere and all year: never ambiguous, never out of season.
UNIVERSAL = {"GMT": "UTC", "UTC": "UTC"}
# North American generic names (no standard/daylight claim): always right.
GENERIC = {"ET": "US Eastern", "CT": "US Central", "MT": "US Mountain", "PT": "US Pacific"}
# The zone behind each North American generic name.
REGION_ZONES = {
    "US Eastern": "America/New_York", "US Central": "America/Chicago", "US Mountain": "America/Denver",
    "US Pacific": "America/Los_Angeles",
}
# Spelled-out names: each means one reading of an abbreviation.
SPELLED: dict[str, tuple[str, str]] = {
    "Eastern Standard Time": ("EST", "US Eastern"),
    "Eastern Daylight Time": ("EDT", "US Eastern"),
    "Central Standard Time": ("CST", "US Central"),
    "Central Daylight Time": ("CDT", "US Central"),
    "Mountain Standard Time": ("MST", "US Mountain"),
    "Mountain Daylight Time": ("MDT", "US Mountain"),
    "Pacific Standard Time": ("PST", "US Pacific"),
    "Pacific Daylight Time": ("PDT", "US Pacific"),
    "British Summer Time": ("BST", "UK"),
    "Australian Eastern Standard Time": ("AEST", "Australian Eastern"),
    "Australian Eastern Daylight Time": ("AEDT", "Australian Eastern"),
    "Central European Time": ("CET", "Central Europe"),
    "Central European Summer Time": ("CEST", "Central Europe"),
}
# Generic spelled names ("Eastern time") and "<place> time" names that map to a region.
REGION_NAMES = {
    "Eastern": "US Eastern", "Central": "US Central", "Mountain": "US Mountain", "Pacific": "US Pacific",
    "Greenwich": "UTC", "Beijing": "China", "Moscow": "Moscow", "Tokyo": "Japan",
}


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _moments(day: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, ...]:
    # Early, midday and late on the day: a transition day has both abbreviations.
    return tuple(dt.datetime.combine(day, t, tz) for t in (dt.time(0, 30), dt.time(12), dt.time(23, 30)))


def abbreviations_on(zone_name: str, day: dt.date) -> set[str]:
    """The abbreviations tzdata uses in ``zone_name`` during ``day``."""
    return {m.tzname() or "" for m in _moments(day, zone(zone_name))}


def in_force(reading: Reading, abbreviation: str, day: dt.date) -> bool:
    """Whether ``abbreviation`` is the one in use for ``reading`` at some time on ``day``."""
    if not reading.named_by_tzdata:
        return any(not m.dst() for m in _moments(day, zone(reading.zone)))
    return abbreviation in abbreviations_on(reading.zone, day)


def offset_of(reading: Reading, abbreviation: str, day: dt.date) -> dt.timedelta | None:
    """The UTC offset ``abbreviation`` stands for in ``reading`` on ``day``; None when it is
    not in use that day."""
    for moment in _moments(day, zone(reading.zone)):
        if moment.tzname() == abbreviation if reading.named_by_tzdata else not moment.dst():
            return moment.utcoffset()
    return None


def usage(reading: Reading, abbreviation: str, year: int) -> list[tuple[dt.date, dt.date]]:
    """The runs of days of ``year`` on which ``abbreviation`` is in use for ``reading``."""
    runs: list[tuple[dt.date, dt.date]] = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        if in_force(reading, abbreviation, day):
            if runs and runs[-1][1] == day - dt.timedelta(days=1):
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        day += dt.timedelta(days=1)
    return runs


def offset(zone_name: str, day: dt.date) -> dt.timedelta:
    """The UTC offset of ``zone_name`` at midday on ``day``."""
    moment = dt.datetime.combine(day, dt.time(12), zone(zone_name))
    return moment.utcoffset() or dt.timedelta(0)


def offset_text(delta: dt.timedelta) -> str:
    """'UTC+11', 'UTC-5', 'UTC+5:30'."""
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def in_force_name(reading: Reading, day: dt.date) -> str:
    """The abbreviation in use for ``reading`` at midday on ``day`` (may be numeric, "+06")."""
    moment = dt.datetime.combine(day, dt.time(12), zone(reading.zone))
    return moment.tzname() or ""


def readings_for(abbreviation: str, region: str | None = None) -> tuple[Reading, ...]:
    found = ABBREVIATIONS.get(abbreviation, ())
    return tuple(r for r in found if r.region == region) if region else found
