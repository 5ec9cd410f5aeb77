"""The library interface a scraper calls, one article at a time.

A :class:`Linter` loads its rules once and can be shared by threads; the module-level
functions use one default linter built on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.config import Config, config_for
from newslint.document import Document, Metadata
from newslint.engine import Linter as _Engine
from newslint.fix import fix_document
from newslint.io import FieldMap, parse_record
from newslint.model import Applicability, Finding


@dataclass(frozen=True)
class RecordResult:
    """What :func:`process_record` returns: the (possibly cleaned) record and its findings."""

    record: dict[str, Any]
    findings: tuple[Finding, ...]
    changed: bool
    error: str | None = None


class Linter:
    """A configured linter. ``select``/``ignore`` take codes, prefixes, categories or names."""

    def __init__(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        config: Config | None = None,
        config_path: str | Path | None = None,
    ):
        base = config or (config_for(Path(config_path)) if config_path else Config())
        self.config = base.with_overrides(select=select, ignore=ignore)
        self._engine = _Engine(self.config)

    def __reduce__(self) -> tuple[type[Linter], tuple[None, tuple[()], Config]]:
        """Pickled as its configuration, so a linter can be handed to a process pool."""
        return (Linter, (None, (), self.config))

    @property
    def rules(self) -> list[str]:
        return [r.code for r in self._engine.rules]

    def lint(self, text: str, *, title: str | None = None, url: str | None = None, published: str | None = None, language: str | None = None) -> list[Finding]:
        return self._engine.lint(Document(text, metadata=Metadata(title, url, published, language)))

    def fix(self, text: str, *, unsafe: bool = False, title: str | None = None, published: str | None = None) -> str:
        threshold = Applicability.UNSAFE if unsafe else Applicability.SAFE
        doc = Document(text, metadata=Metadata(title=title, published=published))
        result = fix_document(doc, self._engine.lint, threshold)
        return result.text

    def process_record(self, record: Mapping[str, Any], *, fix: bool = True, unsafe: bool = False, text_field: str | None = None) -> RecordResult:
        import json

        # default=str: a scraper's record may hold dates or bytes; this copy only serves to find
        # the text and metadata fields, the record returned keeps its values as they were.
        raw = json.dumps(dict(record), ensure_ascii=False, default=str).encode("utf-8")
        parsed = parse_record(1, raw, FieldMap(text=text_field))
        if parsed.text is None or parsed.field is None:
            return RecordResult(dict(record), (), False, parsed.error)
        doc = Document(parsed.text, metadata=parsed.metadata)
        if not fix:
            return RecordResult(dict(record), tuple(self._engine.lint(doc)), False)
        threshold = Applicability.UNSAFE if unsafe else Applicability.SAFE
        result = fix_document(doc, self._engine.lint, threshold)
        if result.error:
            return RecordResult(dict(record), result.remaining, False, result.error)
        out = dict(record)
        out[parsed.field] = result.text
        return RecordResult(out, result.remaining, result.text != parsed.text)


_default: Linter | None = None
_default_lock = threading.Lock()


def _linter() -> Linter:
    global _default
    with _default_lock:
        if _default is None:
            _default = Linter()
        return _default


def lint_text(text: str, **metadata: str | None) -> list[Finding]:
    """Findings for one article's text with the default rules."""
    return _linter().lint(text, **metadata)


def fix_text(text: str, *, unsafe: bool = False) -> str:
    """The text with SAFE fixes applied (and UNSAFE ones too with ``unsafe=True``)."""
    return _linter().fix(text, unsafe=unsafe)


def process_record(record: Mapping[str, Any], *, fix: bool = True, unsafe: bool = False) -> RecordResult:
    """Lint (and by default clean) one scraped record: ``text`` and friends as in DESIGN.md."""
    return _linter().process_record(record, fix=fix, unsafe=unsafe)
