"""Grammar slips that hold up without a parser: be + bare verb, a repeated word, "a"/"an" by
sound, modal + "of", and do-support with a past form.

Each rule reads one sentence at a time as tokens (see :mod:`newslint.grammar.tokens`), only
the sentences a cheap search of the whole text points at (:mod:`newslint.grammar.triggers`),
and asks lemminflect's tables and wordfreq's frequencies about single words. A rule reports only
where the words around the slip leave one reading; when they do not, it says nothing.
Findings inside quotations are still reported (the engine demotes their fixes to DISPLAY:
quotes are verbatim), except repetition, which in a quote is speech.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from newslint.document import Derived, Document
from newslint.grammar import articles, lexicon, triggers, verbs
from newslint.grammar.tokens import Token, only_spaces_between, sentence_tokens_at
from newslint.model import Applicability, Edit, Fix, Hit, Span
from newslint.packs import Context, Rule


def be_bare_verb(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A form of "be" followed by a bare verb ("is play hardball"): the -ing form is the fix
    (UNSAFE), the past participle is offered as the alternative in the message."""
    return _be_bare_verb(doc, rule.options)


def _be_bare_verb(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    limits = verbs.Thresholds.from_options(options)
    for tokens in sentence_tokens_at(doc, verbs.slip_positions(doc)):
        for slip in verbs.find_slips(tokens, limits):
            if not slip.candidates:
                continue
            main, *others = slip.candidates
            span = Span(slip.be.start, slip.verb.end)
            be_text = doc.text[slip.be.start : slip.be.end]
            suggestion = f"{doc.text[slip.be.start : slip.verb.start]}{main}"
            message = f"'{doc.text[span.start : span.end]}': a bare verb after '{be_text}'; did you mean '{suggestion}'"
            if others:
                message += " or " + " or ".join(f"'{doc.text[slip.be.start : slip.verb.start]}{o}'" for o in others)
            message += "?"
            fix = Fix((Edit(slip.verb.span, main),), Applicability.UNSAFE, f"Replace with '{suggestion}'")
            yield Hit(span, message=message, fix=fix, args={"match": doc.text[span.start : span.end], "replacement": suggestion})


# --- repeated word ----------------------------------------------------------------------

# Doubled articles have no grammatical reading, so removing one cannot change the sense.
_SAFE_REPEATS = frozenset({"the", "a", "an"})
# Words that double in good English ("had had", "that that", "what it is is", "gave her
# her", "logged in in"), reduplications ("bye bye", "knock knock") and emphasis that is a
# matter of style ("very very"). The rule's ``allow`` option adds to these.
_REPEAT_ALLOW = frozenset({
    "had", "that", "is", "her", "do", "in", "on", "out", "up", "off", "over", "down", "by", "no",
    "yes", "so", "very", "really", "many", "much", "more", "far", "long", "now", "well", "bye",
    "ha", "can", "will", "may", "might", "must", "knock", "night", "tut", "pooh", "chop", "go",
})
# Function words always worth reporting when doubled, though the lexicon does not list them.
_FUNCTION_REPEATS = frozenset({
    "the", "a", "an", "of", "to", "and", "or", "for", "with", "from", "at", "as", "was", "were",
    "are", "be", "been", "has", "have", "will", "would", "this", "their", "his", "its", "our",
    "they", "we", "he", "she", "it", "not", "but", "if", "than", "when", "which", "who",
})


def repeated_word(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """The same word twice in a row ("the the"), outside quotations. Words that double in
    good English ("had had", "that that", "what it is is", "gave her her"), reduplicated words
    ("bye bye") and names ("Bora Bora") are not reported; nor are words the lexicon does not
    know, which are mostly names and interjections."""
    return _repeated_word(doc, rule.options)


def _repeated_word(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    allow = _REPEAT_ALLOW | frozenset(str(w).casefold() for w in options.get("allow", ()))
    for tokens in sentence_tokens_at(doc, triggers.repeat_positions(doc)):
        for index in range(len(tokens) - 1):
            first, second = tokens[index], tokens[index + 1]
            if not (first.is_word and second.is_word and first.lower == second.lower):
                continue
            if _in_run(tokens, index):
                continue  # "spam spam spam", "text text text": three or more is deliberate
            if not _reportable_repeat(doc, first, second, allow):
                continue
            span = Span(first.start, second.end)
            if doc.in_quote(span):
                continue  # speech: "We have, we have taken a step back" is what was said
            grade = Applicability.SAFE if first.lower in _SAFE_REPEATS else Applicability.UNSAFE
            fix = Fix((Edit(Span(first.end, second.end), ""),), grade, f"Remove the second '{second.text}'")
            yield Hit(span, fix=fix, args={"match": doc.text[span.start : span.end], "word": second.text})


def _in_run(tokens: list[Token], index: int) -> bool:
    word = tokens[index].lower
    return (index > 0 and tokens[index - 1].lower == word) or (index + 2 < len(tokens) and tokens[index + 2].lower == word)


def _reportable_repeat(doc: Document, first: Token, second: Token, allow: frozenset[str]) -> bool:
    word = first.lower
    if word in allow or not word.isalpha() or doc.text[first.end : second.start] not in (" ", "\u00a0"):
        return False  # tabs and runs of spaces separate table cells, not words of a sentence
    if _in_code(doc.text, first.start, second.end):
        return False
    if second.text[:1].isupper() or (first.text.isupper() and len(first.text) > 1):
        return False  # "Bora Bora", "the The Hague", "AND AND": names and headings
    if len(word) == 1 and word != "a":
        return False  # letters in a list or a formula
    return word in _FUNCTION_REPEATS or bool(lexicon.classes(word))


def _in_code(text: str, start: int, end: int) -> bool:
    """Identifiers and code: "napi_status status", "add_executable(main main.c)"."""
    before = text[start - 1] if start > 0 else " "
    after = text[end : end + 2]
    return before in "_(/\\.@#$<[{=:" or after[:1] in "_(=" or (after[:1] == "." and after[1:2].isalnum())


# --- a / an -------------------------------------------------------------------------------


def article(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """"a" before a vowel sound or "an" before a consonant sound, judged by how the next word
    is said ("an hour", "a university", "an FBI agent", "a US official", "an 18-year-old")."""
    return _article(doc, rule.options)


def _article(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    # "words": the next word is lower case, and its sound follows from the dictionary.
    # "names": an acronym, a number or a capitalised word, whose sound rests on how people
    # say it ("a URL" and "an URL" both exist): a separate, lower-precision rule.
    names = options.get("scope", "words") == "names"
    for tokens in sentence_tokens_at(doc, triggers.article_positions(doc)):
        for index, token in enumerate(tokens[:-1]):
            if not _is_article(tokens, index):
                continue
            following = tokens[index + 1]
            if following.text[:1].islower() == names:
                continue
            expected = _expected_article(doc, token, following)
            if expected is None or expected == token.lower:
                continue
            replacement = expected.capitalize() if token.text[0].isupper() else expected
            grade = Applicability.SAFE if _plain_vowel_word(token, following) else Applicability.UNSAFE
            span = Span(token.start, following.end)
            fix = Fix((Edit(token.span, replacement),), grade, f"Use '{replacement}'")
            message = f"'{token.text} {following.text}': use '{replacement}' before {'a vowel' if expected == 'an' else 'a consonant'} sound"
            yield Hit(span, message=message, fix=fix, args={"match": doc.text[span.start : span.end], "replacement": replacement})


def _is_article(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.text in ("a", "an"):
        return True
    # A capital "A" is the article only where a sentence starts; elsewhere it is a letter
    # ("Plan A", "vitamin A").
    return token.text in ("A", "An") and (index == 0 or tokens[index - 1].text in "“‘\"'([—–")


def _expected_article(doc: Document, token: Token, following: Token) -> str | None:
    if following.kind == "punct" or not only_spaces_between(doc.text, token, following):
        return None
    if token.start > 0 and doc.text[token.start - 1] in "</_=":
        return None  # HTML ("<a id=...>") or an identifier, not an article
    text = following.text
    if following.lower in _NOT_AFTER_ARTICLE:
        return None  # "a" the letter or a typo ("options a and b", "(A AND B)")
    if following.is_word and text.islower():
        if not lexicon.classes(text.split("-")[0]):
            return None  # a foreign word, a typo, or "a" the letter ("a and b")
        if token.lower == "an" and text in _GERMAN_ARTICLES:
            return None  # "Frankfurt an der Oder", "an den Schlüssel"
    found = articles.sound(text)
    if found is None:
        return None
    return "an" if found == articles.VOWEL else "a"


def _plain_vowel_word(token: Token, following: Token) -> bool:
    """"a" before a lower-case dictionary word spelt with a, e, i or o and said that way
    ("a apple", "a early"): no exception list is involved, so "an" is the only reading."""
    text = following.text
    return (
        token.lower == "a"
        and following.is_word
        and text.isalpha()
        and text.islower()
        and text[0] in "aeio"
        and not text.startswith(("eu", "ewe", "one", "once", "ou"))
    )


_GERMAN_ARTICLES = frozenset({"der", "den", "dem", "die", "das", "des"})
# Closed-class words never preceded by the article: "a" here is a letter or a typo.
_NOT_AFTER_ARTICLE = frozenset({
    "and", "or", "but", "of", "to", "in", "on", "at", "is", "are", "was", "were", "the", "an", "a",
    "that", "if", "as", "by", "for", "with", "from", "it", "its", "we", "they", "he", "she", "i",
})


# --- modal + of -----------------------------------------------------------------------------

_MODALS = frozenset({
    "could", "should", "would", "might", "must", "may",
    "couldn't", "shouldn't", "wouldn't", "mightn't", "mustn't",
    "couldn’t", "shouldn’t", "wouldn’t", "mightn’t", "mustn’t",
})
# Words before "might"/"must" that make it a noun ("the might of armed forces").
_NOUN_MAKERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "whose", "of", "sheer", "full"})


def modal_of(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """"could of", "should of", "would of" followed by a past participle: "of" is how
    "'ve" sounds, and "have" is the only reading."""
    return _modal_of(doc, rule.options)


def _modal_of(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    for tokens in sentence_tokens_at(doc, triggers.modal_of_positions(doc, _MODALS)):
        for index in range(len(tokens) - 2):
            modal, of, participle = tokens[index : index + 3]
            if modal.lower not in _MODALS or of.text.lower() != "of" or not participle.is_word:
                continue
            if modal.text == "May" or not participle.text.islower() or not lexicon.is_past_participle(participle.text):
                continue  # "in May of 2019"; "could of course" (course is no participle)
            if index > 0 and _noun_before(tokens[index - 1]):
                continue
            if not (only_spaces_between(doc.text, modal, of) and only_spaces_between(doc.text, of, participle)):
                continue
            replacement = "Have" if of.text[0].isupper() else "have"
            span = Span(modal.start, of.end)
            fix = Fix((Edit(of.span, replacement),), Applicability.SAFE, f"Replace '{of.text}' with '{replacement}'")
            yield Hit(span, fix=fix, args={"match": doc.text[span.start : span.end], "replacement": f"{modal.text} {replacement}"})


def _noun_before(token: Token) -> bool:
    lower = token.lower
    if lower in _NOUN_MAKERS or lower.endswith(("'s", "’s")):
        return True
    return token.is_word and "ADJ" in lexicon.classes(lower) and "NOUN" not in lexicon.classes(lower)


# --- do-support + past ------------------------------------------------------------------------

_MODAL_PASTS = frozenset({"would", "could", "should", "might", "must", "ought"})
_NEGATED_DO = frozenset({"didn't", "doesn't", "don't", "didn’t", "doesn’t", "don’t"})
_DO = frozenset({"did", "does", "do"})


def do_past(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A negated "do" followed by a past form ("didn't went", "did not knew"): after "do" the
    verb takes its base form."""
    return _do_past(doc, rule.options)


def _do_past(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    for tokens in sentence_tokens_at(doc, triggers.negated_do_positions(doc, lexicon.is_simple_past)):
        for index, token in enumerate(tokens):
            verb_index = _after_negated_do(tokens, index)
            if verb_index is None:
                continue
            verb = tokens[verb_index]
            if not verb.is_word or not verb.text.islower() or verb.lower in _MODAL_PASTS:
                continue
            base = lexicon.simple_past_base(verb.text)
            if base is None:
                # Only a simple past that is no participle ("went", "knew"): "those who didn't
                # [vote] revealed ..." is an ellipsis, and "revealed" is a participle too.
                continue
            span = Span(token.start, verb.end)
            fix = Fix((Edit(verb.span, base),), Applicability.UNSAFE, f"Replace '{verb.text}' with '{base}'")
            yield Hit(span, fix=fix, args={"match": doc.text[span.start : span.end], "replacement": base})


def _after_negated_do(tokens: list[Token], index: int) -> int | None:
    lower = tokens[index].lower
    if lower in _NEGATED_DO:
        return index + 1 if index + 1 < len(tokens) else None
    if lower in _DO and index + 2 < len(tokens) and tokens[index + 1].lower == "not":
        return index + 2
    return None


# --- for other backends ----------------------------------------------------------------------

_FINDERS: tuple[Callable[[Document, Mapping[str, Any]], Iterator[Hit]], ...] = (
    _be_bare_verb, _repeated_word, _article, _modal_of, _do_past,
)


def builtin_spans(doc: Document) -> list[Span]:
    """The spans the built-in grammar rules report on ``doc`` (with their default options),
    computed once per document: another grammar backend (LanguageTool) drops what these
    already report, so one slip is reported once."""
    return doc.derived(_BUILTIN_SPANS, _find_builtin_spans)


_BUILTIN_SPANS: Derived[list[Span]] = Derived("grammar built-in spans")


def _find_builtin_spans(doc: Document) -> list[Span]:
    return sorted(hit.span for finder in _FINDERS for hit in finder(doc, {}))
