"""Applying fixes: one pass of non-overlapping fixes, repeated to a fixed point.

Like sqlfluff's fix loop: lint, apply every fix that does not overlap one already chosen,
lint the new text again, and stop when nothing applicable is left. A loop that revisits a
text or does not settle within ``MAX_PASSES`` fails closed: the original text is kept and
the rules involved are named.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from newslint.document import Document
from newslint.model import Applicability, Edit, Finding, Span

MAX_PASSES = 10


class AppliedEdit(NamedTuple):
    """One edit as applied, in the coordinates of the text of its pass (replayable in order)."""

    pass_number: int
    code: str
    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: tuple[Finding, ...]  # findings whose fixes were applied, across all passes
    edits: tuple[AppliedEdit, ...]
    remaining: tuple[Finding, ...]  # findings on the final text
    error: str | None = None  # set when the loop failed closed; ``text`` is then the original

    @property
    def changed(self) -> bool:
        return bool(self.edits) and self.error is None


def select_fixes(findings: Sequence[Finding], threshold: Applicability) -> list[Finding]:
    """Findings whose fixes can be applied together in one pass: applicability at or above
    ``threshold``, no two touching the same characters; earlier and safer fixes win."""
    candidates = [f for f in findings if f.fix is not None and f.fix.applicability >= threshold]
    candidates.sort(key=lambda f: (f.fix.span.start, -f.fix.applicability, f.code) if f.fix else (0, 0, ""))
    chosen: list[Finding] = []
    taken_starts: list[int] = []
    taken: list[Span] = []
    seen_edits: set[tuple[Edit, ...]] = set()
    for finding in candidates:
        assert finding.fix is not None
        if finding.fix.edits in seen_edits:
            # The same edit proposed by two rules (a UI line that is also a repeat) is one fix.
            chosen.append(finding)
            continue
        if any(_collides(edit.span, taken_starts, taken) for edit in finding.fix.edits):
            continue
        for edit in finding.fix.edits:
            index = bisect.bisect_left(taken_starts, edit.span.start)
            taken_starts.insert(index, edit.span.start)
            taken.insert(index, edit.span)
        seen_edits.add(finding.fix.edits)
        chosen.append(finding)
    return chosen


def _collides(span: Span, starts: list[int], taken: list[Span]) -> bool:
    index = bisect.bisect_left(starts, span.start)
    return any(neighbour.overlaps(span) and not _only_touching(neighbour, span) for neighbour in taken[max(0, index - 1) : index + 1])


def _only_touching(a: Span, b: Span) -> bool:
    """Adjacent non-empty spans may both be edited; two insertions at one point may not."""
    if len(a) == 0 or len(b) == 0:
        return len(a) != len(b) and (a.end == b.start or b.end == a.start) and not (
            a.start < b.start < a.end or b.start < a.start < b.end
        )
    return a.end == b.start or b.end == a.start


def apply_pass(text: str, chosen: Sequence[Finding], pass_number: int) -> tuple[str, list[AppliedEdit]]:
    edits: list[tuple[Edit, str]] = []
    seen: set[Edit] = set()
    for finding in chosen:
        assert finding.fix is not None
        for edit in finding.fix.edits:
            if edit not in seen:
                seen.add(edit)
                edits.append((edit, finding.code))
    edits.sort(key=lambda pair: (pair[0].span.start, pair[0].span.end))
    pieces: list[str] = []
    cursor = 0
    log: list[AppliedEdit] = []
    for edit, code in edits:
        pieces.append(text[cursor : edit.span.start])
        pieces.append(edit.replacement)
        log.append(AppliedEdit(pass_number, code, edit.span.start, edit.span.end, text[edit.span.start : edit.span.end], edit.replacement))
        cursor = edit.span.end
    pieces.append(text[cursor:])
    return "".join(pieces), log


def fix_document(
    doc: Document,
    lint: Callable[[Document], list[Finding]],
    threshold: Applicability = Applicability.SAFE,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """Fix ``doc`` to a fixed point; ``lint`` is called on each intermediate document."""
    original = doc.text
    seen_texts = {original}
    applied: list[Finding] = []
    log: list[AppliedEdit] = []
    current = doc
    findings = lint(current)
    for pass_number in range(1, max_passes + 1):
        chosen = select_fixes(findings, threshold)
        if not chosen:
            return FixResult(current.text, tuple(applied), tuple(log), tuple(findings))
        new_text, pass_log = apply_pass(current.text, chosen, pass_number)
        applied.extend(chosen)
        log.extend(pass_log)
        if new_text in seen_texts:
            return _failed(doc, lint, f"fixes cycle between rules {_codes(chosen)}: the original text is kept")
        seen_texts.add(new_text)
        current = Document(new_text, doc.path, doc.metadata, doc.markdown)
        findings = lint(current)
    if select_fixes(findings, threshold):
        return _failed(doc, lint, f"fixes did not settle after {max_passes} passes (rules {_codes(applied)}): the original text is kept")
    return FixResult(current.text, tuple(applied), tuple(log), tuple(findings))


def _failed(doc: Document, lint: Callable[[Document], list[Finding]], message: str) -> FixResult:
    return FixResult(doc.text, (), (), tuple(lint(doc)), error=message)


def _codes(findings: Sequence[Finding]) -> str:
    return ", ".join(sorted({f.code for f in findings}))
