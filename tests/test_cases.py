"""Every rule code's case file (tests/cases/<CODE>.toml) run through the library."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from helpers import CASES, document, finding_codes, linter

from newslint.fix import fix_document
from newslint.model import Applicability

CASE_KEYS = {"name", "text", "findings", "fixed_safe", "fixed_unsafe", "markdown", "title", "xfail"}
FINDING_KEYS = {"match", "start", "end", "fix"}


def _load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _params() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.toml")):
        data = _load(path)
        for number, case in enumerate(data.get("cases", []), start=1):
            slug = re.sub(r"[^a-z0-9]+", "-", case.get("name", "").lower()).strip("-")[:60]
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            params.append(pytest.param(data["code"], case, id=f"{data['code']}-{number}-{slug}", marks=marks))
    return params


def _doc(case: dict[str, Any], text: str | None = None):
    return document(case["text"] if text is None else text, markdown=case.get("markdown", False), title=case.get("title"))


def test_every_rule_code_has_a_case_file_with_positive_and_negative_cases() -> None:
    files = {path.stem for path in CASES.glob("*.toml")}
    missing = sorted(set(finding_codes()) - files)
    assert not missing, f"rule codes without a case file in tests/cases: {missing}"
    for path in sorted(CASES.glob("*.toml")):
        data = _load(path)
        assert data.get("code") == path.stem, f"{path.name}: 'code' must be {path.stem!r}"
        cases = data.get("cases", [])
        assert any(c.get("findings") for c in cases), f"{path.name}: no positive case"
        assert any(c.get("findings") == [] for c in cases), f"{path.name}: no negative case (findings = [])"


def test_case_files_are_well_formed() -> None:
    for path in sorted(CASES.glob("*.toml")):
        data = _load(path)
        assert set(data) <= {"code", "cases"}, f"{path.name}: unknown top-level keys {sorted(set(data) - {'code', 'cases'})}"
        for case in data["cases"]:
            where = f"{path.name}: case {case.get('name')!r}"
            assert {"name", "text", "findings"} <= set(case), f"{where}: needs name, text and findings"
            assert set(case) <= CASE_KEYS, f"{where}: unknown keys {sorted(set(case) - CASE_KEYS)}"
            for item in case["findings"]:
                assert "match" in item and set(item) <= FINDING_KEYS, f"{where}: bad finding {item}"
                assert item.get("fix", "none") in ("safe", "unsafe", "display", "none"), f"{where}: bad fix {item}"
            names = [c["name"] for c in data["cases"]]
            assert len(names) == len(set(names)), f"{path.name}: duplicate case names"


@pytest.mark.parametrize(("code", "case"), _params())
def test_case(code: str, case: dict[str, Any]) -> None:
    text = case["text"]
    lin = linter((code,))
    findings = lin.lint(_doc(case))
    assert all(f.code == code for f in findings), [f.code for f in findings]

    actual = [
        {
            "match": text[f.span.start : f.span.end],
            "start": f.span.start,
            "end": f.span.end,
            "fix": f.fix.applicability.label if f.fix else "none",
        }
        for f in findings
    ]
    projected = [{key: found[key] for key in expected} for found, expected in zip(actual, case["findings"], strict=False)]
    assert len(actual) == len(case["findings"]) and projected == case["findings"], f"{code} reported {actual}"

    for item, finding in zip(case["findings"], findings, strict=True):
        assert 0 <= finding.span.start <= finding.span.end <= len(text)
        assert item["match"] == text[finding.span.start : finding.span.end]

    expected_safe = case.get("fixed_safe", text)
    expected_unsafe = case.get("fixed_unsafe", expected_safe)
    safe = fix_document(_doc(case), lin.lint, Applicability.SAFE)
    assert safe.error is None, safe.error
    assert safe.text == expected_safe, f"`newslint fix` gave {safe.text!r}"
    unsafe = fix_document(_doc(case), lin.lint, Applicability.UNSAFE)
    assert unsafe.error is None, unsafe.error
    assert unsafe.text == expected_unsafe, f"`newslint fix --unsafe-fixes` gave {unsafe.text!r}"

    # Fixing is idempotent: the fixed text has nothing left to fix at the same threshold.
    assert fix_document(_doc(case, safe.text), lin.lint, Applicability.SAFE).text == safe.text
    assert fix_document(_doc(case, unsafe.text), lin.lint, Applicability.UNSAFE).text == unsafe.text
