"""Word facts for the grammar rules, from data that ships in packages, loaded lazily and once.

- lemminflect (MIT) holds lemma and inflection tables derived from the SPECIALIST lexicon:
  which classes a word can belong to (NOUN, VERB, ADJ, ADV, AUX), a verb's base, -ing, past
  and past-participle forms.
- Word frequencies come from the spelling rules' loader
  (:func:`newslint.spelling.lexicon.lexicon`, wordfreq's data: one loader for word data). The
  grammar rules use them to tell a word that is mostly a verb ("play": "playing" is nearly as
  frequent) from one that is mostly a noun ("water": "watering" is a hundred times rarer).

lemminflect's own files take half a second to decode, while the rules ask a handful of yes/no
questions about single words. So every question is answered once, for every word lemminflect
knows, into a compact table (one integer of flags per word, plus the few verb forms the fixes
name) kept in newslint's data cache (:mod:`newslint.datacache`): a warm process reads that
table in milliseconds and never imports lemminflect.

Every look-up takes a lower-case word, as the rules pass them. lemminflect looks a word up in
lower case and gives its answers the word's capitalisation, so for a lower-case word the table
answers exactly as lemminflect does (``tests/test_grammar.py`` compares them).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from newslint import datacache, rx
from newslint.memo import MEMO_KEPT
from newslint.spelling.tables import ABSENT, FORMAT, Stored, WordTable, pack

# The cache entries' names: change a revision whenever what its build returns changes (the
# word table's stored layout, FORMAT, is part of the name: a new layout rebuilds the entry).
_WORDS_ENTRY = f"grammar-words-1-t{FORMAT}"
_FORMS_ENTRY = "grammar-forms-1"
_SOURCES = ("lemminflect",)

# Fact bits, above the class bits (one bit per class name, in the table's own order); a
# word's flags fit the 16 bits of a word table's code.
_MAX_CLASSES = 8
BASE_VERB = 1 << 8  # a verb's base form, its own lemma, with an -ing form
PAST_FORM = 1 << 9  # the past tense or past participle of some verb
PAST_PARTICIPLE = 1 << 10
SIMPLE_PAST = 1 << 11  # a simple past and nothing else a verb can be
PLURAL_NOUN = 1 << 12  # a noun whose lemma differs from it

# The forms of a verb the rules name (Penn tags, all of them verb tags).
_FORM_TAGS = ("VBG", "VBN", "VBD")
# Where lemminflect's getInflection looks when a tag is missing (its ``pennTagAlts``).
_ALTERNATIVE_TAG = {"VBD": "VBN", "VBN": "VBD"}

# Where wordfreq cuts a verb form of several words ("over-ate", "over shot") into tokens.
_TOKEN_BREAK = rx.compile_std(r"[- ]")

Forms = tuple[str | None, str | None, str | None]  # VBG, VBN, VBD: the first spelling of each


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class _Table(NamedTuple):
    """What every article may ask: a word's flags, from a sorted table searched by bisection
    (an article asks about a few dozen words: building a dict of 64,000 would cost more)."""

    flags: WordTable
    class_sets: tuple[frozenset[str], ...]  # indexed by a word's class bits
    class_mask: int
    bases: dict[str, str]  # simple past -> its verb's first lemma
    bare_verbs: frozenset[str]  # base verbs that are no past form and no adjective


class _Derived(NamedTuple):
    """Everything the rules ask, derived from lemminflect in one pass."""

    class_names: list[str]
    flags: dict[str, int]
    forms: dict[str, Forms]  # base verb -> its forms
    bases: dict[str, str]


# --- the derived table ------------------------------------------------------------------------


class _Lemminflect:
    """lemminflect's answers for lower-case words, from its loaded tables (its public
    functions deep-copy an entry on every call: too slow for 64,000 words)."""

    def __init__(self) -> None:
        from lemminflect.core.Inflections import Inflections
        from lemminflect.core.Lemmatizer import Lemmatizer

        lemmatizer, inflector = Lemmatizer(), Inflections()
        self._lemmas: dict[str, dict[str, tuple[str, ...]]] = lemmatizer._getLemmaDict()
        self._lemma_overrides: dict[str, dict[str, tuple[str, ...]]] = lemmatizer._getOverridesDict()
        self._inflections: dict[str, dict[str, tuple[str, ...]]] = inflector._getInflDict()
        self._inflection_overrides: dict[str, dict[str, tuple[str, ...]]] = inflector._getOverridesDict()
        self._verb_forms: dict[str, dict[str, tuple[str, ...]]] = {}

    def words(self) -> list[str]:
        """Every word a lower-case look-up can find (capitalised keys are unreachable)."""
        keys = dict.fromkeys(self._lemmas)
        keys.update(dict.fromkeys(self._lemma_overrides))
        return [word for word in keys if word == word.lower()]

    def class_names(self) -> list[str]:
        """Every class a word is listed under."""
        return sorted(set().union(*self._lemmas.values(), *self._lemma_overrides.values()))

    def lemmas(self, word: str) -> Mapping[str, tuple[str, ...]]:
        """``getAllLemmas(word)``, its spellings not yet lower-cased (lemminflect lower-cases
        them for a lower-case word: see :func:`_lowered`)."""
        found = self._lemmas.get(word, _NONE)
        overrides = self._lemma_overrides.get(word)
        return {**found, **overrides} if overrides else found

    def verb_forms(self, lemma: str) -> dict[str, tuple[str, ...]]:
        """The VBG, VBD and VBN of ``getAllInflections(lemma, upos="VERB")``, each filled in
        as ``getInflection(lemma, tag, inflect_oov=False)`` does where the table leaves it
        out (the only tags the rules ask for)."""
        cached = self._verb_forms.get(lemma)
        if cached is not None:
            return cached
        found = self._inflections.get(lemma, _NONE)
        overrides = self._inflection_overrides.get(lemma)
        if overrides:
            found = {**found, **overrides}
        listed = {tag: _lowered(found[tag]) for tag in _FORM_TAGS if tag in found}
        table = dict(listed)
        for tag, alternative in _ALTERNATIVE_TAG.items():
            if tag not in listed and listed.get(alternative):
                table[tag] = listed[alternative]
        self._verb_forms[lemma] = table
        return table


_NONE: Mapping[str, tuple[str, ...]] = {}


def _lowered(forms: Iterable[str]) -> tuple[str, ...]:
    return tuple(map(str.lower, forms))


def _verb_facts(source: _Lemminflect, word: str, verbs: tuple[str, ...]) -> int:
    """The fact bits of a word listed as a verb with the lemmas ``verbs`` (a loop, not
    generators: this runs for 27,000 words when a cache entry is built)."""
    participle = past = False
    for lemma in verbs:
        table = source.verb_forms(lemma)
        participle = participle or word in table.get("VBN", ())
        past = past or word in table.get("VBD", ())
    flags = PAST_FORM if participle or past else 0
    if participle:
        flags |= PAST_PARTICIPLE
    if word in verbs:
        if source.verb_forms(word).get("VBG"):
            flags |= BASE_VERB
    elif past and not participle:
        flags |= SIMPLE_PAST
    return flags


@lru_cache(maxsize=1)
def _derived() -> _Derived:
    """The answers for every word, from lemminflect's data (once per process that builds a
    cache entry)."""
    source = _Lemminflect()
    class_names = source.class_names()
    if len(class_names) > _MAX_CLASSES:
        raise ValueError(f"too many word classes for the flag layout: {class_names}")
    class_bit = {name: 1 << i for i, name in enumerate(class_names)}
    bits_of: dict[tuple[str, ...], int] = {}  # a few dozen combinations of classes
    flags: dict[str, int] = {}
    bases: dict[str, str] = {}
    for word in source.words():
        found = source.lemmas(word)
        listed = tuple(found)
        value = bits_of.get(listed)
        if value is None:
            value = bits_of[listed] = sum(class_bit[upos] for upos in listed)
        verbs = found.get("VERB")
        if verbs:
            verbs = _lowered(verbs)
            value |= _verb_facts(source, word, verbs)
            if value & SIMPLE_PAST:
                bases[word] = verbs[0]
        nouns = found.get("NOUN")
        if nouns and word not in nouns and word not in _lowered(nouns):
            value |= PLURAL_NOUN
        flags[word] = value
    forms: dict[str, Forms] = {
        word: _first_forms(source.verb_forms(word)) for word, value in flags.items() if value & BASE_VERB
    }
    return _Derived(class_names, flags, forms, bases)


def _first_forms(table: Mapping[str, tuple[str, ...]]) -> Forms:
    vbg, vbn, vbd = ((table.get(tag) or (None,))[0] for tag in _FORM_TAGS)
    return vbg, vbn, vbd


def words_entry() -> dict[str, Any]:
    """The cache entry every article reads (plain data for :mod:`marshal`)."""
    derived = _derived()
    adjective = 1 << derived.class_names.index("ADJ") if "ADJ" in derived.class_names else 0
    bare = sorted(w for w, f in derived.flags.items() if f & (BASE_VERB | PAST_FORM | adjective) == BASE_VERB)
    words = sorted(derived.flags)
    flags = pack(words, map(derived.flags.__getitem__, words))
    return {"classes": derived.class_names, "flags": flags, "bases": derived.bases, "bare": "\n".join(bare)}


def forms_entry() -> tuple[Stored, str]:
    """The cache entry of the verb forms a fix names, read only where a slip may be: the base
    verbs in a word table whose code is a line number, and the lines "VBG\tVBN\tVBD" (an
    empty field for a missing form). Text, not tuples: it loads in a millisecond."""
    forms = _derived().forms
    words = sorted(forms)
    lines = ("\t".join(spelling or "" for spelling in forms[word]) for word in words)
    return pack(words, range(len(words))), "\n".join(lines)


def _from_data(data: Mapping[str, Any]) -> _Table:
    names: list[str] = data["classes"]
    mask = (1 << len(names)) - 1
    class_sets = tuple(frozenset(n for i, n in enumerate(names) if bits >> i & 1) for bits in range(mask + 1))
    bare: str = data["bare"]
    return _Table(WordTable(data["flags"]), class_sets, mask, data["bases"], frozenset(bare.split("\n")))


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _from_data(datacache.cached(_WORDS_ENTRY, _SOURCES, words_entry))


class _FormsTable(NamedTuple):
    lines: WordTable  # base verb -> line number
    forms: list[str]  # "VBG\tVBN\tVBD"

    def get(self, lemma: str) -> Forms | None:
        line = self.lines.get(lemma)
        if line == ABSENT:
            return None
        vbg, vbn, vbd = (spelling or None for spelling in self.forms[line].split("\t"))
        return vbg, vbn, vbd


@lru_cache(maxsize=1)
def _forms() -> _FormsTable:
    lines, forms = datacache.cached(_FORMS_ENTRY, _SOURCES, forms_entry)
    return _FormsTable(WordTable(lines), forms.split("\n"))


# --- look-ups (lower-case words) ----------------------------------------------------------------


def _flags(word: str) -> int:
    found = _table().flags.get(word)
    return 0 if found == ABSENT else found


def classes(word: str) -> frozenset[str]:
    """The universal POS classes the lexicon lists ``word`` under."""
    table = _table()
    return table.class_sets[_flags(word) & table.class_mask]


def _has(word: str, fact: int) -> bool:
    return bool(_flags(word) & fact)


def is_base_verb(word: str) -> bool:
    """``word`` is the base form of a verb the lexicon knows (its own lemma, with an -ing form)."""
    return _has(word, BASE_VERB)


def is_past_form(word: str) -> bool:
    """``word`` is the past tense or past participle of some verb ("set", "read", "found",
    "become"): after "is" it reads as a passive or a complement, never as a slip."""
    return _has(word, PAST_FORM)


def is_past_participle(word: str) -> bool:
    """``word`` is the past participle of some verb ("been", "gone", "known", "said")."""
    return _has(word, PAST_PARTICIPLE)


def is_simple_past(word: str) -> bool:
    """``word`` is a simple past and nothing else a verb can be: not a base form ("found" is a
    verb of its own), not a past participle ("revealed", "got"). The words that have a
    :func:`simple_past_base` are exactly these."""
    return word in _table().bases


def simple_past_base(word: str) -> str | None:
    """The base form of a simple past ("went" -> "go"); None for any other word."""
    return _table().bases.get(word)


def is_plural_noun(word: str) -> bool:
    """A plural noun ("workers", "talks"): the word is a NOUN whose lemma differs from it."""
    return _has(word, PLURAL_NOUN)


def bare_verbs() -> frozenset[str]:
    """Base verbs that are no past form of any verb and not adjectives ("play", "announce"):
    the words that can be the bare verb of "is play"."""
    return _table().bare_verbs


def form(lemma: str, tag: str) -> str | None:
    """The first spelling of a base verb's form ``tag`` (VBG, VBN or VBD); None if it has none
    or ``lemma`` is no base verb."""
    forms = _forms().get(lemma)
    return None if forms is None else forms[_FORM_TAGS.index(tag)]


@lru_cache(maxsize=MEMO_KEPT)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` as wordfreq's ``zipf_frequency`` gives it, which the rules'
    thresholds were set on: to two decimals, and for a word of several tokens ("over-ate",
    a form of "overeat") from its tokens' frequencies, 1/f = 1/f1 + 1/f2 + ..., rounded to
    three significant digits."""
    from newslint.spelling.lexicon import lexicon

    frequencies = lexicon("en")
    parts = _TOKEN_BREAK.split(word)
    if len(parts) == 1:
        return round(frequencies.zipf(word), 2)
    values = [frequencies.zipf(part) for part in parts if part]
    if not values or 0.0 in values:
        return 0.0  # wordfreq's default when a token is unknown
    combined = 1.0 / sum(1.0 / 10 ** (value - 9.0) for value in values)
    combined = round(combined, math.floor(-math.log10(combined)) + 3)
    return round(math.log10(combined) + 9.0, 2)


@lru_cache(maxsize=MEMO_KEPT)
def verbiness(lemma: str) -> float:
    """How much of a verb ``lemma`` is: the Zipf frequency of its -ing form and of its past
    form, each minus that of the base form, whichever is lower. Each alone is fooled by a
    noun of the same spelling ("building", "marketing"; "cost" as a past), so both must be
    high. Around -0.4 for words used mostly as verbs ("play", "offer"); below -0.8 for words
    used mostly as nouns ("work", "trade", "water"). A lean, not a proof."""
    ing = form(lemma, "VBG")
    if ing is None:
        return float("-inf")
    base = zipf(lemma)
    share = zipf(ing) - base
    past = form(lemma, "VBD")
    if past and past != lemma:
        share = min(share, zipf(past) - base)
    return share
