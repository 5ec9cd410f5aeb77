"""Spelling rules beyond the case files: user vocabulary, languages, fix safety, laziness,
and the ``newslint add-words`` command."""

from __future__ import annotations

import functools
import json
import math
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import document
from hypothesis import given
from hypothesis import strategies as st

from newslint.checks import spelling
from newslint.cli import main
from newslint.config import Config
from newslint.document import Document, Metadata
from newslint.engine import Linter
from newslint.fix import fix_document
from newslint.model import Applicability, Finding
from newslint.spelling import lexicon as lexicon_module
from newslint.spelling import tables, vocabulary
from newslint.spelling import tokens as spelling_tokens
from newslint.spelling.lexicon import Lexicon, edits1, normalise_language, typing_cost
from newslint.textutil import WORD

TYPO = "The move cut off intelliegence.\n"
EVIDENCE = "US intelligence had helped Kyiv, and the intelligence pause hurts.\nThe move cut off intelliegence.\n"
GERMAN = (
    "Die Regierung in Washington hat den Austausch von Geheimdienstinformationen mit der Ukraine ausgesetzt. "
    "Das teilte der Sicherheitsberater am Mittwoch mit. Die Entscheidung könnte die Verteidigung des Landes "
    "erheblich schwächen, sagten Experten in Berlin.\n"
)


def lint(text: str, spelling_options: dict[str, Any] | None = None, path: str = "<text>", language: str | None = None, select: tuple[str, ...] = ("spelling",)) -> list[Finding]:
    config = Config(select=select, sections={"spelling": spelling_options or {}})
    return Linter(config).lint(Document(text, path=path, metadata=Metadata(language=language)))


def typos(findings: list[Finding], text: str) -> list[str]:
    return [text[f.span.start : f.span.end] for f in findings if f.code == "NL501"]


# --- user vocabulary ---------------------------------------------------------------------


def test_declared_words_are_accepted_without_regard_to_case() -> None:
    assert typos(lint(TYPO), TYPO) == ["intelliegence"]
    assert lint(TYPO, {"words": ["Intelliegence"]}) == []


def test_word_list_file_above_the_article_is_found(tmp_path: Path) -> None:
    article = tmp_path / "archive" / "2025" / "a.txt"
    article.parent.mkdir(parents=True)
    article.write_text(TYPO, encoding="utf-8")
    assert typos(lint(TYPO, path=str(article)), TYPO) == ["intelliegence"]
    (tmp_path / vocabulary.WORDS_FILE).write_text("# house words\n\nintelliegence\n", encoding="utf-8")
    vocabulary._files_above.cache_clear()
    assert lint(TYPO, path=str(article)) == []


def test_configured_words_file(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("intelliegence\n", encoding="utf-8")
    assert lint(TYPO, {"words-file": str(words)}) == []


def test_library_text_has_no_folder_and_reads_no_word_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / vocabulary.WORDS_FILE).write_text("intelliegence\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    vocabulary._files_above.cache_clear()
    assert typos(lint(TYPO), TYPO) == ["intelliegence"]


def test_bad_settings_are_reported_not_ignored() -> None:
    findings = lint(TYPO, {"words": "intelliegence"}, select=("spelling", "NL001"))
    assert [f.code for f in findings] == ["NL001", "NL001", "NL001", "NL001"]
    assert "'words' must be a list of strings" in findings[0].message


def test_declared_correction_is_a_safe_fix() -> None:
    text = "The ministre resigned on Friday.\n"
    assert [f.fix.applicability for f in lint(text) if f.fix] == [Applicability.DISPLAY]  # minister? ministry?
    findings = lint(text, {"corrections": {"ministre": "minister"}})
    assert [(f.code, f.fix.applicability if f.fix else None) for f in findings] == [("NL501", Applicability.SAFE)]
    assert findings[0].fix is not None and findings[0].fix.edits[0].replacement == "minister"


def test_declared_name_spelling_is_not_a_variant() -> None:
    text = "Zelensky met Waltz on Friday. Later Zelenksy said the talks went well. Zelensky left.\n"
    assert [f.code for f in lint(text)] == ["NL502"]
    assert lint(text, {"words": ["Zelenksy"]}) == []


def test_mis_decoded_text_is_left_to_the_encoding_rules() -> None:
    text = "The caf\udce9 owners said no. Ukraine\u00e2\u20ac\u2122s envoy and the caf owners agreed.\n"
    assert typos(lint(text), text) == ["caf"]  # only the second, which is not beside undecodable bytes


# --- fix safety --------------------------------------------------------------------------


def _grade(text: str) -> list[tuple[str, Applicability | None]]:
    return [(text[f.span.start : f.span.end], f.fix.applicability if f.fix else None) for f in lint(text) if f.code == "NL501"]


def test_safe_needs_the_correction_in_the_article() -> None:
    assert _grade(TYPO) == [("intelliegence", Applicability.UNSAFE)]
    assert _grade(EVIDENCE) == [("intelliegence", Applicability.SAFE)]
    message = next(f.message for f in lint(EVIDENCE) if f.code == "NL501")
    assert "'intelligence' appears 2 times in this article" in message


def test_safe_needs_the_correction_to_outnumber_the_misspelling() -> None:
    text = "The intelliegence unit grew. The intelliegence budget too. Its intelligence chief left.\n"
    assert {grade for _, grade in _grade(text)} == {Applicability.UNSAFE}


def test_safe_needs_no_rival_one_edit_away() -> None:
    # "cheif" is one edit from "chief" and from "chef": a common rival forbids SAFE, and a
    # rival the article also uses leaves no clear winner at all.
    assert _grade("The chief met the press. The chief left early. The cheif was late.\n") == [("cheif", Applicability.UNSAFE)]
    text = "The chief met the chef. The chief left early, and the chef cooked. The cheif was late.\n"
    assert _grade(text) == [("cheif", Applicability.DISPLAY)]


def test_a_word_the_article_would_use_by_chance_is_no_evidence() -> None:
    # "the" appears in any article: it must not turn "thw" into a SAFE fix.
    text = "The talks ended and the envoys left. The envoy said thw talks would resume.\n"
    assert all(grade != Applicability.SAFE for _, grade in _grade(text))


def test_quoted_typo_says_it_is_never_fixed_and_fix_keeps_the_quote() -> None:
    text = "Officials said the intelligence pause was temporary.\n“We cut off intelliegence for now,” Waltz said.\n"
    finding = next(f for f in lint(text) if f.code == "NL501")
    assert "never fixed automatically" in finding.message
    assert finding.fix is not None and finding.fix.applicability is Applicability.DISPLAY
    lin = Linter(Config(select=("spelling",)))
    assert fix_document(Document(text), lin.lint, Applicability.UNSAFE).text == text


def test_safe_fix_is_idempotent_and_touches_only_the_word() -> None:
    lin = Linter(Config(select=("spelling",)))
    result = fix_document(document(EVIDENCE), lin.lint, Applicability.SAFE)
    assert result.text == EVIDENCE.replace("intelliegence", "intelligence")
    assert fix_document(document(result.text), lin.lint, Applicability.SAFE).text == result.text


# --- languages ---------------------------------------------------------------------------


def test_record_language_without_data_is_reported_once_and_nothing_else() -> None:
    text = "The move cut off intelliegence. Zelensky met Zelenksy and Zelensky.\n"
    findings = lint(text, language="fr")
    assert [f.code for f in findings] == ["NL504"]
    assert "no spelling data for language 'fr'" in findings[0].message


def test_regional_english_is_english() -> None:
    assert normalise_language("en-GB") == normalise_language("en_US") == normalise_language("English") == "en"
    assert typos(lint(TYPO, language="en-GB"), TYPO) == ["intelliegence"]


def test_config_language_applies_when_the_record_has_none() -> None:
    assert [f.code for f in lint(TYPO, {"language": "de"})] == ["NL504"]
    assert typos(lint(TYPO, {"language": "de"}, language="en"), TYPO) == ["intelliegence"]


def test_text_in_another_language_is_not_checked_word_by_word() -> None:
    assert [f.code for f in lint(GERMAN)] == ["NL504"]
    assert lint(GERMAN, language="de") != []  # declared: the language rule says so, still nothing guessed
    assert all(f.code == "NL504" for f in lint(GERMAN, language="de"))


# --- laziness ----------------------------------------------------------------------------


def test_clean_article_builds_no_suggestion_index(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = Lexicon("en")
    monkeypatch.setattr(spelling, "lexicon", lambda language: fresh)
    assert lint("The minister resigned on Friday after the vote.\n") == []
    assert "_candidate_index" not in fresh.__dict__  # no candidate search
    assert "_frequencies" not in fresh.__dict__  # every word listed: frequencies not even loaded
    assert typos(lint(TYPO), TYPO) == ["intelliegence"]
    assert "_candidate_index" in fresh.__dict__


# --- the data ----------------------------------------------------------------------------


def test_typing_cost_prefers_common_slips() -> None:
    assert typing_cost("befor", "before") < typing_cost("befor", "for")
    assert typing_cost("financialy", "financially") < typing_cost("financialy", "financial")
    assert typing_cost("whould", "would") < typing_cost("whould", "should")
    assert typing_cost("same", "same") == 0


def test_edits1_covers_every_kind_of_edit() -> None:
    found = edits1("teh")
    assert {"the", "te", "tech", "ten"} <= found


# --- the article's words, counted in C -------------------------------------------------------

# Pieces an article is made of where counting words is subtle: words glued to handles, paths,
# numbers and file names, URLs, [sic], mis-decoded text, split contractions, compounds,
# possessives, capitals, accents and combining marks.
_PIECES = [
    "the", "The", "cat", "Zelensky", "Zelensky's", "well-known", "Jean-Pierre", "don't", "isn 't", "isn ‘t", "`s",
    "café", "cafe\u0301", "naïve", "iPhone", "NATO", "5G", "10am", "3.5", "U.S.", "file.txt", "a.b", "@handle",
    "#tag", "and/or", "AT&T", "x=y", "snake_case", "https://example.com/a-b", "me@example.org", "[sic]", "(SIC)",
    "donâ€™t", "Caf\udce9", "\ufffd", "’", "'", "-", "—", "“quoted”", "\"frunk,\"", "½", "²", "123", " ", "  ",
    "\n", "\n\n", ". ", ", ", "! ", "?", "(", ")", "<!-- note -->", "\t",
]


def _reference_count(doc: Document) -> tuple[list[tuple[str, int, int]], set[int]]:
    """The tokens and the occurrences that do not count, one occurrence at a time: the
    straightforward reading of the rules that :class:`Tokens` implements in bulk."""
    text = doc.text
    quotes = set(doc.quotes)
    mask = bytearray(len(text))
    for span in doc.protected:
        if span not in quotes:
            mask[span.start : span.end] = b"\x01" * len(span)
    may_sic = spelling_tokens._ANY_SIC.search(text) is not None
    found: list[tuple[str, int, int]] = []
    skipped: set[int] = set()
    for index, match in enumerate(WORD.finditer(text)):
        token, (start, end) = match.group(), match.span()
        found.append((token, start, end))
        if mask.find(1, start, end) != -1:
            skipped.add(index)
        elif token.isascii() and token.isalpha() and token.islower():
            if spelling_tokens.glued(text, start, end):
                skipped.add(index)
        elif (
            spelling_tokens.glued(text, start, end)
            or (may_sic and spelling_tokens.SIC.match(text, end))
            or spelling_tokens.mojibake_near(text, start, end)
            or spelling_tokens.contraction_follows(text, end)
        ) and (token.isalpha() or not any(ch.isdigit() for ch in token)):
            skipped.add(index)
    return found, skipped


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_tokens_count_what_a_word_by_word_pass_counts(pieces: list[str]) -> None:
    assert_counts_like_a_word_by_word_pass(Document("".join(pieces)))


def assert_counts_like_a_word_by_word_pass(doc: Document) -> None:
    """:class:`Tokens` places, skips and counts what :func:`_reference_count` does."""
    tokens = spelling_tokens.Tokens(doc)
    found, skipped = _reference_count(doc)
    assert [(tokens.start(i), tokens.end(i)) for i in range(len(found))] == [(start, end) for _, start, end in found]
    assert list(zip(tokens.words, tokens.starts, tokens.ends, strict=True)) == found
    # Tokens with digits never count, so whether they are skipped does not matter.
    assert {i for i in tokens.excluded if spelling_tokens.shape(found[i][0]).parts} == {i for i in skipped if spelling_tokens.shape(found[i][0]).parts}
    counted = Counter(token for i, (token, _, _) in enumerate(found) if i not in skipped)
    assert {t: n for t, n in tokens.counted.items() if spelling_tokens.shape(t).parts} == {t: n for t, n in counted.items() if spelling_tokens.shape(t).parts}
    assert tokens.plain == {t for t in tokens.counted if spelling_tokens.shape(t).plain}
    assert tokens.plain | tokens.others == set(tokens.counted) and not tokens.plain & tokens.others


# --- the cached tables ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def lexicons(tmp_path_factory: pytest.TempPathFactory) -> tuple[Lexicon, Lexicon, Lexicon]:
    """The same data three ways: built from the packages without a cache, built and stored
    in an empty cache, and read back from that cache."""
    folder = tmp_path_factory.mktemp("spelling-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSLINT_CACHE_DIR", str(folder))
        fresh, stored, read = Lexicon("en", use_cache=False), Lexicon("en"), Lexicon("en")
        for lex in (fresh, stored, read):  # load every tier while the cache folder is set
            lex.candidates("intelliegence", 2)
    assert len(list(folder.glob("spelling-en-*.marshal"))) == 3
    return fresh, stored, read


@functools.cache
def _sample_words() -> list[str]:
    """Every 97th word any source knows, and a few no source knows."""
    import wordfreq

    words = sorted(set(lexicon_module._read_listed_words()) | set(wordfreq.get_frequency_dict("en")))
    return [*words[::97], "", "qzxv", "caf\udce9", "a\nb", "é", "zzzzzzzzzz"]


def test_cached_and_built_tables_hold_the_same_data(lexicons: tuple[Lexicon, Lexicon, Lexicon]) -> None:
    fresh, stored, read = lexicons
    for word in _sample_words():
        expected = (fresh.is_word(word), fresh.zipf(word))
        assert (stored.is_word(word), stored.zipf(word)) == expected == (read.is_word(word), read.zipf(word)), word
    for word in ("intelliegence", "teh", "recieved", "cheif", "zelenksy", "ab", "x"):
        for max_distance in (0, 1, 2):
            assert fresh.candidates(word, max_distance) == stored.candidates(word, max_distance) == read.candidates(word, max_distance)


def test_tables_hold_what_the_packages_hold(lexicons: tuple[Lexicon, Lexicon, Lexicon]) -> None:
    import wordfreq

    read = lexicons[2]
    listed = set(lexicon_module._read_pyspellchecker_words()) | set(lexicon_module._read_symspell_words())
    frequencies = wordfreq.get_frequency_dict("en")
    for word in _sample_words():
        assert read.is_word(word) == (word in listed), word
        frequency = frequencies.get(word, 0.0)
        assert read.zipf(word) == (math.log10(frequency) + 9.0 if frequency > 0 else 0.0), word
    assert lexicon_module._read_frequency_buckets("en") == wordfreq.get_frequency_list("en")


def test_candidate_search_finds_every_common_word_in_reach(lexicons: tuple[Lexicon, Lexicon, Lexicon]) -> None:
    from rapidfuzz.distance import OSA

    lex = lexicons[2]
    common = [w for letter in lex._candidate_index.values() for w in letter.split("\n")]
    assert len(common) > 50_000
    assert all(len(w) >= 2 and w.isalpha() and lex.is_word(w) and lex.zipf(w) >= lex.min_candidate_zipf for w in common[::50])
    every = set(common)
    for word in ("intelliegence", "teh", "recieved", "hte", "cheif"):
        same_letter = [w for w in common if w[0] == word[0] and w != word]
        for max_distance in (1, 2):
            expected = {w: d for w in same_letter if (d := OSA.distance(word, w)) <= max_distance}
            expected.update({w: 1 for w in edits1(word) if w in every and w not in expected and w != word})
            assert {c.word: c.distance for c in lex.candidates(word, max_distance)} == expected


def test_table_finds_every_word_and_nothing_else() -> None:
    # Several blocks, words of several lengths and scripts, look-ups before the first word,
    # after the last, between blocks, and that would straddle two words.
    words = sorted(["a", "ab", "abc", "b", "café", "z", "zz", "éa", *(f"w{i:04d}" for i in range(3 * tables.BLOCK))])
    table = tables.WordTable(tables.pack(words, range(len(words))))
    assert [table.get(w) for w in words] == list(range(len(words)))
    assert len(table) == len(words) and table.words() == words
    for absent in ["", "0", "aa", "c", "caf", "cafe", "w0064x", "zzz", "~", "\U0001f600", "caf\udce9", "a\nab", "w0001\nw0002"]:
        assert table.get(absent) == tables.ABSENT, absent
    empty = tables.WordTable(tables.pack([]))
    assert (len(empty), empty.get("a"), empty.words()) == (0, tables.ABSENT, [])
    # A table stored without its blocks' first words (format 2) answers the same.
    older = tables.WordTable(tables.pack(words, range(len(words)))[:3])
    assert [older.get(w) for w in words] == list(range(len(words))) and older.get("c") == tables.ABSENT


def test_table_reads_the_first_layout_cache_entries_may_still_hold() -> None:
    # One start per word and no newline before the first: what the first version wrote.
    from array import array

    for words in (sorted(["a", "ab", "café", *(f"w{i:04d}" for i in range(2 * tables.BLOCK + 3))]), ["x"], []):
        blob = "".join(w + "\n" for w in words).encode()
        starts, offset = array("I", [0]), 0
        for word in words:
            offset += len(word.encode()) + 1
            starts.append(offset)
        table = tables.WordTable((blob, starts.tobytes(), array("H", range(len(words))).tobytes()))
        assert [table.get(w) for w in words] == list(range(len(words)))
        assert table.get("zzz") == tables.ABSENT and table.words() == words


def test_warm_cache_does_not_import_wordfreq(lexicons: tuple[Lexicon, Lexicon, Lexicon], tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from newslint.spelling.lexicon import lexicon\n"
        "lex = lexicon('en')\n"
        "print(lex.is_word('the'), lex.zipf('the') > 6, [c.word for c in lex.candidates('intelliegence', 2)][:1])\n"
        "print('wordfreq' in sys.modules)\n"
    )
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert first.stdout.splitlines()[0] == second.stdout.splitlines()[0] == "True True ['intelligence']"
    assert second.stdout.splitlines()[1] == "False"


# --- newslint add-words ------------------------------------------------------------------


def test_add_words_baselines_an_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(TYPO + "The goverment said so.\n", encoding="utf-8")
    record = {"text": "The goverment said shippment was late.\n", "language": "en"}
    (archive / "b.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    dry = runner.invoke(main, ["add-words", "--dry-run", "archive"])
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.split() == ["goverment", "intelliegence", "shippment"]
    assert not (tmp_path / vocabulary.WORDS_FILE).exists()

    first = runner.invoke(main, ["add-words", "archive"])
    assert first.exit_code == 0, first.output
    assert "Added 3 words" in first.stderr
    assert (tmp_path / vocabulary.WORDS_FILE).read_text(encoding="utf-8") == "goverment\nintelliegence\nshippment\n"

    check = runner.invoke(main, ["check", "--select", "spelling", "archive"])
    assert check.exit_code == 0, check.output

    again = runner.invoke(main, ["add-words", "archive"])
    assert "Added 0 words" in again.stderr


def test_add_words_appends_to_an_existing_list_without_touching_it(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# kept\nKyiv", encoding="utf-8")  # no final newline
    article = tmp_path / "a.txt"
    article.write_text(TYPO, encoding="utf-8")
    result = CliRunner().invoke(main, ["add-words", "--words-file", str(words), str(article)])
    assert result.exit_code == 0, result.output
    assert words.read_text(encoding="utf-8") == "# kept\nKyiv\nintelliegence\n"


def test_pyproject_spelling_section_and_words_file_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "words.txt").write_text("goverment\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newslint]\nselect = ["spelling"]\n\n[tool.newslint.spelling]\nwords = ["intelliegence"]\nwords-file = "style/words.txt"\n',
        encoding="utf-8",
    )
    article = tmp_path / "news" / "a.txt"
    article.parent.mkdir()
    article.write_text(TYPO + "The goverment said so. The shippment was late.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--output-format", "jsonl", str(article)])
    assert result.exit_code == 1, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["code"], f["start"]) for f in found] == [("NL501", article.read_text(encoding="utf-8").index("shippment"))]


@pytest.mark.parametrize("code", ["NL501", "NL502", "NL503"])
def test_rule_examples_are_what_the_rules_do(code: str) -> None:
    lin = Linter(Config(select=(code,)))
    rule = next(r for r in lin.rules if r.code == code)
    assert [f.code for f in lin.lint(Document(rule.example_bad))] == [code]
    threshold = rule.fix_applicability or Applicability.UNSAFE
    assert fix_document(Document(rule.example_bad), lin.lint, threshold).text == rule.example_good
