"""Spelling: non-word typos in prose, one name spelled two ways, languages without data.

Names are not typos: a capitalised word is checked only as the first word of a sentence, and
then only when prose follows, no capitalised word follows, it is not possessive, and it
appears nowhere else capitalised mid-sentence; all-caps and mixed-case tokens, words with
digits, URLs, e-mail addresses, @handles, #hashtags, mis-decoded text and words the user
declared are never checked. Words inside quotations are checked, but their fixes are never
applied automatically (the engine demotes them; the message says so), and ``[sic]`` after a
word accepts it.

A word is suspicious when it is in neither the curated word list nor common in wordfreq's
frequencies; it is reported only when a correction explains it much better than chance: a
noisy-channel score (the candidate's Zipf frequency, minus a cost per edit, plus a bonus when
the article itself uses the candidate) must beat the word's own frequency by a margin. The
article's own vocabulary is the strongest evidence, and the only one a SAFE fix rests on.
See ``rules/spelling.toml`` for the thresholds.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import accumulate, chain, compress, filterfalse, repeat
from operator import and_, attrgetter, mul
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary, ref

from newslint import rx
from newslint.document import Derived, Document
from newslint.memo import MEMO_KEPT, Memo, remember
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule
from newslint.spelling.lexicon import SUPPORTED_LANGUAGES, Candidate, Lexicon, distance, lexicon, normalise_language, typing_cost
from newslint.spelling.tokens import Part, Tokens, contraction_follows, mojibake_near, shape
from newslint.spelling.vocabulary import key as word_key
from newslint.spelling.vocabulary import user_words

DEFAULT_LANGUAGE = "en"

_LATIN = rx.compile(r"^[\p{Latin}\p{M}'’]+$")


def _latin(key: str) -> bool:
    """A word in the Latin script (what an English word list can judge)."""
    return (key.isascii() and key.replace("'", "").isalpha()) or _LATIN.match(key) is not None


_ALNUM = rx.compile(r"[\p{L}\p{N}]")
# Longer "words" are identifiers, encoded data or words run together: nothing to correct.
_MAX_WORD = 40
# A text whose checkable words are mostly unknown is not in the language being checked.
_FOREIGN_MIN_WORDS = 20
_FOREIGN_FRACTION = 0.3


@dataclass(slots=True)
class Word:
    """A word (or one hyphen-separated part of a compound) worth looking at."""

    start: int  # the word as written, without a possessive "'s"
    end: int
    text: str
    key: str  # case-folded, straight apostrophes
    initial: bool  # first word of its sentence (or line)
    quoted: bool
    previous: str | None = None  # the capitalised word right before it, if any
    following: str | None = None  # the capitalised word right after it, if any

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass
class Analysis:
    """What every spelling rule needs, computed once per document."""

    language: str
    source: str  # where the language came from: "record", "config" or "default"
    tokens: Tokens | None = None  # the article's tokens (None: a language without data)
    unsure: set[str] = field(default_factory=set)  # the counted tokens not known to be listed plain words
    total: int = 0  # words (word parts) in the article
    declared: frozenset[str] = frozenset()
    corrections: Mapping[str, str] = field(default_factory=dict)
    foreign: bool = False  # most checkable words unknown: not this language
    lower_others: list[str] = field(default_factory=list)  # the counted tokens not plain with parts in lower case

    def count(self, key: str) -> int:
        """How many times the word part ``key`` occurs, any case."""
        return self._plain_count(key) + self._other_counts[0][key]

    def lower_count(self, key: str) -> int:
        """How many times the word part ``key`` is written in lower case."""
        return self._plain_count(key) + self._other_counts[1][key]

    def _plain_count(self, key: str) -> int:
        # The plain tokens are the counted ones not among the others (a Counter reads 0 for a
        # token it does not hold), so the set of them need not be made.
        return self.tokens.counted[key] if self.tokens is not None and key not in self.tokens.others else 0

    @cached_property
    def _other_counts(self) -> tuple[Counter[str], Counter[str]]:
        """The parts of the tokens that are not plain lower case, by key: all, and those
        written in lower case. Counted in C, and only when a word is judged."""
        if self.tokens is None:
            return Counter(), Counter()
        counted, others = self.tokens.counted, self.tokens.others
        shapes = list(map(shape, others))
        times = list(map(counted.__getitem__, others))
        counts = Counter(chain.from_iterable(map(mul, (s.keys for s in shapes), times)))
        lower = Counter(chain.from_iterable(map(mul, (s.lower_keys for s in shapes), times)))
        return counts, lower

    @cached_property
    def lower_words(self) -> list[str]:
        """The words written in lower case (a word may come twice). Neither sorted nor cut by
        length: the candidate search rejects a word of another length at once, for less than
        sorting them costs."""
        if self.tokens is None:
            return []
        plain = filterfalse(self.tokens.others.__contains__, self.tokens.counted)  # Tokens.plain, without making the set
        return list(chain(plain, chain.from_iterable(map(_LOWER_KEYS, map(shape, self.lower_others)))))

    @property
    def supported(self) -> bool:
        return self.language in SUPPORTED_LANGUAGES


def _options(ctx: Context) -> Mapping[str, Any]:
    options = ctx.options.get("spelling", {})
    return options if isinstance(options, Mapping) else {}


def _language(doc: Document, options: Mapping[str, Any]) -> tuple[str, str]:
    record = normalise_language(doc.metadata.language)
    if record:
        return record, "record"
    configured = options.get("language")
    if configured is not None and not isinstance(configured, str):
        raise ValueError("[spelling] 'language' must be a string such as \"en\"")
    configured = normalise_language(configured)
    if configured:
        return configured, "config"
    return DEFAULT_LANGUAGE, "default"


def _corrections(options: Mapping[str, Any]) -> dict[str, str]:
    table = options.get("corrections", {})
    if not isinstance(table, Mapping) or not all(isinstance(v, str) for v in table.values()):
        raise ValueError("[spelling] 'corrections' must be a table of misspelling = \"correction\"")
    return {word_key(k): v for k, v in table.items()}


# What a document's words are, worked out for the first spelling rule to ask.
_ANALYSIS: Derived[Analysis] = Derived("spelling analysis")


def analyse(doc: Document, ctx: Context) -> Analysis:
    return doc.derived(_ANALYSIS, partial(_analyse, ctx=ctx))


def _analyse(doc: Document, ctx: Context) -> Analysis:
    options = _options(ctx)
    language, source = _language(doc, options)
    analysis = Analysis(language, source)
    if analysis.supported:
        analysis.declared = user_words(options, doc.path)
        analysis.corrections = _corrections(options)
        _count(doc, analysis, lexicon(language))
    return analysis


# --- tokens ------------------------------------------------------------------------------


def _count(doc: Document, analysis: Analysis, lex: Lexicon) -> None:
    """Count the words, and weigh how many are unknown (see :func:`_looks_foreign`). Nearly
    all of an article's words are listed lower-case words met in earlier articles: one set
    difference puts them aside (each counts as one part, weighed unless under three letters,
    never unknown). The figures of each other distinct token are looked up in C once it has
    been met, all three packed in one integer (see :meth:`_Memo.weigh`) that one sum adds up.
    Where each word stands is worked out later, and only for the few words a rule needs to
    place; the counts by word too (see :meth:`Analysis.count`)."""
    tokens = analysis.tokens = Tokens(doc)
    counted = tokens.counted
    memo = _memo(lex)
    unsure = analysis.unsure = set(counted).difference(memo.plain_words)
    times = list(map(counted.__getitem__, unsure))
    figures = list(map(memo.weights_of(lex).__getitem__, unsure))
    # The tokens that are not plain are among the unsure ones, told by their figures' first field.
    tokens.others = set(compress(unsure, map(and_, figures, repeat(_OTHER))))
    analysis.lower_others = list(compress(unsure, map(and_, figures, repeat(_OTHER_LOWER))))
    packed = sum(map(mul, times, figures))
    # Every occurrence counts once but those excluded (see Tokens.counted).
    analysis.total = len(tokens.words) - len(tokens.excluded) - sum(times) + ((packed >> _FIELD) & _FIELD_MASK)
    short = sum(map(counted.__getitem__, memo.short_words.intersection(counted))) + ((packed >> (2 * _FIELD)) & _FIELD_MASK)
    unknown = packed >> (3 * _FIELD)
    analysis.foreign = _looks_foreign(analysis.total - short, unknown)


# A token's figures in one integer: whether it is not plain, its word parts, parts under three
# letters, unknown parts, each in a field of its own, wide enough that no text's sums run into
# the next field.
_FIELD = 48
_FIELD_MASK = (1 << _FIELD) - 1
# The first field's bits (its sum is never read): the token is not plain; it is not plain and
# has parts written in lower case ("well-known", "Well-known", "don't").
_OTHER = 1
_OTHER_LOWER = 2


_LOWER_KEYS = attrgetter("lower_keys")


# Records are NamedTuples, not frozen dataclasses: cheaper to define at start-up (~0.15 ms a
# class against ~0.7 ms, and a cold check defined ~60) and to build.
class _Seen(NamedTuple):
    """One counted occurrence of a word part, with what its place says about it."""

    word: Word
    capitalised: bool
    name: bool  # capitalised in prose: what the name rules compare
    checked: bool  # a word the typo rule judges
    mid: bool  # capitalised mid-sentence


def _occurrences(doc: Document, tokens: Tokens, wanted: set[str]) -> list[_Seen]:
    """Every counted occurrence of the parts of the tokens ``wanted``, in order."""
    seen: list[_Seen] = []
    for index in tokens.indices(wanted):
        seen.extend(_visit(doc, tokens, index))
    return seen


def _visit(doc: Document, tokens: Tokens, index: int) -> Iterator[_Seen]:
    token, start, end = tokens.words[index], tokens.start(index), tokens.end(index)
    mention = _is_mention(doc.text, start, end)
    if token[0].isupper():
        context = _capitalised_context(doc, tokens, index, mention)
    else:
        context = _MENTION if mention else _PROSE
    quoted = _quote_holds(doc, start, end)
    for part in shape(token).parts:
        if part.cased:  # all caps or capitals inside (iPhone, McDonald): counted, never checked
            yield _seen(part, start, context.inner() if part.inner else context, quoted)


def _capitalised_context(doc: Document, tokens: Tokens, index: int, mention: bool) -> _Context:
    text, start, end = doc.text, tokens.start(index), tokens.end(index)
    sentence = _sentence(doc, start)
    return _Context(
        initial=_initial(doc, start),
        prose_follows=sentence is not None and _LOWER_WORD.search(text, end, sentence.end) is not None,
        previous=_neighbour(text, tokens, index - 1, start, before=True),
        following=_neighbour(text, tokens, index + 1, end, before=False),
        mention=mention,
        prose=_is_prose(doc, tokens, sentence),
    )


def _seen(part: Part, start: int, context: _Context, quoted: bool) -> _Seen:
    offset = start + part.offset
    word = Word(offset, offset + len(part.text), part.text, part.key, context.initial, quoted, context.previous, context.following)
    # A capitalised first word is checked only when prose follows it and no capitalised
    # word does, and it is not a possessive: "Tre Harbison rushed", "– Tur", "Fodor's puts"
    # are names. A term mentioned in quotation marks ("frunk") is not checked.
    checked = not context.mention and (
        not part.capitalised or (context.initial and context.prose_follows and context.following is None and not part.possessive)
    )
    return _Seen(word, part.capitalised, part.capitalised and context.prose, checked, part.capitalised and not context.initial)


# How far the quotations of each line asked about reach (see _quote_holds).
_QUOTE_REACH: Derived[dict[int, list[int]]] = Derived("spelling quotation reach by line")


def _quote_holds(doc: Document, start: int, end: int) -> bool:
    """Whether the first quotation reaching past ``start`` holds the span: a quotation holds
    a word, looked up by bisection on how far the quotations reach (they come in order).
    Only the quotations of the word's line are read (a quotation never spans a line break,
    and those of earlier lines end before the line starts): most documents place a few words,
    and need not find all their quotations."""
    line = doc.line_index(start)
    quotes = doc.line_quotes(line)
    reaches = doc.memo(_QUOTE_REACH)
    reach = reaches.get(line)
    if reach is None:
        reach = reaches[line] = list(accumulate((q.end for q in quotes), max))
    index = bisect.bisect_right(reach, start)
    if index == len(reach):
        return False
    quote = quotes[index]
    return quote.start <= start and end <= quote.end


class _Context(NamedTuple):
    initial: bool  # first word of its sentence
    prose_follows: bool  # a lower-case word follows in the sentence
    previous: str | None  # the capitalised word right before, if any
    following: str | None  # the capitalised word right after, if any
    mention: bool  # the whole of a quotation: a term mentioned ("frunk"), not used
    prose: bool = True  # a third of the sentence's words are in lower case (not a headline or a menu)

    def inner(self) -> _Context:
        """The context of the second part of a compound: never sentence-initial."""
        return _Context(False, self.prose_follows, self.previous, self.following, self.mention, self.prose)


# The context of a lower-case word: where it stands in its sentence does not matter.
_PROSE = _Context(False, True, None, None, False)
_MENTION = _Context(False, True, None, None, True)


_LOWER_WORD = rx.compile(r"(?<![\p{L}\p{N}])\p{Ll}")
_OPENING_QUOTES = "\"'“‘«„"
_CLOSING_QUOTES = "\"'”’»“"


def _sentence(doc: Document, start: int) -> Span | None:
    index = bisect.bisect_right(doc.sentence_starts, start) - 1
    if index < 0 or start >= doc.sentences[index].end:
        return None
    return doc.sentences[index]


# Per sentence (by its start): where its first letter or digit is, and whether it reads as prose.
_FIRST_ALNUM: Derived[dict[int, int]] = Derived("spelling first letter or digit")
_PROSE_SENTENCES: Derived[dict[int, bool]] = Derived("spelling prose sentences")


def _initial(doc: Document, start: int) -> bool:
    """The word at ``start`` is the first word of its sentence: no letter or digit before it
    in the sentence (or it is in no sentence)."""
    sentence = _sentence(doc, start)
    if sentence is None:
        return True
    firsts = doc.memo(_FIRST_ALNUM)
    first = firsts.get(sentence.start)
    if first is None:
        found = _ALNUM.search(doc.text, sentence.start, sentence.end)
        first = firsts[sentence.start] = found.start() if found is not None else sentence.end
    return first >= start


def _is_prose(doc: Document, tokens: Tokens, sentence: Span | None) -> bool:
    """A third or more of the words of the sentence (or line) start in lower case. In a
    title-case headline or a menu nearly every word is capitalised, so a capitalised word there
    says nothing of names."""
    if sentence is None:
        return False
    cache = doc.memo(_PROSE_SENTENCES)
    if sentence.start not in cache:
        initials = [word[0] for word in tokens.words_in(sentence.start, sentence.end) if word[0].isalpha()]
        cache[sentence.start] = sum(1 for c in initials if c.islower()) * 3 >= len(initials)
    return cache[sentence.start]


def _neighbour(text: str, tokens: Tokens, index: int, edge: int, before: bool) -> str | None:
    """The capitalised word next to a word, when only spaces separate them (a first name
    before a surname, a title before a name)."""
    if index < 0 or index >= len(tokens.words):
        return None
    gap = text[tokens.end(index) : edge] if before else text[edge : tokens.start(index)]
    word = tokens.words[index]
    if gap.strip(" \t") or not word[:1].isupper():
        return None
    return word


def _is_mention(text: str, start: int, end: int) -> bool:
    """The word is all a quotation holds ("a front trunk, or “frunk,”"): a term introduced."""
    if start == 0 or text[start - 1] not in _OPENING_QUOTES:
        return False
    after = end
    while after < len(text) and text[after] in ",.;:!?":
        after += 1
    return after < len(text) and text[after] in _CLOSING_QUOTES


def _looks_foreign(weighed: int, unknown: int) -> bool:
    """Most words unknown: the text is in another language (edited English news stays under
    a tenth unknown, names included; German and French text is near half or more). Only
    words of three letters or more are weighed."""
    return weighed >= _FOREIGN_MIN_WORDS and unknown / weighed > _FOREIGN_FRACTION


class _Memo:
    """What the spelling rules have learnt about words in earlier articles, for one lexicon:
    facts that do not depend on the article, kept in sets and dicts, so that an article's
    words are sorted into what is known and what is new by set operations and look-ups in C."""

    def __init__(self) -> None:
        self.size = 0
        self.weights: Memo[str, int] | None = None  # token -> its figures, packed (see weigh())
        # Plain lower-case words met before that need counting only: listed words, and words
        # under three letters (those too, apart: they are not weighed). No rule reports them.
        self.plain_words: set[str] = set()
        self.short_words: set[str] = set()
        self.known: dict[tuple[int, float], _Known] = {}  # by (min_length, known_zipf)
        self.common_forms: set[str] = set()  # capitalised forms that are common words
        self.uncommon_forms: set[str] = set()
        self.bests: dict[tuple[str, int, float, float], float] = {}  # see best_common()

    def weights_of(self, lex: Lexicon) -> Memo[str, int]:
        """Token -> its figures (see :meth:`weigh`), worked out when first met."""
        if self.weights is None:
            held = ref(lex)  # not the lexicon itself: a memo must not keep its lexicon alive (see _memos)

            def weigh(token: str) -> int:
                found = held()
                assert found is not None  # this memo is reached only through its lexicon
                return self.weigh(token, found)

            self.weights = Memo(weigh)
        return self.weights

    def weigh(self, token: str, lex: Lexicon) -> int:
        """Whether the token is not plain (and whether it has parts written in lower case), how
        many parts it counts for, how many of them are under three letters (not weighed), and
        how many unknown: neither listed nor common, or not Latin. Packed in one integer, a
        field each (see :data:`_FIELD`)."""
        short = unknown = 0
        found = shape(token)
        for key in found.keys:
            if len(key) < 3:
                short += 1
            elif not _latin(key) or not (lex.is_word(key) or lex.zipf(key) >= 3.0):
                unknown += 1
        self.size += 1
        if found.plain and (short or lex.is_word(token)):
            # Counted as one weighed part (or one short one) in every article from now on.
            (self.short_words if short else self.plain_words).add(token)
            self.plain_words.add(token)
        lower = _OTHER_LOWER if found.other and found.lower_keys else 0
        return found.other | lower | len(found.keys) << _FIELD | short << (2 * _FIELD) | unknown << (3 * _FIELD)

    def best_common(self, key: str, reach: int, common: list[Candidate], lex: Lexicon, opts: TypoOptions) -> float:
        """:func:`_best_possible` of the common words near ``key`` (the same in every article)."""
        memo = (key, reach, opts.edit_cost, opts.article_bonus)
        best = self.bests.get(memo)
        if best is None:
            best = self.bests[memo] = _best_possible(key, (c.word for c in common), lex, opts)
            self.size += 1
        return best

    def known_for(self, opts: TypoOptions) -> _Known:
        known = self.known.get((opts.min_length, opts.known_zipf))
        if known is None:  # not setdefault: it would build a _Known at every call
            known = self.known[(opts.min_length, opts.known_zipf)] = _Known()
        return known

    def is_suspect(self, key: str, lex: Lexicon, opts: TypoOptions) -> bool:
        """Whether :func:`judge` may call ``key`` a typo under ``opts``, unless the article
        declares it (or declares a correction for it)."""
        known = self.known_for(opts)
        if key in known.suspects:
            return True
        if key in known.clear:
            return False
        found = opts.min_length <= len(key) <= _MAX_WORD and "'" not in key and key.isascii() and _latin(key)
        found = found and not (lex.is_word(key) or lex.zipf(key) >= opts.known_zipf)
        (known.suspects if found else known.clear).add(key)
        self.size += 1
        return found

    def uncommon(self, forms: set[str], lex: Lexicon) -> list[str]:
        """The forms not so common that they are a word whatever they stand beside ("They",
        "Then"): the only ones that can be one of a pair of spellings (see :func:`_may_pair`)."""
        for form in forms.difference(self.common_forms).difference(self.uncommon_forms):
            (self.common_forms if lex.zipf(form.casefold()) >= _COMMON_WORD_ZIPF else self.uncommon_forms).add(form)
            self.size += 1
        return list(forms & self.uncommon_forms)


@dataclass(slots=True)
class _Known:
    """What :func:`judge` decides about words under one set of options, before any article."""

    suspects: set[str] = field(default_factory=set)  # words it may call typos
    clear: set[str] = field(default_factory=set)  # words it never does
    clear_tokens: set[str] = field(default_factory=set)  # tokens none of whose parts it may
    token_suspects: dict[str, tuple[Part, ...]] = field(default_factory=dict)  # token -> the (cased) parts of it it may


# How many facts a memo holds before it starts again (a batch meets new words all the time):
# each is a word in a set (about 100 bytes), and every worker of a batch holds one memo.
_MEMO_KEPT = 100_000
_memos: WeakKeyDictionary[Lexicon, _Memo] = WeakKeyDictionary()


def _memo(lex: Lexicon) -> _Memo:
    memo = _memos.get(lex)
    if memo is None or memo.size > _MEMO_KEPT:
        memo = _memos[lex] = _Memo()  # a new one, not cleared: another thread may be reading the old one
    return memo


# --- typos -------------------------------------------------------------------------------


class Scored(NamedTuple):
    word: str
    distance: int
    score: float
    zipf: float
    in_article: int  # occurrences written in lower case in this article


class Verdict(NamedTuple):
    ranked: tuple[Scored, ...]
    applicability: Applicability
    evidence: str


class TypoOptions(NamedTuple):
    min_length: int = 3
    known_zipf: float = 3.5  # at least this common (in wordfreq) is a word, listed or not
    unseen_zipf: float = 1.0  # how common a word never seen before is taken to be
    edit_cost: float = 1.5  # Zipf units one edit costs a candidate
    article_bonus: float = 1.0  # Zipf units a candidate gains when the article uses it
    margin: float = 1.0  # the best candidate must beat the word itself by this much
    initial_margin: float = 0.5  # extra margin for a capitalised first word (it may be a name)
    short_length: int = 4  # words this short or shorter get candidates one edit away only
    competitor_zipf: float = 3.0  # another candidate this common one edit away forbids SAFE
    unsafe_gap: float = 1.5  # the best candidate must lead the next by this much for UNSAFE

    @classmethod
    def from_rule(cls, rule: Rule) -> TypoOptions:
        values: dict[str, Any] = {}
        for name in cls._fields:
            option = rule.options.get(name.replace("_", "-"), rule.options.get(name))
            if option is not None:
                values[name] = option
        return cls(**values)


# Each rule's options, read once per rule (~8 µs a read, once per article otherwise), by the
# rule object's identity: the rule is kept beside them, so its id is not reused while they are.
_rule_options: dict[int, tuple[Rule, TypoOptions]] = {}


def _typo_options(rule: Rule) -> TypoOptions:
    found = _rule_options.get(id(rule))
    if found is not None and found[0] is rule:
        return found[1]
    return remember(_rule_options, id(rule), (rule, TypoOptions.from_rule(rule)), 64)[1]


def _reach(word: Word, opts: TypoOptions) -> int:
    """How many edits away a correction may be: one for a short word, two for a longer one."""
    return 1 if len(word.key) <= opts.short_length else 2


def _article_candidates(key: str, reach: int, common: set[str], analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> dict[str, int]:
    """Words of the article itself within ``reach`` edits that the common-word search does
    not cover (rare but real words, terms the user declared): the article's own vocabulary
    is the best evidence. Word -> edits."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found: dict[str, int] = {}
    for other, d, _ in process.extract(key, analysis.lower_words, scorer=OSA.distance, score_cutoff=reach, limit=None):
        if other not in common and other != key and _acceptable(other, analysis, lex, opts):
            found[other] = int(d)
    return found


def _candidates(word: Word, common: list[Candidate], nearby: dict[str, int], analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> list[Scored]:
    found = {c.word: c.distance for c in common}
    found.update(nearby)
    scored = []
    for candidate, d in found.items():
        zipf = lex.zipf(candidate)
        in_article = analysis.lower_count(candidate) if _telling(zipf, analysis) else 0
        score = zipf - opts.edit_cost * typing_cost(word.key, candidate) + (opts.article_bonus if in_article else 0.0)
        scored.append(Scored(candidate, d, score, zipf, in_article))
    scored.sort(key=lambda s: (-s.score, s.distance, s.word))
    return scored


def _best_possible(key: str, candidates: Iterable[str], lex: Lexicon, opts: TypoOptions) -> float:
    """A bound on the best score of the candidates (see :func:`_candidates`), as if the
    article used every one: what decides most words without scoring any in full."""
    best = max((lex.zipf(c) - opts.edit_cost * typing_cost(key, c) for c in candidates), default=-math.inf)
    return best + max(opts.article_bonus, 0.0)


# An article's use of a word is evidence only when the word would appear by chance fewer
# than this many times in a text of the article's length.
_CHANCE = 0.2


def _telling(zipf: float, analysis: Analysis) -> bool:
    """Whether the article's use of a word says anything: a word this article would use by
    chance (expected once or more in a text of its length, like 'the' or 'for') is no evidence."""
    return analysis.total * 10 ** (zipf - 9.0) < _CHANCE


def _acceptable(key: str, analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> bool:
    """A word that needs no checking: declared, listed, or common."""
    return key in analysis.declared or lex.is_word(key) or lex.zipf(key) >= opts.known_zipf


def judge(word: Word, analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> Verdict | None:
    """Whether ``word`` is a typo, its corrections ranked, and how safe the best one is."""
    if word.key in analysis.corrections:
        right = analysis.corrections[word.key]
        return Verdict((Scored(right, 0, 0.0, 0.0, 0),), Applicability.SAFE, "it is a declared misspelling ([spelling] corrections)")
    if not opts.min_length <= len(word.key) <= _MAX_WORD or not _latin(word.key) or "'" in word.key:
        return None
    if _acceptable(word.key, analysis, lex, opts):
        return None
    if not word.key.isascii():
        return None  # a word with accents no list knows is a foreign word ("envoyé"): typing slips add no accents
    reach = _reach(word, opts)
    common = lex.candidates(word.key, reach)
    nearby = _article_candidates(word.key, reach, {c.word for c in common}, analysis, lex, opts)
    margin = opts.margin + (opts.initial_margin if word.text[0].isupper() else 0.0)
    own = max(lex.zipf(word.key), opts.unseen_zipf)
    # The best candidate must beat the word itself by the margin: most words are decided by
    # a bound, before any candidate is scored in full (the common ones' bound is remembered).
    best = max(_memo(lex).best_common(word.key, reach, common, lex, opts), _best_possible(word.key, nearby, lex, opts))
    if best - own < margin:
        return None
    ranked = _candidates(word, common, nearby, analysis, lex, opts)
    if not ranked or ranked[0].score - own < margin:
        return None
    return _grade(word, ranked, analysis, lex, opts)


def _grade(word: Word, ranked: list[Scored], analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> Verdict:
    best = ranked[0]
    rivals = ranked[1:]
    own = analysis.count(word.key)
    pair = _run_together(word.key, lex)
    if pair is not None:
        # "compressicon" is more likely two words that lost their space than a slip for
        # "compression": no correction is offered as a fix to apply.
        return Verdict(tuple(ranked), Applicability.DISPLAY, f"or two words run together: '{pair}'")
    if (
        best.distance == 1
        and best.in_article >= 1
        and analysis.count(best.word) > own
        and not any(r.distance <= 1 and (r.zipf >= opts.competitor_zipf or r.in_article) for r in rivals)
    ):
        times = "once" if best.in_article == 1 else f"{best.in_article} times"
        return Verdict(tuple(ranked), Applicability.SAFE, f"'{best.word}' appears {times} in this article and no other common word is one edit away")
    if not rivals or best.score - rivals[0].score >= opts.unsafe_gap:
        return Verdict(tuple(ranked), Applicability.UNSAFE, _frequency_evidence(best))
    return Verdict(tuple(ranked), Applicability.DISPLAY, "several corrections are plausible")


def _run_together(key: str, lex: Lexicon) -> str | None:
    """``key`` split into two common words of three letters or more, if it can be."""
    for i in range(3, len(key) - 2):
        head, tail = key[:i], key[i:]
        if all(lex.is_word(w) and lex.zipf(w) >= _RUN_TOGETHER_ZIPF for w in (head, tail)):
            return f"{head} {tail}"
    return None


# How common each half of a word must be for the word to be read as two words run together.
_RUN_TOGETHER_ZIPF = 3.0


def _frequency_evidence(best: Scored) -> str:
    edits = "one edit" if best.distance == 1 else f"{best.distance} edits"
    times = "once" if best.in_article == 1 else f"{best.in_article} times"
    where = f", and this article uses it {times}" if best.in_article else ""
    return f"'{best.word}' is {edits} away and far more common{where}"


def _match_case(template: str, word: str) -> str:
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def typo(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """NL501: a word that is not a word, with its likeliest corrections."""
    analysis = analyse(doc, ctx)
    if not analysis.supported or analysis.foreign or analysis.tokens is None:
        return
    opts = _typo_options(rule)
    lex = lexicon(analysis.language)
    # A verdict depends on the word and its case only: judged once per article.
    verdicts: dict[tuple[str, bool], Verdict | None] = {}
    yield from _plain_typos(doc, analysis, analysis.tokens, lex, opts, verdicts)
    yield from _other_typos(doc, analysis, analysis.tokens, lex, opts, verdicts)


_Verdicts = dict[tuple[str, bool], Verdict | None]


def _plain_typos(doc: Document, analysis: Analysis, tokens: Tokens, lex: Lexicon, opts: TypoOptions, verdicts: _Verdicts) -> Iterator[Hit]:
    for key in _plain_suspects(analysis, lex, opts):
        verdict = verdicts[(key, False)] = judge(Word(0, len(key), key, key, False, False), analysis, lex, opts)
        if verdict is not None:
            for index in tokens.indices({key}):
                word = _plain_occurrence(doc, tokens, key, tokens.start(index))
                if word is not None:
                    yield _typo_hit(word, verdict)


def _other_typos(doc: Document, analysis: Analysis, tokens: Tokens, lex: Lexicon, opts: TypoOptions, verdicts: _Verdicts) -> Iterator[Hit]:
    """Compounds, contractions, words with accents, capitalised first words of sentences."""
    checkable = _tokens_to_check(analysis, tokens, lex, opts)
    if not checkable:
        return
    indices = tokens.indices(set(checkable))
    # A capitalised form seen mid-sentence is a name wherever it stands: decided from where
    # each occurrence stands in its sentence, before placing any occurrence in full, and
    # only until one occurrence is found mid-sentence (a name recurs).
    mid: set[str] = set()
    for i in indices:
        for part in shape(tokens.words[i]).parts:
            if part.cased and part.capitalised and part.text not in mid and not _initial_part(doc, tokens, i, part):
                mid.add(part.text)
    for index in indices:
        if not any(_may_be_checked(doc, tokens, index, part, mid) for part in checkable[tokens.words[index]]):
            continue
        for occurrence in _visit(doc, tokens, index):
            word = occurrence.word
            if not occurrence.checked or word.key in analysis.declared:
                continue
            if occurrence.capitalised and word.text in mid:
                continue  # capitalised elsewhere mid-sentence too: a name
            memo = (word.key, occurrence.capitalised)
            if memo not in verdicts:
                verdicts[memo] = judge(word, analysis, lex, opts)
            verdict = verdicts[memo]
            if verdict is not None:
                yield _typo_hit(word, verdict)


def _initial_part(doc: Document, tokens: Tokens, index: int, part: Part) -> bool:
    """The part is the first word of its sentence (see :func:`_capitalised_context`): placed
    and looked up in its sentence only when what separates it from the word before may end
    a sentence (most capitalised words follow a word and a space)."""
    return not part.inner and tokens.words[index][0].isupper() and tokens.sentence_may_start(index) and _initial(doc, tokens.start(index))


def _may_be_checked(doc: Document, tokens: Tokens, index: int, part: Part, mid: set[str]) -> bool:
    """A part that may be a typo may be judged here: a capitalised one only as the first
    word of a sentence, and only when it is nowhere capitalised mid-sentence."""
    return not part.capitalised or (part.text not in mid and _initial_part(doc, tokens, index, part))


def _tokens_to_check(analysis: Analysis, tokens: Tokens, lex: Lexicon, opts: TypoOptions) -> dict[str, tuple[Part, ...]]:
    """The tokens that are not plain lower case with parts :func:`judge` may call typos, and
    those parts: the only tokens whose occurrences need placing. Most are cleared once per
    process."""
    memo = _memo(lex)
    known = memo.known_for(opts)
    declared, corrections = analysis.declared, analysis.corrections
    checkable: dict[str, tuple[Part, ...]] = {}
    candidates = tokens.others if corrections else tokens.others - known.clear_tokens
    for token in candidates:
        parts = known.token_suspects.get(token)
        if parts is None:
            keys = {p.key for p in shape(token).parts if p.cased and memo.is_suspect(p.key, lex, opts)}
            parts = known.token_suspects[token] = tuple(p for p in shape(token).parts if p.cased and p.key in keys)
            memo.size += 1
            if not parts:
                known.clear_tokens.add(token)
        if corrections:
            parts = tuple(p for p in shape(token).parts if p.cased and (p.key in corrections or (p in parts and p.key not in declared)))
        elif declared:
            parts = tuple(p for p in parts if p.key not in declared)
        if parts:
            checkable[token] = parts
    return checkable


def _plain_suspects(analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> list[str]:
    """The plain lower-case words of the article that :func:`judge` may call typos: found by
    set operations, since nearly all of them were met and cleared in earlier articles."""
    tokens = analysis.tokens
    assert tokens is not None
    memo = _memo(lex)
    known = memo.known_for(opts)
    # Listed words are never typos, nor are words under three letters at the usual minimum
    # length: only the plain words among the article's unsure tokens need a look.
    maybe = analysis.unsure - tokens.others if opts.min_length >= 3 else tokens.plain
    unclear = maybe - known.clear  # nearly all of them were cleared in earlier articles
    for key in unclear - known.suspects:
        memo.is_suspect(key, lex, opts)
    found = unclear & known.suspects
    if analysis.corrections:
        found |= tokens.plain & analysis.corrections.keys()
    return sorted(found - analysis.declared)


def _plain_occurrence(doc: Document, tokens: Tokens, key: str, start: int) -> Word | None:
    """A plain word judged a typo, at one place: unless that place excuses it."""
    text, end = doc.text, start + len(key)
    if tokens.sic_follows(end) or contraction_follows(text, end) or _is_mention(text, start, end):
        return None
    if mojibake_near(text, start, end):
        return None
    return Word(start, end, key, key, False, doc.in_quote(Span(start, end)))


def _typo_hit(word: Word, verdict: Verdict) -> Hit:
    best = _match_case(word.text, verdict.ranked[0].word)
    others = [_match_case(word.text, s.word) for s in verdict.ranked[1:3]]
    if verdict.applicability is Applicability.DISPLAY and others:
        suggestion = "did you mean " + ", ".join(f"'{w}'" for w in [best, *others[:-1]]) + f" or '{others[-1]}'?"
    else:
        suggestion = f"did you mean '{best}'?"
    message = f"'{word.text}' looks misspelt: {suggestion} ({verdict.evidence})"
    if word.quoted:
        message += "; it is inside a quotation, and quotes are verbatim: never fixed automatically ([sic] after it accepts it)"
    fix = Fix.replace(word.span, best, verdict.applicability, f"Replace with '{best}'")
    return Hit(word.span, message=message, fix=fix, args={"match": word.text, "replacement": best})


# --- names -------------------------------------------------------------------------------

# Endings that make another word from a name (Russia/Russian, Trump/Trumps), not another spelling.
_DERIVED = ("s", "es", "n", "an", "ian", "ans", "ians", "ese", "i", "is", "ic", "ics", "ish", "ism", "ist", "ists", "ite", "ites", "ia")
_TRANSLIT_LETTERS = frozenset("aeiouyjh")


class NamePair(NamedTuple):
    minority: str
    majority: str
    minority_count: int
    majority_count: int
    established: bool  # both spellings are in use (a transliteration), not a slip
    decided: bool  # one spelling clearly dominates, so the fix has a direction


def _derived(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in _DERIVED


def _transliteration(a: str, b: str) -> bool:
    """The spellings differ only in vowels, y/j/h, or a doubled letter (Zelensky/Zelenskyy,
    Kyiv/Kiev, Gaddafi/Ghaddafi), as transliterations do; a transposition or a changed
    consonant is a slip."""
    if len(a) == len(b):
        diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return bool(diffs) and all(x in _TRANSLIT_LETTERS and y in _TRANSLIT_LETTERS for x, y in diffs)
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = sorted((a, b), key=len)
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            extra = long[i]
            doubled = (i > 0 and long[i - 1] == extra) or (i + 1 < len(long) and long[i + 1] == extra)
            if extra in _TRANSLIT_LETTERS or doubled:
                return True
    return False


def name_pairs(doc: Document, ctx: Context, min_length: int = 4) -> list[NamePair]:
    return _names_and_pairs(doc, ctx, min_length)[1]


# The names of a document with a near spelling in it, and its pairs of spellings of one name.
_NAME_PAIRS: Derived[tuple[list[Word], list[NamePair]]] = Derived("spelling name pairs")


def _names_and_pairs(doc: Document, ctx: Context, min_length: int) -> tuple[list[Word], list[NamePair]]:
    """The occurrences of the names that have a near spelling in the article, and the pairs
    of spellings that are one name spelled two ways."""
    return doc.derived(_NAME_PAIRS, partial(_find_names_and_pairs, ctx=ctx, min_length=min_length))


def _find_names_and_pairs(doc: Document, ctx: Context, min_length: int) -> tuple[list[Word], list[NamePair]]:
    analysis = analyse(doc, ctx)
    names: list[Word] = []
    pairs: list[NamePair] = []
    if analysis.supported and not analysis.foreign and analysis.tokens is not None:
        names = _near_names(doc, analysis, analysis.tokens, min_length)
        pairs = _find_name_pairs(names, analysis, lexicon(analysis.language), min_length)
    return names, pairs


def _near_names(doc: Document, analysis: Analysis, tokens: Tokens, min_length: int) -> list[Word]:
    """The occurrences, in order, of the capitalised words in prose that may be one name
    spelled two ways: forms within two edits of another form that are not, on their own, two
    different words or names (see :func:`_may_pair`). Only those can make a pair."""
    lex = lexicon(analysis.language)
    memo = _memo(lex)
    # Forms already known to be common words ("They", "There") are dropped before anything else.
    name_forms = _name_forms(min_length)
    forms = set(chain.from_iterable(map(name_forms.__getitem__, tokens.others))).difference(memo.common_forms)
    if analysis.declared:
        forms = {form for form in forms if form.casefold() not in analysis.declared}
    if len(forms) < 2 or not _any_near(forms):
        return []  # the common case
    near = {form for a, b in _near_forms(memo.uncommon(forms, lex)) if _may_pair(a, b, lex) for form in (a, b)}
    if not near:
        return []
    wanted = {token for token in tokens.others if not near.isdisjoint(name_forms[token])}
    return [s.word for s in _occurrences(doc, tokens, wanted) if s.name and s.word.text in near]


@lru_cache(maxsize=8)
def _name_forms(min_length: int) -> Memo[str, tuple[str, ...]]:
    """Token -> the parts of it the name rules may compare, wherever it stands: capitalised
    words of letters only, of ``min_length`` letters or more, in the Latin script."""

    def forms(token: str) -> tuple[str, ...]:
        return tuple(p.text for p in shape(token).parts if p.cased and p.capitalised and len(p.text) >= min_length and p.text.isalpha() and _latin(p.key))

    return Memo(forms)


def _name_form(text: str, key: str, analysis: Analysis, min_length: int) -> bool:
    """A form the name rules compare: long enough, letters only, Latin, not declared."""
    return len(text) >= min_length and text.isalpha() and _latin(key) and key not in analysis.declared


def _any_near(forms: Iterable[str]) -> bool:
    """Two of the forms share a deletion key (counted in C)."""
    keys = list(map(_form_keys.__getitem__, forms))
    return len(set(chain.from_iterable(keys))) < sum(map(len, keys))


def _near_forms(forms: list[str]) -> set[tuple[str, str]]:
    """The pairs of forms (``a < b``) that share a deletion key, so are within two edits."""
    keys = list(map(_form_keys.__getitem__, forms))
    every = Counter(chain.from_iterable(keys))
    shared = {key for key, times in every.items() if times > 1}
    by_key: dict[str, list[str]] = {}
    for form, form_keys in zip(forms, keys, strict=True):
        for key in shared.intersection(form_keys):
            by_key.setdefault(key, []).append(form)
    return {(a, b) for group in by_key.values() for a in group for b in group if a < b}


# A form's deletion keys take about 600 bytes (a string for each letter), so fewer are kept
# than of other memos.
_FORMS_KEPT = 16_384


@lru_cache(maxsize=_FORMS_KEPT)
def _deletion_keys(low: str) -> tuple[str, ...]:
    """A form and every string one deletion from it: two forms sharing one are within two edits."""
    return tuple({low, *(low[:i] + low[i + 1 :] for i in range(len(low)))})


# A form -> its deletion keys, without regard to case: a memo read in C (a hit costs about half
# an lru_cache hit, which also keeps the cache's order up to date).
_form_keys: Memo[str, tuple[str, ...]] = Memo(lambda form: _deletion_keys(form.casefold()), limit=_FORMS_KEPT)


def _find_name_pairs(names: Iterable[Word], analysis: Analysis, lex: Lexicon, min_length: int) -> list[NamePair]:
    occurrences: dict[str, list[Word]] = {}
    for word in names:
        if _name_form(word.text, word.key, analysis, min_length):
            occurrences.setdefault(word.text, []).append(word)
    # Forms sharing a deletion key are within two edits: compare only those.
    by_key: dict[str, set[str]] = {}
    for form in occurrences:
        for variant in _deletion_keys(form.casefold()):
            by_key.setdefault(variant, set()).add(form)
    seen: set[tuple[str, str]] = set()
    pairs: list[NamePair] = []
    for group in by_key.values():
        for a in sorted(group):
            for b in sorted(group):
                if a >= b or (a, b) in seen:
                    continue
                seen.add((a, b))
                pair = _name_pair(a, b, occurrences, lex)
                if pair is not None:
                    pairs.append(pair)
    return pairs


def _name_pair(a: str, b: str, occurrences: Mapping[str, list[Word]], lex: Lexicon) -> NamePair | None:
    if not _may_pair(a, b, lex):
        return None
    la, lb = a.casefold(), b.casefold()
    translit = _transliteration(la, lb)
    swapped = _transposition(la, lb)
    za, zb = lex.zipf(la), lex.zipf(lb)
    if _different_people(occurrences[a], occurrences[b], lex):
        return None
    ca, cb = len(occurrences[a]), len(occurrences[b])
    majority, minority = (a, b) if (ca, za) >= (cb, zb) else (b, a)
    if not translit and lex.is_word(minority.casefold()):
        return None  # a real word is not a slip of a name
    if lex.is_word(minority.casefold()) and lex.zipf(majority.casefold()) < _ESTABLISHED_ZIPF:
        return None  # never respell a word as a form nobody uses: that form is the typo (NL501's)
    cmaj, cmin = len(occurrences[majority]), len(occurrences[minority])
    decided = cmaj > cmin or lex.zipf(majority.casefold()) - lex.zipf(minority.casefold()) >= 1.0
    established = translit and not swapped
    return NamePair(minority, majority, cmin, cmaj, established, decided)


@lru_cache(maxsize=MEMO_KEPT)
def _may_pair(a: str, b: str, lex: Lexicon) -> bool:
    """What decides that two forms are not one name spelled two ways, whatever the article:
    the same word, a derived form, too far apart, two common names or words, a letter added
    at the end."""
    la, lb = a.casefold(), b.casefold()
    if la == lb or _derived(la, lb):
        return False
    translit = _transliteration(la, lb)
    if distance(la, lb) > (2 if translit else 1):
        return False
    za, zb = lex.zipf(la), lex.zipf(lb)
    # Two spellings that are both common names are two names (Allen/Allan, Jong/Jang); a very
    # common word beside a near form is a word and a name (Partner/Gartner, White/Whyte).
    if min(za, zb) >= _COMMON_NAME_ZIPF or max(za, zb) >= _COMMON_WORD_ZIPF:
        return False
    short, long = sorted((la, lb), key=len)
    # A letter added at the end that does not double the last: another name (Sami/Samir) or word.
    return not (long.startswith(short) and long[-1] != short[-1])


# Zipf frequency from which a capitalised form is a common name or word in its own right,
# and from which it is at least an established spelling.
_COMMON_NAME_ZIPF = 3.3
# A form this common is a word (Paper, Partner, White) or a famous name, whatever it sits beside.
_COMMON_WORD_ZIPF = 4.5
_ESTABLISHED_ZIPF = 2.0


def _transposition(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def _different_people(first: list[Word], second: list[Word], lex: Lexicon) -> bool:
    """Both spellings sit next to names, and never the same ones: two first names with
    different surnames (Andriy Yermak, Andrei Kartapolov), two surnames with different first
    names. Titles and other common words ("President") say nothing."""

    def names(words: list[Word], side: str) -> set[str]:
        found = {getattr(w, side) for w in words}
        return {n for n in found if n and not (lex.is_word(n.casefold()) and lex.zipf(n.casefold()) >= _COMMON_NAME_ZIPF)}

    for side in ("previous", "following"):
        one, other = names(first, side), names(second, side)
        if one and other and not one & other:
            return True
    return False


def _name_hits(doc: Document, ctx: Context, established: bool, min_length: int) -> Iterator[Hit]:
    names, found = _names_and_pairs(doc, ctx, min_length)
    pairs = [p for p in found if p.established == established]
    if not pairs:
        return
    # A form near two spellings ("Jony": "Sony" and "Jong") is read as a slip of the one the
    # article uses most (then the first in alphabetical order). The pairs come in an order that
    # depends on string hashing, so this choice must not rest on it.
    by_minority: dict[str, NamePair] = {}
    for candidate in pairs:
        best = by_minority.get(candidate.minority)
        if best is None or (-candidate.majority_count, candidate.majority) < (-best.majority_count, best.majority):
            by_minority[candidate.minority] = candidate
    for word in names:
        pair = by_minority.get(word.text)
        if pair is None or (established and word.quoted):
            continue  # a quotation may follow its source's spelling of a name
        times = "once" if pair.majority_count == 1 else f"{pair.majority_count} times"
        if established:
            message = f"'{word.text}' and '{pair.majority}' are both spellings of this name, and this article uses both ('{pair.majority}' {times}): use one"
        else:
            message = f"'{word.text}' is probably a slip: this article spells it '{pair.majority}' {times}"
        grade = Applicability.UNSAFE if pair.decided else Applicability.DISPLAY
        if not pair.decided:
            message += " (no spelling is in the majority)"
        if word.quoted:
            message += "; it is inside a quotation, and quotes are verbatim: never fixed automatically"
        fix = Fix.replace(word.span, pair.majority, grade, f"Use '{pair.majority}'")
        yield Hit(word.span, message=message, fix=fix, args={"match": word.text, "replacement": pair.majority})


def name_variant(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """NL502: a name spelled one way in most of the article and slightly differently here."""
    return _name_hits(doc, ctx, established=False, min_length=int(rule.options.get("min_length", 4)))


def name_inconsistent(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """NL503: two established spellings (transliterations) of one name in one article."""
    return _name_hits(doc, ctx, established=True, min_length=int(rule.options.get("min_length", 4)))


# --- languages ---------------------------------------------------------------------------


def language(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """NL504: once per article, that its spelling was not checked, and why."""
    analysis = analyse(doc, ctx)
    supported = ", ".join(SUPPORTED_LANGUAGES)
    if not analysis.supported:
        where = {"record": "the record's language field", "config": "[spelling] language", "default": "the default"}[analysis.source]
        yield Hit(Span(0, 0), message=f"spelling not checked: no spelling data for language '{analysis.language}' (from {where}); newslint has data for: {supported}")
    elif analysis.foreign:
        yield Hit(
            Span(0, 0),
            message=f"spelling not checked: too many words are unknown in '{analysis.language}' for this to be {analysis.language} text; give its language (the record's 'language' field, or [spelling] language)",
        )
