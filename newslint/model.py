"""Values shared by every part of newslint: spans, edits, fixes and findings.

All offsets are Python ``str`` indices (code points), half-open ``[start, end)``, into the
text exactly as it was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum, IntEnum
from itertools import pairwise
from typing import Any, NamedTuple


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


class SlotRecord:
    """A mutable record kept in its ``__slots__``: compared and shown field by field, like a
    dataclass, without a dataclass's making (its methods are compiled from source text: ~0.7 ms
    of every start for each class). Unhashable, as a mutable dataclass is."""

    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class _Empty(Mapping[str, Any]):
    """An empty mapping that cannot be changed: the one default shared by all the records
    that hold a mapping (a hit's arguments, a context's options). Unlike MappingProxyType,
    it can be pickled."""

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"


EMPTY: Mapping[str, Any] = _Empty()


class Hit(NamedTuple):
    """What a rule reports: where, and optionally a message and a fix.

    The engine turns a hit into a :class:`Finding` with the rule's code, name and category.
    ``message`` overrides the rule's template; ``args`` fill the template's ``{placeholders}``.
    A NamedTuple, not a dataclass: rules make one per defect, and making the class took
    ~0.7 ms of every start.
    """

    span: Span
    message: str | None = None
    fix: Fix | None = None
    args: Mapping[str, str] = EMPTY
