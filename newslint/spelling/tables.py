"""Word tables that are ready as soon as their bytes are read.

A word list of 160,000 words (or 320,000 word frequencies) costs 50-100 ms to turn into a
Python set or dict, far more than one article needs: an article looks up a few hundred words.
A :class:`WordTable` keeps the words sorted in one UTF-8 blob with their offsets, stored as
plain bytes (see :mod:`newslint.datacache`), and finds a word by bisection. A batch looks up
tens of thousands of words: after :data:`MATERIALISE_AFTER` look-ups the table builds its dict
once, and every later look-up is a hash probe.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate, count
from operator import add

# Look-ups by bisection (each ~5 us) after which the dict is built (~25 ms for a word list,
# ~60 ms for the frequencies). One article needs a few hundred look-ups: far fewer. A batch
# needs tens of thousands: it should build the dict early, while it warms up.
MATERIALISE_AFTER = 2048

# The stored form of a table: the blob, the words' start offsets (array "I" as bytes), and
# one code per word (array "H" as bytes; empty when the table only answers "is it there?").
Stored = tuple[bytes, bytes, bytes]

ABSENT = -1


def pack(words: list[str], codes: Iterable[int] | None = None) -> Stored:
    """The stored form of ``words``, which must be sorted and distinct, with one code
    (0..65535) per word, or none for a plain word list. Strings sort by code point, which is
    also the order of their UTF-8 bytes: the order the bisection compares in."""
    blob = ("\n".join(words) + "\n").encode("utf-8") if words else b""
    # Each word starts after the bytes of the words before it and their newlines.
    lengths = accumulate(map(len, blob.split(b"\n")[:-1]), initial=0)
    starts = array("I", map(add, lengths, count()))
    return blob, starts.tobytes(), array("H", codes if codes is not None else ()).tobytes()


class WordTable:
    """Word -> code look-ups over a stored table (see :func:`pack`). Thread-safe: look-ups only
    read, and the dict is built once under a lock."""

    __slots__ = ("_blob", "_codes", "_dict", "_lock", "_lookups", "_starts")

    def __init__(self, stored: Stored):
        blob, starts, codes = stored
        self._blob = blob
        self._starts = array("I")
        self._starts.frombytes(starts)
        self._codes = array("H")
        self._codes.frombytes(codes)
        self._lookups = 0
        self._dict: dict[str, int] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._starts) - 1

    def get(self, word: str) -> int:
        """The word's code (0 for every word of a plain list), or :data:`ABSENT`."""
        table = self._dict
        if table is not None:
            return table.get(word, ABSENT)
        self._lookups += 1
        if self._lookups > MATERIALISE_AFTER:
            return self._materialise().get(word, ABSENT)
        return self._search(word)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) != ABSENT

    def _search(self, word: str) -> int:
        key = word.encode("utf-8", "surrogatepass")
        index = bisect_left(range(len(self)), key, key=self._word_at)
        if index < len(self) and self._word_at(index) == key:
            return self._codes[index] if self._codes else 0
        return ABSENT

    def _word_at(self, index: int) -> bytes:
        return self._blob[self._starts[index] : self._starts[index + 1] - 1]

    def _materialise(self) -> dict[str, int]:
        with self._lock:
            if self._dict is None:
                words = self._blob.decode("utf-8").split("\n")[:-1]
                self._dict = dict(zip(words, self._codes, strict=True)) if self._codes else dict.fromkeys(words, 0)
            return self._dict

    def words(self) -> list[str]:
        """Every word, in the table's (sorted) order."""
        return self._blob.decode("utf-8").split("\n")[:-1]

    def codes(self) -> array[int]:
        """Every word's code, in the table's order (empty for a plain word list)."""
        return self._codes
