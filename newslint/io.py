"""Reading and writing articles without loss.

Text is decoded exactly as stored (no newline translation; a BOM is kept aside and written
back). JSONL is streamed line by line: a record nothing changed is written back byte for byte,
a malformed line is reported and passed through untouched. Files are replaced atomically.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NamedTuple

from newslint import rx
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


# An invalid byte kept by the surrogateescape error handler (U+DC80..U+DCFF).
_KEPT_BYTE = rx.compile_std("[\udc80-\udcff]")


class InputError(Exception):
    """A file newslint cannot read as text; the message names the file and why."""


class TextSource(NamedTuple):
    path: str
    text: str
    encoding: str
    bom: bytes

    @property
    def markdown(self) -> bool:
        return self.path.lower().endswith((".md", ".markdown"))

    def encode(self, text: str) -> bytes:
        """The bytes of ``text`` as this file stores them. Raises :class:`OutputError` when a
        fix brought in a character the file's encoding cannot hold: nothing is written then."""
        try:
            data = text.encode(self.encoding, errors="surrogateescape" if self.encoding == "utf-8" else "strict")
        except UnicodeEncodeError as exc:
            raise OutputError(
                f"{self.path}: the fixed text has {text[exc.start : exc.end]!r}, which {self.encoding} cannot hold; not modified"
            ) from None
        if self.encoding == "utf-8" and _KEPT_BYTE.search(text) and data.decode("utf-8", "surrogateescape") != text:
            # A fix removed what stood between two kept invalid bytes, and together they are now
            # a valid character ("\xc2" + "\x80"): the bytes would not come back as they were.
            raise OutputError(f"{self.path}: a fix would join invalid bytes kept with surrogateescape into a character; not modified")
        return self.bom + data


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def decode_text(data: bytes, path: str, encoding: str | None = None, fallback: str | None = None) -> TextSource:
    """Decode bytes as the file's text. UTF-8 by default (a BOM selects UTF-8/16/32);
    ``encoding`` forces one; ``fallback`` ('surrogateescape' or 'latin-1') decides what
    happens to bytes that are not valid, instead of an error."""
    bom = b""
    chosen = encoding
    if chosen is not None:
        try:  # one spelling per codec: "UTF8" and "utf_8" are "utf-8"
            chosen = codecs.lookup(chosen).name
        except LookupError:
            raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    if chosen in (None, "utf-8-sig", "utf-16", "utf-32"):
        # The BOM decides (within the family named, if one is), and is kept aside as it was:
        # these codecs would otherwise drop it on reading or add one on writing.
        family = None if chosen is None else chosen.removesuffix("-sig")
        for mark, name in _BOMS:
            if data.startswith(mark) and (family is None or name.startswith(family)):
                bom, chosen = mark, name
                break
        else:
            chosen = {None: "utf-8", "utf-8-sig": "utf-8"}.get(chosen, f"{chosen}-le")
    assert chosen is not None
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


class FieldMap(NamedTuple):
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


class Record(NamedTuple):
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
        body = self.raw.rstrip(b"\r\n")
        ending = self.raw[len(body) :]
        # Only the text field's value is replaced: every other byte of the line (numbers as
        # written, escapes, spacing, a BOM) stays as it was.
        spliced = _splice_value(body, self.field, new_text)
        if spliced is not None:
            return spliced + ending
        updated = dict(self.data)
        updated[self.field] = new_text
        ascii_only = (body.isascii() and not (self.text or "").isascii()) or not _utf8_encodable(new_text)
        compact = b'":' in body and b'": ' not in body
        separators = (",", ":") if compact else (", ", ": ")
        return json.dumps(updated, ensure_ascii=ascii_only, separators=separators).encode("utf-8") + ending


def _utf8_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, from a "\ud800" escape in the record
        return False
    return True


_JSON_SPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def _splice_value(body: bytes, key: str, new_text: str) -> bytes | None:
    """``body`` (one JSON object) with the value of its top-level ``key`` replaced by the JSON
    string ``new_text``, escaped as the old value was (ASCII escapes or not); None when the
    line cannot be scanned that way (the caller then re-serialises the record)."""
    bom = codecs.BOM_UTF8 if body.startswith(codecs.BOM_UTF8) else b""
    try:
        line = body[len(bom) :].decode("utf-8", "surrogatepass")
        found: tuple[int, int] | None = None
        old_text = ""
        i = _skip_space(line, 0)
        if line[i : i + 1] != "{":
            return None
        i = _skip_space(line, i + 1)
        while line[i : i + 1] == '"':
            name, i = _DECODER.raw_decode(line, i)
            i = _skip_space(line, i)
            if line[i : i + 1] != ":":
                return None
            start = _skip_space(line, i + 1)
            value, end = _DECODER.raw_decode(line, start)
            if name == key:
                if found is not None or not isinstance(value, str):
                    return None
                found, old_text = (start, end), value
            i = _skip_space(line, end)
            if line[i : i + 1] == ",":
                i = _skip_space(line, i + 1)
        if found is None or line[i : i + 1] != "}":
            return None
    except (ValueError, IndexError, RecursionError):
        return None
    start, end = found
    ascii_only = (line[start:end].isascii() and not old_text.isascii()) or not _utf8_encodable(new_text)
    value = json.dumps(new_text, ensure_ascii=ascii_only)
    return bom + (line[:start] + value + line[end:]).encode("utf-8", "surrogatepass")


def _skip_space(line: str, index: int) -> int:
    while index < len(line) and line[index] in _JSON_SPACE:
        index += 1
    return index


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


def line_chunks(stream: Iterable[bytes], most_lines: int, most_bytes: int) -> Iterator[tuple[int, tuple[bytes, ...]]]:
    """Consecutive lines of a JSONL stream, a chunk at a time, each with the line number of
    its first line: at most ``most_lines`` lines, and no more bytes than ``most_bytes`` but
    for its last line. An empty stream is one empty chunk."""
    lines: list[bytes] = []
    held, first, number = 0, 1, 0
    for number, raw in enumerate(stream, start=1):
        lines.append(raw)
        held += len(raw)
        if len(lines) >= most_lines or held >= most_bytes:
            yield first, tuple(lines)
            lines, held, first = [], 0, number + 1
    if lines or number == 0:
        yield first, tuple(lines)


# --- writing -------------------------------------------------------------------------------


class OutputError(Exception):
    """A file newslint could not write; the original is untouched."""


@contextmanager
def atomic_writer(path: Path, expected_stat: os.stat_result | None = None) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` at the end.

    If the block raises (or the process is interrupted), the temporary file is removed and
    ``path`` is untouched. If ``expected_stat`` is given and the file changed on disk since
    it was read, nothing is replaced. A symbolic link is written through (the file it points
    at is replaced, the link stays a link), never replaced by a copy.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    if target.exists() and not os.stat(target).st_mode & 0o222:
        raise OutputError(f"{path}: file is read-only; not modified")
    import tempfile  # only when writing: with what it imports (shutil, random), ~2 ms of a cold check

    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed or removed
            dir=folder, prefix=f".{target.name}.", suffix=".newslint-tmp", delete=False)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    temp = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if expected_stat is not None:
            now = os.stat(target)
            if (now.st_mtime_ns, now.st_size) != (expected_stat.st_mtime_ns, expected_stat.st_size):
                raise OutputError(f"{path}: changed on disk while newslint was working; not overwritten")
        if target.exists():
            os.chmod(temp, os.stat(target).st_mode & 0o7777)
        else:  # a new file (`newslint clean`): the usual permissions, not the temporary file's 0600
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, expected_stat: os.stat_result | None = None) -> None:
    with atomic_writer(path, expected_stat) as handle:
        handle.write(data)
