"""The built-in grammar rules (NL601-NL606) beyond their case files: the seed slip and its fix,
the sound of words for "a"/"an", the word facts the rules rest on and their cached table, the
pre-checks that pick the sentences to judge, and the shared spans."""

from __future__ import annotations

import pytest
import regex as re
from helpers import SEEDS, document, fix, lint, spans
from hypothesis import given
from hypothesis import strategies as st

from newslint import datacache
from newslint.checks import grammar as grammar_rules
from newslint.checks.grammar import builtin_spans
from newslint.document import Document
from newslint.grammar import articles, lexicon, triggers
from newslint.grammar import verbs as verbs_module
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


# --- the cached word table answers as lemminflect does --------------------------------------


def _reference_facts(word: str) -> tuple[object, ...]:
    """What the rules asked lemminflect's public functions before the table existed."""
    import lemminflect

    def inflections(lemma: str) -> dict[str, tuple[str, ...]]:
        table = dict(lemminflect.getAllInflections(lemma, upos="VERB"))
        for tag in ("VBG", "VBD", "VBN"):
            if tag not in table:
                found = lemminflect.getInflection(lemma, tag=tag, inflect_oov=False)
                if found:
                    table[tag] = tuple(found)
        return table

    verbs = lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ())
    nouns = lemminflect.getAllLemmas(word, upos="NOUN").get("NOUN", ())
    tables = [inflections(lemma) for lemma in verbs]
    participle = any(word in t.get("VBN", ()) for t in tables)
    base = word in verbs and bool(inflections(word).get("VBG"))
    simple = not (word in verbs or participle) and any(word in t.get("VBD", ()) for t in tables)
    forms = tuple((inflections(word).get(tag) or (None,))[0] for tag in ("VBG", "VBN", "VBD")) if base else None
    return (
        frozenset(lemminflect.getAllLemmas(word)),
        base,
        any(word in t.get("VBD", ()) or word in t.get("VBN", ()) for t in tables),
        participle,
        simple,
        verbs[0] if simple else None,
        bool(nouns) and word not in nouns,
        forms,
    )


def _table_facts(word: str) -> tuple[object, ...]:
    base = lexicon.is_base_verb(word)
    return (
        lexicon.classes(word),
        base,
        lexicon.is_past_form(word),
        lexicon.is_past_participle(word),
        lexicon.is_simple_past(word),
        lexicon.simple_past_base(word),
        lexicon.is_plural_noun(word),
        tuple(lexicon.form(word, tag) for tag in ("VBG", "VBN", "VBD")) if base else None,
    )


def _sample_words() -> list[str]:
    import random

    rng = random.Random(601)
    known = lexicon._table().flags.words()
    seed_words = {t.lower for path in SEEDS.glob("*.txt") for t in tokenize(path.read_text(encoding="utf-8"), 0, 10**9) if t.is_word}
    odd = ["", "xyzzy", "o'clock", "mother-in-law", "naïve", "purée", "be", "can", "went", "found", "read", "overeat", "ghost-wrote"]
    return sorted(seed_words) + rng.sample(known, 1500) + [w + "s" for w in rng.sample(known, 200)] + odd


def test_the_cached_table_answers_as_lemminflect_does() -> None:
    for word in _sample_words():
        assert _table_facts(word) == _reference_facts(word), word


def test_the_cached_entries_are_the_ones_built_now() -> None:
    def never() -> object:
        raise AssertionError("the entry should be in the cache by now")

    lexicon._table(), lexicon._forms()
    assert datacache.cached(lexicon._WORDS_ENTRY, lexicon._SOURCES, never) == lexicon.words_entry()
    assert datacache.cached(lexicon._FORMS_ENTRY, lexicon._SOURCES, never) == lexicon.forms_entry()


def test_a_warm_process_reads_the_table_without_lemminflect() -> None:
    import os
    import subprocess
    import sys

    lexicon._table()  # builds the cache entry of this test run if no test did yet
    code = (
        "import sys\n"
        "from newslint.grammar import lexicon, verbs\n"
        "assert lexicon.is_base_verb('play') and verbs.candidate_words()\n"
        "print('lemminflect' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ.copy())
    assert out.stdout.strip() == "False"


def test_frequencies_are_wordfreqs_zipf_for_every_word_the_rules_ask_about() -> None:
    import random

    import wordfreq

    from newslint.grammar import verbs

    asked: set[str] = set()
    for word in verbs.candidate_words():
        asked.add(word)
        asked.update(f for tag in ("VBG", "VBN", "VBD") if (f := lexicon.form(word, tag)))
    several = sorted(w for w in asked if not w.isalpha())  # "over-ate": combined from its tokens
    assert several
    for word in several + random.Random(5).sample(sorted(asked), 1500):
        assert lexicon.zipf(word) == wordfreq.zipf_frequency(word, "en"), word


# --- the pre-checks never hide a finding ------------------------------------------------------

_FINDERS = (
    ("NL601", grammar_rules._be_bare_verb, {}),
    ("NL602", grammar_rules._repeated_word, {}),
    ("NL603", grammar_rules._article, {}),
    ("NL606", grammar_rules._article, {"scope": "names"}),
    ("NL604", grammar_rules._modal_of, {}),
    ("NL605", grammar_rules._do_past, {}),
)


def _hits(text: str) -> list[tuple[object, ...]]:
    doc = document(text)
    return [(code, hit.span, hit.message, hit.fix) for code, finder, options in _FINDERS for hit in finder(doc, options)]


def _unfiltered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sentence tokenised and judged, as before the pre-checks."""

    def everywhere(doc: Document, *_: object) -> list[int]:
        return triggers.everywhere(doc)

    for name in ("repeat_positions", "article_positions", "modal_of_positions", "negated_do_positions"):
        monkeypatch.setattr(triggers, name, everywhere)
    monkeypatch.setattr(verbs_module, "slip_positions", everywhere)


def _probe_lines() -> list[str]:
    """Sentences that put many words where each rule looks: after "a"/"an", after a form of
    "be", twice in a row, after "could of" and "didn't", in several cases and spacings."""
    import random

    rng = random.Random(606)
    known = lexicon._table().flags.words()
    words = rng.sample(known, 400) + sorted(verbs_module.candidate_words())[::40] + sorted(lexicon._table().bases)
    odd = [
        "8", "11", "18", "110", "1800", "11,000", "8-year-old", "U", "U.S.", "US", "UNESCO", "F-16", "FBI", "MP", "NHS", "HIV",
        "HR", "NASA", "SQL", "mRNA", "eBay", "X-ray", "h-bomb", "one", "one-off", "One", "Once", "ONE", "ONCE", "EU", "Euro",
        "Ewe", "élan", "Émile", "ı", "\u212aind", "hour’s", "one’s", "u-turn", "uK", "eU", "oNe", "hOur", "UNDER", "UNusual",
        "Uber", "Hermès", "honest", "HEIR", "historic", "M4", "F1", "MPs", "NHS-run", "e-mail", "٨", "²", "“hour”", "—",
    ]
    lines: list[str] = []
    for word in words + odd:
        for variant in {word, word.capitalize(), word.upper()}:
            lines += [f"It was a {variant} day.", f"It was an {variant} day.", f"A {variant} and (An\t{variant}).", f"x,{variant} {variant}!"]
        lines += [
            f"The team is {word} the plan.", f"They are not {word} it.", f"We’re {word} out.", f"Is {word} good?",
            f"it IS {word} them", f"They were\u00a0{word} Apple's.", f"He saw {word} {word} there.", f"“{word}\u00a0{word.upper()}”",
            f"He didn't {word} home.", f"She did not {word}.", f"could of {word}", f"Couldn't  of {word}",
        ]
    return lines


def test_pre_checks_find_what_judging_every_sentence_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _probe_lines()
    texts = ["\n".join(lines[i : i + 1000]) + "\n" for i in range(0, len(lines), 1000)]
    texts += [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    filtered = [_hits(text) for text in texts]
    assert sum(map(len, filtered)) > 1000  # the probes do reach the rules
    _unfiltered(monkeypatch)
    assert [_hits(text) for text in texts] == filtered


def test_a_text_that_lower_case_lengthens_is_judged_in_full() -> None:
    text = "İstanbul is play hardball. The the talks. He didn't went. It took a hour.\n"
    assert document(text).lowered is None
    assert [code for code, *_ in _hits(text)] == ["NL601", "NL602", "NL603", "NL605"]


_WORD_CHAR = re.compile(r"[\p{L}\p{M}\p{N}'’\-]")


@given(st.text(alphabet=st.sampled_from(list("ab Z9 .!?…\n\r\t\u00a0’'-\u0301”“)(\u2028")), max_size=80))
def test_sentences_never_cut_a_token(text: str) -> None:
    """What the pre-checks rest on: a token found in the whole text is one its sentence holds."""
    doc = document(text)
    for sentence in doc.sentences:
        assert sentence.start == 0 or not _WORD_CHAR.match(text[sentence.start - 1]), sentence
        assert sentence.end == len(text) or not _WORD_CHAR.match(text[sentence.end]), sentence
