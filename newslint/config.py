"""Configuration: ``newslint.toml``, ``.newslint.toml`` or ``[tool.newslint]`` in ``pyproject.toml``,
found by searching upward from each checked file; the nearest file wins.
"""

from __future__ import annotations

import contextlib
import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from newslint import datacache
from newslint.packs import Rule

CONFIG_NAMES = ("newslint.toml", ".newslint.toml", "pyproject.toml")
_KEYS = {
    "select", "ignore", "extend-select", "packs", "regex-timeout", "per-file-ignores", "preview",
    "spelling", "grammar", "datetime", "boilerplate", "duplicate", "clean",
}


class ConfigError(Exception):
    """A configuration the user wrote that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[Path, ...] = ()
    regex_timeout: float = 0.25
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    preview: bool = False
    root: Path | None = None  # folder the config file is in; per-file patterns are relative to it
    path: Path | None = None
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def with_overrides(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        preview: bool | None = None,
        sections: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> Config:
        """Command-line options on top of the file's settings; ``sections`` adds keys to the
        rule families' tables (``--languagetool URL`` sets ``[grammar] languagetool``)."""
        merged = dict(self.sections)
        for name, values in (sections or {}).items():
            merged[name] = {**merged.get(name, {}), **values}
        return replace(
            self,
            select=tuple(select) if select is not None else self.select,
            ignore=self.ignore + tuple(ignore),
            extend_select=self.extend_select + tuple(extend_select),
            preview=self.preview if preview is None else preview,
            sections=merged,
        )

    def ignores_for(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return ()
        candidate = Path(path)
        if self.root is not None:
            with contextlib.suppress(ValueError):  # a file outside the config's folder
                candidate = candidate.resolve().relative_to(self.root.resolve())
        posix = PurePosixPath(candidate.as_posix())
        result: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(str(posix), pattern) or posix.match(pattern):
                result.extend(codes)
        return tuple(result)


def selector_matches(selector: str, rule: Rule) -> bool:
    """A selector is ``ALL``, a code or code prefix, a category, or a rule name (or its prefix)."""
    if selector.upper() == "ALL":
        return True
    if selector == rule.category or selector == rule.name or rule.name.startswith(selector + "."):
        return True
    return selector.isupper() and rule.code.startswith(selector) and selector[:2] == rule.code[:2]


def is_explicit(selector: str, rule: Rule) -> bool:
    return selector in (rule.code, rule.name)


def select_rules(rules: Iterable[Rule], config: Config, path: str | None = None) -> list[Rule]:
    """The rules that run: selected (or on by default), not ignored; preview rules only when
    named exactly or when preview is on."""
    ignores = config.ignore + (config.ignores_for(path) if path else ())
    chosen: list[Rule] = []
    for rule in rules:
        selectors = (config.select if config.select is not None else ()) + config.extend_select
        if config.select is None and not rule.preview:
            selected = True
        else:
            selected = any(selector_matches(s, rule) for s in selectors)
        if rule.preview and not config.preview and not any(is_explicit(s, rule) for s in selectors):
            selected = False
        if selected and not any(selector_matches(s, rule) for s in ignores):
            chosen.append(rule)
    return chosen


def find_config_file(start: Path) -> Path | None:
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_section(candidate):
                continue
            return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "newslint" in datacache.parsed_toml(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, ValueError):  # ValueError: tomllib.TOMLDecodeError
        return False


def load_config(path: Path) -> Config:
    try:
        data = datacache.parsed_toml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("newslint", {})
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path) -> Config:
    where = str(path)
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown configuration key(s) {sorted(unknown)}; known: {sorted(_KEYS)}")

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key}' must be a list of strings")
        return tuple(value)

    timeout = data.get("regex-timeout", 0.25)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not 0 < timeout <= 60:
        raise ConfigError(f"{where}: 'regex-timeout' must be a number of seconds between 0 and 60")
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict) or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in per_file.values()
    ):
        raise ConfigError(f"{where}: 'per-file-ignores' must map glob patterns to lists of codes")
    sections = {}
    for name in ("spelling", "grammar", "datetime", "boilerplate", "duplicate", "clean"):
        section = data.get(name, {})
        if not isinstance(section, dict):
            raise ConfigError(f"{where}: [{name}] must be a table")
        sections[name] = section
    root = path.parent.resolve()
    return Config(
        select=strings("select") if "select" in data else None,
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        packs=tuple((root / p) for p in strings("packs")),
        regex_timeout=float(timeout),
        per_file_ignores=tuple((k, tuple(v)) for k, v in per_file.items()),
        preview=bool(data.get("preview", False)),
        root=root,
        path=path,
        sections=sections,
    )


def config_for(path: Path, explicit: Path | None = None) -> Config:
    """The configuration that applies to ``path``: ``explicit`` if given, else the nearest file."""
    found = explicit or find_config_file(path)
    return _load_cached(found, found.stat().st_mtime_ns) if found else Config()


@lru_cache(maxsize=256)
def _load_cached(path: Path, mtime_ns: int) -> Config:
    return load_config(path)
