"""A disk cache of data derived from the packages newslint reads (word lists, frequencies,
lemma tables), so that a fresh process loads a compact ready-made table instead of decoding
and filtering the packages' own files again. This is what keeps a pre-commit run quick.

Nothing is downloaded: every entry is computed locally from installed packages, and is keyed
by the versions of newslint, Python and the packages it was derived from, so an upgrade
rebuilds it. The cache is an optimisation only: when it cannot be read or written (a
read-only home, a full disk, a corrupt or foreign file), the data is built in memory as if
there were no cache, and nothing fails.

Where: ``$NEWSLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint``.
``NEWSLINT_CACHE_DIR=off`` (or ``none``, ``0``, or an empty value) turns it off.

Values are stored with :mod:`marshal` (dicts, lists, tuples, sets, strings, numbers and bytes
only): it loads several times faster than pickle or JSON, and it can only build plain data,
never run code.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import re
import sys
import threading
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from newslint._version import __version__

T = TypeVar("T")

_OFF = frozenset({"", "off", "none", "0", "false", "no"})
_lock = threading.Lock()


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    configured = os.environ.get("NEWSLINT_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in _OFF else Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newslint"


def _normalised(distribution: str) -> str:
    return re.sub(r"[-_.]+", "_", distribution).lower()


@functools.cache
def _installed() -> dict[str, str]:
    """Normalised distribution name -> version, from the ``NAME-VERSION.dist-info`` folders on
    ``sys.path`` (the current folder aside: it may hold a whole archive of articles).
    Importing :mod:`importlib.metadata` (it pulls in the email package) would cost more than
    a whole cold check has to spare."""
    found: dict[str, str] = {}
    here = os.getcwd()
    for entry in sys.path:
        if not entry or os.path.abspath(entry) == here:
            continue
        with contextlib.suppress(OSError), os.scandir(entry) as items:
            for item in items:
                if item.name.endswith(".dist-info"):
                    distribution, _, version = item.name[: -len(".dist-info")].partition("-")
                    if version:
                        found.setdefault(_normalised(distribution), version)
    return found


@functools.cache
def _package_version(distribution: str) -> str:
    """The installed version of ``distribution``, or "absent". Anything the dist-info folders
    do not show (an egg, a package in the current folder) is asked of importlib.metadata."""
    version = _installed().get(_normalised(distribution))
    if version is not None:
        return version
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def entry_path(name: str, sources: Iterable[str]) -> Path | None:
    """Where the entry ``name`` derived from the packages ``sources`` lives (None: no cache).
    The file name spells out what the entry was made from, so an upgrade of any of them (or
    of Python, whose version owns marshal's format) names a new file."""
    folder = cache_dir()
    if folder is None:
        return None
    versions = "-".join(f"{package}{_package_version(package)}" for package in sorted(sources))
    key = f"{name}-newslint{__version__}-py{sys.version_info[0]}.{sys.version_info[1]}m{marshal.version}-{versions}"
    return folder / (re.sub(r"[^A-Za-z0-9.+_-]", "_", key.rstrip("-")) + ".marshal")


def cached(name: str, sources: Iterable[str], build: Callable[[], T]) -> T:
    """``build()``'s value, read from the cache when an entry made from the same package
    versions is there, else built and stored for the next process. ``build`` must return
    plain data that :mod:`marshal` can store. ``name`` carries a format revision
    ("spelling-words-2"): change it whenever ``build`` changes what it returns."""
    path = entry_path(name, sources)
    if path is None:
        return build()
    loaded = _read(path)
    if loaded is not None:
        return loaded  # type: ignore[no-any-return]
    value = build()
    with _lock:
        _write(path, value)
    return value


def load(name: str, sources: Iterable[str]) -> Any | None:
    """The stored value of an entry that grows as a process works (see :func:`store`), or None."""
    path = entry_path(name, sources)
    return None if path is None else _read(path)


def store(name: str, sources: Iterable[str], value: Any) -> None:
    """Replace an entry's value (atomically; a failure to write is ignored)."""
    path = entry_path(name, sources)
    if path is not None:
        with _lock:
            _write(path, value)


def _read(path: Path) -> Any | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        # From bytes, not from the file: marshal.load calls the file's readinto for every
        # string and number it reads (the packs' parsed TOML loads 3-4x faster this way).
        return marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None  # absent, unreadable, truncated or written by something else: rebuild


def _write(path: Path, value: Any) -> None:
    import tempfile  # only when an entry is written: with what it imports, ~2 ms of a cold check

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            marshal.dump(value, out)
        # Atomic: a process reading at the same time sees the old entry or the whole new one.
        os.replace(temporary, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def parsed_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, kept in the cache under a checksum of the text: parsing the
    shipped rule packs took a tenth of a cold check. A TOML error is tomllib's own
    (:class:`tomllib.TOMLDecodeError`, a ValueError), never cached. A value marshal cannot
    store (a TOML date) makes the entry uncached, not wrong."""
    data = text.encode("utf-8", "surrogatepass")
    name = f"toml-{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{len(data)}"

    def parse() -> dict[str, Any]:
        import tomllib

        return tomllib.loads(text)

    return cached(name, (), parse)
