"""Shared helpers for the test suite (imported as ``helpers``; pytest puts ``tests/`` on sys.path)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from newslint.config import Config
from newslint.document import Document, Metadata
from newslint.engine import Linter
from newslint.fix import FixResult, fix_document
from newslint.model import Applicability, Finding

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
CASES = TESTS / "cases"
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"
SHARED = ROOT.parent / "shared"
CONTRACT_CHECKER = SHARED / "tools" / "check_contract.py"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def rule_table() -> dict[str, dict[str, object]]:
    """Every rule declared in ``rules/*.toml``: code -> its TOML table (plus the pack's category)."""
    table: dict[str, dict[str, object]] = {}
    for path in sorted(RULES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        category = data.get("pack", {}).get("category")
        for rule in data.get("rules", []):
            table[rule["code"]] = {"category": category, **rule, "_file": path.name}
    return table


def finding_codes() -> list[str]:
    """The codes of the rules that report on text (every rule but the engine's meta rules)."""
    return sorted(code for code, rule in rule_table().items() if rule.get("category") != "meta")


@cache
def linter(select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = ()) -> Linter:
    """A linter with only ``select`` (all default rules when None); cached, linters are stateless."""
    return Linter(Config(select=select, ignore=ignore))


def document(text: str, *, markdown: bool = False, title: str | None = None, path: str = "<text>") -> Document:
    return Document(text, path=path, metadata=Metadata(title=title), markdown=markdown)


def lint(text: str, select: Iterable[str] | None = None, **doc_options: object) -> list[Finding]:
    lin = linter(tuple(select) if select is not None else None)
    return lin.lint(document(text, **doc_options))  # type: ignore[arg-type]


def fix(
    text: str,
    select: Iterable[str] | None = None,
    threshold: Applicability = Applicability.SAFE,
    **doc_options: object,
) -> FixResult:
    lin = linter(tuple(select) if select is not None else None)
    return fix_document(document(text, **doc_options), lin.lint, threshold)  # type: ignore[arg-type]


def spans(text: str, findings: Iterable[Finding], code: str | None = None) -> list[tuple[str, str]]:
    """(code, matched text) pairs, for readable assertions."""
    return [(f.code, text[f.span.start : f.span.end]) for f in findings if code is None or f.code == code]
