"""Clean what trafilatura extracted: its text still carries page residue ("Advertisement",
"Read more: ..." lines) and often repeats the headline as its first line.

    import trafilatura
    from newslint.integrations.trafilatura import clean_extraction

    result = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    article = clean_extraction(result)            # a new dict; the text cleaned (SAFE fixes)
    article["text"], article["newslint_findings"]

``clean_extraction`` takes trafilatura's document object (whose ``as_dict()`` it calls) or the
dict itself, and returns a new dict: ``text`` cleaned (``raw_text`` too, when it held the same
text), the findings left in ``newslint_findings`` (the output contract's fields, offsets into
the cleaned text), everything else as it was. The headline, URL and date trafilatura found are
given to the rules (a headline repeated as the first line is reported). trafilatura itself is
not imported here: any object with ``as_dict()`` works.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from newslint.document import Metadata
from newslint.integrations._common import ArticleCleaner, finding_dicts

_cleaners: dict[tuple[bool, bool, tuple[str, ...] | None, tuple[str, ...]], ArticleCleaner] = {}
_lock = threading.Lock()


def _cleaner(fix: bool, unsafe: bool, select: Iterable[str] | None, ignore: Iterable[str]) -> ArticleCleaner:
    key = (fix, unsafe, tuple(select) if select is not None else None, tuple(ignore))
    with _lock:
        if key not in _cleaners:
            _cleaners[key] = ArticleCleaner(fix=fix, unsafe=unsafe, select=key[2], ignore=key[3])
        return _cleaners[key]


def clean_extraction(
    result: Mapping[str, Any] | Any,
    *,
    fix: bool = True,
    unsafe: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    cleaner: ArticleCleaner | None = None,
    findings_key: str = "newslint_findings",
) -> dict[str, Any]:
    """trafilatura's extraction result with its text linted (``fix=False``) or cleaned.

    ``unsafe=True`` also applies UNSAFE fixes; ``select``/``ignore`` choose rules as on the
    command line; ``cleaner`` reuses an :class:`ArticleCleaner` you built (configured from a
    file, say). A result without a string ``text`` is returned as a copy, with no findings.
    """
    data: dict[str, Any] = dict(result.as_dict() if hasattr(result, "as_dict") else result)
    text = data.get("text")
    if not isinstance(text, str):
        data[findings_key] = []
        return data
    worker = cleaner or _cleaner(fix, unsafe, select, ignore)
    metadata = Metadata(title=_string(data.get("title")), url=_string(data.get("url")), published=_string(data.get("date")),
                        language=_string(data.get("language")))
    cleaned, remaining, _, doc = worker.process(text, metadata)
    if data.get("raw_text") == text:
        data["raw_text"] = cleaned
    data["text"] = cleaned
    data[findings_key] = finding_dicts(doc, remaining)
    return data


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
