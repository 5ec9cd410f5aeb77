"""Values shared by every part of newslint: spans, edits, fixes and findings.

All offsets are Python ``str`` indices (code points), half-open ``[start, end)``, into the
text exactly as it was read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from itertools import pairwise


class Applicability(IntEnum):
    """How far a fix may be trusted; ordered so that ``SAFE > UNSAFE > DISPLAY`` (as ruff)."""

    DISPLAY = 0
    UNSAFE = 1
    SAFE = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Applicability:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown fix applicability {value!r} (expected safe, unsafe or display)"
            ) from None


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None


CATEGORIES = (
    "boilerplate",
    "duplicate",
    "spelling",
    "grammar",
    "datetime",
    "encoding",
    "whitespace",
    "style",
    "meta",
)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the spans share a character, or one is an insertion point inside the other."""
        if self.start == self.end or other.start == other.end:
            return self.start <= other.end and other.start <= self.end
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Edit:
    """Replace ``span`` with ``replacement``; a deletion has ``replacement == ""``."""

    span: Span
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A set of edits applied all together or not at all; edits are sorted and disjoint."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.edits, key=lambda e: (e.span.start, e.span.end)))
        for before, after in pairwise(ordered):
            if before.span.end > after.span.start:
                raise ValueError(f"fix {self.title!r} has overlapping edits")
        object.__setattr__(self, "edits", ordered)

    @property
    def span(self) -> Span:
        """The smallest span covering every edit."""
        return Span(self.edits[0].span.start, self.edits[-1].span.end)

    @classmethod
    def replace(cls, span: Span, replacement: str, applicability: Applicability, title: str) -> Fix:
        return cls((Edit(span, replacement),), applicability, title)

    @classmethod
    def delete(cls, spans: Iterable[Span], applicability: Applicability, title: str) -> Fix:
        return cls(tuple(Edit(s, "") for s in spans), applicability, title)

    def with_applicability(self, applicability: Applicability) -> Fix:
        return Fix(self.edits, applicability, self.title)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    category: str
    severity: Severity
    span: Span
    message: str
    fix: Fix | None = None
    source: str = "newslint"

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.code)


@dataclass(frozen=True)
class Hit:
    """What a rule reports: where, and optionally a message and a fix.

    The engine turns a hit into a :class:`Finding` with the rule's code, name and category.
    ``message`` overrides the rule's template; ``args`` fill the template's ``{placeholders}``.
    """

    span: Span
    message: str | None = None
    fix: Fix | None = None
    args: dict[str, str] = field(default_factory=dict)
