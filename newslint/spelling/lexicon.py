"""The word data of a language: what is a word, how common it is, what it might be a typo of.

Where the data comes from (nothing is shipped inside newslint, nothing is downloaded):

- **Curated word lists** (is this a real word?): the English dictionary of ``pyspellchecker``
  (MIT; a SCOWL-style list of ~160k words with US spellings, built from OpenSubtitles counts)
  and the 82,765-word frequency dictionary of ``symspellpy`` (MIT; Google Books n-grams
  intersected with SCOWL, with many British spellings). Their union is the lexicon. Both
  files are read from the installed packages; neither package's code is imported.
- **Word frequencies** (how common is it, in Zipf units): ``wordfreq`` (code Apache-2.0, data
  CC BY-SA 4.0, used at run time as a dependency; nothing derived from it is stored).
- **Candidate search**: ``rapidfuzz`` (MIT), optimal-string-alignment distance over the
  lexicon's common words, imported only when a suspicious word is seen.

Three tiers, each loaded only when the one before it cannot decide, so that an article whose
words are all in the lexicon never loads the frequencies or builds the candidate buckets.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import threading
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

SUPPORTED_LANGUAGES = ("en",)

# How many words' candidates a lexicon remembers (oldest forgotten first).
_RECENT = 4096

_ALIASES = {"english": "en", "eng": "en"}

# Edits generated to find distance-1 candidates whatever the first letter (the candidate
# buckets are keyed by first letter, which typos usually keep).
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


class SpellingDataError(RuntimeError):
    """A package that holds spelling data is missing or does not hold the expected file."""


def normalise_language(value: str | None) -> str | None:
    """``"en-GB"``, ``"en_US"``, ``"English"`` -> ``"en"``; empty -> None."""
    if not value or not value.strip():
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].casefold()
    return _ALIASES.get(primary, primary)


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location, *parts)
        if candidate.is_file():
            return candidate
    raise SpellingDataError(
        f"spelling data {'/'.join(parts)} not found in the package '{package}': reinstall newslint with its dependencies"
    )


def _read_pyspellchecker_words() -> Collection[str]:
    path = _package_file("spellchecker", "resources", "en.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data: dict[str, int] = json.load(handle)
    return data.keys()  # a view: as fast to look up as a set, without building one


def _read_symspell_words() -> Collection[str]:
    path = _package_file("symspellpy", "frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as handle:
        return {line.split(" ", 1)[0] for line in handle if line.strip()}


class _Union:
    """Membership in any of several word lists, without building their union."""

    def __init__(self, *parts: Collection[str]):
        self.parts = parts

    def __contains__(self, word: object) -> bool:
        return any(word in part for part in self.parts)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for part in self.parts:
            for word in part:
                if word not in seen:
                    seen.add(word)
                    yield word


@dataclass(frozen=True)
class Candidate:
    word: str
    distance: int


class Lexicon:
    """One language's data. Built once per process (see :func:`lexicon`); thread-safe: each
    tier is loaded under a lock, and lookups only read."""

    def __init__(self, language: str, min_candidate_zipf: float = 2.0):
        if language not in SUPPORTED_LANGUAGES:
            raise SpellingDataError(f"no spelling data for language {language!r}")
        self.language = language
        self.min_candidate_zipf = min_candidate_zipf
        self._lock = threading.RLock()
        self._recent: dict[tuple[str, int], tuple[Candidate, ...]] = {}

    # --- tier 1: the curated word list ------------------------------------------------------

    @cached_property
    def words(self) -> _Union:
        with self._lock:
            return _Union(_read_pyspellchecker_words(), _read_symspell_words())

    def is_word(self, word: str) -> bool:
        """``word`` (lower case, straight apostrophes) is in the curated word list."""
        return word in self.words

    # --- tier 2: frequencies ----------------------------------------------------------------

    @cached_property
    def _frequencies(self) -> dict[str, float]:
        with self._lock:
            import wordfreq

            frequencies: dict[str, float] = wordfreq.get_frequency_dict(self.language)
            return frequencies

    def zipf(self, word: str) -> float:
        """Zipf frequency (log10 of occurrences per billion words) of a lower-case word; 0 if
        wordfreq has never seen it."""
        frequency = self._frequencies.get(word, 0.0)
        return math.log10(frequency) + 9.0 if frequency > 0 else 0.0

    # --- tier 3: candidate search -----------------------------------------------------------

    @cached_property
    def _buckets(self) -> dict[str, list[str]]:
        """Common real words by first letter: what a typo is compared against."""
        with self._lock:
            buckets: dict[str, list[str]] = defaultdict(list)
            for word in self.words:
                if len(word) >= 2 and word.isalpha() and self.zipf(word) >= self.min_candidate_zipf:
                    buckets[word[0]].append(word)
            for bucket in buckets.values():
                bucket.sort()  # a stable order makes ties between candidates reproducible
            return dict(buckets)

    @cached_property
    def _common(self) -> frozenset[str]:
        return frozenset(word for bucket in self._buckets.values() for word in bucket)

    def candidates(self, word: str, max_distance: int) -> list[Candidate]:
        """Common words within ``max_distance`` edits (insertion, deletion, substitution or
        transposition of neighbours) of ``word``. Remembered for the most recent words: the
        same slips recur across the articles of a batch."""
        key = (word, max_distance)
        cached = self._recent.get(key)
        if cached is None:
            cached = self._search(word, max_distance)
            with self._lock:
                if len(self._recent) >= _RECENT:
                    self._recent.pop(next(iter(self._recent)))
                self._recent[key] = cached
        return list(cached)

    def _search(self, word: str, max_distance: int) -> tuple[Candidate, ...]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found: dict[str, int] = {}
        for candidate, distance, _ in process.extract(
            word, self._buckets.get(word[:1], []), scorer=OSA.distance, score_cutoff=max_distance, limit=None
        ):
            if candidate != word:
                found[candidate] = int(distance)
        common = self._common
        for edit in edits1(word):
            if edit in common and edit not in found:
                found[edit] = 1
        return tuple(Candidate(w, d) for w, d in sorted(found.items()))


def edits1(word: str) -> set[str]:
    """Every string one edit from ``word`` (Norvig's generator, with adjacent transpositions)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _ALPHABET]
    inserts = [a + c + b for a, b in splits for c in _ALPHABET]
    return set(deletes + transposes + replaces + inserts)


def distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (pure Python: for the few short pairs the name rules
    compare, without importing the candidate search)."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


@lru_cache(maxsize=65536)
def typing_cost(typo: str, word: str) -> float:
    """How unlikely it is that someone meaning ``word`` typed ``typo``: an edit distance whose
    edits are weighted by how people slip. A dropped letter is the commonest slip, and a
    dropped or added double letter commoner still; swapping neighbours is common; the first
    letter is rarely wrong."""
    # Per-letter costs, computed once instead of in every cell of the table.
    extra = [_EXTRA_DOUBLED if _doubled(typo, i) else _EXTRA for i in range(len(typo))]
    dropped = [_DROPPED_DOUBLED if _doubled(word, j) else _DROPPED for j in range(len(word))]
    extra[:1] = [c + _FIRST for c in extra[:1]]
    previous2: list[float] = []
    previous = [0.0] * (len(word) + 1)
    for j in range(1, len(word) + 1):
        previous[j] = previous[j - 1] + dropped[j - 1] + _FIRST
    for i in range(1, len(typo) + 1):
        first = _FIRST if i == 1 else 0.0
        row = [previous[0] + extra[i - 1]] + [0.0] * len(word)
        t = typo[i - 1]
        for j in range(1, len(word) + 1):
            w = word[j - 1]
            best = previous[j - 1] + (0.0 if t == w else first + 1.0)
            best = min(best, previous[j] + extra[i - 1], row[j - 1] + dropped[j - 1])
            if i > 1 and j > 1 and t != w and t == word[j - 2] and typo[i - 2] == w:
                best = min(best, previous2[j - 2] + _SWAP + (_FIRST if i == 2 else 0.0))
            row[j] = best
        previous2, previous = previous, row
    return previous[-1]


_FIRST = 0.5  # added to any edit of the first letter
_EXTRA, _EXTRA_DOUBLED = 1.0, 0.6  # a letter typed that does not belong (doubling one: cheaper)
_DROPPED, _DROPPED_DOUBLED = 0.8, 0.6  # a letter left out
_SWAP = 0.8  # two neighbours swapped


def _doubled(text: str, i: int) -> bool:
    return (i > 0 and text[i - 1] == text[i]) or (i + 1 < len(text) and text[i + 1] == text[i])


_lexicons: dict[str, Lexicon] = {}
_lexicons_lock = threading.Lock()


def lexicon(language: str) -> Lexicon:
    """The process-wide lexicon of ``language`` (a supported one: see :data:`SUPPORTED_LANGUAGES`)."""
    with _lexicons_lock:
        if language not in _lexicons:
            _lexicons[language] = Lexicon(language)
        return _lexicons[language]
