"""The library interface a scraper calls: lint_text, fix_text, process_record, Linter."""

from __future__ import annotations

import doctest
import threading

import newslint
from newslint import Applicability, Linter, fix_text, lint_text, process_record


def test_public_names() -> None:
    for name in newslint.__all__:
        assert hasattr(newslint, name), name


def test_module_doctest() -> None:
    result = doctest.testmod(newslint, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_lint_and_fix_text() -> None:
    text = "Share it:\nThe vote is on Friday.\nPhoto credit: AFP / Reuters\nThe count.\n"
    assert [f.code for f in lint_text(text)] == ["NL201", "NL209"]
    assert fix_text(text) == "The vote is on Friday.\nPhoto credit: AFP / Reuters\nThe count.\n"
    assert fix_text(text, unsafe=True) == "The vote is on Friday.\nThe count.\n"


def test_headline_metadata_is_used() -> None:
    text = "Trump pauses intelligence sharing with Ukraine\n\nThe decision was announced on Wednesday.\n"
    assert [f.code for f in lint_text(text, title="Trump Pauses Intelligence Sharing With Ukraine")] == ["NL303"]
    assert lint_text(text) == []


def test_linter_select_ignore() -> None:
    linter = Linter(select=["boilerplate"], ignore=["NL205"])
    assert "NL201" in linter.rules and "NL205" not in linter.rules and "NL401" not in linter.rules
    assert [f.code for f in linter.lint("Share it:\nThe vote is on Friday.\n\nJust In\n")] == ["NL201"]
    assert linter.fix("Share it:\nThe vote.  \n") == "The vote.  \n"


def test_process_record() -> None:
    record = {"id": 7, "headline": "Vote", "maintext": "Share it:\nThe vote is on Friday.", "extra": [1, 2]}
    result = process_record(record)
    assert result.changed and result.error is None
    assert result.record == {"id": 7, "headline": "Vote", "maintext": "The vote is on Friday.", "extra": [1, 2]}
    assert record["maintext"].startswith("Share it:")  # the input is not mutated
    assert result.findings == ()
    checked = process_record(record, fix=False)
    assert not checked.changed and [f.code for f in checked.findings] == ["NL201"]
    missing = process_record({"id": 8})
    assert missing.error is not None and "no text field" in missing.error and not missing.changed


def test_linter_is_safe_to_share_between_threads() -> None:
    linter = Linter()
    texts = [f"Share it:\nStory number {n} is here.\n\n\n\nJust In" for n in range(40)]
    expected = [linter.fix(t) for t in texts]
    results: dict[int, str] = {}

    def work(n: int) -> None:
        results[n] = linter.fix(texts[n])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[n] for n in range(len(texts))] == expected
    assert all(r.startswith("Story number") and "Share it" not in r for r in expected)


def test_findings_carry_fix_applicability() -> None:
    (finding,) = lint_text("The vote is on Friday.\nREAD MORE: Polls close early\nThe count.\n")
    assert finding.code == "NL210" and finding.fix is not None
    assert finding.fix.applicability == Applicability.UNSAFE
