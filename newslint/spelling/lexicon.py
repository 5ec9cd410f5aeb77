"""The word data of a language: what is a word, how common it is, what it might be a typo of.

Where the data comes from (nothing is shipped inside newslint, nothing is downloaded):

- **Curated word lists** (is this a real word?): the English dictionary of ``pyspellchecker``
  (MIT; a SCOWL-style list of ~160k words with US spellings, built from OpenSubtitles counts)
  and the 82,765-word frequency dictionary of ``symspellpy`` (MIT; Google Books n-grams
  intersected with SCOWL, with many British spellings). Their union is the lexicon. Both
  files are read from the installed packages; neither package's code is imported.
- **Word frequencies** (how common is it, in Zipf units): ``wordfreq`` (code Apache-2.0, data
  CC BY-SA 4.0, used at run time as a dependency; nothing derived from it ships with newslint).
- **Candidate search**: ``rapidfuzz`` (MIT), optimal-string-alignment distance over the
  lexicon's common words, imported only when a suspicious word is seen.

Three tiers, each loaded only when the one before it cannot decide, so that an article whose
words are all in the lexicon never loads the frequencies or the candidate index.

Each tier is derived once from the installed packages and kept in the user's cache (see
:mod:`newslint.datacache`) as compact sorted tables (:mod:`newslint.spelling.tables`): a
fresh process reads a few megabytes of bytes instead of decoding the packages' files, and
does not import wordfreq at all. The cached and the freshly built tables hold the same data.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain, compress, islice, repeat
from operator import eq
from pathlib import Path
from typing import TypeVar

from newslint import datacache
from newslint.memo import MEMO_KEPT, Memo
from newslint.spelling.tables import ABSENT, Stored, WordTable, pack
from newslint.spelling.tables import FORMAT as TABLE_FORMAT

SUPPORTED_LANGUAGES = ("en",)

# How many words' candidates a lexicon remembers (oldest forgotten first).
_RECENT = 4096

_ALIASES = {"english": "en", "eng": "en"}

# Edits generated to find distance-1 candidates whatever the first letter (the candidate
# buckets are keyed by first letter, which typos usually keep).
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

# The packages each tier is derived from (distribution names: the cache is keyed by their versions).
_WORD_SOURCES = ("pyspellchecker", "symspellpy")
_FREQUENCY_SOURCES = ("wordfreq",)
# Change a revision whenever what its tier's build returns changes.
_WORDS_REVISION = 2
_FREQUENCIES_REVISION = 2
_CANDIDATES_REVISION = 1

T = TypeVar("T")


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


def _read_pyspellchecker_words() -> list[str]:
    path = _package_file("spellchecker", "resources", "en.json.gz")
    # One decompression and one parse: faster than streaming the gzip file into json.
    data: dict[str, int] = json.loads(gzip.decompress(path.read_bytes()))
    return list(data)


def _read_symspell_words() -> list[str]:
    path = _package_file("symspellpy", "frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as handle:
        return [line.split(" ", 1)[0] for line in handle if line.strip()]


def _read_listed_words() -> list[str]:
    """The union of the curated word lists, sorted."""
    words = _read_pyspellchecker_words()
    extra = set(_read_symspell_words()).difference(words)
    # pyspellchecker's list comes sorted and symspellpy adds a few thousand words: sorting
    # one long run and a short tail is nearly linear.
    return sorted([*words, *extra])


def _read_frequency_buckets(language: str) -> list[list[str]]:
    """wordfreq's words by frequency: bucket ``i`` holds the words of frequency ``-i`` centibels
    (what ``wordfreq.get_frequency_list(language)`` returns). Read from wordfreq's data file
    with msgpack (wordfreq's own dependency), as wordfreq reads it: importing wordfreq itself
    costs more than reading its data. Its API is the fallback when the file is not as expected."""
    for size in ("large", "small"):  # wordfreq's "best" list: the large one where there is one
        try:
            path = _package_file("wordfreq", "data", f"{size}_{language}.msgpack.gz")
        except SpellingDataError:
            continue
        buckets = _read_cbpack(path)
        if buckets is not None:
            return buckets
        break
    import wordfreq

    listed: list[list[str]] = wordfreq.get_frequency_list(language)
    return listed


def _read_cbpack(path: Path) -> list[list[str]] | None:
    """The word buckets of a wordfreq "cBpack" file, or None when it is not one (or msgpack is missing)."""
    try:
        import msgpack  # type: ignore[import-untyped]

        data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    except (ImportError, OSError, ValueError):
        return None
    header = data[0] if isinstance(data, list) and data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    buckets: list[list[str]] = data[1:]
    return buckets


def _bucket_zipf(index: int) -> float:
    """The Zipf frequency of wordfreq's bucket ``index``, computed as ``wordfreq.zipf`` would be
    from ``get_frequency_dict`` (the same float, so thresholds decide the same way)."""
    frequency = 10 ** (-index / 100)  # wordfreq.cB_to_freq(-index)
    return math.log10(frequency) + 9.0 if frequency > 0 else 0.0


@dataclass(frozen=True)
class Candidate:
    word: str
    distance: int


@dataclass(frozen=True, slots=True)
class _Frequencies:
    """Zipf values by word: a table of word -> code, and the value of each code (wordfreq's
    frequencies come in a few hundred steps, so a word costs two bytes, not a float)."""

    table: WordTable
    values: tuple[float, ...]

    def zipf(self, word: str) -> float:
        code = self.table.get(word)
        return 0.0 if code == ABSENT else self.values[code]


class Lexicon:
    """One language's data. Built once per process (see :func:`lexicon`); thread-safe: each
    tier is loaded under a lock, and lookups only read."""

    def __init__(self, language: str, min_candidate_zipf: float = 2.0, use_cache: bool = True):
        if language not in SUPPORTED_LANGUAGES:
            raise SpellingDataError(f"no spelling data for language {language!r}")
        self.language = language
        self.min_candidate_zipf = min_candidate_zipf
        self.use_cache = use_cache  # False: build every tier from the packages (tests compare the two)
        self._lock = threading.RLock()
        self._recent: dict[tuple[str, int], tuple[Candidate, ...]] = {}
        self._bucket_lists: dict[str, list[str]] = {}
        # Every word looked up is remembered: a batch asks about the same words again and again.
        self._listed: Memo[str, bool] = Memo(self._listed_word)
        self._zipfs: Memo[str, float] = Memo(self._frequency)
        # The sorted words (and codes) of a tier just built in this process: the candidate
        # index is built from them rather than from the tables, which it would decode again.
        self._built: dict[str, tuple[list[str], list[int]]] = {}

    def _load(self, name: str, sources: tuple[str, ...], build: Callable[[], T]) -> T:
        if not self.use_cache:
            return build()
        return datacache.cached(f"spelling-{self.language}-{name}", sources, build)

    # --- tier 1: the curated word list ------------------------------------------------------

    @cached_property
    def _words(self) -> WordTable:
        with self._lock:
            return WordTable(self._load(f"words-{_WORDS_REVISION}-t{TABLE_FORMAT}", _WORD_SOURCES, self._build_words))

    def _build_words(self) -> Stored:
        words = _read_listed_words()
        self._built["words"] = (words, [])
        return pack(words)

    def is_word(self, word: str) -> bool:
        """``word`` (lower case, straight apostrophes) is in the curated word list."""
        return self._listed[word]

    def _listed_word(self, word: str) -> bool:
        return self._words.get(word) != ABSENT

    # --- tier 2: frequencies ----------------------------------------------------------------

    @cached_property
    def _frequencies(self) -> _Frequencies:
        with self._lock:
            stored, values = self._load(f"zipf-{_FREQUENCIES_REVISION}-t{TABLE_FORMAT}", _FREQUENCY_SOURCES, self._build_frequencies)
            return _Frequencies(WordTable(stored), values)

    def _build_frequencies(self) -> tuple[Stored, tuple[float, ...]]:
        buckets = _read_frequency_buckets(self.language)
        words = list(chain.from_iterable(buckets))
        codes = list(chain.from_iterable(repeat(index, len(bucket)) for index, bucket in enumerate(buckets)))
        # Sorted by position, not by (word, code) pairs: each bucket comes sorted, so the sort
        # merges runs, and no word is looked up in a dict.
        order = sorted(range(len(words)), key=words.__getitem__)
        words = list(map(words.__getitem__, order))
        codes = list(map(codes.__getitem__, order))
        if any(map(eq, words, islice(words, 1, None))):
            # A word in two buckets: wordfreq's dict keeps the last (not seen in its data).
            last = {word: code for word, code in zip(words, codes, strict=True)}
            words = sorted(last)
            codes = [last[word] for word in words]
        self._built["frequencies"] = (words, codes)
        return pack(words, codes), tuple(_bucket_zipf(index) for index in range(len(buckets)))

    def zipf(self, word: str) -> float:
        """Zipf frequency (log10 of occurrences per billion words) of a lower-case word; 0 if
        wordfreq has never seen it."""
        return self._zipfs[word]

    def _frequency(self, word: str) -> float:
        return self._frequencies.zipf(word)

    # --- tier 3: candidate search -----------------------------------------------------------

    @cached_property
    def _candidate_index(self) -> dict[str, str]:
        """Common real words by first letter, each bucket sorted and joined by newlines: what
        a typo is compared against. Stored joined, a bucket is split only when a typo needs it."""
        with self._lock:
            name = f"candidates-{_CANDIDATES_REVISION}-{self.min_candidate_zipf}"
            return self._load(name, _WORD_SOURCES + _FREQUENCY_SOURCES, self._build_candidate_index)

    def _build_candidate_index(self) -> dict[str, str]:
        listed = set(self._built["words"][0] if "words" in self._built else self._words.words())
        buckets: dict[str, list[str]] = {}
        for word in filter(listed.__contains__, self._common_enough()):
            if len(word) >= 2 and word.isalpha():
                buckets.setdefault(word[0], []).append(word)
        self._built.clear()
        # Sorted (the words come in order): a stable order makes ties between candidates reproducible.
        return {letter: "\n".join(bucket) for letter, bucket in buckets.items()}

    def _common_enough(self) -> Iterable[str]:
        """The words at least ``min_candidate_zipf`` common, sorted."""
        if self.min_candidate_zipf <= 0.0:
            return self._words.words()  # every word is, even one wordfreq does not know
        frequencies = self._frequencies
        words, codes = self._built.get("frequencies") or (frequencies.table.words(), frequencies.table.codes())
        enough = [value >= self.min_candidate_zipf for value in frequencies.values]
        return compress(words, map(enough.__getitem__, codes))

    def _bucket(self, letter: str) -> list[str]:
        """The common words starting with ``letter``, sorted."""
        bucket = self._bucket_lists.get(letter)
        if bucket is None:
            joined = self._candidate_index.get(letter, "")
            bucket = self._bucket_lists[letter] = joined.split("\n") if joined else []
        return bucket

    def is_common(self, word: str) -> bool:
        """``word`` is one of the common words candidates are drawn from."""
        bucket = self._bucket(word[:1])
        index = bisect_left(bucket, word)
        return index < len(bucket) and bucket[index] == word

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
            word, self._bucket(word[:1]), scorer=OSA.distance, score_cutoff=max_distance, limit=None
        ):
            if candidate != word:
                found[candidate] = int(distance)
        # Common words one edit away that start with another letter (the search above saw
        # every one that starts with the same letter, when it looked one edit away or more).
        edits = _first_letter_edits(word) if max_distance >= 1 else edits1(word)
        for edit in edits:
            if edit != word and edit not in found and self.is_common(edit):
                found[edit] = 1
        return tuple(Candidate(w, d) for w, d in sorted(found.items()))


def _first_letter_edits(word: str) -> set[str]:
    """The strings one edit from ``word`` whose first letter differs from its own (or that
    are empty): the edits of :func:`edits1` that change the first letter."""
    rest = word[1:]
    edits = {rest, *(c + rest for c in _ALPHABET), *(c + word for c in _ALPHABET)}
    if len(word) > 1:
        edits.add(word[1] + word[0] + word[2:])
    return {edit for edit in edits if edit[:1] != word[:1]}


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


@lru_cache(maxsize=MEMO_KEPT)
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
