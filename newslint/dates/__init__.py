"""Dates and time zones for the ``datetime`` rules (NL7xx).

- :mod:`newslint.dates.calendar`: month and weekday names, date and time expressions, and
  the arithmetic that resolves "on Thursday" against a reference date;
- :mod:`newslint.dates.zones`: time-zone abbreviations and the IANA zones they can name,
  with every offset and daylight-saving fact read from ``zoneinfo`` (the ``tzdata`` package);
- :mod:`newslint.dates.published`: the publication date of a document and where it came
  from (record, front matter, dateline, ``--published``, configuration), resolved once;
- :mod:`newslint.dates.mentions`: the day references, zone references and explicit dates of
  a document, found once and shared by every rule.
"""
