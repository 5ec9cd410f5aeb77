"""Pieces the rule families share."""

from __future__ import annotations

from newslint.document import Document
from newslint.model import Applicability, Fix, Hit, Span


def line_hit(doc: Document, index: int, applicability: Applicability | None, title: str, message: str | None = None) -> Hit:
    """A finding on a whole line (its text without surrounding whitespace) whose fix, when an
    applicability is given, removes the line cleanly (see :meth:`Document.removal_span`)."""
    line = doc.lines[index]
    stripped = line.text.strip()
    start = line.span.start + line.text.index(stripped)
    fix = Fix.delete([doc.removal_span(index, index)], applicability, title) if applicability is not None else None
    return Hit(Span(start, start + len(stripped)), message=message, fix=fix, args={"match": stripped})
