"""The words a user accepts: ``[spelling] words`` in the configuration, and word-list files.

A word-list file holds one word per line; blank lines and lines starting with ``#`` are
ignored. The default file is ``.newslint-words.txt``: every one found in the article's folder
or any folder above it applies (so an archive-wide list and a section's own list add up), and
``[spelling] words-file`` names more (relative to the configuration file's folder). Words are
matched without regard to case.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint.config import find_config_file

WORDS_FILE = ".newslint-words.txt"

_lock = threading.Lock()
_file_cache: dict[Path, tuple[int, frozenset[str]]] = {}


class VocabularyError(ValueError):
    """A ``[spelling]`` setting of the wrong type or a word-list file that cannot be read."""


def parse_words(lines: Iterable[str]) -> list[str]:
    words = []
    for line in lines:
        word = line.strip()
        if word and not word.startswith("#"):
            words.append(word)
    return words


def read_words_file(path: Path) -> frozenset[str]:
    """The case-folded words of a word-list file, re-read only when the file changes."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return frozenset()
    with _lock:
        cached = _file_cache.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{path}: cannot read word list: {exc}") from None
    words = frozenset(key(word) for word in parse_words(text.splitlines()))
    with _lock:
        _file_cache[path] = (mtime, words)
    return words


def key(word: str) -> str:
    """How declared and checked words are compared: case-folded, curly apostrophes straightened."""
    return word.replace("’", "'").casefold()


@lru_cache(maxsize=1024)
def _files_above(folder: Path) -> tuple[Path, ...]:
    """Every ``.newslint-words.txt`` in ``folder`` and the folders above it, nearest first.
    Looked up once per folder per process; the files' contents are re-read when they change."""
    found = []
    for candidate_folder in (folder, *folder.parents):
        candidate = candidate_folder / WORDS_FILE
        if candidate.is_file():
            found.append(candidate)
    return tuple(found)


@lru_cache(maxsize=1024)
def _folder_path(folder: str, cwd: str) -> Path:
    """The folder named ``folder``, relative to ``cwd`` unless absolute: an archive's articles
    share a few folders, so each one's path is built once, not once per article."""
    return Path(cwd, folder) if cwd else Path(folder)


def _configured_files(options: Mapping[str, Any], doc_path: str) -> list[Path]:
    value = options.get("words-file", [])
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise VocabularyError("[spelling] 'words-file' must be a path or a list of paths")
    if not names:
        return []
    base = Path.cwd()
    if _has_location(doc_path):
        config = find_config_file(Path(doc_path))
        if config is not None:
            base = config.parent
    return [Path(os.path.expanduser(name)) if Path(os.path.expanduser(name)).is_absolute() else base / name for name in names]


def _has_location(doc_path: str) -> bool:
    """Library calls lint "<text>", which has no folder: no word-list file is searched for."""
    return not (doc_path.startswith("<") and doc_path.endswith(">"))


def user_words(options: Mapping[str, Any], doc_path: str) -> frozenset[str]:
    """The declared words that apply to the article at ``doc_path``, case-folded."""
    declared = options.get("words", [])
    if not isinstance(declared, list) or not all(isinstance(w, str) for w in declared):
        raise VocabularyError("[spelling] 'words' must be a list of strings")
    words = {key(w) for w in declared}
    files = _configured_files(options, doc_path)
    if _has_location(doc_path):
        folder = "" if doc_path == "-" else os.path.dirname(doc_path)
        files.extend(_files_above(_folder_path(folder, "" if os.path.isabs(folder) else os.getcwd())))
    for path in files:
        words |= read_words_file(path)
    return frozenset(words)


def default_words_file(paths: Iterable[Path]) -> Path:
    """Where ``newslint add-words`` writes when not told: the nearest existing word list above
    the first path, else beside the configuration file, else in the current folder."""
    first = next(iter(paths), Path.cwd())
    start = first.absolute() if first.is_dir() else first.absolute().parent
    existing = _files_above(start)
    if existing:
        return existing[0]
    config = find_config_file(first.absolute())
    if config is not None:
        return config.parent / WORDS_FILE
    return Path.cwd() / WORDS_FILE


def append_words(path: Path, words: Iterable[str]) -> list[str]:
    """Append the words not already in the list at ``path`` (compared without case), sorted;
    returns what was added. The file is created if missing; existing lines are kept as they are."""
    present = set(read_words_file(path)) if path.exists() else set()
    added: list[str] = []
    for word in sorted(set(words), key=lambda w: (key(w), w)):
        if key(word) not in present:
            present.add(key(word))
            added.append(word)
    if not added:
        return []
    prefix = ""
    if path.exists():
        existing = path.read_bytes()
        if existing and not existing.endswith(b"\n"):
            prefix = "\n"
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(prefix + "".join(f"{w}\n" for w in added))
    with _lock:
        _file_cache.pop(path, None)
    _files_above.cache_clear()
    return added
