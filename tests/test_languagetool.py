"""The LanguageTool adapter (newslint/integrations/languagetool.py).

LanguageTool cannot be downloaded on the machines this project is built on, so the mapping is
tested against a fake server on 127.0.0.1 that answers with LanguageTool's documented HTTP
format (GET /v2/languages, POST /v2/check -> {"matches": [{"offset", "length", "message",
"replacements": [{"value"}], "context", "rule": {"id", "issueType", "category": {"id"}}}]}).
Offsets in that format count UTF-16 code units, as Java strings do. The last test runs against
a real server when NEWSLINT_LANGUAGETOOL_URL is set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from helpers import ROOT

from newslint.cli import main
from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter
from newslint.fix import fix_document
from newslint.integrations import languagetool as lt
from newslint.model import Applicability, Finding

pytest.importorskip("language_tool_python", reason="the LanguageTool adapter needs the 'languagetool' extra")

# What the fake server reports: (word to find in the posted text, rule id, category id,
# issue type, replacements). Offsets are computed in UTF-16 units, as LanguageTool does.
Rule = tuple[str, str, str, str, list[str]]
RULES: list[Rule] = [
    ("intelliegence", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["intelligence"]),
    ("Kyivv", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["Kyiv", "Kiev"]),
    ("their is", "THERE_IS", "GRAMMAR", "grammar", ["there is"]),
    ("in order to", "IN_ORDER_TO", "REDUNDANCY", "style", ["to"]),
    ("very unique", "VERY_UNIQUE", "STYLE", "style", ["unique", "rare", "unusual"]),
    ("--", "DASH_RULE", "TYPOGRAPHY", "typographical", ["—"]),
    ("a hour", "EN_A_VS_AN", "MISC", "misspelling", ["an hour"]),
    ("  ", "WHITESPACE_RULE", "TYPOGRAPHY", "whitespace", [" "]),
    ("exmaple", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["example"]),
    ("recieve", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["receive"]),
    ("should of", "SHOULD_OF", "GRAMMAR", "grammar", ["should have"]),
]


def _utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def canned_matches(text: str, rules: list[Rule] = RULES) -> dict[str, Any]:
    matches = []
    for needle, rule_id, category, issue, replacements in rules:
        start = text.find(needle)
        while start >= 0:
            offset, length = _utf16_offset(text, start), _utf16_offset(text, start + len(needle)) - _utf16_offset(text, start)
            matches.append({
                "message": f"Possible problem: {rule_id.lower()}",
                "shortMessage": "",
                "replacements": [{"value": r} for r in replacements],
                "offset": offset,
                "length": length,
                "context": {"text": text[max(0, start - 20) : start + 40], "offset": min(start, 20), "length": len(needle)},
                "sentence": text,
                "type": {"typeName": "Other"},
                "rule": {"id": rule_id, "description": rule_id, "issueType": issue, "category": {"id": category, "name": category.title()}},
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            })
            start = text.find(needle, start + len(needle))
    matches.sort(key=lambda m: m["offset"])
    return {"software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1}, "language": {"name": "English (US)", "code": "en-US"}, "matches": matches}


class FakeLanguageTool:
    """A LanguageTool HTTP API stand-in on 127.0.0.1, recording what it was sent."""

    def __init__(self, respond: Callable[[str], dict[str, Any]] = canned_matches):
        self.respond = respond
        self.texts: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, payload: Any) -> None:
                body = json.dumps(payload).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.startswith("/v2/languages"):
                    self._send([{"name": "English (US)", "code": "en", "longCode": "en-US"}, {"name": "English (GB)", "code": "en", "longCode": "en-GB"}])
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode("utf-8"))
                if not self.path.startswith("/v2/check"):
                    self.send_error(404)
                    return
                text = form["text"][0]
                fake.texts.append(text)
                self._send(fake.respond(text))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeLanguageTool:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server() -> Iterator[FakeLanguageTool]:
    with FakeLanguageTool() as fake:
        yield fake


def _linter(url: str, **extra: Any) -> Linter:
    grammar = {"languagetool": url, **extra}
    return Linter(Config(select=("NL691", "NL692", "NL693", "NL694"), sections={"grammar": grammar}))


def _found(text: str, findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.category, text[f.span.start : f.span.end], f.fix.applicability.label if f.fix else "none") for f in findings]


# --- settings ------------------------------------------------------------------------------------


def test_no_setting_means_no_languagetool() -> None:
    assert lt.settings_from({}) is None
    assert lt.settings_from({"languagetool": ""}) is None


def test_settings_are_validated() -> None:
    assert lt.settings_from({"languagetool": "http://localhost:8081/"}) == lt.Settings("http://localhost:8081", None)
    for bad in ({"languagetool": 8081}, {"languagetool": "localhost:8081"}, {"languagetool": "http://x", "languagetool-max-chars": 10},
                {"languagetool": "http://x", "languagetool-disabled-rules": "EN_QUOTES"}):
        with pytest.raises(lt.LanguageToolError):
            lt.settings_from(bad)


def test_local_languagetool_needs_an_installed_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    with pytest.raises(lt.LanguageToolError, match="never downloads"):
        lt.settings_from({"languagetool": "local"})
    assert lt.settings_from({"languagetool": "local", "languagetool-path": str(tmp_path)}) == lt.Settings(None, tmp_path)


# --- mapping -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "issue", "expected"),
    [
        ("TYPOS", "misspelling", "spelling"),
        ("GRAMMAR", "grammar", "grammar"),
        ("CONFUSED_WORDS", "misspelling", "spelling"),
        ("CASING", "typographical", "typography"),
        ("TYPOGRAPHY", "typographical", "typography"),
        ("PUNCTUATION", "grammar", "typography"),
        ("STYLE", "style", "style"),
        ("REDUNDANCY", "style", "style"),
        ("PLAIN_ENGLISH", "style", "style"),
        ("COLLOCATIONS", "grammar", "grammar"),
        ("MISC", "uncategorized", "grammar"),
        ("SEMANTICS", "inconsistency", "grammar"),
        ("NEW_CATEGORY", "register", "style"),
    ],
)
def test_categories_map_to_families(category: str, issue: str, expected: str) -> None:
    assert lt.family(category, issue) == expected


def test_chunks_cover_the_text_within_the_limit_at_paragraph_breaks() -> None:
    paragraph = "The minister said the plan would go ahead. " * 5
    text = "\n\n".join([paragraph.strip()] * 12)
    pieces = list(lt.chunks(text, 600))
    assert len(pieces) > 1
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 600 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])


def test_chunks_cut_a_long_paragraph_at_a_sentence_end() -> None:
    text = "Officials said the talks would resume. " * 40
    pieces = list(lt.chunks(text, 500))
    assert all(piece.endswith(". ") for _, piece in pieces[:-1])


# --- against the fake server ---------------------------------------------------------------------


def test_matches_become_findings_with_their_own_codes_and_categories(server: FakeLanguageTool) -> None:
    text = "Officials said their is no exmaple of this. It was very unique -- and we did it in order to win.\n"
    findings = _linter(server.url).lint(Document(text))
    assert _found(text, findings) == [
        ("NL691", "grammar", "their is", "unsafe"),
        ("NL692", "spelling", "exmaple", "unsafe"),
        ("NL693", "style", "very unique", "display"),
        ("NL694", "style", "--", "unsafe"),
        ("NL693", "style", "in order to", "unsafe"),
    ]
    messages = {f.code: f.message for f in findings}
    assert "[LanguageTool THERE_IS]" in messages["NL691"]
    very_unique = next(f for f in findings if text[f.span.start : f.span.end] == "very unique")
    assert "one of: 'unique', 'rare', 'unusual'" in very_unique.message
    assert all(f.source == "newslint" for f in findings)
    assert server.texts == [text]


def test_a_single_replacement_is_applied_only_with_unsafe_fixes(server: FakeLanguageTool) -> None:
    text = "The agency did not recieve the letter.\n"
    linter = _linter(server.url)
    assert fix_document(Document(text), linter.lint, Applicability.SAFE).text == text
    assert fix_document(Document(text), linter.lint, Applicability.UNSAFE).text == "The agency did not receive the letter.\n"


def test_names_are_never_rewritten(server: FakeLanguageTool) -> None:
    text = "Forces near Kyivv regrouped.\n"
    (finding,) = _linter(server.url).lint(Document(text))
    assert (finding.code, text[finding.span.start : finding.span.end]) == ("NL692", "Kyivv")
    assert finding.fix is not None and finding.fix.applicability is Applicability.DISPLAY


def test_quotations_urls_and_sic_are_respected(server: FakeLanguageTool) -> None:
    text = (
        "“Their is no exmaple,” she said.\n"
        "See https://example.com/exmaple for the exmaple [sic] text.\n"
    )
    findings = _linter(server.url).lint(Document(text))
    # In the quote: the grammar match is dropped, the misspelling shown but never applied.
    assert _found(text, findings) == [("NL692", "spelling", "exmaple", "display")]
    assert findings[0].span.start < text.index("”")


def test_builtin_grammar_findings_are_not_reported_twice(server: FakeLanguageTool) -> None:
    text = "The talks lasted a hour and we should of known.  It ended.\n"
    linter = Linter(Config(select=("grammar", "NL692", "NL693", "NL694"), sections={"grammar": {"languagetool": server.url}}))
    codes = [(f.code, text[f.span.start : f.span.end]) for f in linter.lint(Document(text))]
    assert ("NL603", "a hour") in codes and ("NL604", "should of") in codes
    assert not any(code.startswith("NL69") for code, _ in codes), codes  # EN_A_VS_AN, SHOULD_OF, WHITESPACE_RULE dropped


def test_offsets_are_code_points_after_astral_characters(server: FakeLanguageTool) -> None:
    text = "😀🎉 Reports of intelliegence failures.\n"
    (finding,) = _linter(server.url).lint(Document(text))
    assert text[finding.span.start : finding.span.end] == "intelliegence"


def test_long_texts_are_sent_in_chunks_within_the_limit(server: FakeLanguageTool) -> None:
    paragraph = "The ministry did not recieve the report on time, officials said on Monday."
    text = "\n\n".join([paragraph] * 30) + "\n"
    findings = _linter(server.url, **{"languagetool-max-chars": 400}).lint(Document(text))
    assert len(server.texts) > 1 and all(len(t) <= 400 for t in server.texts)
    assert [text[f.span.start : f.span.end] for f in findings] == ["recieve"] * 30


def test_one_finding_per_document_when_the_server_cannot_be_reached() -> None:
    with FakeLanguageTool() as fake:
        url = fake.url
    linter = Linter(Config(select=("NL001", "NL691", "NL692", "NL693", "NL694"), sections={"grammar": {"languagetool": url}}))
    for _ in range(2):  # the second document is answered from the remembered failure
        findings = linter.lint(Document("Some text to check.\n"))
        assert [f.code for f in findings] == ["NL001"]
        assert url in findings[0].message and "LanguageTool" in findings[0].message


def test_not_configured_sends_nothing_and_imports_nothing(server: FakeLanguageTool) -> None:
    linter = Linter(Config(select=("NL691", "NL692", "NL693", "NL694")))
    assert linter.lint(Document("Their is no exmaple.\n")) == []
    assert server.texts == []
    code = "import sys, newslint; newslint.lint_text('Their is no exmaple.'); print('language_tool_python' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


def test_cli_languagetool_option(server: FakeLanguageTool, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The agency did not recieve the letter.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "NL692", "--languagetool", server.url, "--output-format", "jsonl", str(article)])
    assert result.exit_code == 1, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["code"], record["category"], record["start"], record["end"]) == ("NL692", "spelling", 19, 26)
    assert record["fix"]["edits"] == [{"start": 19, "end": 26, "replacement": "receive"}]


def test_config_file_enables_languagetool(server: FakeLanguageTool, tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text(f'select = ["NL692"]\n[grammar]\nlanguagetool = "{server.url}"\n', encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("The agency did not recieve the letter.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--output-format", "jsonl", str(article)])
    assert result.exit_code == 1, result.output
    assert [json.loads(line)["code"] for line in result.stdout.splitlines()] == ["NL692"]


# --- a real server ---------------------------------------------------------------------------------


def test_against_a_real_languagetool_server() -> None:
    url = os.environ.get("NEWSLINT_LANGUAGETOOL_URL")
    if not url:
        pytest.skip(
            "NO REAL LANGUAGETOOL SERVER TESTED: set NEWSLINT_LANGUAGETOOL_URL=http://host:port to run this test "
            "against a running LanguageTool server (see README, 'LanguageTool')"
        )
    text = "Officials said their is no evidence. The agency did not recieve the letter.\n"
    findings = _linter(url).lint(Document(text))
    assert not [f for f in findings if f.code == "NL001"], [f.message for f in findings]
    found = {(f.code, text[f.span.start : f.span.end]) for f in findings}
    assert ("NL692", "recieve") in found, found
    assert any(code == "NL691" for code, _ in found), found


def test_command_line_server_keeps_the_other_grammar_settings(server: FakeLanguageTool) -> None:
    config = Config(sections={"grammar": {"languagetool-max-chars": 300, "languagetool": "http://elsewhere:1"}})
    merged = config.with_overrides(sections={"grammar": {"languagetool": server.url}})
    assert merged.sections["grammar"] == {"languagetool-max-chars": 300, "languagetool": server.url}
    assert config.sections["grammar"]["languagetool"] == "http://elsewhere:1"  # the original is untouched
