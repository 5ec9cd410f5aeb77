"""Repeated content: a line or paragraph printed twice, the headline repeated as the first
paragraph, a sentence repeated, and near-repeats that differ only in case, spacing or
punctuation.

Units are paragraphs (blank-line style) or lines (one paragraph per line), hashed once by
key: linear in the size of the document. Repetition inside a quotation is speech, not a
defect, and is left to the grammar rules.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import NamedTuple

from newslint import rx
from newslint.document import Derived, Document
from newslint.memo import LINES_KEPT, Memo
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule
from newslint.textutil import WORD, fold_plain, key_of_folded, near_key, occurrences, plain_word_keys, word_count


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class Unit(NamedTuple):
    first_line: int
    last_line: int
    span: Span
    text: str  # stripped


class Repeat(NamedTuple):
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


# A unit as the scan reads it: first and last line, stripped text, near key. A Unit (with its
# span) is built only for the units a repeat names.
_Item = tuple[int, int, str, str]


# Every repeated unit of a document, found for the first duplicate rule to ask.
_REPEATS: Derived[list[Repeat]] = Derived("duplicate repeats")


def analyse(doc: Document, min_words: int = 6) -> list[Repeat]:
    """Every repeated unit of the document, found in one linear pass over hashed keys, once
    per document (with the ``min_words`` of the first rule that asks).

    Multi-line paragraphs (blank-line style) are compared first; then single lines, except
    those inside a paragraph already reported, so one repeat is reported once.
    """
    return doc.derived(_REPEATS, partial(_find_repeats, min_words=min_words))


def _find_repeats(doc: Document, min_words: int) -> list[Repeat]:
    found: list[tuple[_Item, _Item, str]] = []
    covered: set[int] = set()
    if doc.blank_line_paragraphs:
        blocks = _block_items(doc, _line_items(doc))
        found = _scan(list(enumerate(blocks)), min_words, lambda first, last: last > first)
        for item, _, _ in found:
            covered.update(range(item[0], item[1] + 1))
    found += _scan(_lines_sharing_a_key(doc), min_words, lambda first, last: first not in covered)
    repeats = [Repeat(_unit(doc, item[0], item[1]), _unit(doc, earlier[0], earlier[1]), kind) for item, earlier, kind in found]
    repeats.sort(key=lambda r: r.unit.span)
    return repeats


def _line_items(doc: Document) -> dict[int, _Item]:
    """The non-blank lines by index."""
    keys = doc.line_near_keys
    return {index: (index, index, line.text.strip(), keys[index]) for index, line in enumerate(doc.lines) if not line.is_blank}


def _lines_sharing_a_key(doc: Document) -> list[tuple[int, _Item]]:
    """The non-blank lines whose near key some other line has, each with its place among the
    non-blank lines. A line repeats another only if their keys are the same (equal texts have
    equal keys), and the scan of all the lines finds no more than the scan of these (see
    :func:`_scan`); most documents repeat no line, which one count in C shows."""
    keys = doc.line_near_keys
    counts = collections.Counter(keys)
    counts.pop("", None)
    if len(counts) == sum(counts.values()):
        return []
    shared = {key for key, count in counts.items() if count > 1}
    result: list[tuple[int, _Item]] = []
    place = 0
    for index, line in enumerate(doc.lines):
        if line.is_blank:
            continue
        if keys[index] in shared:
            result.append((place, (index, index, line.text.strip(), keys[index])))
        place += 1
    return result


def _span_key(doc: Document, span: Span) -> str:
    """The near key of ``span``'s text, from the folded text when the document has one."""
    folded = doc.folded
    return key_of_folded(folded[span.start : span.end]) if folded is not None else near_key(doc.text[span.start : span.end])


def _block_items(doc: Document, lines: dict[int, _Item]) -> list[_Item]:
    items: list[_Item] = []
    for block in doc.blocks:
        if block.first_line == block.last_line:
            items.append(lines[block.first_line])
            continue
        text = doc.text[block.span.start : block.span.end].strip()
        items.append((block.first_line, block.last_line, text, _span_key(doc, block.span)))
    return items


def _scan(sequence: list[tuple[int, _Item]], min_words: int, reportable: Callable[[int, int], bool]) -> list[tuple[_Item, _Item, str]]:
    """``(unit, earlier unit, kind)`` for each repeat in ``sequence``, units with their places
    in the document's sequence of units. The sequence may leave out units whose key no other
    unit has: they repeat nothing, and no unit repeats them (equal texts have equal keys),
    and a unit is adjacent only to the unit in the place just before it."""
    exact: dict[str, _Item] = {}
    near: dict[str, _Item] = {}
    result: list[tuple[_Item, _Item, str]] = []
    previous: _Item | None = None
    previous_place = -2
    for place, item in sequence:
        first, last, text, key = item
        if key and reportable(first, last):
            if previous is not None and previous_place == place - 1 and previous[2] == text:
                result.append((item, previous, "adjacent"))
            elif text in exact:
                if word_count(text) >= min_words:
                    result.append((item, exact[text], "repeated"))
            elif key in near and word_count(text) >= min_words:
                result.append((item, near[key], "near"))
        exact.setdefault(text, item)
        if key:
            near.setdefault(key, item)
        previous = item
        previous_place = place
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
    all_units = _first_units(doc, 2)
    title = doc.metadata.title
    if title:
        candidates = all_units[:1]
        title_key = near_key(title)
    elif len(all_units) >= 2:
        candidates = all_units[1:2]
        title_key = _unit_key(doc, all_units[0])
    else:
        return
    min_words = int(rule.options.get("min_words", 3))
    # Each word of a near key holds one word or more: a key of enough words needs no count.
    if not title_key or (title_key.count(" ") + 1 < min_words and word_count(title_key) < min_words):
        return
    for unit in candidates:
        if _unit_key(doc, unit) == title_key and (title or unit.text != all_units[0].text):
            yield Hit(unit.span, fix=_removal(doc, unit, Applicability.UNSAFE, "Remove the repeated headline"))


def _unit_key(doc: Document, unit: Unit) -> str:
    """``near_key(unit.text)``: a line's is at hand (its spaces make no word)."""
    if unit.first_line == unit.last_line:
        return doc.line_near_keys[unit.first_line]
    return near_key(unit.text)


def _first_units(doc: Document, count: int) -> list[Unit]:
    """The first ``count`` paragraphs (blank-line style) or non-blank lines."""
    if doc.blank_line_paragraphs:
        return [_unit(doc, b.first_line, b.last_line) for b in doc.blocks[:count]]
    indices = (i for i, line in enumerate(doc.lines) if not line.is_blank)
    return [_unit(doc, i, i) for i in itertools.islice(indices, count)]


def repeated_sentence(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A sentence repeated inside a paragraph or across paragraphs that are not themselves
    repeats, or a run of words printed twice in a row ("office said. attorney's office
    said."), outside quotations."""
    min_words = int(rule.options.get("min_words", 6))
    min_run = int(rule.options.get("min_run_words", 3))
    text = doc.text
    reported: list[Span] = []
    for sentence, earlier in _repeated_sentences(doc, min_words):
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


def _repeated_sentences(doc: Document, min_words: int) -> Iterator[tuple[Span, Span]]:
    """``(sentence, the first sentence with its key)`` for each sentence of at least
    ``min_words`` words that is not its whole line (whole-paragraph repeats belong to the
    paragraph rules) and repeats an earlier such sentence.

    Words are counted only for sentences whose key comes again: most keys come once, and
    counting is as dear as keying.
    """
    text = doc.text
    folded = doc.folded
    plain = folded is not None
    sentences = doc.sentences
    lines = doc.sentence_lines
    last = len(sentences) - 1
    first: dict[str, Span] = {}  # per key, the first sentence long enough
    unchecked: dict[str, Span] = {}  # per key, a first sentence whose words are not counted yet
    for i, sentence in enumerate(sentences):
        if (i == 0 or lines[i - 1] != lines[i]) and (i == last or lines[i + 1] != lines[i]):
            continue  # the only sentence of its line: the line itself
        start, end = sentence.start, sentence.end
        key = key_of_folded(folded[start:end]) if folded is not None else near_key(text[start:end])
        if key not in first:
            candidate = unchecked.pop(key, None)
            if candidate is None:
                unchecked[key] = sentence
                continue
            if word_count(text[candidate.start : candidate.end], plain) >= min_words:
                first[key] = candidate
        if word_count(text[start:end], plain) < min_words:
            continue
        if key in first:
            yield sentence, first[key]
        else:
            first[key] = sentence


def _with_space_before(text: str, span: Span) -> Span:
    """Take the space before a removed run with it, so no double space is left behind."""
    if span.start > 0 and text[span.start - 1] == " ":
        return Span(span.start - 1, span.end)
    return span


_MAX_RUN = 60
_SENTENCE_GAP = rx.compile(r"[.!?][\"'”’)\]]*\s+[\"'“‘(]*$")


def _starts_new_sentence(text: str, start: int) -> bool:
    """A capitalised word after a sentence end may repeat the last words on purpose
    ('... the "Master Builder Series". The Master Builder Series ...'); a slip does not
    start a new sentence."""
    return text[start].isupper() and _SENTENCE_GAP.search(text, max(0, start - 8), start) is not None


def _tandem_repeats(doc: Document, min_run: int) -> Iterator[tuple[Span, Span]]:
    """Runs of at least ``min_run`` words immediately followed by the same words, within a
    line. Each word is compared only with the previous occurrence of the same word, so the
    scan is linear in the number of words; spans are built only for the runs found. Only the
    lines where some ``min_run`` tokens come twice are scanned.

    A line's tokens are such that two runs of words with the same keys (case-folded, end
    apostrophes dropped) are two runs of the same tokens, at least as long: on a plain line
    (see :func:`newslint.textutil.is_plain`) the words of its near key, already at hand, each
    word being one or more whole near-key words ("don't": "don t"), unless a number runs into a
    word ("3pm", two words, one near-key word); else the words' keys."""
    text = doc.text
    size = max(1, min_run)
    # Read once for the text, so that most lines need no test of their own.
    numbers_run_into_words = _lines_with_number_run_into_word(doc)
    for index, (line, key, fold) in enumerate(zip(doc.lines, doc.line_near_keys, doc.line_folds, strict=True)):
        if line.is_blank:
            continue
        # A line of prose is tested first; a huge one is scanned straight away (a test's token
        # list and set would double the memory the scan needs).
        if len(line.text) > _TESTED_LINE:
            yield from _line_tandem_repeats(text, line.span.start, line.span.end, min_run)
            continue
        if fold is None:
            tokens = [word.casefold().strip("'’") for word in WORD.findall(line.text)]
        elif index in numbers_run_into_words:
            tokens = plain_word_keys(line.text) or []
        # Most lines: plain, no number run into a word, their tokens the words of the near key;
        # a line of fewer than two runs' worth is passed by a count in C.
        elif key.count(" ") + 1 < 2 * size:
            continue
        else:
            if _plain_line_may_repeat(key, size):
                yield from _line_tandem_repeats(text, line.span.start, line.span.end, min_run)
            continue
        if _may_repeat_a_run(tokens, size):
            yield from _line_tandem_repeats(text, line.span.start, line.span.end, min_run)


_TESTED_LINE = 100_000

# The answers for plain lines, by near key, per run size: the answer depends on the key alone,
# and the articles of a batch share many lines (site templates and notices, wire copy, the
# same story updated), each tested once. Keys of UI-string length only, and a bounded number:
# at most ~8 MB for each run size.
_MEMO_KEY = 1000
_MEMO_KEPT = LINES_KEPT
_plain_answers: dict[int, Memo[str, bool]] = {}


def _plain_line_may_repeat(key: str, size: int) -> bool:
    """:func:`_may_repeat_a_run` for a plain line with no number run into a word, whose tokens
    are the words of its near key ``key``."""
    if len(key) > _MEMO_KEY:
        return _may_repeat_a_run(key.split(), size)
    answers = _plain_answers.get(size)
    if answers is None:
        answers = _plain_answers[size] = Memo(lambda key: _may_repeat_a_run(key.split(), size), limit=_MEMO_KEPT)
    return answers[key]


def _may_repeat_a_run(tokens: list[str], size: int) -> bool:
    """Whether some ``size`` tokens (``size`` >= 1) are immediately repeated, ``X X``: a tandem
    repeat of ``size`` words needs it, and few lines have it. The cheaper tests first: enough
    tokens, and as many tokens seen before as the second copy holds (``size``: one set in C);
    then runs of ``size`` tokens seen before (one dict in C), and only those are compared."""
    count = len(tokens)
    if count < 2 * size or len(set(tokens)) > count - size:
        return False
    runs = list(zip(*(tokens[i:] for i in range(size)), strict=False))
    if len(set(runs)) == len(runs):
        return False
    # Each run's first position, and the positions of the runs seen before (all in C).
    first = dict(zip(reversed(runs), range(len(runs) - 1, -1, -1), strict=True))
    again = itertools.compress(range(len(runs)), map(operator.ne, map(first.__getitem__, runs), range(len(runs))))
    return _has_square(tokens, runs, first, again)


# Bounds that keep the square test linear, past which it answers "maybe" and lets the scan
# decide: how often one run of tokens may come, and how far apart two of its copies may be
# compared (a line repeating one phrase many times, or long stretches of one text twice).
_MAX_RUN_OCCURRENCES = 8
_MAX_SQUARE_TOKENS = 2 * _MAX_RUN


def _has_square(tokens: list[str], runs: list[tuple[str, ...]], first: dict[tuple[str, ...], int], again: Iterable[int]) -> bool:
    """Whether some tokens come twice in a row, ``X X``, ``X`` at least one run long: the
    words of a tandem repeat, however the line's words split into tokens, do (and only one
    line in twenty of those with a repeated run does). ``runs[i]`` is the run at token ``i``,
    ``first`` each run's first position, ``again`` the positions of runs seen before, in order:
    each is compared with the earlier copies of its run."""
    seen: dict[tuple[str, ...], list[int]] = {}
    for i in again:
        run = runs[i]
        earlier = seen.get(run)
        if earlier is None:
            earlier = seen[run] = [first[run]]
        if len(earlier) >= _MAX_RUN_OCCURRENCES:
            return True
        for p in earlier:
            if i - p > _MAX_SQUARE_TOKENS or tokens[p:i] == tokens[i : 2 * i - p]:
                return True
        earlier.append(i)
    return False


# The folded text's digits as "0" and letters as "a": a digit before a letter (two words, "3pm":
# "3", "pm", that make one near-key word) is then b"0a", which a substring search finds far
# faster than a pattern's scan finds the pair.
_SHAPES = bytes(48 if 48 <= c <= 57 else 97 if 97 <= c <= 122 else 32 for c in range(256))


def _lines_with_number_run_into_word(doc: Document) -> set[int]:
    """The lines where an ASCII digit runs into an ASCII letter ("3pm")."""
    # The fold keeps the ASCII letters and digits where they are (one byte per character),
    # whether or not the text is plain.
    folded = doc.folded
    shapes = (folded if folded is not None else fold_plain(doc.text)).translate(_SHAPES)
    return {doc.line_index(at) for at in occurrences(shapes, b"0a")}


def _line_tandem_repeats(text: str, start: int, end: int, min_run: int) -> Iterator[tuple[Span, Span]]:
    matches = list(WORD.finditer(text, start, end))
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
