"""Whitespace defects: trailing spaces, runs of spaces inside a line, runs of blank lines,
runs of non-breaking spaces. Indentation is left alone: in Markdown it carries meaning.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint import rx
from newslint.document import Document
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule

_TRAILING = " \t\u00a0\u3000"  # trailing whitespace the rule removes
_INNER_RUN = rx.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_NBSP_RUN = rx.compile(r"[\u00a0\u2007\u202f][\u00a0\u2007\u202f \t]+|[ \t]+[\u00a0\u2007\u202f][\u00a0\u2007\u202f \t]*")


def trailing(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    for line in doc.lines:
        if doc.markdown and line.text.endswith("  ") and not line.is_blank:
            continue  # two or more trailing spaces are a Markdown hard line break
        if line.text[-1:] and line.text[-1] in _TRAILING:
            span = Span(line.span.start + len(line.text.rstrip(_TRAILING)), line.span.end)
            yield Hit(span, fix=Fix.delete([span], Applicability.SAFE, "Remove trailing whitespace"))


def space_runs(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    for line in doc.lines:
        if "  " not in line.text and "\t" not in line.text.strip():
            continue
        if doc.markdown and line.text.lstrip().startswith("|"):
            continue  # Markdown tables align with spaces
        for m in _INNER_RUN.finditer(line.text):
            if "\t" in m.group():
                continue  # tabs separate columns in pasted tables
            span = Span(line.span.start + m.start(), line.span.start + m.end())
            yield Hit(span, fix=Fix.replace(span, " ", Applicability.SAFE, "Use one space"), args={"count": str(len(span))})


def blank_runs(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """Two or more blank lines in a row where one separates paragraphs, and blank lines
    before the first line of text (what removing a leading menu or UI line leaves)."""
    lines = doc.lines
    index = 0
    limit = int(rule.options.get("max_blank_lines", 1))
    while index < len(lines):
        if not lines[index].is_blank:
            index += 1
            continue
        first = index
        while index < len(lines) and lines[index].is_blank:
            index += 1
        run = index - first
        if first == 0 and index < len(lines):
            span = Span(0, lines[index - 1].end_with_break)
            yield Hit(span, message="blank lines before the text", fix=Fix.delete([span], Applicability.SAFE, "Remove leading blank lines"), args={"count": str(run)})
        elif run > limit and index < len(lines):
            # Keep the first `limit` blank lines; delete the rest (their text and breaks).
            start = lines[first + limit].span.start
            end = lines[index - 1].end_with_break
            span = Span(start, end)
            yield Hit(Span(lines[first].span.start, end), fix=Fix.delete([span], Applicability.SAFE, "Remove extra blank lines"), args={"count": str(run)})


def nbsp_runs(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    if "\u00a0" not in doc.text and "\u202f" not in doc.text and "\u2007" not in doc.text:
        return
    for line in doc.lines:
        for m in _NBSP_RUN.finditer(line.text):
            end = line.span.start + m.end()
            if m.end() == len(line.text):
                continue  # trailing: the trailing-whitespace rule reports it
            if m.start() == 0:
                continue  # indentation
            span = Span(line.span.start + m.start(), end)
            yield Hit(span, fix=Fix.replace(span, " ", Applicability.SAFE, "Use one space"))
