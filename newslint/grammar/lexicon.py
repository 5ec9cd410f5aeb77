"""Word facts from data that ships in packages, loaded lazily and once.

- lemminflect (MIT) holds lemma and inflection tables derived from the SPECIALIST lexicon:
  which classes a word can belong to (NOUN, VERB, ADJ, ADV), a verb's base, -ing, past and
  past-participle forms.
- wordfreq (Apache-2.0 code; its data is CC BY-SA 4.0 and is only read at run time, nothing
  derived from it ships with newslint) gives word frequencies. The grammar rules use them to
  tell a word that is mostly a verb ("play": "playing" is nearly as frequent) from one that is
  mostly a noun ("water": "watering" is a hundred times rarer).

Both imports are deferred to the first look-up, so a run whose text never reaches a grammar
question never loads them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _lemminflect() -> Any:
    import lemminflect

    return lemminflect


@lru_cache(maxsize=1)
def _zipf() -> Any:
    from wordfreq import zipf_frequency

    return zipf_frequency


@lru_cache(maxsize=65536)
def classes(word: str) -> frozenset[str]:
    """The universal POS classes the lexicon lists ``word`` under (lower-case look-up)."""
    lemmas: dict[str, tuple[str, ...]] = _lemminflect().getAllLemmas(word)
    return frozenset(lemmas)


@lru_cache(maxsize=65536)
def verb_lemmas(word: str) -> tuple[str, ...]:
    lemmas: dict[str, tuple[str, ...]] = _lemminflect().getAllLemmas(word, upos="VERB")
    return lemmas.get("VERB", ())


@lru_cache(maxsize=65536)
def inflections(lemma: str) -> dict[str, tuple[str, ...]]:
    """Penn tag -> forms for a verb lemma, with the regular forms filled in where the table
    leaves them out (it omits a VBN equal to the VBD)."""
    lm = _lemminflect()
    table: dict[str, tuple[str, ...]] = dict(lm.getAllInflections(lemma, upos="VERB"))
    for tag in ("VBG", "VBD", "VBN"):
        if tag not in table:
            found = lm.getInflection(lemma, tag=tag, inflect_oov=False)
            if found:
                table[tag] = tuple(found)
    return table


@lru_cache(maxsize=65536)
def is_base_verb(word: str) -> bool:
    """``word`` is the base form of a verb the lexicon knows (its own lemma, with an -ing form)."""
    return word in verb_lemmas(word) and bool(inflections(word).get("VBG"))


@lru_cache(maxsize=65536)
def is_past_form(word: str) -> bool:
    """``word`` is the past tense or past participle of some verb ("set", "read", "found",
    "become"): after "is" it reads as a passive or a complement, never as a slip."""
    for lemma in verb_lemmas(word):
        table = inflections(lemma)
        if word in table.get("VBD", ()) or word in table.get("VBN", ()):
            return True
    return False


@lru_cache(maxsize=65536)
def is_past_participle(word: str) -> bool:
    """``word`` is the past participle of some verb ("been", "gone", "known", "said")."""
    return any(word in inflections(lemma).get("VBN", ()) for lemma in verb_lemmas(word))


@lru_cache(maxsize=65536)
def is_simple_past(word: str) -> bool:
    """``word`` is a simple past and nothing else a verb can be: not a base form ("found" is a
    verb of its own), not a past participle ("revealed", "got")."""
    lemmas = verb_lemmas(word)
    if word in lemmas or is_past_participle(word):
        return False
    return any(word in inflections(lemma).get("VBD", ()) for lemma in lemmas)


def form(lemma: str, tag: str) -> str | None:
    forms = inflections(lemma).get(tag, ())
    return forms[0] if forms else None


@lru_cache(maxsize=65536)
def is_plural_noun(word: str) -> bool:
    """A plural noun ("workers", "talks"): the word is a NOUN whose lemma differs from it."""
    lemmas: dict[str, tuple[str, ...]] = _lemminflect().getAllLemmas(word, upos="NOUN")
    nouns = lemmas.get("NOUN", ())
    return bool(nouns) and word not in nouns


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    value: float = _zipf()(word, "en")
    return value


@lru_cache(maxsize=65536)
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
