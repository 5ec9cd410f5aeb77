"""Trust (issue #8), hostile or broken rule packs and configuration, end to end through the CLI
with the pack named in a configuration file (`packs = [...]`).

test_packs.py pins each validation message at the library level and test_engine.py the NL002
timeout inside the engine; here the same failures are run the way a user meets them: a clear
error naming file, rule and reason, exit 2, no traceback; a pathological regex stopped while the
other rules still report and fix; and proof that loading a pack runs none of its code.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newslint.cli import main

ARTICLE = "Share it:\nThe vote is on Friday.  \n" + "x" * 300 + "\n"


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def project(tmp_path: Path, pack: str, config: str = 'packs = ["house"]\n', name: str = "house.toml") -> tuple[Path, Path]:
    """A folder with newslint.toml naming the pack folder ``house/``, the pack, and an article."""
    (tmp_path / "house").mkdir(exist_ok=True)
    pack_path = tmp_path / "house" / name
    pack_path.write_text(textwrap.dedent(pack), encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(config, encoding="utf-8")
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return pack_path, article


RULE = """
[[rules]]
code = "HS101"
name = "house.rule"
category = "style"
message = "found '{match}'"
"""


# --- a pathological regex ---------------------------------------------------------------------


@pytest.mark.parametrize("scope", ["text", "line"])
def test_catastrophic_regex_is_stopped_and_the_other_rules_still_run(tmp_path: Path, scope: str) -> None:
    pattern = "(x+x+)+y" if scope == "text" else "(x|x)+y"
    _, article = project(
        tmp_path,
        RULE + f'kind = "existence"\nscope = "{scope}"\npatterns = [\'{pattern}\']\n',
        config='packs = ["house"]\nregex-timeout = 0.05\n',
    )
    if scope == "line":
        article.write_text("Share it:\nThe vote is on Friday.  \n" + "x" * 40 + "\n", encoding="utf-8")
    started = time.monotonic()
    checked = run("check", "--output-format", "jsonl", str(article))
    assert time.monotonic() - started < 30
    findings = [json.loads(line) for line in checked.stdout.splitlines()]
    codes = [f["code"] for f in findings]
    assert "NL002" in codes and "NL201" in codes and "NL401" in codes and "HS101" not in codes
    timeout = next(f for f in findings if f["code"] == "NL002")
    assert "HS101" in timeout["message"] and "house.rule" in timeout["message"] and "house.toml" in timeout["message"]
    assert checked.exit_code == 1
    # `fix` still applies the other rules' fixes, and says what was skipped.
    fixed = run("fix", str(article))
    assert fixed.exit_code == 1 and "NL002" in fixed.stdout
    assert article.read_text(encoding="utf-8").startswith("The vote is on Friday.\n")


# --- broken packs and configuration: exit 2, file, rule and reason ---------------------------


@pytest.mark.parametrize(
    ("pack", "reason"),
    [
        ('[[rules]]\ncode = "HS101"\nname = [unclosed\n', "invalid TOML"),
        (RULE + 'kind = "existence"\nphrases = ["x"]\nwords = ["y"]\n', "unknown key(s) ['words']"),
        ("[pack]\nname = 'x'\n[surprise]\nkey = 1\n", "unknown top-level key(s) ['surprise']"),
        (RULE + 'kind = "existence"\nscope = "text"\npatterns = ["(unclosed"]\n', "bad regular expression"),
        (RULE + 'kind = "existence"\nscope = "text"\npatterns = ["[z-a]"]\n', "bad regular expression"),
        (RULE + 'kind = "existence"\nphrases = ["x"]\n' + RULE + 'kind = "existence"\nphrases = ["y"]\n', "already defined"),
        (RULE.replace("HS101", "NL201") + 'kind = "existence"\nphrases = ["x"]\n', "NL201 is already defined"),
        (RULE + 'kind = "python"\nfunction = "newslint.checks.boilerplate:no_such_function"\n', "has no function 'no_such_function'"),
        (RULE + 'kind = "python"\nfunction = "newslint_trust_no_such_module:check"\n', "cannot import module 'newslint_trust_no_such_module'"),
        (RULE + 'kind = "python"\nfunction = "newslint.checks.boilerplate:_LEADING"\n', "has no function"),
        (RULE + 'kind = "python"\nfunction = "newslint.checks"\n', "must be 'package.module:function'"),
        (RULE + 'kind = "shell"\ncommand = "rm -rf /"\n', "'kind' must be one of"),
    ],
    ids=["toml", "unknown-key", "unknown-table", "regex", "regex-group", "duplicate-code", "builtin-code", "missing-function", "missing-module", "not-callable", "no-colon", "bad-kind"],
)
def test_broken_pack_is_a_clear_error_with_exit_2(tmp_path: Path, pack: str, reason: str) -> None:
    pack_path, article = project(tmp_path, pack)
    before = article.read_bytes()
    for command in ("check", "fix", "rules"):
        args = [command, str(article)] if command != "rules" else [command, "--config", str(tmp_path / "newslint.toml")]
        result = run(*args)
        assert result.exit_code == 2, (command, result.output)
        assert "newslint: error:" in result.stderr and str(pack_path) in result.stderr and reason in result.stderr, result.stderr
        if reason not in ("invalid TOML", "unknown top-level key(s) ['surprise']"):
            assert "HS101" in result.stderr or "NL201" in result.stderr
    assert article.read_bytes() == before


@pytest.mark.parametrize(
    ("config", "reason"),
    [
        ("select = [\n", "newslint.toml"),
        ("selekt = ['NL2']\n", "selekt"),
        ("packs = ['nowhere']\n", "not found"),
        ("regex-timeout = -1\n", "regex-timeout"),
        ("packs = 'house'\n", "packs"),
    ],
)
def test_broken_configuration_is_a_clear_error_with_exit_2(tmp_path: Path, config: str, reason: str) -> None:
    _, article = project(tmp_path, RULE + 'kind = "existence"\nphrases = ["x"]\n', config=config)
    for command in ("check", "fix"):
        result = run(command, str(article))
        assert result.exit_code == 2 and reason in result.stderr, result.stderr
        assert str(tmp_path) in result.stderr
    assert article.read_text(encoding="utf-8") == ARTICLE


# --- loading a pack never runs its code ---------------------------------------------------------


def test_a_pack_whose_strings_look_like_code_is_data(tmp_path: Path) -> None:
    """Every string of the pack is code that would leave a marker file if it ran."""
    marker = tmp_path / "PWNED"
    payload = f"__import__('pathlib').Path({str(marker)!r}).write_text('x')"
    as_regex = re.escape(payload).replace("\\", "\\\\")  # a literal pattern, in a TOML string
    pack = f"""
    [pack]
    name = "{payload}"

    [[rules]]
    code = "HS101"
    name = "house.payload"
    category = "style"
    kind = "existence"
    message = "{{match}} {{match.__class__.__mro__}} {payload}"
    summary = "{payload}"
    explanation = "{payload}"
    phrases = ["{payload}", "Share it:"]
    patterns = ["x{{300}}|{as_regex}"]
    example = {{ bad = "{payload}", good = "{payload}" }}
    options = {{ code = "{payload}" }}

    [[rules]]
    code = "HS102"
    name = "house.substitution"
    category = "style"
    kind = "substitution"
    message = "{payload}"
    swap = {{ vote = "{payload}" }}
    """
    _, article = project(tmp_path, pack)
    checked = run("check", "--output-format", "jsonl", str(article))
    assert checked.exit_code == 1, checked.stderr
    findings = [json.loads(line) for line in checked.stdout.splitlines()]
    assert {"HS101", "HS102"} <= {f["code"] for f in findings}
    assert run("explain", "--config", str(tmp_path / "newslint.toml"), "HS101").exit_code == 0
    assert run("rules", "--config", str(tmp_path / "newslint.toml")).exit_code == 0
    assert run("fix", "--unsafe-fixes", str(article)).exit_code in (0, 1)
    assert not marker.exists()
    assert payload in article.read_text(encoding="utf-8")  # the swap wrote the text, as text


def test_python_files_beside_a_pack_are_never_imported(tmp_path: Path) -> None:
    """A pack folder is not put on sys.path and only its *.toml files are read: a module next to
    the pack, even one the pack names, is not imported unless it is importable anyway."""
    marker = tmp_path / "IMPORTED"
    code = f"from pathlib import Path\nPath({str(marker)!r}).write_text('x')\ndef check(doc, rule, ctx):\n    return []\n"
    pack_path, article = project(tmp_path, RULE + 'kind = "python"\nfunction = "newslint_trust_beside:check"\n')
    for name in ("newslint_trust_beside.py", "__init__.py", "conftest.py", "house.py", "setup.py"):
        (pack_path.parent / name).write_text(code, encoding="utf-8")
    result = run("check", str(article))
    assert result.exit_code == 2 and "cannot import module 'newslint_trust_beside'" in result.stderr
    assert not marker.exists()
    assert "newslint_trust_beside" not in sys.modules


def test_an_importable_python_rule_runs_and_its_failure_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a pack may run: the function it names, in a module on the path, as a rule. When it
    raises, that is an NL001 finding and the other rules go on."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "newslint_trust_rules.py").write_text(
        "def explode(doc, rule, ctx):\n    raise MemoryError('pretend')\n\ndef loop(doc, rule, ctx):\n    yield from loop(doc, rule, ctx)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    pack = (
        RULE + 'kind = "python"\nfunction = "newslint_trust_rules:explode"\n'
        + RULE.replace("HS101", "HS102").replace("house.rule", "house.loop") + 'kind = "python"\nfunction = "newslint_trust_rules:loop"\n'
    )
    _, article = project(tmp_path, pack)
    result = run("check", "--output-format", "jsonl", str(article))
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [f["message"] for f in findings if f["code"] == "NL001"]
    assert any("HS101" in m and "MemoryError" in m for m in errors) and any("HS102" in m and "RecursionError" in m for m in errors)
    assert "NL201" in [f["code"] for f in findings]
    assert run("fix", str(article)).exit_code == 1
    assert article.read_text(encoding="utf-8").startswith("The vote is on Friday.\n")
