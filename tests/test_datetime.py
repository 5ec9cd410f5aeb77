"""The datetime rules (NL7xx): where the publication date comes from, the seeds, the command
line and JSONL records. Rule-by-rule cases are in tests/cases/NL7*.toml; properties over
dates and zones are in tests/test_datetime_properties.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner, Result
from helpers import SEEDS, linter

from newslint.cli import main
from newslint.config import Config
from newslint.dates.published import Publication, publication
from newslint.document import Document, Metadata
from newslint.engine import Linter

SEED_000 = SEEDS / "000_eda8035695bfe255.txt"
SEED_001 = SEEDS / "001_0d1bd9c146242435.txt"
SEED_002 = SEEDS / "002_8abb541e722902b5.txt"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def jsonl(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def pub(text: str, *, published: str | None = None, published_from: str | None = None, markdown: bool = False,
        options: dict[str, object] | None = None) -> Publication | None:
    doc = Document(text, metadata=Metadata(published=published, published_from=published_from), markdown=markdown)
    return publication(doc, options or {})


# --- where the publication date comes from ------------------------------------------------------


def test_publication_sources_in_order_of_trust() -> None:
    front = "---\ndate: 2025-03-04\n---\nMar 05, 2025\nText.\n"
    record = pub(front, published="2025-03-03T09:00:00Z", markdown=True, options={"published": "2025-03-01"})
    assert record is not None and record.source == "record" and record.day == dt.date(2025, 3, 3)
    assert record.moment == dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    front_matter = pub(front, published="2025-03-02", published_from="--published", markdown=True)
    assert front_matter is not None and (front_matter.source, front_matter.day, front_matter.line) == ("front matter", dt.date(2025, 3, 4), 2)
    dateline = pub("Mar 05, 2025\nText.\n", published="2025-03-02", published_from="--published")
    assert dateline is not None and (dateline.source, dateline.day, dateline.line) == ("dateline", dt.date(2025, 3, 5), 1)
    command_line = pub("Text.\n", published="2025-03-02", published_from="--published", options={"published": "2025-03-01"})
    assert command_line is not None and (command_line.source, command_line.day) == ("--published", dt.date(2025, 3, 2))
    configured = pub("Text.\n", options={"published": dt.date(2025, 3, 1)})
    assert configured is not None and (configured.source, configured.day) == ("configuration", dt.date(2025, 3, 1))
    assert pub("Text.\n") is None


def test_datelines_as_sites_print_them() -> None:
    cases = {
        "Mar 06, 2025, updated Mar 07, 2025": (dt.date(2025, 3, 6), False),
        "Published 6 March 2025, 10:14am": (dt.date(2025, 3, 6), False),
        "2025-03-06T09:00:00Z": (dt.date(2025, 3, 6), False),
        "Updated 1:39 am EST, Wednesday, November 20, 2019": (dt.date(2019, 11, 20), True),
        "By Jane Doe | Nov. 18, 2019 7:04 pm ET": (dt.date(2019, 11, 18), False),
    }
    for line, (day, updated_only) in cases.items():
        found = pub(f"Headline\n{line}\nBody text.\n")
        assert found is not None and found.day == day and found.updated_only == updated_only, line
    # A sentence that mentions a date, and an embedded post's signature, are not datelines.
    assert pub("Headline\nThe war began on February 24, 2022, in the east of the country.\n") is None
    assert pub("— The Senate (@Senate) October 9, 2018\n") is None


def test_dateline_time_and_zone_give_an_instant() -> None:
    found = pub("Published 11:34 PM EST Nov 19, 2019\nText.\n")
    assert found is not None and found.moment is not None
    assert found.moment.astimezone(dt.UTC) == dt.datetime(2019, 11, 20, 4, 34, tzinfo=dt.UTC)
    assert found.day_in("Australia/Sydney") == dt.date(2019, 11, 20)
    # An ambiguous zone gives no instant: IST could be three offsets.
    ambiguous = pub("Nov 20, 2019 01:41 PM IST\nText.\n")
    assert ambiguous is not None and ambiguous.moment is None


def test_a_bad_configured_date_is_reported_not_a_crash() -> None:
    lin = Linter(Config(select=("NL701", "NL001"), sections={"datetime": {"published": "someday"}}))
    findings = lin.lint(Document("Officials met on Monday.\n"))
    assert [f.code for f in findings] == ["NL001"]
    assert "someday" in findings[0].message


# --- the seeds ------------------------------------------------------------------------------------


def test_seed_000_resolves_against_its_dateline_with_the_zone_caveat() -> None:
    findings = jsonl(run("check", "--select", "datetime", "--output-format", "jsonl", str(SEED_000)))
    by_code: dict[str, list[dict[str, object]]] = {}
    for f in findings:
        by_code.setdefault(str(f["code"]), []).append(f)
    thursday, tuesday = (str(f["message"]) for f in by_code["NL701"])
    assert "Thursday 6 March 2025" in thursday and "'AEDT' (UTC+11)" in thursday and "day off" in thursday
    assert "Tuesday 4 March 2025" in tuesday and "'local time'" in tuesday and "day off" in tuesday
    assert "dateline 'Mar 06, 2025, updated Mar 06, 2025', line 3" in thursday
    (mixed,) = by_code["NL706"]
    assert "'AEDT' (line 9)" in str(mixed["message"]) and "'local time' (line 11)" in str(mixed["message"])
    assert [f["line"] for f in by_code["NL705"]] == [11]


def test_seeds_001_and_002_unresolvable_then_resolved_with_published() -> None:
    # seeds/newslint.toml opts in to NL702 for this collection of undated articles.
    unresolved = jsonl(run("check", "--select", "datetime", "--output-format", "jsonl", str(SEED_001), str(SEED_002)))
    assert [f["code"] for f in unresolved] == ["NL702", "NL702"]
    assert "'Wednesday' (line 2), 'Monday’s' (line 5)" in str(unresolved[0]["message"])
    assert "'on Wednesday' (line 11), 'on Friday' (line 11)" in str(unresolved[1]["message"])

    resolved = jsonl(run("check", "--select", "datetime", "--published", "2025-03-05", "--output-format", "jsonl", str(SEED_001), str(SEED_002)))
    messages = [str(f["message"]) for f in resolved]
    assert {f["code"] for f in resolved} == {"NL701"}
    assert any(m.startswith("'Wednesday' is Wednesday 5 March 2025") for m in messages)
    assert any(m.startswith("'Monday’s' is Monday 3 March 2025") for m in messages)
    assert any(m.startswith("'on Friday' is Friday 28 February 2025") for m in messages)
    assert all("--published 2025-03-05" in m for m in messages)


def test_unsafe_fix_of_seed_000_adds_the_dates_and_settles(tmp_path: Path) -> None:
    copy = tmp_path / "000.txt"
    copy.write_bytes(SEED_000.read_bytes())
    result = run("fix", "--unsafe-fixes", "--select", "datetime", str(copy))
    assert result.exit_code == 1, result.output  # the zone mix and 'local time' remain: no fix for them
    text = copy.read_text(encoding="utf-8")
    assert "on Thursday (March 6, AEDT)" in text and "on Tuesday (March 4, local time)" in text
    again = run("fix", "--unsafe-fixes", "--select", "datetime", str(copy))
    assert "Fixed" not in again.stderr and copy.read_text(encoding="utf-8") == text


# --- other inputs ---------------------------------------------------------------------------------


def test_jsonl_record_date_is_the_source(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"title": "Aid", "date_publish": "2025-03-06 09:00:00", "maintext": "Officials met on Monday."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (finding,) = jsonl(run("check", "--select", "NL701", "--published", "2020-01-01", "--output-format", "jsonl", str(path)))
    assert finding["record"] == 1 and finding["field"] == "maintext"
    assert "Monday 3 March 2025" in str(finding["message"]) and "the record's date '2025-03-06 09:00:00'" in str(finding["message"])


def test_configured_date_and_command_line_override(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('[datetime]\npublished = 2025-03-06\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Officials met on Monday.\n", encoding="utf-8")
    (configured,) = jsonl(run("check", "--select", "NL701", "--output-format", "jsonl", str(article)))
    assert "Monday 3 March 2025" in str(configured["message"]) and "[datetime] configuration" in str(configured["message"])
    (overridden,) = jsonl(run("check", "--select", "NL701", "--published", "2025-03-12", "--output-format", "jsonl", str(article)))
    assert "Monday 10 March 2025" in str(overridden["message"]) and "--published 2025-03-12" in str(overridden["message"])


def test_library_published_argument() -> None:
    from newslint.api import Linter as ApiLinter

    findings = ApiLinter(select=["NL701"]).lint("Officials met on Monday.", published="2025-03-06")
    assert len(findings) == 1 and "Monday 3 March 2025" in findings[0].message
    assert ApiLinter(select=["NL701"]).fix("Officials met on Monday.", unsafe=True, published="2025-03-06") == "Officials met on Monday (March 3)."


def test_no_datetime_fix_is_safe_and_quotes_are_never_rewritten() -> None:
    text = "Mar 06, 2025\n“We met on Monday at 9am EST in July,” he said on Tuesday, March 4, 2026.\n"
    findings = linter(("datetime",)).lint(Document(text))
    assert findings
    for f in findings:
        assert f.fix is None or f.fix.applicability.label != "safe"
        if f.fix is not None and any(e.span.start < text.index("”") for e in f.fix.edits):
            assert f.fix.applicability.label == "display"


def test_a_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Officials met on Monday.\n", encoding="utf-8")
    result = run("check", "--published", "someday", str(article))
    assert result.exit_code == 2 and "--published 'someday' is not a date" in result.stderr


def test_front_matter_is_metadata_not_text() -> None:
    text = "---\ndate: 2025-03-06\nsummary: Talks resume on Monday\n---\nOfficials met on Monday.\n"
    findings = linter(("NL701",)).lint(Document(text, markdown=True))
    assert [text[f.span.start : f.span.end] for f in findings] == ["Monday"]
    assert findings[0].span.start > text.index("---\nOff")
