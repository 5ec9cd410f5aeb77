"""Output formats: text, json, jsonl (the stable contract in DESIGN.md), github, sarif."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from newslint import __version__
from newslint.model import Applicability
from newslint.packs import Rule
from newslint.runner import FileReport, Located

FORMATS = ("text", "json", "jsonl", "github", "sarif")


def finding_record(item: Located) -> dict[str, Any]:
    """One finding as the output contract describes it (DESIGN.md, "Output contract")."""
    f = item.finding
    fix = None
    if f.fix is not None:
        fix = {
            "applicability": f.fix.applicability.label,
            "title": f.fix.title,
            "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in f.fix.edits],
        }
    return {
        "path": item.path,
        "record": item.record,
        "field": item.field,
        "code": f.code,
        "name": f.name,
        "category": f.category,
        "severity": f.severity.value,
        "start": f.span.start,
        "end": f.span.end,
        "line": item.line,
        "column": item.column,
        "end_line": item.end_line,
        "end_column": item.end_column,
        "message": f.message,
        "fix": fix,
        "source": f.source,
    }


def _where(item: Located) -> str:
    if item.record is not None:
        return f"{item.path}:{item.record}:{item.field}:{item.line}:{item.column}"
    return f"{item.path}:{item.line}:{item.column}"


def format_text(items: Sequence[Located], threshold: Applicability) -> str:
    lines = []
    for item in items:
        f = item.finding
        mark = ""
        if f.fix is not None and f.fix.applicability >= threshold:
            mark = " [*]"
        elif f.fix is not None and f.fix.applicability == Applicability.UNSAFE:
            mark = " [unsafe fix]"
        lines.append(f"{_where(item)}: {f.code}{mark} {f.message}")
    return "\n".join(lines) + ("\n" if lines else "")


class Tally:
    """What the summary line counts, added up report by report (the findings themselves need
    not be kept for it)."""

    def __init__(self, threshold: Applicability) -> None:
        self.threshold = threshold
        self.count = 0  # findings
        self.fixable = 0  # with a fix `newslint fix` applies at this threshold
        self.hidden = 0  # with an UNSAFE fix that only --unsafe-fixes would apply
        self.fixed = 0  # fixes applied

    def add(self, report: FileReport) -> None:
        self.count += len(report.findings)
        self.fixed += report.fixed
        for item in report.findings:
            fix = item.finding.fix
            if fix is None:
                continue
            if fix.applicability >= self.threshold:
                self.fixable += 1
            elif fix.applicability == Applicability.UNSAFE and self.threshold == Applicability.SAFE:
                self.hidden += 1


def format_summary(tally: Tally, errors: int = 0, would_fix: bool = False) -> str:
    count, fixable, hidden, fixed = tally.count, tally.fixable, tally.hidden, tally.fixed
    parts = []
    if fixed:
        parts.append(f"{'Would fix' if would_fix else 'Fixed'} {fixed} finding{'s' if fixed != 1 else ''}.")
    if count:
        parts.append(f"Found {count} finding{'s' if count != 1 else ''}.")
        if fixable:
            parts.append(f"[*] {fixable} fixable with `newslint fix`.")
        if hidden:
            parts.append(f"{hidden} more fixable with `newslint fix --unsafe-fixes`.")
    elif not fixed and not errors:
        parts.append("All checks passed.")
    if errors:
        parts.append(f"{errors} input error{'s' if errors != 1 else ''} (see above).")
    return " ".join(parts)


def format_statistics(items: Iterable[Located]) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[str] = Counter()
    for item in items:
        f = item.finding
        counts[(f.code, f.name)] += 1
        if f.fix and f.fix.applicability == Applicability.SAFE:
            fixable[f.code] += 1
    rows = [f"{n:6d}  {code:<7} {'[*]' if fixable[code] else '   '} {name}" for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(rows) + ("\n" if rows else "")


# One encoder for every record: json.dumps builds a new one per call when given options.
_JSONL_ENCODER = json.JSONEncoder(ensure_ascii=False)


def format_jsonl(items: Iterable[Located]) -> str:
    encode = _JSONL_ENCODER.encode
    return "".join(encode(finding_record(i)) + "\n" for i in items)


def format_json(items: Iterable[Located]) -> str:
    return json.dumps([finding_record(i) for i in items], ensure_ascii=False, indent=2) + "\n"


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(items: Iterable[Located]) -> str:
    """GitHub Actions workflow commands, one annotation per finding."""
    out = []
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for item in items:
        f = item.finding
        if item.record is not None:
            # The annotation goes on the record's line of the .jsonl file; where in the
            # record's text is said in the title.
            title = f"{f.code} {f.name} ({item.field} {item.line}:{item.column})"
            props = f"file={_escape_property(item.path)},line={item.record},title={_escape_property(title)}"
        else:
            title = f"{f.code} {f.name}"
            props = (
                f"file={_escape_property(item.path)},line={item.line},col={item.column},"
                f"endLine={item.end_line},endColumn={item.end_column},title={_escape_property(title)}"
            )
        out.append(f"::{level[f.severity.value]} {props}::{_escape_data(f.message)}")
    return "\n".join(out) + ("\n" if out else "")


def format_sarif(items: Sequence[Located], rules: Sequence[Rule]) -> str:
    """SARIF 2.1.0: one run, the rule catalogue, results with regions and fixes."""
    used = {i.finding.code for i in items}
    catalogue = [r for r in rules if r.code in used] or []
    index = {r.code: n for n, r in enumerate(catalogue)}
    level = {"error": "error", "warning": "warning", "info": "note"}
    results = []
    for item in items:
        f = item.finding
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": level[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": item.path},
                        "region": _region(item),
                    }
                }
            ],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if item.record is not None:
            result["properties"] = {
                "record": item.record, "field": item.field, "start": f.span.start, "end": f.span.end,
                "line": item.line, "column": item.column, "end_line": item.end_line, "end_column": item.end_column,
            }
        if f.fix is not None and item.record is None:
            result["fixes"] = [
                {
                    "description": {"text": f"{f.fix.title} ({f.fix.applicability.label})"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": item.path},
                            "replacements": [
                                {
                                    "deletedRegion": {"charOffset": e.span.start, "charLength": len(e.span)},
                                    "insertedContent": {"text": e.replacement},
                                }
                                for e in f.fix.edits
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    driver = {
        "name": "newslint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/newslint/",
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation or r.summary},
                "help": {"text": _help(r)},
                "defaultConfiguration": {"level": level[r.severity.value]},
                "properties": {"category": r.category, "fix": r.fix_applicability.label if r.fix_applicability else "none"},
            }
            for r in catalogue
        ],
    }
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _region(item: Located) -> dict[str, int]:
    """Where the finding is in the file: for a JSONL record, its line (positions inside the
    record's text are not positions in the file; they go in the result's properties)."""
    if item.record is not None:
        return {"startLine": item.record}
    return {
        "startLine": item.line,
        "startColumn": item.column,
        "endLine": item.end_line,
        "endColumn": item.end_column,
        "charOffset": item.finding.span.start,
        "charLength": len(item.finding.span),
    }


def _help(rule: Rule) -> str:
    text = rule.explanation or rule.summary
    if rule.example_bad:
        text += f"\n\nExample: {rule.example_bad!r}"
    return text
