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
from functools import cached_property
from pathlib import Path

SUPPORTED_LANGUAGES = ("en",)

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
        transposition of neighbours) of ``word``."""
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
        return [Candidate(w, d) for w, d in sorted(found.items())]


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


def typing_cost(typo: str, word: str) -> float:
    """How unlikely it is that someone meaning ``word`` typed ``typo``: an edit distance whose
    edits are weighted by how people slip. A dropped letter is the commonest slip, and a
    dropped or added double letter commoner still; swapping neighbours is common; the first
    letter is rarely wrong."""
    rows: list[list[float]] = [[0.0] * (len(word) + 1) for _ in range(len(typo) + 1)]
    for i in range(1, len(typo) + 1):
        rows[i][0] = rows[i - 1][0] + _extra_letter(typo, i - 1)
    for j in range(1, len(word) + 1):
        rows[0][j] = rows[0][j - 1] + _dropped_letter(word, j - 1, 0)
    for i in range(1, len(typo) + 1):
        for j in range(1, len(word) + 1):
            same = typo[i - 1] == word[j - 1]
            best = rows[i - 1][j - 1] + (0.0 if same else _FIRST[i == 1] + 1.0)
            best = min(best, rows[i - 1][j] + _extra_letter(typo, i - 1))
            best = min(best, rows[i][j - 1] + _dropped_letter(word, j - 1, i))
            if i > 1 and j > 1 and typo[i - 1] == word[j - 2] and typo[i - 2] == word[j - 1] and not same:
                best = min(best, rows[i - 2][j - 2] + 0.8 + _FIRST[i == 2])
            rows[i][j] = best
    return rows[-1][-1]


_FIRST = {True: 0.5, False: 0.0}


def _extra_letter(typo: str, i: int) -> float:
    """Cost of a letter the typist added at ``typo[i]``."""
    doubled = (i > 0 and typo[i - 1] == typo[i]) or (i + 1 < len(typo) and typo[i + 1] == typo[i])
    return (0.6 if doubled else 1.0) + _FIRST[i == 0]


def _dropped_letter(word: str, j: int, position: int) -> float:
    """Cost of the letter ``word[j]`` the typist left out (before typo position ``position``)."""
    doubled = (j > 0 and word[j - 1] == word[j]) or (j + 1 < len(word) and word[j + 1] == word[j])
    return (0.6 if doubled else 0.8) + _FIRST[position == 0]


_lexicons: dict[str, Lexicon] = {}
_lexicons_lock = threading.Lock()


def lexicon(language: str) -> Lexicon:
    """The process-wide lexicon of ``language`` (a supported one: see :data:`SUPPORTED_LANGUAGES`)."""
    with _lexicons_lock:
        if language not in _lexicons:
            _lexicons[language] = Lexicon(language)
        return _lexicons[language]
