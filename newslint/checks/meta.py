"""The engine's own findings (rule errors, timeouts, suppression problems) are reported by
the engine, not by running a check; their rules exist so that they can be selected, ignored
and explained like any other."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.document import Document
from newslint.model import Hit
from newslint.packs import Context, Rule


def engine_only(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    return iter(())
