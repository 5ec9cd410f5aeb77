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
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from newslint.document import Document
from newslint.model import Applicability, Fix, Hit, Span
from newslint.packs import Context, Rule
from newslint.spelling.lexicon import SUPPORTED_LANGUAGES, Lexicon, distance, lexicon, normalise_language, typing_cost
from newslint.spelling.vocabulary import key as word_key
from newslint.spelling.vocabulary import user_words
from newslint.textutil import WORD

DEFAULT_LANGUAGE = "en"

_APOSTROPHES = "'’"
_LATIN = regex.compile(r"^[\p{Latin}\p{M}'’]+$")


def _latin(key: str) -> bool:
    """A word in the Latin script (what an English word list can judge)."""
    return (key.isascii() and key.replace("'", "").isalpha()) or _LATIN.match(key) is not None


# Signs of text decoded with the wrong codec: UTF-8 read as Latin-1 or cp1252, undecodable
# bytes kept as surrogates, replacement characters.
_MOJIBAKE = regex.compile(r"[ÃÂ][\x80-\xbf\u2018-\u203a]|â€|\ufffd|[\udc80-\udcff]")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
# "[sic]" or "(sic)" right after a word, perhaps after closing quotes or punctuation.
_SIC = regex.compile(r"""["'”’»),.;:!?]*\s*[\[(]sic[\])]""", regex.IGNORECASE)
# Characters that make a word part of something else: a handle, a hashtag, a path, an
# identifier, a number with a unit.
_BEFORE_NOT_PROSE = frozenset("@#/\\_=&0123456789")
_AFTER_NOT_PROSE = frozenset("@/\\_=")
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
    plain: dict[str, list[int]] = field(default_factory=dict)  # plain lower-case word -> where it starts
    checked: list[Word] = field(default_factory=list)  # other words to check: compounds, contractions, capitalised first words
    names: list[Word] = field(default_factory=list)  # capitalised words
    counts: Counter[str] = field(default_factory=Counter)  # every word part, any case
    lower_counts: Counter[str] = field(default_factory=Counter)  # written in lower case
    mid_capitalised: set[str] = field(default_factory=set)  # forms seen capitalised mid-sentence
    total: int = 0  # words in the article
    declared: frozenset[str] = frozenset()
    corrections: Mapping[str, str] = field(default_factory=dict)
    foreign: bool = False  # most checkable words unknown: not this language

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


def analyse(doc: Document, ctx: Context) -> Analysis:
    cached: Analysis | None = doc.__dict__.get("_spelling_analysis")
    if cached is not None:
        return cached
    options = _options(ctx)
    language, source = _language(doc, options)
    analysis = Analysis(language, source)
    if analysis.supported:
        analysis.declared = user_words(options, doc.path)
        analysis.corrections = _corrections(options)
        _collect(doc, analysis)
        analysis.foreign = _looks_foreign(analysis, lexicon(language))
    doc.__dict__["_spelling_analysis"] = analysis
    return analysis


# --- tokens ------------------------------------------------------------------------------


def _collect(doc: Document, analysis: Analysis) -> None:
    text = doc.text
    blocked = _non_prose_mask(doc)
    quotes = _QuoteCursor(doc.quotes)
    may_sic = _ANY_SIC.search(text) is not None
    matches = list(WORD.finditer(text))
    for index, match in enumerate(matches):
        token = match.group()
        start, end = match.span()
        if blocked is not None and blocked.find(1, start, end) != -1:
            continue
        if token.isascii() and token.isalpha() and token.islower():
            # Most tokens are plain lower-case words: they are counted here and judged once
            # per word; the tests of where each one stands run only for a word judged a typo.
            if not _glued(text, start, end):
                analysis.counts[token] += 1
                analysis.lower_counts[token] += 1
                analysis.total += 1
                analysis.plain.setdefault(token, []).append(start)
            continue
        if not token.isalpha() and any(ch.isdigit() for ch in token):
            continue
        if _glued(text, start, end) or (may_sic and _SIC.match(text, end)):
            continue
        if _MOJIBAKE.search(text, max(0, start - 1), end + 2):
            continue  # mis-decoded text ("donâ€™t", "Caf\udce9") is the encoding rules' to report
        if _contraction_follows(text, end):
            continue
        mention = _is_mention(text, start, end)
        if token[0].isupper():
            sentence = _sentence(doc, start)
            context = _Context(
                initial=sentence is None or _ALNUM.search(text, sentence.start, start) is None,
                prose_follows=sentence is not None and _LOWER_WORD.search(text, end, sentence.end) is not None,
                previous=_neighbour(text, matches, index - 1, start, before=True),
                following=_neighbour(text, matches, index + 1, end, before=False),
                mention=mention,
                prose=_is_prose(doc, sentence),
            )
        else:
            context = _MENTION if mention else _PROSE
        quoted = quotes.holds(start, end)
        if token.isalpha():
            _add_part(analysis, token, start, context, quoted)
            continue
        offset = start
        for number, part in enumerate(token.split("-")):
            _add_part(analysis, part, offset, context if number == 0 else context.inner(), quoted)
            offset += len(part) + 1


class _QuoteCursor:
    """Whether a span lies inside a quotation, for spans visited in order of position (the
    quotations are sorted and never overlap: one pass instead of a search per word)."""

    def __init__(self, quotes: list[Span]):
        self.quotes = quotes
        self.index = 0

    def holds(self, start: int, end: int) -> bool:
        while self.index < len(self.quotes) and self.quotes[self.index].end <= start:
            self.index += 1
        if self.index == len(self.quotes):
            return False
        quote = self.quotes[self.index]
        return quote.start <= start and end <= quote.end


@dataclass(frozen=True)
class _Context:
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


# The rest of a contraction split from its word ("isn 't", "isn ‘t").
_QUOTE_MARKS = "'’‘`"


def _contraction_follows(text: str, end: int) -> bool:
    """The rest of a contraction follows the word, split off by a stray space ("isn ‘t")."""
    after = text[end : end + 2]
    if not after or not (after[0] in _QUOTE_MARKS or (after[0] == " " and after[1:] in _QUOTE_MARKS and after[1:])):
        return False
    return _CONTRACTION_REST.match(text, end) is not None


_ANY_SIC = regex.compile(r"[\[(]sic[\])]", regex.IGNORECASE)
_CONTRACTION_REST = regex.compile(r"\s?['’‘`](?:t|s|ll|re|ve|d|m)\b", regex.IGNORECASE)
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Ll}")
_OPENING_QUOTES = "\"'“‘«„"
_CLOSING_QUOTES = "\"'”’»“"


def _sentence(doc: Document, start: int) -> Span | None:
    starts: list[int] | None = doc.__dict__.get("_spelling_sentence_starts")
    if starts is None:
        starts = doc.__dict__["_spelling_sentence_starts"] = [s.start for s in doc.sentences]
    index = bisect.bisect_right(starts, start) - 1
    if index < 0 or start >= doc.sentences[index].end:
        return None
    return doc.sentences[index]


def _is_prose(doc: Document, sentence: Span | None) -> bool:
    """A third or more of the words of the sentence (or line) start in lower case. In a
    title-case headline or a menu nearly every word is capitalised, so a capitalised word there
    says nothing of names."""
    if sentence is None:
        return False
    cache: dict[int, bool] = doc.__dict__.setdefault("_spelling_prose", {})
    if sentence.start not in cache:
        initials = [m.group()[0] for m in WORD.finditer(doc.text, sentence.start, sentence.end) if m.group()[0].isalpha()]
        cache[sentence.start] = sum(1 for c in initials if c.islower()) * 3 >= len(initials)
    return cache[sentence.start]


def _neighbour(text: str, matches: list[regex.Match[str]], index: int, edge: int, before: bool) -> str | None:
    """The capitalised word next to a word, when only spaces separate them (a first name
    before a surname, a title before a name)."""
    if index < 0 or index >= len(matches):
        return None
    other = matches[index]
    gap = text[other.end() : edge] if before else text[edge : other.start()]
    word = other.group()
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


def _non_prose_mask(doc: Document) -> bytearray | None:
    """1 for every character inside a URL, e-mail address or HTML comment (protected spans
    other than quotations, which are checked)."""
    quotes = set(doc.quotes)
    spans = [s for s in doc.protected if s not in quotes]
    if not spans:
        return None
    mask = bytearray(len(doc.text))
    for span in spans:
        mask[span.start : span.end] = b"\x01" * len(span)
    return mask


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a handle, hashtag, path, identifier, domain or file name, or a unit after a number."""
    before = text[start - 1] if start > 0 else ""
    if before in _BEFORE_NOT_PROSE:
        return True
    if before == "." and start > 1 and text[start - 2].isalnum():
        return True
    after = text[end] if end < len(text) else ""
    if after in _AFTER_NOT_PROSE:
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _add_part(analysis: Analysis, part: str, offset: int, context: _Context, quoted: bool) -> None:
    possessive = False
    if part.isalpha():
        stripped = part  # the common case: no apostrophe to strip
        key = part if part.islower() else part.casefold()
    else:
        stripped = part.lstrip(_APOSTROPHES)
        offset += len(part) - len(stripped)
        stripped = stripped.rstrip(_APOSTROPHES)
        possessive = stripped[-2:] in ("'s", "’s", "'S", "’S")
        if possessive:
            stripped = stripped[:-2]
        if not stripped or not stripped[0].isalpha():
            return
        key = word_key(stripped)
    analysis.counts[key] += 1
    analysis.total += 1
    if stripped[1:] != stripped[1:].lower():
        return  # all caps, or capitals inside (iPhone, McDonald): not a word to check
    capitalised = stripped[0].isupper()
    if not capitalised:
        analysis.lower_counts[key] += 1
    elif not context.initial:
        analysis.mid_capitalised.add(stripped)
    word = Word(offset, offset + len(stripped), stripped, key, context.initial, quoted, context.previous, context.following)
    if capitalised and context.prose:
        analysis.names.append(word)
    if context.mention:
        return
    if not capitalised:
        analysis.checked.append(word)
    elif context.initial and context.prose_follows and context.following is None and not possessive:
        # A capitalised first word is checked only when prose follows it and no capitalised
        # word does, and it is not a possessive: "Tre Harbison rushed", "– Tur", "Fodor's
        # puts" are names.
        analysis.checked.append(word)


def _looks_foreign(analysis: Analysis, lex: Lexicon) -> bool:
    """Most words unknown: the text is in another language (edited English news stays under
    a tenth unknown, names included; German and French text is near half or more)."""
    keys = [(k, n) for k, n in analysis.counts.items() if len(k) >= 3]
    total = sum(n for _, n in keys)
    if total < _FOREIGN_MIN_WORDS:
        return False
    unknown = sum(n for k, n in keys if not _latin(k) or not (lex.is_word(k) or lex.zipf(k) >= 3.0))
    return unknown / total > _FOREIGN_FRACTION


# --- typos -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    word: str
    distance: int
    score: float
    zipf: float
    in_article: int  # occurrences written in lower case in this article


@dataclass(frozen=True)
class Verdict:
    ranked: tuple[Scored, ...]
    applicability: Applicability
    evidence: str


@dataclass(frozen=True)
class TypoOptions:
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
        for name in cls.__dataclass_fields__:
            option = rule.options.get(name.replace("_", "-"), rule.options.get(name))
            if option is not None:
                values[name] = option
        return cls(**values)


def _candidates(word: Word, analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> list[Scored]:
    max_distance = 1 if len(word.key) <= opts.short_length else 2
    found = {c.word: c.distance for c in lex.candidates(word.key, max_distance)}
    # Words of the article itself that the common-word search does not cover (rare but real
    # words, terms the user declared): the article's own vocabulary is the best evidence.
    from rapidfuzz.distance import OSA

    for other in analysis.lower_counts:
        if other not in found and other != word.key and abs(len(other) - len(word.key)) <= max_distance:
            d = OSA.distance(word.key, other, score_cutoff=max_distance)
            if d <= max_distance and _acceptable(other, analysis, lex, opts):
                found[other] = d
    scored = []
    for candidate, d in found.items():
        zipf = lex.zipf(candidate)
        in_article = analysis.lower_counts.get(candidate, 0) if _telling(zipf, analysis) else 0
        score = zipf - opts.edit_cost * typing_cost(word.key, candidate) + (opts.article_bonus if in_article else 0.0)
        scored.append(Scored(candidate, d, score, zipf, in_article))
    scored.sort(key=lambda s: (-s.score, s.distance, s.word))
    return scored


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
    ranked = _candidates(word, analysis, lex, opts)
    if not ranked:
        return None
    margin = opts.margin + (opts.initial_margin if word.text[0].isupper() else 0.0)
    if ranked[0].score - max(lex.zipf(word.key), opts.unseen_zipf) < margin:
        return None
    return _grade(word, ranked, analysis, lex, opts)


def _grade(word: Word, ranked: list[Scored], analysis: Analysis, lex: Lexicon, opts: TypoOptions) -> Verdict:
    best = ranked[0]
    rivals = ranked[1:]
    own = analysis.counts[word.key]
    pair = _run_together(word.key, lex)
    if pair is not None:
        # "compressicon" is more likely two words that lost their space than a slip for
        # "compression": no correction is offered as a fix to apply.
        return Verdict(tuple(ranked), Applicability.DISPLAY, f"or two words run together: '{pair}'")
    if (
        best.distance == 1
        and best.in_article >= 1
        and analysis.counts[best.word] > own
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
    if not analysis.supported or analysis.foreign:
        return
    opts = TypoOptions.from_rule(rule)
    lex = lexicon(analysis.language)
    verdicts: dict[tuple[str, bool], Verdict | None] = {}
    for key, starts in analysis.plain.items():
        if key in analysis.declared:
            continue
        verdict = verdicts[(key, False)] = judge(Word(0, len(key), key, key, False, False), analysis, lex, opts)
        if verdict is not None:
            for start in starts:
                word = _plain_occurrence(doc, key, start)
                if word is not None:
                    yield _typo_hit(word, verdict)
    for word in analysis.checked:
        if word.key in analysis.declared:
            continue
        if word.text[0].isupper() and word.text in analysis.mid_capitalised:
            continue  # capitalised elsewhere mid-sentence too: a name
        memo = (word.key, word.text[0].isupper())
        if memo not in verdicts:
            verdicts[memo] = judge(word, analysis, lex, opts)
        verdict = verdicts[memo]
        if verdict is not None:
            yield _typo_hit(word, verdict)


def _plain_occurrence(doc: Document, key: str, start: int) -> Word | None:
    """A plain word judged a typo, at one place: unless that place excuses it."""
    text, end = doc.text, start + len(key)
    if _SIC.match(text, end) or _contraction_follows(text, end) or _is_mention(text, start, end):
        return None
    if _MOJIBAKE.search(text, max(0, start - 1), end + 2):
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


@dataclass(frozen=True)
class NamePair:
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
    cached: list[NamePair] | None = doc.__dict__.get("_spelling_name_pairs")
    if cached is not None:
        return cached
    analysis = analyse(doc, ctx)
    pairs: list[NamePair] = []
    if analysis.supported and not analysis.foreign:
        pairs = _find_name_pairs(analysis, lexicon(analysis.language), min_length)
    doc.__dict__["_spelling_name_pairs"] = pairs
    return pairs


def _find_name_pairs(analysis: Analysis, lex: Lexicon, min_length: int) -> list[NamePair]:
    occurrences: dict[str, list[Word]] = {}
    for word in analysis.names:
        if len(word.text) >= min_length and word.text.isalpha() and _latin(word.key) and word.key not in analysis.declared:
            occurrences.setdefault(word.text, []).append(word)
    # Forms sharing a deletion key are within two edits: compare only those.
    by_key: dict[str, set[str]] = {}
    for form in occurrences:
        low = form.casefold()
        for variant in {low, *(low[:i] + low[i + 1 :] for i in range(len(low)))}:
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
    la, lb = a.casefold(), b.casefold()
    if la == lb or _derived(la, lb):
        return None
    translit = _transliteration(la, lb)
    swapped = _transposition(la, lb)
    if distance(la, lb) > (2 if translit else 1):
        return None
    za, zb = lex.zipf(la), lex.zipf(lb)
    # Two spellings that are both common names are two names (Allen/Allan, Jong/Jang); a very
    # common word beside a near form is a word and a name (Partner/Gartner, White/Whyte).
    if min(za, zb) >= _COMMON_NAME_ZIPF or max(za, zb) >= _COMMON_WORD_ZIPF:
        return None
    short, long = sorted((la, lb), key=len)
    if long.startswith(short) and long[-1] != short[-1]:
        return None  # a letter added at the end that does not double the last: another name (Sami/Samir) or word
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
    analysis = analyse(doc, ctx)
    pairs = [p for p in name_pairs(doc, ctx, min_length) if p.established == established]
    if not pairs:
        return
    by_minority = {p.minority: p for p in pairs}
    for word in analysis.names:
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
