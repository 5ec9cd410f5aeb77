"""Pieces the rule families share."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from newslint.document import Document
from newslint.model import Applicability, Fix, Hit, Span

T = TypeVar("T")


def line_hit(doc: Document, index: int, applicability: Applicability | None, title: str, message: str | None = None) -> Hit:
    """A finding on a whole line (its text without surrounding whitespace) whose fix, when an
    applicability is given, removes the line cleanly (see :meth:`Document.removal_span`)."""
    line = doc.lines[index]
    stripped = line.text.strip()
    start = line.span.start + line.text.index(stripped)
    fix = Fix.delete([doc.removal_span(index, index)], applicability, title) if applicability is not None else None
    return Hit(Span(start, start + len(stripped)), message=message, fix=fix, args={"match": stripped})


# Values derived from a rule's options, by the identity of its options mapping: a loaded rule's
# options are a read-only mapping that never changes, and a rule that runs on every document
# should not rebuild word sets and patterns from them on each one.
_DERIVED: dict[tuple[int, str], tuple[Mapping[str, Any], object]] = {}
_DERIVED_LOCK = threading.Lock()
_MAX_DERIVED = 256


def from_options(options: Mapping[str, Any], name: str, build: Callable[[Mapping[str, Any]], T]) -> T:
    """``build(options)``, computed once per options mapping and ``name``."""
    key = (id(options), name)
    entry = _DERIVED.get(key)
    if entry is None or entry[0] is not options:
        value = build(options)
        with _DERIVED_LOCK:
            if len(_DERIVED) >= _MAX_DERIVED:
                _DERIVED.clear()  # rule sets built on the fly (tests, per-file configs): start again
            # The mapping is kept with its value, so its id cannot be reused while cached.
            _DERIVED[key] = entry = (options, value)
    return cast(T, entry[1])
