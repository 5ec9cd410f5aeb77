"""Reading and writing articles without loss.

Text is decoded exactly as stored (no newline translation; a BOM is kept aside and written
back). JSONL is streamed line by line: a record nothing changed is written back byte for byte,
a malformed line is reported and passed through untouched. Files are replaced atomically.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newslint.document import Metadata

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "articleBody", "article_body", "content", "body"),
    "title": ("title", "headline"),
    "url": ("url", "source_url", "link"),
    "date": ("date", "date_publish", "datePublished", "published", "published_at", "pubdate"),
    "language": ("language", "lang"),
    "id": ("id", "_id"),
}

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class InputError(Exception):
    """A file newslint cannot read as text; the message names the file and why."""


@dataclass(frozen=True)
class TextSource:
    path: str
    text: str
    encoding: str
    bom: bytes

    @property
    def markdown(self) -> bool:
        return self.path.lower().endswith((".md", ".markdown"))

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding, errors="surrogateescape" if self.encoding == "utf-8" else "strict")


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def decode_text(data: bytes, path: str, encoding: str | None = None, fallback: str | None = None) -> TextSource:
    """Decode bytes as the file's text. UTF-8 by default (a BOM selects UTF-8/16/32);
    ``encoding`` forces one; ``fallback`` ('surrogateescape' or 'latin-1') decides what
    happens to bytes that are not valid, instead of an error."""
    bom = b""
    chosen = encoding
    if chosen is None:
        for mark, name in _BOMS:
            if data.startswith(mark):
                bom, chosen = mark, name
                break
    if chosen is None:
        chosen = "utf-8"
    body = data[len(bom) :]
    if chosen.startswith("utf-8") and b"\x00" in body[:8192]:
        nul = body.index(b"\x00") + len(bom)
        raise InputError(f"{path}: looks binary (NUL byte at offset {nul}); skipped")
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as exc:
        if fallback == "surrogateescape" and chosen.startswith("utf-8"):
            text = body.decode("utf-8", errors="surrogateescape")
        elif fallback == "latin-1":
            text, chosen = body.decode("latin-1"), "latin-1"
        else:
            raise InputError(
                f"{path}: not valid {chosen.upper()} at byte {exc.start + len(bom)} ({exc.reason}); "
                "use --encoding to name the file's encoding"
            ) from None
    except LookupError:
        raise InputError(f"{path}: unknown encoding {chosen!r}") from None
    return TextSource(path, text, chosen, bom)


def read_text(path: Path, encoding: str | None = None, fallback: str | None = None) -> TextSource:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_text(data, str(path), encoding, fallback)


# --- JSONL ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldMap:
    """Which record fields hold the text and metadata (aliases tried in order unless set)."""

    text: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None

    def pick(self, record: dict[str, Any], role: str) -> str | None:
        explicit: str | None = getattr(self, role, None)
        if explicit is not None:
            return explicit if explicit in record else None
        for name in FIELD_ALIASES[role]:
            if name in record:
                return name
        return None


@dataclass(frozen=True)
class Record:
    number: int  # 1-based line number in the file
    raw: bytes  # the line as stored, with its line ending
    data: dict[str, Any] | None
    field: str | None  # the text field, when there is a string one
    text: str | None
    metadata: Metadata
    error: str | None = None  # why the record cannot be linted (passed through untouched)
    rewritable: bool = True  # False when re-serialising would lose something (duplicate keys)

    def render(self, new_text: str) -> bytes:
        """The record with its text field replaced, keeping key order, escaping style and
        line ending; the untouched bytes when nothing changed."""
        if self.data is None or self.field is None or new_text == self.text:
            return self.raw
        updated = dict(self.data)
        updated[self.field] = new_text
        body = self.raw.rstrip(b"\r\n")
        ending = self.raw[len(body) :]
        ascii_only = body.isascii() and not (self.text or "").isascii()
        compact = b'":' in body and b'": ' not in body
        separators = (",", ":") if compact else (", ", ": ")
        return json.dumps(updated, ensure_ascii=ascii_only, separators=separators).encode("utf-8") + ending


class _DuplicateKeys(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeys(key)
        result[key] = value
    return result


def parse_record(number: int, raw: bytes, fields: FieldMap) -> Record:
    body = raw.rstrip(b"\r\n")
    empty = Metadata()
    if not body.strip():
        return Record(number, raw, None, None, None, empty, error=None)
    rewritable = True
    try:
        data = json.loads(body, object_pairs_hook=_no_duplicates)
    except _DuplicateKeys as dup:
        data = json.loads(body)
        rewritable = False
        duplicate_note: str | None = f"duplicate key {dup.args[0]!r}: the record is linted but never rewritten"
    except (ValueError, RecursionError) as exc:
        return Record(number, raw, None, None, None, empty, error=f"malformed JSON ({_short(exc)}); passed through unchanged")
    else:
        duplicate_note = None
    if not isinstance(data, dict):
        return Record(number, raw, None, None, None, empty, error=f"record is a JSON {type(data).__name__}, not an object; passed through unchanged")
    field = fields.pick(data, "text")
    if field is None:
        return Record(number, raw, data, None, None, empty, error="no text field (tried " + ", ".join(_text_names(fields)) + "); passed through unchanged")
    text = data[field]
    if not isinstance(text, str):
        return Record(number, raw, data, None, None, empty, error=f"field {field!r} is a JSON {type(text).__name__}, not a string; passed through unchanged")
    metadata = Metadata(
        title=_string_field(data, fields.pick(data, "title")),
        url=_string_field(data, fields.pick(data, "url")),
        published=_string_field(data, fields.pick(data, "date")),
        language=_string_field(data, fields.pick(data, "language")),
        id=_string_field(data, fields.pick(data, "id")),
    )
    return Record(number, raw, data, field, text, metadata, error=duplicate_note, rewritable=rewritable)


def _text_names(fields: FieldMap) -> tuple[str, ...]:
    return (fields.text,) if fields.text else FIELD_ALIASES["text"]


def _string_field(data: dict[str, Any], name: str | None) -> str | None:
    value = data.get(name) if name else None
    return value if isinstance(value, str) else (str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 120 else text[:117] + "..."


def iter_records(stream: IO[bytes], fields: FieldMap) -> Iterator[Record]:
    """Records of a JSONL stream, one per line, in constant memory."""
    for number, raw in enumerate(stream, start=1):
        yield parse_record(number, raw, fields)


# --- writing -------------------------------------------------------------------------------


class OutputError(Exception):
    """A file newslint could not write; the original is untouched."""


@contextmanager
def atomic_writer(path: Path, expected_stat: os.stat_result | None = None) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` at the end.

    If the block raises (or the process is interrupted), the temporary file is removed and
    ``path`` is untouched. If ``expected_stat`` is given and the file changed on disk since
    it was read, nothing is replaced.
    """
    folder = path.parent
    if path.exists() and not os.stat(path).st_mode & 0o222:
        raise OutputError(f"{path}: file is read-only; not modified")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed or removed
            dir=folder, prefix=f".{path.name}.", suffix=".newslint-tmp", delete=False)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    temp = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if expected_stat is not None:
            now = os.stat(path)
            if (now.st_mtime_ns, now.st_size) != (expected_stat.st_mtime_ns, expected_stat.st_size):
                raise OutputError(f"{path}: changed on disk while newslint was working; not overwritten")
        if path.exists():
            os.chmod(temp, os.stat(path).st_mode & 0o7777)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes, expected_stat: os.stat_result | None = None) -> None:
    with atomic_writer(path, expected_stat) as handle:
        handle.write(data)
