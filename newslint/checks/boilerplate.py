"""Boilerplate judged by shape and position rather than by an exact phrase.

The exact UI strings are data (``rules/boilerplate.toml``, existence rules matched by line
key). This module holds the rules that need logic: runs of menu items, photo credits, and
short UI lines at the edges of the article. Their removals are UNSAFE: a shape is evidence,
not proof.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import regex

from newslint.document import Document, Line
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule
from newslint.textutil import line_key

_SENTENCE_END = regex.compile(r"[.!?][\"'”’)\]]*$")
_LIST_MARK = regex.compile(r"^\s*(?:[*•·▪►\-+]|\d{1,2}[.)])\s+")


@lru_cache(maxsize=8)
def _vocabulary(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(line_key(w) for w in words)


def _is_menu_item(line: Line, max_words: int, max_chars: int) -> bool:
    text = line.text.strip()
    if not text or len(text) > max_chars:
        return False
    key = line_key(text)
    if not key or key.count(" ") + 1 > max_words:
        return False
    if _SENTENCE_END.search(text) and not text.endswith("..."):
        return False
    return not any(ch.isdigit() for ch in key) or key.isdigit()


def menu_runs(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A run of short link-like lines (a navigation bar, a share bar, a list of sections):
    at least ``min_run`` short lines in a row, blank lines between them allowed, enough of
    which are menu vocabulary."""
    options = rule.options
    vocabulary = _vocabulary(tuple(options.get("vocabulary", ())))
    min_run = int(options.get("min_run", 3))
    min_share = float(options.get("min_vocabulary_share", 0.5))
    max_words = int(options.get("max_words", 4))
    max_chars = int(options.get("max_chars", 40))
    lines = doc.lines
    run: list[int] = []

    def flush(run: Sequence[int]) -> Iterator[Hit]:
        if len(run) < min_run:
            return
        known = sum(1 for i in run if line_key(lines[i].text) in vocabulary)
        if known / len(run) < min_share:
            return
        for i in run:
            line = lines[i]
            stripped = line.text.strip()
            start = line.span.start + line.text.index(stripped)
            yield Hit(
                Span(start, start + len(stripped)),
                fix=Fix.delete([doc.removal_span(i, i)], Applicability.UNSAFE, f"Remove the menu item '{stripped}'"),
                args={"match": stripped, "count": str(len(run))},
            )

    for index, line in enumerate(lines):
        if line.is_blank:
            continue
        if _is_menu_item(line, max_words, max_chars):
            run.append(index)
            continue
        yield from flush(run)
        run = []
    yield from flush(run)


_CREDIT = regex.compile(
    r"""^\s*(?:[*•\-]\s*)?(?:\(?(?:photo(?:graph)?s?|image|picture|pictured|video|illustration|graphic|credit|source)s?
        (?:\s+(?:credit|courtesy|by|source))?\s*[:|/]\s*\S.{0,120}
      | (?:photo|image|picture)s?\s+(?:by|courtesy\s+of)\s+\S.{0,80}
      | \(?(?:AP|AFP|Reuters|Getty\s+Images|EPA|Shutterstock|PA)\s+(?:photo|images?)\)?(?:\s*/\s*[^\n]{1,60})?
    )\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)


def photo_credit(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A photo or image credit on a line of its own ("Photo credit: AFP / ...")."""
    max_words = int(rule.options.get("max_words", 14))
    for index, line in enumerate(doc.lines):
        text = line.text
        if line.is_blank or len(text) > 200:
            continue
        if not _CREDIT.match(text, timeout=ctx.regex_timeout):
            continue
        if len(text.split()) > max_words or _SENTENCE_END.search(text.rstrip()) and text.count(".") > 2:
            continue
        stripped = text.strip()
        start = line.span.start + text.index(stripped)
        yield Hit(
            Span(start, start + len(stripped)),
            fix=Fix.delete([doc.removal_span(index, index)], Applicability.UNSAFE, "Remove the credit line"),
            args={"match": stripped},
        )


# A teaser: a lead-in such as "Read more" or "Related", then a colon or arrow, then a headline.
_PROMO = regex.compile(
    r"""^\s*(?:[*•\-]\s*)?\[?(?:read|see|watch|listen\s+to|also\s+read|also\s+see|see\s+also|read\s+(?:more|next|also|this)
        |see\s+more|more|related|related\s+(?:story|article|coverage|content|reading)|recommended|don[’']?t\s+miss
        |further\s+reading|more\s+reading|editor[’']?s\s+pick|top\s+story|trending|most\s+read|previously)\]?
        \s*(?:[:|»>›→]|—|–|-\s)\s*\S""",
    regex.IGNORECASE | regex.VERBOSE,
)


def promo_link(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A teaser line: "Read more: <headline>", "Related: <headline>", "See also: ..."."""
    max_words = int(rule.options.get("max_words", 30))
    for index, line in enumerate(doc.lines):
        if line.is_blank or len(line.text) > 300 or not _PROMO.match(line.text):
            continue
        if len(line.text.split()) > max_words:
            continue
        stripped = line.text.strip()
        start = line.span.start + line.text.index(stripped)
        yield Hit(
            Span(start, start + len(stripped)),
            fix=Fix.delete([doc.removal_span(index, index)], Applicability.UNSAFE, "Remove the teaser line"),
            args={"match": stripped},
        )
