"""Trust (issue #8), bad input: whatever a scraper produces, `check` and `fix` end with a defined
exit code and no traceback, and `fix` either writes a correct file or leaves it byte-identical.

Through the CLI (click's runner, in process). What test_cli.py already pins is not repeated here:
a Latin-1 byte in a UTF-8 file, a PNG named .txt, UTF-16-LE with BOM, CRLF, the UTF-8 BOM, one
malformed JSONL line, an array record, duplicate keys.
"""

from __future__ import annotations

import codecs
import json
import random
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newslint.cli import main
from newslint.io import FieldMap, parse_record

SHARE = "Share it:"
BODY = "The vote is on Friday."


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert_no_traceback(result)
    return result


def assert_no_traceback(result: Result) -> None:
    """Exit 0, 1 or 2 through sys.exit, never an exception escaping the command."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (result.exception, result.output)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), result.output


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def fix_twice(path: Path, *options: str) -> tuple[Result, bytes]:
    """Run `fix`; check that a second `fix` changes nothing (the file is at its fixed point)."""
    first = run("fix", *options, str(path))
    after = path.read_bytes()
    second = run("fix", *options, str(path))
    assert path.read_bytes() == after, "a second `fix` changed the file again"
    assert "Fixed" not in second.stderr
    return first, after


# --- encodings --------------------------------------------------------------------------------


def test_invalid_utf8_names_file_and_byte_offset_and_fix_leaves_it_byte_identical(tmp_path: Path) -> None:
    data = (f"{SHARE}\n{BODY}\nCaf".encode() + b"\xe9 \xff\xfe owners.\n")
    path = write(tmp_path / "bad.txt", data)
    offset = data.index(b"\xe9")
    for command in ("check", "fix"):
        result = run(command, str(path))
        assert result.exit_code == 2
        assert f"{path}: not valid UTF-8 at byte {offset}" in result.stderr and "--encoding" in result.stderr
        assert path.read_bytes() == data


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b"ok \xc3\x28\n"
    path = write(tmp_path / "bom.txt", data)
    offset = data.index(b"\xc3")
    assert f"not valid UTF-8 at byte {offset}" in run("check", str(path)).stderr


def test_surrogateescape_round_trips_invalid_bytes_through_fix(tmp_path: Path) -> None:
    """The lossless fallback: invalid bytes are kept exactly where they were, fixes apply around them."""
    junk = [b"\xe9", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80\x81"]
    lines = [f"{SHARE}\n".encode(), b"Caf\xe9 owners said no.  \n", b"\xff\xfe stray bytes \xc3 here\n", b"Encoded surrogate \xed\xa0\x80 and \x80\x81.\n"]
    path = write(tmp_path / "mixed.txt", b"".join(lines))
    result, after = fix_twice(path, "--encoding-errors", "surrogateescape")
    assert result.exit_code in (0, 1), result.output  # 1: 'Caf' looks misspelt (not a SAFE fix)
    assert after == b"Caf\xe9 owners said no.\n\xff\xfe stray bytes \xc3 here\nEncoded surrogate \xed\xa0\x80 and \x80\x81.\n"
    for piece in junk:
        assert piece in after
    # A fix that would join two kept bytes into a valid character ("\xc2" + "\x80") is not written.
    joined = write(tmp_path / "joined.txt", b"Caf\xc2\x01\x80 owners.\n")
    result = run("fix", "--encoding-errors", "surrogateescape", str(joined))
    assert result.exit_code == 2 and "would join invalid bytes" in result.stderr
    assert joined.read_bytes() == b"Caf\xc2\x01\x80 owners.\n"
    # An untouched file with invalid bytes stays byte for byte the same.
    clean = write(tmp_path / "clean.txt", b"Caf\xe9 owners said no.\n")
    assert run("fix", "--encoding-errors", "surrogateescape", str(clean)).exit_code in (0, 1)
    assert clean.read_bytes() == b"Caf\xe9 owners said no.\n"


def test_named_encoding_and_latin1_fallback_write_back_in_that_encoding(tmp_path: Path) -> None:
    path = write(tmp_path / "cp1252.txt", f"{SHARE}\nCafé “owners” said no.\n".encode("cp1252"))
    assert run("fix", "--encoding", "cp1252", str(path)).exit_code == 0
    assert path.read_bytes() == "Café “owners” said no.\n".encode("cp1252")
    latin = write(tmp_path / "latin.txt", f"{SHARE}\nCafé owners.\n".encode("latin-1"))
    assert run("fix", "--encoding-errors", "latin-1", str(latin)).exit_code == 0
    assert latin.read_bytes() == "Café owners.\n".encode("latin-1")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("UTF8", f"{SHARE}\nCafé.\n".encode()),
        ("utf_8", f"{SHARE}\nCafé.\n".encode()),
        ("utf-8-sig", codecs.BOM_UTF8 + f"{SHARE}\nCafé.\n".encode()),
        ("utf-8-sig", f"{SHARE}\nCafé.\n".encode()),
        ("utf-16", f"\ufeff{SHARE}\nCafé.\n".encode("utf-16-be")),
        ("UTF-16", f"\ufeff{SHARE}\nCafé.\n".encode("utf-16-le")),
        ("utf-32", f"\ufeff{SHARE}\nCafé.\n".encode("utf-32-be")),
    ],
)
def test_encoding_names_are_normalised_and_the_bom_kept_as_it_was(tmp_path: Path, name: str, data: bytes) -> None:
    """Any spelling of a codec; a BOM-sensing codec (utf-16, utf-8-sig) neither drops the BOM
    nor adds one, nor turns big-endian into little-endian."""
    path = write(tmp_path / "named.txt", data)
    result, after = fix_twice(path, "--encoding", name)
    assert result.exit_code == 0, result.output
    assert after == data.replace(SHARE.encode(data_codec(data)) + "\n".encode(data_codec(data)), b"")
    unknown = run("check", "--encoding", "klingon", str(path))
    assert unknown.exit_code == 2 and "unknown encoding 'klingon'" in unknown.stderr
    lossless = write(tmp_path / "lossless.txt", b"Caf\xe9 owners.\nShare it:\n")
    assert run("fix", "--encoding", "UTF8", "--encoding-errors", "surrogateescape", str(lossless)).exit_code in (0, 1)
    assert lossless.read_bytes() == b"Caf\xe9 owners.\n"


def data_codec(data: bytes) -> str:
    for mark, codec in ((codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if data.startswith(mark):
            return codec
    return "utf-8"


def test_fix_that_the_encoding_cannot_hold_fails_closed(tmp_path: Path) -> None:
    """Mojibake repair brings in '’', which Latin-1 and ASCII lack: the file is left as it was."""
    latin = write(tmp_path / "latin.txt", b"We&#8217;ll see, caf\xe9.\n")
    ascii_ = write(tmp_path / "ascii.txt", b"We&#8217;ll see.\n")
    for path, options in ((latin, ("--encoding", "latin-1")), (latin, ("--encoding-errors", "latin-1")), (ascii_, ("--encoding", "ascii"))):
        before = path.read_bytes()
        other = write(tmp_path / "other.txt", f"{SHARE}\n{BODY}\n".encode())
        result = run("fix", *options, str(path), str(other))
        assert result.exit_code == 2
        assert path.read_bytes() == before
        assert f"{path}: the fixed text has '’'" in result.stderr and "cannot hold; not modified" in result.stderr
        assert other.read_bytes() == f"{BODY}\n".encode()  # the other files are still fixed
    stdin = CliRunner().invoke(main, ["fix", "--encoding", "latin-1", "-"], input=b"We&#8217;ll see.\n")
    assert_no_traceback(stdin)
    assert stdin.exit_code == 2 and stdin.stdout_bytes == b"We&#8217;ll see.\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom_are_fixed_and_written_back_with_their_bom(tmp_path: Path, codec: str) -> None:
    text = f"\ufeff{SHARE}\r\n{BODY}  \r\nSchön “gesagt”.\r\n"
    path = write(tmp_path / "wide.txt", text.encode(codec))
    result, after = fix_twice(path)
    assert result.exit_code == 0, result.output
    assert after == f"\ufeff{BODY}\r\nSchön “gesagt”.\r\n".encode(codec)


def test_utf16_without_bom_is_skipped_with_a_message(tmp_path: Path) -> None:
    data = f"{SHARE}\n{BODY}\n".encode("utf-16-le")
    path = write(tmp_path / "nobom.txt", data)
    result = run("fix", str(path))
    assert result.exit_code == 2 and f"{path}: looks binary" in result.stderr
    assert path.read_bytes() == data


# --- binary files and NUL bytes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x00",
        b"Share it:\n\x00The vote.\n",
        bytes(range(256)) * 4,
        b"\x1f\x8b\x08\x00" + bytes(random.Random(8).randrange(256) for _ in range(1000)),
        b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml",
    ],
    ids=["nul", "nul-in-text", "all-bytes", "gzip", "zip"],
)
def test_binary_files_are_skipped_with_a_message_and_never_touched(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "blob.txt", data)
    nul = data.index(b"\x00")
    for command in ("check", "fix"):
        result = run(command, str(path))
        assert result.exit_code == 2 and f"{path}: looks binary (NUL byte at offset {nul})" in result.stderr
        assert path.read_bytes() == data


def test_a_nul_past_the_first_8_kib_is_a_control_character_not_a_binary_file(tmp_path: Path) -> None:
    """Like git, newslint looks for NUL in the first 8 KiB; a stray NUL later is NL102's."""
    data = b"The vote is on Friday. " * 400 + b"\x00 The count.\n"
    path = write(tmp_path / "late.txt", data)
    assert "NL102" in run("check", str(path)).stdout
    _, after = fix_twice(path)
    assert after == data.replace(b" \x00 ", b" ")


def test_binary_jsonl_lines_are_passed_through_untouched(tmp_path: Path) -> None:
    data = b"\x00\x01\x02\n" + json.dumps({"text": f"{SHARE}\n{BODY}"}).encode() + b"\n\xff\xd8\xff\xe0\x00\x10JFIF\n"
    path = write(tmp_path / "dump.jsonl", data)
    result = run("fix", str(path))
    assert result.exit_code == 2
    assert f"{path}: line 1: malformed JSON" in result.stderr and f"{path}: line 3: malformed JSON" in result.stderr
    lines = path.read_bytes().splitlines(keepends=True)
    assert lines[0] == b"\x00\x01\x02\n" and lines[2] == b"\xff\xd8\xff\xe0\x00\x10JFIF\n"
    assert json.loads(lines[1]) == {"text": BODY}


# --- empty, blank, size -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fixed"),
    [
        (b"", b""),
        (codecs.BOM_UTF8, codecs.BOM_UTF8),
        (b"\n", b"\n"),
        (b"\r\n\r\n\r\n\r\n\r\n", None),
        (b"   ", None),
        (b"  \n\t\n\r\n   ", None),
        ("\u00a0\u2028\u3000\u2029 ".encode(), None),
        (b"\r\r\r", None),
    ],
    ids=["empty", "bom-only", "one-newline", "crlf-run", "spaces", "mixed-blank", "unicode-blank", "lone-cr"],
)
def test_empty_and_whitespace_only_files(tmp_path: Path, data: bytes, fixed: bytes | None) -> None:
    path = write(tmp_path / "blank.txt", data)
    assert run("check", str(path)).exit_code in (0, 1)
    result, after = fix_twice(path)
    assert result.exit_code == 0, result.output
    if fixed is not None:
        assert after == fixed
    # Nothing but whitespace goes in, nothing but whitespace comes out.
    assert not after.decode("utf-8-sig").strip()


def test_empty_jsonl_and_blank_records(tmp_path: Path) -> None:
    for data in (b"", b"\n", b"\n\n\r\n", b'{"text": ""}\n{"text": "   "}\n{"text": "\\n\\n\\n\\n"}'):
        path = write(tmp_path / "blank.jsonl", data)
        assert run("check", str(path)).exit_code in (0, 1)
        result, after = fix_twice(path)
        assert result.exit_code == 0
        assert after.count(b"\n") == data.count(b"\n")


def test_a_long_single_line_is_fixed(tmp_path: Path) -> None:
    """One 40 KB line (no line break at all): fixed, the words kept. A 50 MB line takes too long
    for CI; that the time grows linearly with the size is shown per rule in test_trust_scale.py."""
    unit = "The vote is on Friday  and “the count” begins on Monday, officials said. "
    data = (unit * (40_000 // len(unit))).encode()
    path = write(tmp_path / "line.txt", data)
    result, after = fix_twice(path)
    assert result.exit_code in (0, 1)
    assert after.count(b"Friday and") == data.count(b"Friday  and")  # double spaces fixed
    assert after.replace(b" ", b"") == data.replace(b" ", b"")


def test_many_short_lines_are_fixed(tmp_path: Path) -> None:
    """3,000 short lines (1,000,000 take 300 times as long: test_trust_scale.py shows linearity)."""
    lines = [f"Line {n} of the report.  \n" if n % 7 else f"{SHARE}\n" for n in range(3_000)]
    path = write(tmp_path / "lines.txt", "".join(lines).encode())
    result, after = fix_twice(path)
    assert result.exit_code in (0, 1)
    assert after == "".join(line.replace("  \n", "\n") for line in lines if line != f"{SHARE}\n").encode()


# --- line separators and scripts --------------------------------------------------------------

BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85"]


@pytest.mark.parametrize("sep", BREAKS, ids=[hex(ord(s[-1])) for s in BREAKS])
def test_every_line_break_keeps_its_kind(tmp_path: Path, sep: str) -> None:
    text = f"{SHARE}{sep}{BODY}  {sep}{sep}{sep}{sep}The count begins.{sep}"
    path = write(tmp_path / "breaks.txt", text.encode())
    result, after = fix_twice(path)
    assert result.exit_code == 0, result.output
    assert after.decode() == f"{BODY}{sep}{sep}The count begins.{sep}"


@pytest.mark.parametrize("sep", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e"], ids=["vt", "ff", "fs", "gs", "rs"])
def test_separator_controls_never_glue_words(tmp_path: Path, sep: str) -> None:
    """Not line breaks for newslint (scraped text uses them as data) but str.splitlines breaks on
    them: a SAFE fix must not turn "Friday<VT>The" into "FridayThe"."""
    text = f"{BODY}{sep}The count begins.{sep}{sep}Officials{sep}said so.{sep}"
    path = write(tmp_path / "controls.txt", text.encode())
    result, after = fix_twice(path)
    assert result.exit_code == 0, result.output
    assert after.decode() == f"{BODY} The count begins. Officials said so."


def test_rtl_combining_marks_and_emoji_sequences(tmp_path: Path) -> None:
    keep = [
        "مرحبا بالعالم\u200f، قال الوزير.",  # Arabic with a right-to-left mark: kept in RTL text
        "שלום עולם, אמר השר.",
        "Readers sent 👨\u200d👩\u200d👧 and 🏳️\u200d🌈 and 👍🏽 and 🇺🇦 flags.",  # ZWJ, VS16, skin tone, flag pairs
        "The slogan می\u200cخواهم was painted.",  # ZWNJ in Persian
        "Zalgo t\u0336\u0336e\u0301\u0302\u0303x\u0489t.",  # stacked marks without a composed form
        "Thai ภาษาไทย and Devanagari हिन्दी and Hangul 한국어.",
    ]
    text = f"{SHARE}\n" + "\n".join(keep) + "\nElyse\u0301e Palace.  \n"
    path = write(tmp_path / "scripts.txt", text.encode())
    result, after = fix_twice(path)
    assert result.exit_code in (0, 1), result.output  # 1: NL504, the text is not all English
    lines = after.decode().split("\n")
    assert lines[:-2] == [unicodedata.normalize("NFC", line) for line in keep]
    assert lines[-2:] == ["Elysée Palace.", ""]


# --- JSONL -------------------------------------------------------------------------------------


def _jsonl_bad_lines() -> list[bytes]:
    return [
        b"{not json\n",
        b'{"text": "unterminated\n',
        b'{"text": "ok"} trailing\n',
        b"[1, 2]\n",
        b'"just a string"\n',
        b"null\n",
        b"42\n",
        b'{"text": 5}\n',
        b'{"text": null}\n',
        b'{"text": ["Share it:"]}\n',
        b'{"text": {"body": "Share it:"}}\n',
        b'{"text": true}\n',
        b'{"title": "no text field"}\n',
        b'{"text": "caf\xe9"}\n',  # invalid UTF-8 inside a record
        b'{"v": ' + b"[" * 50_000 + b"]" * 50_000 + b', "text": "Share it:\\nx"}\n',  # deeper than the parser goes
    ]


def test_jsonl_with_every_kind_of_bad_line(tmp_path: Path) -> None:
    good = json.dumps({"id": 1, "text": f"{SHARE}\n{BODY}"}).encode() + b"\n"
    bad = _jsonl_bad_lines()
    data = good + b"".join(bad) + good
    path = write(tmp_path / "dump.jsonl", data)
    checked = run("check", str(path))
    assert checked.exit_code == 2
    result = run("fix", str(path))
    assert result.exit_code == 2
    for number in range(2, 2 + len(bad)):
        assert f"{path}: line {number}: " in result.stderr, number
    out = path.read_bytes().splitlines(keepends=True)
    assert out[1:-1] == bad  # every bad line passed through byte for byte
    assert [json.loads(line) for line in (out[0], out[-1])] == [{"id": 1, "text": BODY}] * 2


def test_changed_record_keeps_every_other_byte(tmp_path: Path) -> None:
    """Only the text value is replaced: numbers as written (1.50, 1e999, -0), escapes (\\/,
    \\u00e9), NaN, spacing and key order stay exactly as they were."""
    rest = b'"v": 1.50, "big": 1e999, "neg": -0, "nan": NaN, "u": "\\/path \\u00e9", "nested": {"k" :[1,2.0]}'
    raw = b'{"id":7,  ' + rest + b', "text": "Share it:\\nThe vote is on Friday."   ,"tail":true}\r\n'
    path = write(tmp_path / "dump.jsonl", raw)
    assert run("fix", str(path)).exit_code == 0
    assert path.read_bytes() == raw.replace(b"Share it:\\n", b"")


def test_text_field_escaping_style_is_kept(tmp_path: Path) -> None:
    escaped = b'{"text": "We\\u2019ll  see.\\nShare it:"}\n'
    literal = '{"text": "We’ll  see.\\nShare it:"}\n'.encode()
    plain = b'{"text": "We&#8217;ll see.\\nShare it:"}\n'
    path = write(tmp_path / "dump.jsonl", escaped + literal + plain)
    assert run("fix", str(path)).exit_code == 0
    assert path.read_bytes().splitlines(keepends=True) == [
        b'{"text": "We\\u2019ll see."}\n',
        '{"text": "We’ll see."}\n'.encode(),
        '{"text": "We’ll see."}\n'.encode(),
    ]


def test_lone_surrogate_in_a_record_is_fixed_without_a_crash(tmp_path: Path) -> None:
    """A "\\ud800" escape decodes to a lone surrogate, which UTF-8 cannot hold: it stays escaped."""
    raw = '{"text": "café \\ud800 x\\nShare it:\\nThe vote.  "}\n'.encode()
    path = write(tmp_path / "dump.jsonl", raw)
    result = run("fix", str(path))
    assert result.exit_code in (0, 1)
    out = path.read_bytes()
    out.decode("utf-8")  # valid UTF-8
    record = json.loads(out)
    assert "\ud800" in record["text"] and "Share it" not in record["text"] and b"\\ud800" in out


def test_jsonl_bom_crlf_and_missing_final_newline(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + b'{"text": "Share it:\\nA."}\r\n{"text": "B."}\r\n{"text": "Share it:\\nC."}'
    path = write(tmp_path / "dump.jsonl", raw)
    result, after = fix_twice(path)
    assert result.exit_code == 0, result.output
    assert after == codecs.BOM_UTF8 + b'{"text": "A."}\r\n{"text": "B."}\r\n{"text": "C."}'


def test_duplicate_keys_in_every_position_are_never_rewritten(tmp_path: Path) -> None:
    lines = [
        b'{"text": "Share it:\\nA.", "text": "Share it:\\nB."}\n',
        b'{"id": 1, "id": 2, "text": "Share it:\\nC."}\n',
        b'{"meta": {"k": 1, "k": 2}, "text": "Share it:\\nD."}\n',
    ]
    path = write(tmp_path / "dup.jsonl", b"".join(lines))
    result = run("fix", str(path))
    assert result.exit_code == 1  # the defects are still there, reported
    assert path.read_bytes() == b"".join(lines)
    assert result.stderr.count("duplicate key") == 3


def test_huge_records(tmp_path: Path) -> None:
    """A record with a 5 MB field beside its text, and one with a 25 KB text: streamed, fixed,
    and the big field written back byte for byte."""
    html = "<p>" + "x" * 5_000_000 + "</p>"
    big_field = json.dumps({"html": html, "text": f"{SHARE}\n{BODY}"}).encode() + b"\n"
    big_text = json.dumps({"text": "".join(f"Vote {n} is on Friday.  \n" for n in range(1000))}).encode() + b"\n"
    path = write(tmp_path / "huge.jsonl", big_field + big_text)
    result = run("fix", str(path))
    assert result.exit_code in (0, 1)
    first, second = path.read_bytes().splitlines(keepends=True)
    assert first == big_field.replace(b"Share it:\\n", b"")
    assert json.loads(second)["text"] == "".join(f"Vote {n} is on Friday.\n" for n in range(1000))


def test_non_string_metadata_fields_do_not_matter(tmp_path: Path) -> None:
    raw = b'{"title": 3, "url": {"a": 1}, "date": true, "language": ["en"], "id": 1.5, "text": "Share it:\\nA."}\n'
    path = write(tmp_path / "meta.jsonl", raw)
    assert run("fix", str(path)).exit_code == 0
    assert path.read_bytes() == raw.replace(b"Share it:\\n", b"")
    assert parse_record(1, raw, FieldMap()).metadata.title is not None  # numbers are read as text
