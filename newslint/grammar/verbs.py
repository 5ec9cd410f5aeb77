"""A form of "be" followed by a bare verb: "is play hardball", "were announce", "have been try".

The slip is a progressive ("is playing") or a passive ("were announced") that lost its ending.
The hard part is what is *not* a slip, because English reuses base forms everywhere:

- past participles that look like the base form are passives: "is set", "was hit", "is cut",
  "are read", "was put", "has become";
- adjectives and nouns are complements: "is open", "is free", "the answer is change",
  "it is work";
- a bare infinitive is the complement of a pseudo-cleft: "All they did was raise prices",
  "What we need to do is wait";
- after an inverted "be" the next word starts the subject: "Among the dead were aid workers",
  "Why are police officers ...", "There is talk of ...".

So a candidate must be a verb's base form in lemminflect's tables and not a past form of any
verb, must not be listed as an adjective, and the words around it must make the verb reading
the only sensible one. How much context a candidate needs depends on how much of a verb it is:
a word listed only as a verb needs little; a word that is also a noun ("play", "offer") needs
an object after it ("the", "them"), a particle ("out", "back"), or a high verb share of use
(see :func:`newslint.grammar.lexicon.verbiness`) with a noun-like word after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from newslint.document import Document
from newslint.grammar import lexicon
from newslint.grammar.tokens import Token
from newslint.grammar.triggers import BeVerbFinder

BE_FORMS = frozenset({
    "is", "are", "was", "were", "am", "be", "been", "being",
    "isn't", "aren't", "wasn't", "weren't", "isn’t", "aren’t", "wasn’t", "weren’t",
})
# Contractions of "are" and "am" ("we're", "I'm"); "'s" is left alone: it is also "has" and
# the possessive.
BE_SUFFIXES = ("'re", "’re", "'m", "’m")

# Adverbs that may stand between "be" and the verb ("is still play", "are not offer").
_ADVERBS = frozenset({
    "not", "also", "still", "now", "already", "just", "currently", "really", "even", "always",
    "never", "actually", "actively", "reportedly", "apparently", "clearly", "certainly",
    "probably", "finally", "increasingly", "quietly", "reluctantly", "repeatedly", "slowly",
    "steadily", "quickly", "openly", "seriously", "constantly", "continually", "gradually",
})

# Closed-class words and prepositions the lexicon also lists as verbs ("like", "near",
# "down", "except"): after "be" they are never the slip.
_FUNCTION_WORDS = frozenset({
    "like", "unlike", "near", "down", "up", "out", "off", "over", "back", "round", "past",
    "well", "still", "even", "home", "further", "better", "best", "last", "second", "right",
    "wrong", "present", "except", "due", "worth", "about", "above", "after", "before", "behind",
    "below", "beyond", "inside", "outside", "through", "under", "within", "without", "less",
    "more", "much", "only", "just", "all", "both", "each", "either", "neither", "none", "one",
    "so", "too", "very", "yet", "but", "then", "there", "here", "used", "supposed",
    "able", "unable", "around", "against", "toward", "towards", "amid", "among",
    "because", "whether", "if", "when", "where", "while", "that", "this", "what", "which", "who",
    "how", "why", "to", "no", "not", "nor", "as", "at", "by", "for", "from", "in", "into", "of",
    "on", "onto", "upon", "with", "and", "or", "a", "an", "the",
})

# Words the lexicon lists only as verbs and nouns that news uses as adjectives: "is
# complete", "is lead author of the study".
_ADJECTIVES = frozenset({"complete", "key", "lead"})

# A determiner or object pronoun after the candidate: an object, so a verb reading.
_OBJECTS = frozenset({
    "a", "an", "the", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "them", "him", "us", "me", "some", "any", "every", "each", "another", "several", "many",
})
# Particles of phrasal verbs ("roll out", "take back", "hold ... back").
_PARTICLES = frozenset({"out", "up", "back", "down", "off", "away", "around", "aside"})
# Prepositions a verb takes ("prepare to", "opt for", "look into"); nouns take them too
# ("access to", "support for"), so these need a high verb share.
_PREPOSITIONS = frozenset({"to", "for", "with", "on", "at", "in", "into", "about", "from", "over", "through", "across", "toward", "towards"})
_CONJUNCTIONS = frozenset({"and", "or", "but", "nor", "so", "yet"})

# Words before "be" after which the next word is a subject or an existential complement
# ("there is talk", "why are police", "what is change"), never a verb.
_INVERTING = frozenset({
    "there", "here", "where", "when", "why", "how", "what", "whatever", "who", "whom", "whose",
    "nor", "neither", "as", "than", "so", "such",
})
# Nouns whose complement is a bare infinitive that lost its "to" ("the easiest way is just
# rename the file", "the only option was wait"): the fix would be "to", not "-ing".
_PURPOSE_NOUNS = frozenset({
    "way", "thing", "option", "plan", "goal", "aim", "idea", "step", "solution", "answer",
    "priority", "job", "task", "objective", "purpose", "mission", "intention", "strategy",
    "challenge", "alternative", "choice", "move", "rule", "trick", "point", "hope", "advice",
})
# Verbs and auxiliaries after the candidate: it ends a subject ("objects that are not commit
# were involved") or the sentence is garbled beyond a one-word fix.
_FINITE = frozenset({
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "shall", "should", "may", "might", "must", "do", "does", "did",
})
# Subjects that introduce a complement rather than act ("it is work the team did").
_DUMMY_SUBJECTS = frozenset({"it", "this", "these", "those", "what"})
_OPENING_MARKS = frozenset({"(", "[", "{", "“", "‘", '"', "'", "—", "–", ":", ";"})
# Forms of "do": a pseudo-cleft ("All they did was raise prices") ends in one before "be".
_DO_FORMS = frozenset({"do", "does", "did", "done", "doing", "don't", "doesn't", "didn't", "don’t", "doesn’t", "didn’t"})
_CLEFT_OPENERS = frozenset({"what", "whatever"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it"})


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class Slip(NamedTuple):
    be: Token
    verb: Token
    candidates: tuple[str, ...]  # the main fix first ("playing"), then alternatives ("played")


class Thresholds(NamedTuple):
    """Minimum verb share (see :func:`lexicon.verbiness`) a noun-capable word needs, by what
    follows it."""

    verb_only: float = -1.0
    verb_only_end: float = -0.7
    object: float = -1.5
    particle: float = -1.5
    adverb: float = -0.8
    preposition: float = -0.45
    noun: float = -0.45

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Thresholds:
        values = {key: float(options[key]) for key in cls._fields if key in options}
        return cls(**values)


@lru_cache(maxsize=1)
def candidate_words() -> frozenset[str]:
    """Every word :func:`_is_candidate` accepts that can be the bare verb of a slip (lower
    case, letters only): what the pre-check looks for after a form of "be"."""
    closed = _FUNCTION_WORDS | _FINITE | _ADJECTIVES
    return frozenset(w for w in lexicon.bare_verbs() if w.isalpha() and w.islower() and w not in closed)


@lru_cache(maxsize=1)
def _finder() -> BeVerbFinder:
    return BeVerbFinder(BE_FORMS, BE_SUFFIXES, _ADVERBS, candidate_words())


def slip_positions(doc: Document) -> list[int]:
    """Positions in ``doc`` of the forms of "be" that :func:`find_slips` may report (a
    superset: see :mod:`newslint.grammar.triggers`)."""
    return _finder().positions(doc)


def is_be(token: Token) -> bool:
    lower = token.lower
    if lower not in BE_FORMS and not (token.is_word and lower.endswith(BE_SUFFIXES)):
        return False
    return token.text == lower or token.text == lower.capitalize()  # not "IS", "BE": an acronym or a headline


def find_slips(tokens: list[Token], limits: Thresholds) -> Iterator[Slip]:
    for index, token in enumerate(tokens):
        if not token.is_word or not is_be(token):
            continue
        verb_index = _skip_adverbs(tokens, index + 1)
        if verb_index is None:
            continue
        slip = _judge(tokens, index, verb_index, limits)
        if slip is not None:
            yield slip


def _skip_adverbs(tokens: list[Token], index: int) -> int | None:
    while index < len(tokens) and tokens[index].lower in _ADVERBS:
        index += 1
    if index >= len(tokens) or not tokens[index].is_word:
        return None
    return index


def _judge(tokens: list[Token], be_index: int, verb_index: int, limits: Thresholds) -> Slip | None:
    verb = tokens[verb_index]
    word = verb.text
    if not word.isalpha() or not word.islower() or not _is_candidate(word):
        return None
    if _inverted_or_cleft(tokens, be_index):
        return None
    after = tokens[verb_index + 1] if verb_index + 1 < len(tokens) else None
    if not _verb_reading(tokens, be_index, word, after, limits):
        return None
    return Slip(tokens[be_index], verb, _candidates(word, after))


def _is_candidate(word: str) -> bool:
    return (
        word not in _FUNCTION_WORDS
        and word not in _FINITE
        and word not in _ADJECTIVES
        and lexicon.is_base_verb(word)
        and not lexicon.is_past_form(word)
        and "ADJ" not in lexicon.classes(word)
    )


def _inverted_or_cleft(tokens: list[Token], be_index: int) -> bool:
    """The word after "be" starts a subject or is the complement of a pseudo-cleft."""
    if tokens[be_index].lower.endswith(BE_SUFFIXES):
        return False  # "we're", "I'm": the subject is part of the word
    if be_index == 0 or tokens[be_index - 1].text in _OPENING_MARKS:
        return True  # "Is trade ...?", "(are aid ...": the subject follows
    before = tokens[be_index - 1].lower
    if before in _INVERTING:
        return True
    window = [t.lower for t in tokens[max(0, be_index - 3) : be_index]]
    if any(w in _PURPOSE_NOUNS for w in window):
        return True  # "the only option left was retreat": an infinitive without its "to"
    if lexicon.is_past_participle(before) and "NOUN" not in lexicon.classes(before):
        return True  # "Also disallowed are ...", "Gone are ...": the subject follows
    # A pseudo-cleft: a form of "do" just before "be" ("All they did was", "what we need to
    # do is") or a clause opened by "what" whose own verb comes before "be" ("What they
    # want is"; but "what we are missing" is a slip).
    if any(w in _DO_FORMS for w in window):
        return True
    clause = tokens[:be_index]
    for position in range(len(clause) - 1, -1, -1):
        token = clause[position]
        if not token.is_word:
            return False
        if token.lower in _CLEFT_OPENERS:
            return position < be_index - 1 and _finite_verb_before(tokens[be_index - 1])
        # "All we want is ...": "all" opens a cleft only before a pronoun subject.
        if token.lower == "all" and position + 1 < len(clause) and clause[position + 1].lower in _PRONOUNS:
            return True
    return False


def _finite_verb_before(token: Token) -> bool:
    return token.lower not in _PRONOUNS and "VERB" in lexicon.classes(token.lower)


def _verb_reading(tokens: list[Token], be_index: int, word: str, after: Token | None, limits: Thresholds) -> bool:
    """Whether the context leaves only the verb reading for ``word``."""
    share = lexicon.verbiness(word)
    nominal = "NOUN" in lexicon.classes(word) or "ADV" in lexicon.classes(word)
    context = _context(after)
    if not nominal:
        # Only a verb in the lexicon: the slip unless the word is mostly used otherwise, or
        # a participle follows ("is write protected": a compound adjective).
        if after is not None and (after.lower in _FINITE or (after.is_word and lexicon.is_past_participle(after.lower))):
            return False
        # At the end of a clause a lexicon gap ("retreat" is listed only as a verb) would
        # read as a slip, so the word must be clearly verbal there.
        return share >= (limits.verb_only_end if context == "end" else limits.verb_only)
    subject = tokens[be_index - 1].lower
    if context == "object":
        return subject not in _DUMMY_SUBJECTS and share >= limits.object
    if context == "particle":
        return share >= limits.particle
    if context == "adverb":
        return share >= limits.adverb
    if context == "preposition":
        return subject not in _DUMMY_SUBJECTS and share >= limits.preposition
    if context == "noun":
        return subject not in _DUMMY_SUBJECTS and share >= limits.noun
    # End of the clause, a conjunction or a plural noun ("were aid workers"): a noun
    # complement or a compound subject reads as well as the verb.
    return False


def _context(after: Token | None) -> str:
    if after is None or not after.is_word:
        return "end"
    lower = after.lower
    if lower in _OBJECTS:
        return "object"
    if lower in _PARTICLES:
        return "particle"
    if lower == "of" or lower in _CONJUNCTIONS:
        return "end"
    if lower in _PREPOSITIONS:
        return "preposition"
    if lower.endswith("ly") and "ADV" in lexicon.classes(lower):
        return "adverb"
    if lower in _FUNCTION_WORDS or lexicon.is_plural_noun(lower):
        return "end"
    if lower.endswith(("'s", "’s")):
        # "is build environment's": a possessive after a lower-case word continues a noun
        # phrase; after a name it is an object ("is offer Apple's customers").
        return "object" if after.text[:1].isupper() else "end"
    if after.text[:1].isupper():
        # A name after the word is its object ("is offer Prime members", "be join Avinoam").
        return "object"
    if lexicon.classes(lower) and not lexicon.classes(lower) & {"NOUN", "ADJ"}:
        # A verb or an adverb after a noun-capable word: no clear reading.
        return "end"
    return "noun"


def _candidates(word: str, after: Token | None) -> tuple[str, ...]:
    """The progressive first ("is playing"), then the passive ("were announced") unless an
    object follows, which a passive cannot take. Before "to" the passive with an infinitive
    is a set phrase for some verbs ("is expected to", "is scheduled to"), so the more
    frequent form comes first there."""
    ing = lexicon.form(word, "VBG")
    participle = lexicon.form(word, "VBN") or lexicon.form(word, "VBD")
    if _context(after) in ("object", "noun") or participle is None or participle == ing:
        return (ing,) if ing else ()
    if ing is None:
        return (participle,)
    if after is not None and after.lower == "to" and lexicon.zipf(participle) > lexicon.zipf(ing):
        return (participle, ing)
    return (ing, participle)
