"""Suppression comments written in the article itself.

    <!-- newslint: disable=NL201,spelling -->   off from here ...
    <!-- newslint: enable=NL201 -->             ... to here (or to the end)
    <!-- newslint: disable-line=NL301 -->       this line (or, alone on its line, the next one)
    <!-- newslint: disable-file=all -->         the whole document

Selectors are codes, code prefixes, categories, rule names or ``all``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from newslint import rx
from newslint.document import Document
from newslint.model import SlotRecord, Span

_COMMENT = rx.compile(
    r"<!--\s*newslint:\s*(?P<action>disable-file|disable-line|disable|enable)\s*=\s*(?P<codes>[^>]*?)\s*-->"
)


class Suppression(SlotRecord):
    """A selector of a suppression comment, and the text it silences."""

    __slots__ = ("comment", "region", "selector", "used")

    def __init__(self, comment: Span, selector: str, region: Span) -> None:
        self.comment = comment  # where the comment is, for reporting
        self.selector = selector
        self.region = region  # the text it silences
        self.used = False


class UnknownSelector(NamedTuple):
    comment: Span
    selector: str


def parse_suppressions(doc: Document, known: Iterable[str]) -> tuple[list[Suppression], list[UnknownSelector]]:
    if "newslint:" not in doc.text:
        return [], []
    known_set = set(known)
    result: list[Suppression] = []
    unknown: list[UnknownSelector] = []
    open_regions: dict[str, tuple[int, Span]] = {}
    end_of_text = len(doc.text)
    for match in _COMMENT.finditer(doc.text):
        comment = Span(match.start(), match.end())
        action = match["action"]
        selectors = [s.strip() for s in match["codes"].split(",") if s.strip()]
        for selector in selectors:
            if not _is_known(selector, known_set):
                unknown.append(UnknownSelector(comment, selector))
                continue
            if action == "disable-file":
                result.append(Suppression(comment, selector, Span(0, end_of_text)))
            elif action == "disable-line":
                result.append(Suppression(comment, selector, _line_region(doc, comment)))
            elif action == "disable":
                open_regions.setdefault(selector, (comment.end, comment))
            else:
                opened = open_regions.pop(selector, None)
                if opened is not None:
                    result.append(Suppression(opened[1], selector, Span(opened[0], comment.start)))
    for selector, (start, comment) in open_regions.items():
        result.append(Suppression(comment, selector, Span(start, end_of_text)))
    return result, unknown


def _line_region(doc: Document, comment: Span) -> Span:
    index = doc.line_index(comment.start)
    line = doc.lines[index]
    alone = line.text.strip() == doc.text[comment.start : comment.end]
    if alone and index + 1 < len(doc.lines):
        return doc.lines[index + 1].span
    return line.span


def _is_known(selector: str, known: set[str]) -> bool:
    """``all``, a known code, name or category, a code prefix ("NL2"), or a name prefix that
    ends at a dot boundary ("boilerplate" for "boilerplate.share"); not any partial word."""
    if selector.lower() == "all" or selector in known:
        return True
    if selector.isupper():
        return any(k.startswith(selector) and k[: len(selector)].isupper() for k in known)
    return any(k.startswith(selector + ".") for k in known)
