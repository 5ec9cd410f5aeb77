"""Regular expressions compiled once per machine, not once per process.

Both ``regex`` and the standard ``re`` parse and optimise a pattern in Python before handing
a program (lists of integers and tables) to their C engine; for newslint's large
alternations (UI phrases, month and zone names, verb forms) that costs 1-40 ms a pattern, a
third of a cold ``newslint check``. Here the program is kept in the data cache
(:mod:`newslint.datacache`, keyed by the versions of Python and ``regex``, like
``__pycache__`` for bytecode), and a later process hands it straight to the engine: the same
pattern object, over 100 times faster to make.

How a program is captured: ``regex`` compiles through ``regex._main._regex.compile``, ``re``
through ``re._compiler._sre.compile``; while one of our patterns compiles, that attribute is
a forwarding wrapper that records its arguments. Anything unexpected (another version, a
program the engine rejects) falls back to plain :func:`regex.compile` or :func:`re.compile`,
so the worst case is the old speed, never a different pattern.
"""

from __future__ import annotations

import atexit
import importlib
import marshal
import re
import threading
from collections.abc import Callable
from typing import Any, AnyStr, NamedTuple

import regex

from newslint import datacache

# Programs are stored marshalled one by one, so a process decodes only the ones it compiles.
# Keys are (engine, pattern, flags); the entry's name carries the Python version, which owns
# re's program format.
_ENTRY = "regex-programs-3"
_SOURCES = ("regex",)
_MAX_PROGRAMS = 2000  # a user's packs could add many patterns: bound what is kept

Key = tuple[str, str | bytes, int]


class _Engine(NamedTuple):
    """Where one library's C engine is reached, and how it compiles a pattern from source."""

    holder: Any  # the private module whose attribute is the C engine
    attribute: str
    source: Callable[[Any, int], Any]  # compiles from source, bypassing the library's own cache
    plain: Callable[[Any, int], Any]  # the public compile: the fallback
    error: type[Exception]

    @property
    def current(self) -> Any:
        """The C engine the library calls now."""
        return getattr(self.holder, self.attribute)


# The libraries' private modules, typed loosely: their internals are used on purpose, with a fallback.
_regex_main: Any = importlib.import_module("regex._main")
_re_compiler: Any = importlib.import_module("re._compiler")
_ENGINES = {
    # cache_it is off: regex's own in-process cache would return an earlier pattern object
    # without compiling, and nothing would be recorded.
    "regex": _Engine(_regex_main, "_regex", lambda p, f: _regex_main._compile(p, f, False, {}, False), regex.compile, regex.error),
    "re": _Engine(_re_compiler, "_sre", _re_compiler.compile, re.compile, re.error),
}

_lock = threading.RLock()
_programs: dict[Key, bytes] | None = None
_dirty = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, with its program remembered across processes.
    Errors are regex.compile's own (``regex.error``)."""
    return _compiled("regex", pattern, flags)  # type: ignore[no-any-return]


def compile_std(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, with its program remembered across processes: for the
    simple patterns on hot paths, where ``re`` matches faster than ``regex``. Errors are
    re.compile's own (``re.error``)."""
    return _compiled("re", pattern, flags)  # type: ignore[no-any-return]


def _compiled(kind: str, pattern: str | bytes, flags: int) -> Any:
    engine = _ENGINES[kind]
    key = (kind, pattern, int(flags))
    with _lock:
        programs = _loaded()
        stored = programs.get(key)
        if stored is not None:
            try:
                return engine.current.compile(*marshal.loads(stored))
            except Exception:  # not a program this engine understands: compile from source
                del programs[key]
        compiled, captured = _compile_capturing(engine, pattern, flags)
        if captured is not None and len(programs) < _MAX_PROGRAMS:
            try:
                programs[key] = marshal.dumps(captured)
            except ValueError:  # an argument marshal cannot store: this pattern is compiled each time
                return compiled
            _remember()
        return compiled


def _loaded() -> dict[Key, bytes]:
    global _programs
    if _programs is None:
        stored = datacache.load(_ENTRY, _SOURCES)
        _programs = {}
        if isinstance(stored, dict):
            _programs.update(stored)
    return _programs


class _Recorder:
    """Stands in for a C engine during one compilation, recording the program it is given."""

    def __init__(self, engine: Any, pattern: str | bytes):
        self.engine = engine
        self.pattern = pattern
        self.program: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def compile(self, *args: Any) -> Any:
        if args and args[0] == self.pattern:
            self.program = tuple(map(_plain, args))
        return self.engine.compile(*args)


def _plain(value: Any) -> Any:
    """``value`` with integers of int subclasses made plain integers, which marshal can store:
    regex hands its engine RegexFlag values, re its flags and a program of named opcodes."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, int) and type(value) not in (int, bool):
        return int(value)
    return value


def _compile_capturing(engine: _Engine, pattern: str | bytes, flags: int) -> tuple[Any, tuple[Any, ...] | None]:
    original = engine.current
    recorder = _Recorder(original, pattern)
    setattr(engine.holder, engine.attribute, recorder)
    try:
        compiled = engine.source(pattern, flags)
    except engine.error:
        raise
    except Exception:  # the library's internals are not what this module expects: no capture
        return engine.plain(pattern, flags), None
    finally:
        setattr(engine.holder, engine.attribute, original)
    return compiled, recorder.program


def _remember() -> None:
    global _dirty
    if not _dirty:
        _dirty = True
        atexit.register(flush)


def flush() -> None:
    """Store the programs compiled so far (done at exit; worker processes skip exit hooks)."""
    global _dirty
    with _lock:
        if _programs is not None and _dirty:
            merged = datacache.load(_ENTRY, _SOURCES)
            table = dict(merged) if isinstance(merged, dict) else {}
            table.update(_programs)
            datacache.store(_ENTRY, _SOURCES, dict(list(table.items())[-_MAX_PROGRAMS:]))
            _dirty = False
