"""Encoding defects: mojibake and HTML entities (through ftfy), invisible and control
characters, text not in Unicode NFC.

ftfy runs only on lines a cheap pre-check flags, and with a configuration that never changes
meaning: no quote straightening, no width folding, no normalisation beyond NFC.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import regex

from newslint import rx
from newslint.document import Document
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule
from newslint.textutil import Lazy

# Sequences that UTF-8 read as Latin-1/Windows-1252 produces ("â€™", "Ã©", "Â "), and HTML
# entities. Over-inclusive on purpose: ftfy decides, this only decides whether to ask it.
_SUSPECT = Lazy(r"[ÂÃâÐÑØÙÚÛÜÝÞß][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|\uFFFD")
# A character every suspect sequence starts with: the pattern is tried only there, a search in
# the standard library's engine being far cheaper than the pattern's own scan.
_SUSPECT_START = rx.compile_std("[&\uFFFDÂÃâÐÑØÙÚÛÜÝÞß]")


def _has_suspect(text: str) -> bool:
    """``_SUSPECT.search(text) is not None``, the pattern tried only where a match may start."""
    position = 0
    while (start := _SUSPECT_START.search(text, position)) is not None:
        if _SUSPECT.match(text, start.start()):
            return True
        position = start.start() + 1
    return False


@lru_cache(maxsize=1)
def _ftfy() -> Any:
    import ftfy

    return ftfy


def _ftfy_config() -> Any:
    ftfy = _ftfy()
    return ftfy.TextFixerConfig(
        unescape_html=True,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization="NFC",
        explain=True,
    )


def mojibake(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """Text that was decoded with the wrong encoding, or HTML entities left in the text."""
    if not _has_suspect(doc.text):
        return
    ftfy = _ftfy()
    config = _ftfy_config()
    for line in doc.lines:
        if not _SUSPECT.search(line.text):
            continue
        for offset, piece in _pieces(line.text):
            fixed, steps = ftfy.fix_and_explain(piece, config=config)
            if fixed == piece:
                continue
            yield from _repairs(piece, fixed, steps, line.span.start + offset)


# Lines longer than this are repaired in windows around each suspect sequence: ftfy and the
# diff cost more than linear time on a whole line, and a repair needs only its neighbourhood.
_WINDOWED_LINE = 2000
_WINDOW_MARGIN = 64


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` pieces to repair: the whole line, or for a long line, windows around
    each suspect sequence widened to ASCII spaces (a no-break space may be part of mojibake)."""
    if len(text) <= _WINDOWED_LINE:
        yield 0, text
        return
    windows: list[list[int]] = []
    for m in _SUSPECT.finditer(text):
        start = text.rfind(" ", 0, max(0, m.start() - _WINDOW_MARGIN)) + 1
        end = text.find(" ", min(len(text), m.end() + _WINDOW_MARGIN))
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    for start, end in windows:
        yield start, text[start:end]


def _repairs(old: str, fixed: str, steps: Any, base: int) -> Iterator[Hit]:
    explanation = ", ".join(step[1] for step in (steps or []))
    for start, end, replacement in _diff_runs(old, fixed):
        span = Span(base + start, base + end)
        original = old[start:end]
        is_entity = original.startswith("&") and original.endswith(";")
        yield Hit(
            span,
            message=(
                f"HTML entity '{original}' left in the text: '{replacement}'"
                if is_entity
                else f"mojibake '{original}' should read '{replacement}' (ftfy: {explanation})"
            ),
            fix=Fix.replace(span, replacement, Applicability.SAFE, f"Replace with '{replacement}'"),
        )


def _diff_runs(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    """Replaced runs turning ``old`` into ``new``, widened to whole words ("&amp;" -> "&",
    not "amp;" -> ""), so each finding shows what a reader would recognise."""
    import difflib

    # ftfy's edits are local: diff only what lies between the common prefix and suffix, so a
    # long line with one repair does not cost a quadratic SequenceMatcher over all of it.
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    matcher = difflib.SequenceMatcher(a=old[prefix : len(old) - suffix], b=new[prefix : len(new) - suffix], autojunk=False)
    runs: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix
        while i1 > 0 and j1 > 0 and not old[i1 - 1].isspace() and old[i1 - 1] == new[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(old) and j2 < len(new) and not old[i2].isspace() and old[i2] == new[j2]:
            i2, j2 = i2 + 1, j2 + 1
        if runs and i1 <= runs[-1][1]:
            runs[-1][1], runs[-1][3] = max(runs[-1][1], i2), max(runs[-1][3], j2)
        else:
            runs.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in runs:
        yield i1, i2, new[j1:j2]


# Zero-width and other invisible format characters, soft hyphen, and C0/C1 controls other
# than tab and the line breaks. ZWJ inside an emoji sequence and ZWNJ between letters of
# scripts that use it are meaningful and kept.
# (A plain character class: the standard library's engine finds it several times faster.)
_INVISIBLE = rx.compile_std(r"[\u00ad\u200b\u200e\u200f\u2060\u2061-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u200c\u200d\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_BIDI_CONTROLS = frozenset("\u200e\u200f") | frozenset(map(chr, range(0x202A, 0x202F))) | frozenset(map(chr, range(0x2066, 0x206A)))
_NAMES: dict[str, str] = {"\u00ad": "soft hyphen", "\u200b": "zero-width space", "\ufeff": "zero-width no-break space (BOM)", "\u2060": "word joiner"}


def invisible(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """Invisible or control characters that a reader cannot see and a search cannot match."""
    text = doc.text
    for m in _INVISIBLE.finditer(text):
        ch = m.group()
        if ch in "\u200c\u200d" and _joiner_is_meaningful(text, m.start()):
            continue
        if ch in _BIDI_CONTROLS and _has_rtl(text):
            continue
        if "\x80" <= ch <= "\x9f" and _SUSPECT.search(text, max(0, m.start() - 2), m.end()):
            continue  # a C1 byte inside a mojibake sequence: the mojibake rule repairs it whole
        name = _NAMES.get(ch) or str(unicodedata.name(ch, f"control character U+{ord(ch):04X}"))
        span = Span(m.start(), m.end())
        if ch in _SEPARATORS and _between_words(text, m.start()):
            # A vertical tab, form feed or separator control stands where a line break was:
            # removed, it would glue two words together ("Hello\x0bWorld" -> "HelloWorld").
            fix = Fix.replace(span, " ", Applicability.SAFE, f"Replace {name} with a space")
        else:
            fix = Fix.delete([span], Applicability.SAFE, f"Remove {name}")
        yield Hit(span, fix=fix, args={"name": name, "codepoint": f"U+{ord(ch):04X}"})


# Controls that separate (str.splitlines breaks lines on the first five).
_SEPARATORS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


def _between_words(text: str, index: int) -> bool:
    """The last separator of a run that has a visible character on either side."""
    after = text[index + 1] if index + 1 < len(text) else ""
    start = index
    while start > 0 and text[start - 1] in _SEPARATORS:
        start -= 1
    before = text[start - 1] if start > 0 else ""
    return bool(before and after) and not before.isspace() and not after.isspace()


def _joiner_is_meaningful(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if unicodedata.category(before) == "So" or unicodedata.category(after) == "So" or after == "\ufe0f":
        return True  # emoji sequence
    return bool(before and after and not before.isascii() and before.isalpha() and after.isalpha())


def _has_rtl(text: str) -> bool:
    return regex.search(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]", text) is not None


def not_nfc(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """Decomposed characters ("e" + combining accent) where a composed one exists."""
    if doc.text.isascii() or unicodedata.is_normalized("NFC", doc.text):
        return
    for m in regex.finditer(r"\P{M}\p{M}+", doc.text):
        composed = unicodedata.normalize("NFC", m.group())
        if composed != m.group():
            span = Span(m.start(), m.end())
            yield Hit(span, fix=Fix.replace(span, composed, Applicability.SAFE, "Compose (NFC)"), args={"match": m.group(), "replacement": composed})
