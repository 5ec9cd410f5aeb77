"""The engine: rule failures and timeouts become findings, suppression comments, the fix loop."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
from helpers import SEEDS, finding_codes, fix, lint, spans

from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter
from newslint.fix import MAX_PASSES, fix_document, select_fixes
from newslint.model import Applicability, Edit, Finding, Fix, Severity, Span


def make_pack(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


# --- a broken or slow rule never stops the others --------------------------------------------

CATASTROPHIC = """
[[rules]]
code = "US101"
name = "user.backtracking"
category = "style"
kind = "existence"
scope = "text"
patterns = ['(x+x+)+y']
message = "never matches in time"
"""


def test_catastrophic_regex_becomes_nl002_and_other_rules_still_report(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "user", CATASTROPHIC)
    linter = Linter(Config(packs=(pack,), regex_timeout=0.05))
    text = "Share it:\n" + "x" * 5000 + "\n"
    started = time.monotonic()
    findings = linter.lint(Document(text))
    assert time.monotonic() - started < 10
    codes = [f.code for f in findings]
    assert "NL002" in codes and "NL201" in codes and "US101" not in codes
    timeout = next(f for f in findings if f.code == "NL002")
    assert "US101" in timeout.message and "user.backtracking" in timeout.message and str(pack / "pack.toml") in timeout.message
    assert timeout.severity == Severity.ERROR and timeout.category == "meta"


def test_catastrophic_regex_in_a_line_rule_times_out_too(tmp_path: Path) -> None:
    # Line rules match short lines only, so the pattern must explode on a short line.
    pack = make_pack(tmp_path / "user", CATASTROPHIC.replace('scope = "text"\n', "").replace("(x+x+)+y", "(x|x)+y"))
    linter = Linter(Config(packs=(pack,), regex_timeout=0.05))
    findings = linter.lint(Document("The vote is on Friday.\n" + "x" * 40 + "\n"))
    assert [f.code for f in findings if f.category == "meta"] == ["NL002"]


FAILING = """
[[rules]]
code = "US102"
name = "user.failing"
category = "style"
kind = "python"
function = "newslint_test_failing_rule:check"
message = "never reported"

[[rules]]
code = "US103"
name = "user.out-of-range"
category = "style"
kind = "python"
function = "newslint_test_failing_rule:out_of_range"
message = "never reported"
"""

FAILING_MODULE = '''
from newslint.model import Hit, Span

def check(doc, rule, ctx):
    yield Hit(Span(0, 1))
    raise ZeroDivisionError("division by zero in a user rule")

def out_of_range(doc, rule, ctx):
    yield Hit(Span(0, len(doc.text) + 5))
'''


def test_failing_rule_becomes_nl001_and_other_rules_still_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "newslint_test_failing_rule.py").write_text(FAILING_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pack = make_pack(tmp_path / "user", FAILING)
    linter = Linter(Config(packs=(pack,)))
    findings = linter.lint(Document("Share it:\nThe vote is on Friday.\n"))
    errors = [f for f in findings if f.code == "NL001"]
    assert len(errors) == 2
    assert any("US102" in f.message and "ZeroDivisionError" in f.message and "user.failing" in f.message for f in errors)
    assert any("US103" in f.message and "outside the text" in f.message for f in errors)
    assert "NL201" in [f.code for f in findings]
    # A failing rule's partial results are dropped, not half-reported.
    assert "US102" not in [f.code for f in findings]
    # The fix loop goes on with the other rules.
    assert fix_document(Document("Share it:\nThe vote is on Friday.\n"), linter.lint).text == "The vote is on Friday.\n"


def test_ignoring_nl001_silences_rule_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "newslint_test_failing_rule.py").write_text(FAILING_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pack = make_pack(tmp_path / "user", FAILING)
    linter = Linter(Config(packs=(pack,), ignore=("NL001",)))
    assert "NL001" not in [f.code for f in linter.lint(Document("The vote is on Friday.\n"))]


def test_builtin_rules_never_fail_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        findings = lint(path.read_text(encoding="utf-8"))
        assert not [f.message for f in findings if f.category == "meta"], path.name


# --- suppression comments -------------------------------------------------------------------


def test_disable_and_enable_a_region() -> None:
    text = "Share it:\n<!-- newslint: disable=NL201 -->\nShare it:\n<!-- newslint: enable=NL201 -->\nShare it:\n"
    found = [(f.code, f.span.start) for f in lint(text, select=("NL201", "meta"))]
    assert found == [("NL201", 0), ("NL201", text.rindex("Share it:"))]


def test_disable_without_enable_runs_to_the_end() -> None:
    text = "Share it:\n<!-- newslint: disable=boilerplate -->\nShare it:\n\nJust In\n"
    assert [(f.code, f.span.start) for f in lint(text, select=("NL201", "NL205", "meta"))] == [("NL201", 0)]


@pytest.mark.parametrize("selector", ["NL201", "NL2", "boilerplate", "boilerplate.share", "all", "ALL"])
def test_selectors_in_comments(selector: str) -> None:
    text = f"<!-- newslint: disable={selector} -->\nShare it:\nThe vote is on Friday.\n"
    assert lint(text, select=("NL201", "meta")) == []


def test_disable_line_on_the_line_itself_and_alone_on_the_line_before() -> None:
    text = "The vote is on Friday. <!-- newslint: disable-line=NL401 -->  \nThe count begins.  \n"
    assert [(f.code, f.span.start) for f in lint(text, select=("NL401", "meta"))] == [("NL401", text.rindex("  \n"))]
    text = "<!-- newslint: disable-line=NL201 -->\nShare it:\nShare it:\n"
    assert [(f.code, f.span.start) for f in lint(text, select=("NL201", "meta"))] == [("NL201", text.rindex("Share it:"))]


def test_disable_file() -> None:
    text = "Share it:\n\nThe vote is on Friday.\n\nJust In\n<!-- newslint: disable-file=NL201,NL205 -->\n"
    assert lint(text, select=("NL201", "NL205", "meta")) == []
    assert fix("Share it:\n<!-- newslint: disable-file=all -->\n").text == "Share it:\n<!-- newslint: disable-file=all -->\n"


def test_unknown_selector_is_nl003() -> None:
    text = "<!-- newslint: disable=NL9999 -->\nShare it:\n"
    found = lint(text, select=("NL201", "meta"))
    assert spans(text, found) == [("NL003", "<!-- newslint: disable=NL9999 -->"), ("NL201", "Share it:")]
    assert "NL9999" in found[0].message


def test_unused_suppression_is_nl004() -> None:
    text = "<!-- newslint: disable=NL205 -->\nThe vote is on Friday.\n"
    found = lint(text, select=("NL205", "meta"))
    assert spans(text, found) == [("NL004", "<!-- newslint: disable=NL205 -->")]
    assert "NL205" in found[0].message


def test_suppression_meta_findings_follow_selection() -> None:
    text = "<!-- newslint: disable=NL9999 -->\n<!-- newslint: disable=NL205 -->\nThe vote is on Friday.\n"
    assert {f.code for f in lint(text, select=("NL205", "meta"))} == {"NL003", "NL004"}
    assert lint(text, select=("NL205",)) == []
    linter = Linter(Config(ignore=("NL003", "NL004")))
    assert linter.lint(Document(text)) == []


def test_suppressed_findings_are_not_fixed() -> None:
    text = "The vote is on Friday.\n<!-- newslint: disable-line=NL201 -->\nShare it:\nJust In\n"
    assert fix(text, select=("NL201", "NL205")).text == "The vote is on Friday.\n<!-- newslint: disable-line=NL201 -->\nShare it:\n"


# --- the fix loop ---------------------------------------------------------------------------

CYCLE = """
[[rules]]
code = "US201"
name = "user.flip"
category = "spelling"
kind = "substitution"
applicability = "safe"
swap = { colour = "color", color = "colour" }
message = "flip"
"""

GROW = """
[[rules]]
code = "US202"
name = "user.grow"
category = "spelling"
kind = "substitution"
applicability = "safe"
swap = { %s }
message = "grow"
"""


def test_cycling_fixes_fail_closed(tmp_path: Path) -> None:
    linter = Linter(Config(select=("US201",), packs=(make_pack(tmp_path / "cycle", CYCLE),)))
    text = "The colour of the flag.\n"
    result = fix_document(Document(text), linter.lint)
    assert result.text == text and not result.changed
    assert result.error is not None and "cycle" in result.error and "US201" in result.error
    assert [f.code for f in result.remaining] == ["US201"]


def test_fixes_that_do_not_settle_fail_closed(tmp_path: Path) -> None:
    chain = ", ".join(f'{"a" * n} = "{"a" * (n + 1)}"' for n in range(1, MAX_PASSES + 5))
    linter = Linter(Config(select=("US202",), packs=(make_pack(tmp_path / "grow", GROW % chain),)))
    text = "Option a was chosen.\n"
    result = fix_document(Document(text), linter.lint)
    assert result.text == text
    assert result.error is not None and "did not settle" in result.error and "US202" in result.error


def test_fix_runs_to_a_fixed_point_across_passes() -> None:
    # Removing the UI line makes the two paragraphs adjacent repeats; the second pass removes one.
    text = "Officials met in Geneva.\n\nShare it:\n\nOfficials met in Geneva.\n"
    result = fix(text)
    assert result.text == "Officials met in Geneva.\n"
    assert len({e.pass_number for e in result.edits}) >= 2
    assert {f.code for f in result.applied} >= {"NL201", "NL301"}


def test_the_same_edit_from_two_rules_is_applied_once() -> None:
    text = "• Loading...\n  • Loading...\nThe vote is on Friday.\n"
    result = fix(text, select=("NL204", "NL301"))
    assert result.text == "The vote is on Friday.\n"
    assert {f.code for f in result.applied} == {"NL204", "NL301"}


def test_edit_log_replays_to_the_result() -> None:
    text = "The  vote is on Friday.   \nShare it:\n\n\n\nWeâ€™ll see.\n"
    result = fix(text)
    current = text
    for number in sorted({e.pass_number for e in result.edits}):
        for edit in sorted((e for e in result.edits if e.pass_number == number), key=lambda e: e.start, reverse=True):
            assert current[edit.start : edit.end] == edit.original
            current = current[: edit.start] + edit.replacement + current[edit.end :]
    assert current == result.text == "The vote is on Friday.\n\nWe’ll see.\n"


def _finding(code: str, start: int, end: int, applicability: Applicability, replacement: str = "") -> Finding:
    fix_ = Fix.replace(Span(start, end), replacement, applicability, code)
    return Finding(code, f"test.{code.lower()}", "style", Severity.WARNING, Span(start, end), "m", fix_)


def test_select_fixes_respects_threshold_and_overlaps() -> None:
    findings = [
        _finding("T1", 0, 5, Applicability.UNSAFE),
        _finding("T2", 3, 8, Applicability.SAFE),
        _finding("T3", 8, 10, Applicability.SAFE),  # touches T2 only at a boundary: both apply
        _finding("T4", 20, 22, Applicability.DISPLAY),
    ]
    assert [f.code for f in select_fixes(findings, Applicability.SAFE)] == ["T2", "T3"]
    assert [f.code for f in select_fixes(findings, Applicability.UNSAFE)] == ["T1", "T3"]
    assert [f.code for f in select_fixes(findings, Applicability.DISPLAY)] == ["T1", "T3", "T4"]


def test_two_insertions_at_one_point_are_not_applied_together() -> None:
    findings = [_finding("T1", 4, 4, Applicability.SAFE, "x"), _finding("T2", 4, 4, Applicability.SAFE, "y")]
    assert len(select_fixes(findings, Applicability.SAFE)) == 1


def test_model_validation() -> None:
    with pytest.raises(ValueError):
        Span(3, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)
    with pytest.raises(ValueError, match="overlapping"):
        Fix((Edit(Span(0, 4), ""), Edit(Span(2, 6), "")), Applicability.SAFE, "bad")
    fix_ = Fix((Edit(Span(5, 6), ""), Edit(Span(0, 1), "")), Applicability.SAFE, "sorted")
    assert [e.span.start for e in fix_.edits] == [0, 5] and fix_.span == Span(0, 6)
    assert Applicability.SAFE > Applicability.UNSAFE > Applicability.DISPLAY
    assert Applicability.parse(" Unsafe ") == Applicability.UNSAFE
    with pytest.raises(ValueError):
        Applicability.parse("sometimes")


# --- selection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (("NL201",), (), {"NL201"}),
        (("NL20",), (), {f"NL20{n}" for n in range(1, 10)}),
        (("NL2",), ("NL205", "boilerplate.menu-run"), {c for c in finding_codes() if c.startswith("NL2")} - {"NL205", "NL208"}),
        (("whitespace",), ("NL403",), {"NL401", "NL402", "NL404"}),
        (("boilerplate.share", "duplicate.adjacent"), (), {"NL201", "NL301"}),
        (("duplicate",), ("duplicate.near-repeat",), {"NL301", "NL302", "NL303", "NL304"}),
        (("ALL",), ("boilerplate", "duplicate", "whitespace", "encoding", "datetime", "grammar", "spelling", "style"), {"NL001", "NL002", "NL003", "NL004"}),
    ],
)
def test_select_and_ignore(select: tuple[str, ...], ignore: tuple[str, ...], expected: set[str]) -> None:
    assert {r.code for r in Linter(Config(select=select, ignore=ignore)).rules} == expected


def test_a_lowercase_code_prefix_selects_nothing() -> None:
    # Code selectors are upper case; "nl2" is neither a code, a category nor a name.
    assert Linter(Config(select=("nl2",))).rules == []


def test_per_file_ignores(tmp_path: Path) -> None:
    config = Config(per_file_ignores=(("archive/**", ("boilerplate",)), ("*.md", ("NL401",))), root=tmp_path)
    linter = Linter(config)
    text = "Share it:\nThe vote is on Friday.  \n"
    archived = Document(text, path=str(tmp_path / "archive" / "2019" / "a.txt"))
    assert [f.code for f in linter.lint(archived)] == ["NL401"]
    markdown = Document(text, path=str(tmp_path / "notes.md"), markdown=True)
    assert [f.code for f in linter.lint(markdown)] == ["NL201"]
    other = Document(text, path=str(tmp_path / "today" / "a.txt"))
    assert [f.code for f in linter.lint(other)] == ["NL201", "NL401"]


# --- quotes are verbatim ------------------------------------------------------------------------


HOUSE = Path(__file__).resolve().parent / "packs" / "house"


@pytest.mark.parametrize("addresses", [0, 1, 12])
def test_wording_fix_inside_a_quote_is_demoted_to_display(addresses: int) -> None:
    """Even when the quotation holds many URLs or e-mail addresses (themselves protected spans)."""
    linter = Linter(Config(select=("HS101",), packs=(HOUSE,)))
    listed = " ".join(f"reader{n}@example.com" for n in range(addresses))
    text = f"The goverment said: “write to {listed} about the goverment plan” on Friday.\n"
    grades = [(text[f.span.start : f.span.end], f.fix.applicability if f.fix else None) for f in linter.lint(Document(text))]
    assert grades == [("goverment", Applicability.SAFE), ("goverment", Applicability.DISPLAY)]
    fixed = fix_document(Document(text), linter.lint).text
    assert fixed == text.replace("The goverment", "The government", 1)


def test_wording_fix_touching_a_url_or_comment_is_demoted() -> None:
    linter = Linter(Config(select=("HS101",), packs=(HOUSE,)))
    text = "See https://example.com/goverment and <!-- goverment --> but fix this goverment.\n"
    grades = [f.fix.applicability if f.fix else None for f in linter.lint(Document(text))]
    assert grades == [Applicability.DISPLAY, Applicability.DISPLAY, Applicability.SAFE]
