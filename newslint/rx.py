"""Regular expressions compiled once per machine, not once per process.

The ``regex`` module parses and optimises a pattern in Python before handing a program (lists
of integers and tables) to its C engine; for newslint's large alternations (UI phrases, month
and zone names) that costs 5-40 ms a pattern, a third of a cold ``newslint check``. Here the
program is kept in the data cache (:mod:`newslint.datacache`, keyed by the versions of Python
and ``regex``, like ``__pycache__`` for bytecode), and a later process hands it straight to
the engine: the same pattern object, over 100 times faster to make.

How the program is captured: ``regex`` compiles through ``regex._main._regex.compile``; while
one of our patterns compiles, that attribute is a forwarding wrapper that records its
arguments. Anything unexpected (another ``regex`` version, a table that does not load) falls
back to plain :func:`regex.compile`, so the worst case is the old speed, never a different
pattern.
"""

from __future__ import annotations

import atexit
import enum
import importlib
import marshal
import threading
from typing import Any

import regex

from newslint import datacache

# Programs are stored marshalled one by one, so a process decodes only the ones it compiles.
_ENTRY = "regex-programs-2"
_SOURCES = ("regex",)
_MAX_PROGRAMS = 2000  # a user's packs could add many patterns: bound what is kept

# regex's private module, typed loosely: its internals are used on purpose, with a fallback.
_main: Any = importlib.import_module("regex._main")
_lock = threading.RLock()
_programs: dict[tuple[str, int], bytes] | None = None
_dirty = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, with its program remembered across processes.
    Errors are regex.compile's own (``regex.error``)."""
    key = (pattern, int(flags))
    with _lock:
        programs = _loaded()
        stored = programs.get(key)
        if stored is not None:
            try:
                return _engine().compile(*marshal.loads(stored))  # type: ignore[no-any-return]
            except Exception:  # not a program this engine understands: compile from source
                del programs[key]
        compiled, captured = _compile_capturing(pattern, flags)
        if captured is not None and len(programs) < _MAX_PROGRAMS:
            try:
                programs[key] = marshal.dumps(captured)
            except ValueError:  # an argument marshal cannot store: this pattern is compiled each time
                return compiled
            _remember()
        return compiled


def _engine() -> Any:
    return _main._regex


def _loaded() -> dict[tuple[str, int], bytes]:
    global _programs
    if _programs is None:
        stored = datacache.load(_ENTRY, _SOURCES)
        _programs = {}
        if isinstance(stored, dict):
            _programs.update(stored)
    return _programs


class _Recorder:
    """Stands in for the C engine during one compilation, recording the program it is given."""

    def __init__(self, engine: Any, pattern: str):
        self.engine = engine
        self.pattern = pattern
        self.program: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def compile(self, *args: Any) -> Any:
        if args and args[0] == self.pattern:
            # Flags arrive as RegexFlag values, which marshal cannot store: keep the integers.
            self.program = tuple(int(arg) if isinstance(arg, enum.IntFlag) else arg for arg in args)
        return self.engine.compile(*args)


def _compile_capturing(pattern: str, flags: int) -> tuple[regex.Pattern[str], tuple[Any, ...] | None]:
    engine = _main._regex
    recorder = _Recorder(engine, pattern)
    _main._regex = recorder
    try:
        # cache_it is off: regex's own in-process cache would return an earlier pattern
        # object without compiling, and nothing would be recorded.
        compiled: regex.Pattern[str] = _main._compile(pattern, flags, False, {}, False)
    except regex.error:
        raise
    except Exception:  # regex's internals are not what this module expects: no capture
        return regex.compile(pattern, flags), None
    finally:
        _main._regex = engine
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
