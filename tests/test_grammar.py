"""The built-in grammar rules (NL601-NL605) beyond their case files: the seed slip and its fix,
the sound of words for "a"/"an", the word facts the rules rest on, and the shared spans."""

from __future__ import annotations

import pytest
from helpers import SEEDS, document, fix, lint, spans

from newslint.checks.grammar import builtin_spans
from newslint.grammar import articles, lexicon
from newslint.grammar.tokens import tokenize
from newslint.model import Applicability

SEED = SEEDS / "000_eda8035695bfe255.txt"


def _seed() -> str:
    with open(SEED, encoding="utf-8", newline="") as handle:
        return handle.read()


def test_the_seed_slip_is_found_on_both_copies_of_the_line_with_its_fix() -> None:
    text = _seed()
    findings = [f for f in lint(text, select=["grammar"]) if f.category == "grammar"]
    assert [(text[f.span.start : f.span.end], document(text).position(f.span.start)[0]) for f in findings] == [("is play", 4), ("is play", 5)]
    for finding in findings:
        assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
        (edit,) = finding.fix.edits
        fixed = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
        assert fixed[finding.span.start :].startswith("is playing hardball with Ukraine")


def test_unsafe_fixing_the_seed_reads_is_playing_hardball() -> None:
    result = fix(_seed(), select=["NL601"], threshold=Applicability.UNSAFE)
    assert result.error is None
    assert result.text.count("The Trump administration is playing hardball with Ukraine") == 2
    assert "is play " not in result.text


def test_no_other_grammar_finding_in_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        found = spans(text, [f for f in lint(text, select=["grammar"]) if f.category == "grammar"])
        assert found == ([("NL601", "is play")] * 2 if path == SEED else []), path.name


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hour", "vowel"), ("honest", "vowel"), ("heir", "vowel"), ("university", "consonant"),
        ("unusual", "vowel"), ("unidentified", "vowel"), ("union", "consonant"), ("European", "consonant"),
        ("one", "consonant"), ("one-off", "consonant"), ("onerous", "vowel"), ("FBI", "vowel"),
        ("US", "consonant"), ("UN", "consonant"), ("EU", "vowel"), ("NHS", "vowel"), ("MRI", "vowel"),
        ("LGBT-friendly", "vowel"), ("X-ray", "vowel"), ("U", "consonant"), ("F", "vowel"),
        ("mRNA", "vowel"), ("iPhone", "vowel"), ("8", "vowel"), ("80", "vowel"), ("11", "vowel"),
        ("18", "vowel"), ("11,000", "vowel"), ("1,800", "consonant"), ("100", "consonant"), ("1", "consonant"),
        ("SWAT", "consonant"), ("apple", "vowel"), ("year", "consonant"), ("Iraqi", "vowel"),
        ("Ukrainian", "consonant"), ("McDonald", "consonant"),
        # Unsettled: said both ways, or the spelling does not show the sound.
        ("historic", None), ("herb", None), ("hotel", None), ("NASA", None), ("NATO", None),
        ("NIH", None), ("SQL", None), ("SHA256", None), ("Uber", None), ("Uighur", None),
        ("Hermès", None), ("Xbox", None), ("1800", None), ("rcParams", None), ("Mbappe", None),
    ],
)
def test_the_sound_of_a_word(word: str, expected: str | None) -> None:
    assert articles.sound(word) == expected


@pytest.mark.parametrize("word", ["set", "hit", "cut", "read", "put", "become", "found", "spread", "shut", "let"])
def test_participles_that_look_like_base_forms_are_past_forms(word: str) -> None:
    assert lexicon.is_past_form(word)


@pytest.mark.parametrize("word", ["play", "announce", "prepare", "offer", "develop"])
def test_plain_base_forms(word: str) -> None:
    assert lexicon.is_base_verb(word) and not lexicon.is_past_form(word)


def test_verbiness_separates_verbs_from_nouns() -> None:
    assert lexicon.verbiness("play") > lexicon.verbiness("trade") > lexicon.verbiness("water")
    assert lexicon.verbiness("prepare") > -0.45 > lexicon.verbiness("work")


def test_simple_pasts() -> None:
    assert lexicon.is_simple_past("went") and lexicon.is_simple_past("knew")
    assert not lexicon.is_simple_past("found")  # a verb of its own
    assert not lexicon.is_simple_past("revealed")  # also a participle
    assert not lexicon.is_simple_past("go")


def test_tokens_keep_offsets_and_punctuation() -> None:
    text = "We’re monitor the U.S. talks, aren't we? 8,000 people"
    tokens = tokenize(text, 0, len(text))
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.text for t in tokens][:6] == ["We’re", "monitor", "the", "U", ".", "S"]
    assert ("8,000", "number") in [(t.text, t.kind) for t in tokens]


def test_builtin_spans_list_what_the_rules_report() -> None:
    text = "The the agency is prepare a report. He could of known. It took a hour.\n"
    doc = document(text)
    assert [text[s.start : s.end] for s in builtin_spans(doc)] == ["The the", "is prepare", "could of", "a hour"]
    assert builtin_spans(doc) is builtin_spans(doc)  # computed once per document


def test_grammar_fixes_are_never_applied_inside_quotations() -> None:
    text = "“The team is play hardball, and a hour later we could of won,” the coach said.\n"
    findings = lint(text, select=["grammar"])
    assert {f.code for f in findings} == {"NL601", "NL603", "NL604"}
    assert all(f.fix is not None and f.fix.applicability is Applicability.DISPLAY for f in findings)
    assert fix(text, select=["grammar"], threshold=Applicability.UNSAFE).text == text
