"""Repeated content: a line or paragraph printed twice, the headline repeated as the first
paragraph, a sentence repeated, and near-repeats that differ only in case, spacing or
punctuation.

Units are paragraphs (blank-line style) or lines (one paragraph per line), hashed once by
key: linear in the size of the document. Repetition inside a quotation is speech, not a
defect, and is left to the grammar rules.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from newslint.document import Document
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule
from newslint.textutil import WORD, near_key, word_count


@dataclass(frozen=True)
class Unit:
    first_line: int
    last_line: int
    span: Span
    text: str  # stripped


@dataclass(frozen=True)
class Repeat:
    unit: Unit
    earlier: Unit
    kind: str  # "adjacent", "repeated" or "near"


def _unit(doc: Document, first: int, last: int) -> Unit:
    start = doc.lines[first].span.start
    end = doc.lines[last].span.end
    raw = doc.text[start:end]
    stripped = raw.strip()
    offset = start + raw.index(stripped)
    return Unit(first, last, Span(offset, offset + len(stripped)), stripped)


def analyse(doc: Document, min_words: int = 6) -> list[Repeat]:
    """Every repeated unit of the document, found in one linear pass over hashed keys.

    Multi-line paragraphs (blank-line style) are compared first; then single lines, except
    those inside a paragraph already reported, so one repeat is reported once.
    """
    cached: list[Repeat] | None = doc.__dict__.get("_duplicate_repeats")
    if cached is not None:
        return cached
    repeats: list[Repeat] = []
    covered: set[int] = set()
    if doc.blank_line_paragraphs:
        blocks = [_unit(doc, b.first_line, b.last_line) for b in doc.blocks]
        found = _scan(blocks, min_words, lambda u: u.last_line > u.first_line)
        for repeat in found:
            covered.update(range(repeat.unit.first_line, repeat.unit.last_line + 1))
        repeats.extend(found)
    lines = [_unit(doc, i, i) for i, line in enumerate(doc.lines) if not line.is_blank]
    repeats.extend(_scan(lines, min_words, lambda u: u.first_line not in covered))
    repeats.sort(key=lambda r: r.unit.span)
    doc.__dict__["_duplicate_repeats"] = repeats
    return repeats


def _scan(sequence: list[Unit], min_words: int, reportable: Callable[[Unit], bool]) -> list[Repeat]:
    exact: dict[str, Unit] = {}
    near: dict[str, Unit] = {}
    result: list[Repeat] = []
    previous: Unit | None = None
    for unit in sequence:
        key = near_key(unit.text)
        if key and reportable(unit):
            if previous is not None and previous.text == unit.text:
                result.append(Repeat(unit, previous, "adjacent"))
            elif unit.text in exact and word_count(unit.text) >= min_words:
                result.append(Repeat(unit, exact[unit.text], "repeated"))
            elif key in near and unit.text not in exact and word_count(unit.text) >= min_words:
                result.append(Repeat(unit, near[key], "near"))
        exact.setdefault(unit.text, unit)
        if key:
            near.setdefault(key, unit)
        previous = unit
    return result


def _removal(doc: Document, unit: Unit, applicability: Applicability, title: str) -> Fix:
    return Fix.delete([doc.removal_span(unit.first_line, unit.last_line)], applicability, title)


def _hits(doc: Document, rule: Rule, kind: str, applicability: Applicability, title: str) -> Iterator[Hit]:
    repeats = analyse(doc, int(rule.options.get("min_words", 6)))
    if kind != "adjacent":
        # A scraping slip repeats a paragraph or two. A document that repeats many of its
        # own lines at a distance is structured that way (a meal plan, a table, a
        # programme): its repeats are content, not defects.
        limit = int(rule.options.get("max_per_document", 3))
        if sum(1 for r in repeats if r.kind != "adjacent") > limit:
            return
    for repeat in repeats:
        if repeat.kind == kind:
            line, _ = doc.position(repeat.earlier.span.start)
            yield Hit(repeat.unit.span, fix=_removal(doc, repeat.unit, applicability, title), args={"line": str(line)})


def adjacent(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """The same paragraph (or line) twice in a row: the second copy is removed (SAFE)."""
    return _hits(doc, rule, "adjacent", Applicability.SAFE, "Remove the repeated copy")


def repeated(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A paragraph of at least ``min_words`` words that already appeared, not just before it."""
    return _hits(doc, rule, "repeated", Applicability.UNSAFE, "Remove the repeated paragraph")


def near_repeat(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A paragraph equal to an earlier one except for case, spacing or punctuation."""
    return _hits(doc, rule, "near", Applicability.UNSAFE, "Remove the near-repeat")


def headline_repeat(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """The headline printed again as the first paragraph of the body."""
    all_units = [_unit(doc, b.first_line, b.last_line) for b in doc.blocks] if doc.blank_line_paragraphs else [
        _unit(doc, i, i) for i, line in enumerate(doc.lines) if not line.is_blank
    ]
    title = doc.metadata.title
    if title:
        candidates = all_units[:1]
        title_key = near_key(title)
    elif len(all_units) >= 2:
        candidates = all_units[1:2]
        title_key = near_key(all_units[0].text)
    else:
        return
    if not title_key or word_count(title_key) < int(rule.options.get("min_words", 3)):
        return
    for unit in candidates:
        if near_key(unit.text) == title_key and (title or unit.text != all_units[0].text):
            yield Hit(unit.span, fix=_removal(doc, unit, Applicability.UNSAFE, "Remove the repeated headline"))


def repeated_sentence(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A sentence repeated inside a paragraph or across paragraphs that are not themselves
    repeats, or a run of words printed twice in a row ("office said. attorney's office
    said."), outside quotations."""
    min_words = int(rule.options.get("min_words", 6))
    min_run = int(rule.options.get("min_run_words", 3))
    seen: dict[str, Span] = {}
    text = doc.text
    reported: list[Span] = []
    for sentence in doc.sentences:
        sentence_text = text[sentence.start : sentence.end]
        if _is_whole_unit(doc, sentence) or word_count(sentence_text) < min_words:
            continue  # whole-paragraph repeats belong to the paragraph rules
        key = near_key(sentence_text)
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = sentence
            continue
        if doc.in_quote(sentence):
            continue
        reported.append(sentence)
        line, _ = doc.position(earlier.start)
        yield Hit(sentence, fix=Fix.delete([_with_space_before(text, sentence)], Applicability.UNSAFE, "Remove the repeated sentence"), args={"line": str(line)})
    # Reported sentences in order, with the furthest end reached so far: "does a run overlap a
    # reported sentence" is one bisection, not a scan (linear on a text of many repeats).
    starts = [r.start for r in reported]
    reach = list(itertools.accumulate((r.end for r in reported), max))
    for first, second in _tandem_repeats(doc, min_run):
        before = bisect.bisect_left(starts, second.end)
        if (before and reach[before - 1] > second.start) or doc.in_quote(second):
            continue
        line, _ = doc.position(first.start)
        yield Hit(second, fix=Fix.delete([_with_space_before(text, second)], Applicability.UNSAFE, "Remove the repeated words"), args={"line": str(line)})


def _with_space_before(text: str, span: Span) -> Span:
    """Take the space before a removed run with it, so no double space is left behind."""
    if span.start > 0 and text[span.start - 1] == " ":
        return Span(span.start - 1, span.end)
    return span


_MAX_RUN = 60
_SENTENCE_GAP = regex.compile(r"[.!?][\"'”’)\]]*\s+[\"'“‘(]*$")


def _starts_new_sentence(text: str, start: int) -> bool:
    """A capitalised word after a sentence end may repeat the last words on purpose
    ('... the "Master Builder Series". The Master Builder Series ...'); a slip does not
    start a new sentence."""
    return text[start].isupper() and _SENTENCE_GAP.search(text, max(0, start - 8), start) is not None


def _tandem_repeats(doc: Document, min_run: int) -> Iterator[tuple[Span, Span]]:
    """Runs of at least ``min_run`` words immediately followed by the same words, within a
    line. Each word is compared only with the previous occurrence of the same word, so the
    scan is linear in the number of words; spans are built only for the runs found."""
    text = doc.text
    for line in doc.lines:
        if line.is_blank:
            continue
        matches = list(WORD.finditer(text, line.span.start, line.span.end))
        keys = [m.group().casefold().strip("'’") for m in matches]
        last: dict[str, int] = {}
        j = 0
        while j < len(matches):
            p = last.get(keys[j])
            last[keys[j]] = j
            length = j - p if p is not None else 0
            if (
                p is not None
                and min_run <= length <= _MAX_RUN
                and keys[p:j] == keys[j : j + length]
                and not _starts_new_sentence(text, matches[j].start())
            ):
                first = Span(matches[p].start(), matches[j - 1].end())
                second_end = matches[j + length - 1].end()
                # Take the trailing punctuation the first copy ends with, if the second has it too.
                tail = text[first.end : matches[j].start()].rstrip()
                if tail and text.startswith(tail, second_end):
                    second_end += len(tail)
                yield first, Span(matches[j].start(), second_end)
                for k in range(j, j + length):
                    last[keys[k]] = k
                j += length
                continue
            j += 1


def _is_whole_unit(doc: Document, sentence: Span) -> bool:
    """The sentence is its whole line (compared by span: stripping a long line once per
    sentence would be quadratic)."""
    line = doc.lines[doc.line_index(sentence.start)]
    text = line.text
    start = line.span.start + (len(text) - len(text.lstrip()))
    end = line.span.start + len(text.rstrip())
    return sentence.start == start and sentence.end == end
