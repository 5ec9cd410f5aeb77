"""What the Scrapy, trafilatura and Dask integrations share: one rule set per configuration,
and findings as plain dicts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newslint.config import Config, config_for, load_config
from newslint.document import Document, Metadata
from newslint.engine import Linter
from newslint.fix import fix_document
from newslint.model import Applicability, Finding
from newslint.report import finding_record
from newslint.runner import locate


class ArticleCleaner:
    """Lints or cleans one article at a time with a fixed configuration (rules loaded once;
    safe to share between threads: it keeps no per-article state)."""

    def __init__(
        self,
        *,
        fix: bool = True,
        unsafe: bool = False,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        config_path: str | Path | None = None,
        config: Config | None = None,
    ):
        if config is None:
            config = load_config(Path(config_path)) if config_path else config_for(Path.cwd())
        self.config = config.with_overrides(select=list(select) if select is not None else None, ignore=list(ignore))
        self.linter = Linter(self.config)
        self.fix = fix
        self.threshold = Applicability.UNSAFE if unsafe else Applicability.SAFE

    def process(self, text: str, metadata: Metadata | None = None) -> tuple[str, list[Finding], list[Finding], Document]:
        """(text after fixing, findings left, findings fixed, the final document)."""
        doc = Document(text, metadata=metadata or Metadata())
        if not self.fix:
            return text, self.linter.lint(doc), [], doc
        result = fix_document(doc, self.linter.lint, self.threshold)
        if not result.changed:
            return text, list(result.remaining), [], doc
        return result.text, list(result.remaining), list(result.applied), Document(result.text, metadata=doc.metadata)


def finding_dicts(doc: Document, findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings as the output contract's objects, without ``path``, ``record`` and ``field``:
    offsets and lines refer to ``doc.text`` (the text as it is after cleaning)."""
    result = []
    for item in locate(doc, doc.path, None, None, findings):
        record = finding_record(item)
        for key in ("path", "record", "field"):
            record.pop(key)
        result.append(record)
    return result
