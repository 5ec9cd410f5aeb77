"""Cheap pre-checks: where in a text a grammar slip may be, so that only those sentences are
cut into tokens and judged.

Each finder scans the whole text once with a pattern of the standard library's engine (several
times faster than tokenising every sentence) and returns positions inside the tokens a rule
starts from (the "is" of "is play", the "a" of "a hour"). :func:`newslint.grammar.tokens.
sentence_tokens_at` turns them into the sentences that hold them.

A finder may report a place where the rule then finds nothing, but never misses one where it
would find something: each pattern is a superset of its rule's first test. That rests on
three facts, each checked in ``tests/test_grammar.py``:

- sentence bounds never fall inside a token (a sentence starts after a space or a line break
  and ends before one), so a token found in the whole text is the token its sentence holds;
- tokens are separated by whitespace only (any other character is a token of its own), and a
  word token ends before a character that is not a letter, mark, number, apostrophe or hyphen:
  the patterns below test that end with a narrower class, ``[^\\W_]`` (letters and numbers)
  and ``'’-``, so they never reject a real end;
- ``text.lower()`` lower-cases character by character when it keeps the text's length (only
  "İ" grows), so offsets into it are offsets into the text; a text where it does not is
  judged sentence by sentence, as if nothing had been filtered.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from newslint import rx
from newslint.document import Document
from newslint.textutil import alternation

# A word token ends here (see the module docstring: never rejects a real end).
_END = r"(?![^\W_]|['’\-])"
# A word token of letters only, from its first letter (on lower-cased text).
_LETTERS = r"[^\W\d_]+"
_SPACES = " \t\u00a0"  # what the rules accept between two words (``only_spaces_between``)


def everywhere(doc: Document) -> list[int]:
    """A position in every sentence: no filtering at all."""
    return [sentence.start for sentence in doc.sentences]


# --- be + bare verb ---------------------------------------------------------------------------


class BeVerbFinder:
    """A form of "be" (or a contraction ending in "'re"/"'m"), then adverbs, then a word in
    ``candidates`` (lower-case, letters only): where :func:`newslint.grammar.verbs.find_slips`
    can find a slip. Built once (see :func:`newslint.grammar.verbs.slip_positions`)."""

    def __init__(self, forms: Collection[str], suffixes: Collection[str], adverbs: Collection[str], candidates: Collection[str]):
        verb = rf"(?=(?:\s+(?:{alternation(adverbs)}){_END})*+\s+({_LETTERS}))"
        be = alternation(forms)
        # After a space (most: a pattern that opens with a literal is searched fastest), after
        # any other non-letter (other spaces, a mark, a digit, the apostrophe of a
        # contraction), or at the start of the text.
        self._after_space = rx.compile_std(rf" (?:{be}){_END}{verb}")
        after_mark = alternation(set(forms) | {suffix[1:] for suffix in suffixes})
        self._after_mark = rx.compile_std(rf"[^ a-z](?:{after_mark}){_END}{verb}")
        self._at_start = rx.compile_std(rf"(?:{be}){_END}{verb}")
        self._candidates = frozenset(candidates)

    def positions(self, doc: Document) -> list[int]:
        text = doc.lowered
        if text is None:
            return everywhere(doc)
        found = [m.start() + 1 for m in self._after_space.finditer(text) if m.group(1) in self._candidates]
        found += [m.start() + 1 for m in self._after_mark.finditer(text) if m.group(1) in self._candidates]
        start = self._at_start.match(text)
        if start is not None and start.group(1) in self._candidates:
            found.append(0)
        return found


# --- repeated word ------------------------------------------------------------------------------

# A word of letters, then one space or no-break space, then the same word in any case (on the
# lower-cased text: the same characters). The rule reports only such pairs.
_REPEAT = rx.compile_std(rf"(?<![a-z])({_LETTERS})(?=[ \u00a0]\1{_END})")
# The same test on the text's UTF-8 bytes (no-break spaces made spaces), whose classes of
# bytes the engine tests several times faster: a letter is an ASCII letter or any byte of a
# non-ASCII character, and the word ends before any byte but an ASCII letter, digit,
# apostrophe or hyphen. Looser than _REPEAT, never stricter; most texts have no match at all.
# The first word follows a space (a search for a literal: the fastest), another byte that is
# no ASCII letter (the last byte of a mark such as "“" too), or starts the text.
_REPEAT_AFTER_SPACE = rx.compile_std(rb" ([a-z\x80-\xff]++) \1(?![a-z0-9'\-])")
_REPEAT_AFTER_MARK = rx.compile_std(rb"[^ a-z]([a-z\x80-\xff]++) \1(?![a-z0-9'\-])")
_REPEAT_AT_START = rx.compile_std(rb"([a-z\x80-\xff]++) \1(?![a-z0-9'\-])")


def _may_repeat(text: str) -> bool:
    data = text.encode("utf-8", "surrogatepass").replace("\u00a0".encode(), b" ")
    return any(pattern.search(data) for pattern in (_REPEAT_AFTER_SPACE, _REPEAT_AFTER_MARK)) or bool(_REPEAT_AT_START.match(data))


def repeat_positions(doc: Document) -> list[int]:
    text = doc.lowered
    if text is None:
        return everywhere(doc)
    if not _may_repeat(text):
        return []
    return [m.start() for m in _REPEAT.finditer(text)]


# --- a / an -----------------------------------------------------------------------------------

# A token surely ends here: a space, a mark that is no part of a word, or the end.
_SURE_END = r"""(?=[\s.,;:!?)\]}"”/\-]|\Z)"""
# The next words that :func:`newslint.grammar.articles.sound` may say with a vowel (after "a"),
# by their first characters: "a", "i"; "e" but not "eu", "ewe" (nor "Eu" in a name); "o"
# but not "one", "one-", "once" ("Once", a name, is said with a vowel); "u" before a
# consonant ("unusual", "umbrella"), not the letter "U" or a short acronym ("US", "U.S.");
# "8", "11", "18"; "h" silent ("hour", "honest", "heir") or said as a letter ("an HIV
# test", "an h-bomb", "an HR team"); a letter whose name starts with a vowel sound, said as
# a letter: alone, before "-" or ".", or in an acronym ("an F-16", "an MP", "an mRNA"); any
# letter beyond ASCII.
_VOWEL_START = (
    r"[aiAI]|e(?!u|we)|E(?!u[a-z])"
    rf"|(?![oO]ne(?:-|{_SURE_END})|once{_SURE_END})[oO]"
    r"|u(?![aeiou])(?=[^\W\d_])"
    rf"|(?!U[A-Z0-9]{{0,2}}{_SURE_END})U(?![aeiou])(?=[^\W\d_])"
    r"|8|1[18]"
    r"|H(?:[oO][uUnN]|[eE][iI]|(?![a-zAEIOUY]))|h(?:o[un]|ei|(?![a-z]))"
    r"|[FLMNRSX](?![a-zAEIOUY])|[flmnrsx](?![a-z])"
    r"|[^\W\d_\x00-\x7f]"
)
# Words "h" starts with a sound other than a consonant ("hour"), or either ("historic").
_H_NOT_CONSONANT = "our|onest|onor|onour|eir|erb|istor|otel|omage|ereditary|abitual|ysteri|ypothe|umble|eroic"
# The next words it may say with a consonant (after "an"): a word or a number, but not one
# that starts with "a" or "i" (always a vowel), "e" or "o" unless "eu", "ew", "on", "ou"
# ("a European", "a ewe", "a one-off"), "u" unless "uni", "una", "us", "ut"... ("a union",
# "a user"; "an update" is right), "8", "11", "18", a silent or uncertain "h" ("an hour",
# "an historic"), or a short acronym of letters said with a vowel ("an FBI", "an MP").
_CONSONANT_START = (
    r"(?=[^\W_])(?![aAiI])(?![eE](?![uUwW]))(?![oO](?![nNuU]))"
    r"(?![uU](?!n[ia]|[strbkfgzv]|(?![a-z])))"
    r"(?!8|1[18](?![0-9]))"
    rf"(?![hH](?:{_H_NOT_CONSONANT}))"
    rf"(?![FHLMNRSX][A-Z0-9]{{0,2}}{_SURE_END})"
)
# "a"/"an" as a word (no letter before it), spaces, then a next word with the other sound.
_ARTICLE = rx.compile_std(
    rf"[Aa](?:(?<![a-zA-Z].)(?=[{_SPACES}]+(?:{_VOWEL_START}))|n(?<![a-zA-Z]..)(?=[{_SPACES}]+{_CONSONANT_START}))"
)


def article_positions(doc: Document) -> list[int]:
    return [m.start() for m in _ARTICLE.finditer(doc.text)]


# --- modal + of -------------------------------------------------------------------------------

# "of" after a space and before spaces and a word ("could of known"); the modal before it is
# tested on the few places found (a search that opens with the literal "of" is fast).
_OF = rx.compile_std(rf"of(?<=[{_SPACES}]of)(?=[{_SPACES}]+[^\W\d_])")


def modal_of_positions(doc: Document, modals: Collection[str]) -> list[int]:
    """Where a word of ``modals`` (lower case) is followed by spaces and "of" and a word."""
    text = doc.lowered
    if text is None:
        return everywhere(doc)
    endings = tuple(modals)
    found: list[int] = []
    for match in _OF.finditer(text):
        end = match.start()
        while end > 0 and text[end - 1] in _SPACES:
            end -= 1
        if text.endswith(endings, 0, end):
            found.append(end - 1)
    return found


# --- negated do + past --------------------------------------------------------------------------

# "didn't", "doesn't", "don't", or "did"/"does"/"do" + "not", then a word (letters, apostrophes
# and hyphens: "over-took").
_NEGATED_DO = rx.compile_std(rf"d(?:id|oes|o)(?:n['’]t|\s+not){_END}(?=\s+([^\W\d_](?:[^\W_]|['’\-])*))")


def negated_do_positions(doc: Document, is_candidate: Callable[[str], bool]) -> list[int]:
    """Where a negated "do" is followed by a word ``is_candidate`` accepts (lower case)."""
    text = doc.lowered
    if text is None:
        return everywhere(doc)
    return [m.start() for m in _NEGATED_DO.finditer(text) if is_candidate(m.group(1))]
