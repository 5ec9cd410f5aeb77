"""Rule packs: the built-in packs are valid and complete; user packs are validated with errors
that name the file and the rule; every declarative kind works."""

from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path

import pytest
import regex
from helpers import RULES, rule_table
from hypothesis import given
from hypothesis import strategies as st

from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter, RuleSet
from newslint.model import CATEGORIES, Applicability
from newslint.packs import PackError, _holds_any, _required_strings, builtin_rules_dir, load_pack, load_packs


def write_pack(folder: Path, body: str, name: str = "house.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


RULE = """
[[rules]]
code = "HS201"
name = "house.example"
category = "style"
message = "found '{match}'"
"""


# --- built-in packs ---------------------------------------------------------------------------


def test_builtin_packs_load_and_are_consistent() -> None:
    rules = load_packs([builtin_rules_dir()])
    codes = [r.code for r in rules]
    names = [r.name for r in rules]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))
    assert sorted(codes) == sorted(rule_table())
    for rule in rules:
        assert rule.category in CATEGORIES, rule.code
        assert rule.summary and rule.message, rule.code
        assert rule.name.split(".")[0] == rule.category or rule.category == "meta", rule.code
    # The meta rules the engine reports are present.
    assert {"NL001", "NL002", "NL003", "NL004"} <= set(codes)


def test_builtin_packs_are_valid_pattern_by_pattern() -> None:
    """Loading the shipped packs compiles their line patterns only joined (start-up time):
    here each pattern must also compile alone, as a user's pack is checked on every load."""
    strict = [rule.code for path in sorted(builtin_rules_dir().glob("*.toml")) for rule in load_pack(path, strict=True)]
    assert sorted(strict) == sorted(r.code for r in load_packs([builtin_rules_dir()]))


def test_user_pattern_is_checked_alone_before_it_is_joined(tmp_path: Path) -> None:
    # Joined with "(?:" and ")" this one pattern would compile ("(?:a)|(b)") and mean
    # something else: alone it is an error, and it is reported as one.
    pack = write_pack(tmp_path / "packs", RULE + 'kind = "existence"\npatterns = ["a)|(b"]\n')
    with pytest.raises(PackError, match="bad regular expression"):
        load_packs([pack.parent])


def test_builtin_rules_dir_is_the_checkout_rules_folder_or_the_packaged_copy() -> None:
    folder = builtin_rules_dir()
    assert folder.is_dir()
    assert sorted(p.name for p in folder.glob("*.toml")) == sorted(p.name for p in RULES.glob("*.toml"))


def test_fix_applicability_of_builtin_rules_matches_design() -> None:
    """SAFE only where the fix cannot change what the article says (DESIGN.md principle 3)."""
    rules = {r.code: r for r in load_packs([builtin_rules_dir()])}
    safe = {code for code, r in rules.items() if r.fix_applicability == Applicability.SAFE}
    assert {"NL101", "NL102", "NL103", "NL201", "NL202", "NL203", "NL204", "NL205", "NL206", "NL207", "NL301", "NL401", "NL402", "NL403", "NL404"} <= safe
    for code in ("NL208", "NL209", "NL210", "NL302", "NL303", "NL304", "NL305"):
        assert rules[code].fix_applicability == Applicability.UNSAFE, code


# --- validation errors name the file and the rule -------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (RULE + 'kind = "regexp"\npatterns = ["x"]\n', "'kind' must be one of"),
        (RULE + 'kind = "existence"\nphrases = ["x"]\nwords = ["y"]\n', "unknown key(s) ['words']"),
        (RULE + 'kind = "existence"\nscope = "text"\npatterns = ["(unclosed"]\n', "bad regular expression"),
        (RULE + 'kind = "python"\nfunction = "newslint.checks.boilerplate:no_such_function"\n', "has no function 'no_such_function'"),
        (RULE + 'kind = "python"\nfunction = "newslint_no_such_module:check"\n', "cannot import module 'newslint_no_such_module'"),
        (RULE + 'kind = "python"\nfunction = "no-colon-here"\n', "'function' must be 'package.module:function'"),
        (RULE + 'kind = "existence"\n', "needs 'phrases' or 'patterns'"),
        (RULE + 'kind = "existence"\nscope = "text"\nphrases = ["x"]\n', "use 'patterns' with scope = 'text'"),
        (RULE + 'kind = "existence"\nphrases = ["x"]\nfix = "remove-line"\n', "needs 'applicability'"),
        (RULE + 'kind = "existence"\nphrases = ["x"]\nseverity = "fatal"\n', "unknown severity"),
        (RULE + 'kind = "existence"\nphrases = ["x"]\napplicability = "always"\n', "unknown fix applicability"),
        (RULE + 'kind = "substitution"\nswap = ["x"]\n', "'swap' must be a table"),
        (RULE + 'kind = "occurrence"\npattern = "x"\nmax = -1\n', "'max' must be a non-negative integer"),
        (RULE + 'kind = "consistency"\neither = [["a"]]\n', "'either' must be a list"),
        (RULE.replace('category = "style"', 'category = "gossip"') + 'kind = "existence"\nphrases = ["x"]\n', "'category' must be one of"),
        (RULE.replace('message = "found \'{match}\'"\n', "") + 'kind = "existence"\nphrases = ["x"]\n', "'message' is required"),
    ],
)
def test_invalid_rule_names_file_and_rule(tmp_path: Path, body: str, expected: str) -> None:
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError) as info:
        load_pack(path)
    message = str(info.value)
    assert str(path) in message
    assert "HS201" in message and "house.example" in message
    assert expected in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[[rules]]\ncode = "hs1"\nname = "house.x"\n', "'code' must look like NL201"),
        ('[[rules]]\ncode = "HS201"\nname = "House X"\n', "'name' must be lower-case dotted words"),
        ('[[rules]]\ncode = "HS201"\n', "'name' must be"),
        ("[[rules]]\ncode = \"HS201\"\nname = [unclosed\n", "invalid TOML"),
        ("rules = 3\n", "must be an array of tables"),
        ('[pack]\nname = "x"\n[extra]\nkey = 1\n', "unknown top-level key(s) ['extra']"),
    ],
)
def test_invalid_pack_names_file(tmp_path: Path, body: str, expected: str) -> None:
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_rule_number_is_named_when_the_code_is_missing(tmp_path: Path) -> None:
    path = write_pack(tmp_path, '[[rules]]\nname = "house.x"\n[[rules]]\nname = "house.y"\n')
    with pytest.raises(PackError, match=r"rule #1"):
        load_pack(path)


def test_duplicate_code_across_user_packs(tmp_path: Path) -> None:
    first = write_pack(tmp_path / "a", RULE + 'kind = "existence"\nphrases = ["x"]\n')
    second = write_pack(tmp_path / "b", RULE.replace("house.example", "house.other") + 'kind = "existence"\nphrases = ["y"]\n')
    with pytest.raises(PackError) as info:
        load_packs([first.parent, second.parent])
    assert str(second) in str(info.value) and "HS201" in str(info.value) and str(first) in str(info.value)


def test_duplicate_name_within_one_pack(tmp_path: Path) -> None:
    body = RULE + 'kind = "existence"\nphrases = ["x"]\n' + RULE.replace("HS201", "HS202") + 'kind = "existence"\nphrases = ["y"]\n'
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError, match=r"house\.example is already defined"):
        load_packs([path.parent])


def test_user_pack_cannot_redefine_a_builtin_code(tmp_path: Path) -> None:
    write_pack(tmp_path, RULE.replace("HS201", "NL201") + 'kind = "existence"\nphrases = ["x"]\n')
    with pytest.raises(PackError, match=r"NL201 is already defined in .*boilerplate\.toml"):
        Linter(Config(packs=(tmp_path,)))


def test_missing_pack_folder(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="rule pack folder not found"):
        load_packs([tmp_path / "nowhere"])


def test_non_utf8_pack(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'[pack]\nname = "caf\xe9"\n')
    with pytest.raises(PackError, match="cannot read rule pack"):
        load_pack(path)


# --- every declarative kind, through a user pack --------------------------------------------

KINDS = """
[pack]
name = "kinds"

[[rules]]
code = "KD101"
name = "kinds.cliche"
category = "style"
kind = "existence"
scope = "text"
patterns = ['\\bat the end of the day\\b']
message = "cliché '{match}'"

[[rules]]
code = "KD102"
name = "kinds.dateline"
category = "boilerplate"
kind = "existence"
phrases = ["Breaking: live updates"]
fix = "remove-line"
applicability = "safe"
message = "live-blog label"

[[rules]]
code = "KD103"
name = "kinds.spelling"
category = "spelling"
kind = "substitution"
applicability = "safe"
swap = { goverment = "government" }
message = "'{match}' -> '{replacement}'"

[[rules]]
code = "KD104"
name = "kinds.doubled"
category = "grammar"
kind = "repetition"
message = "doubled '{match}'"

[[rules]]
code = "KD105"
name = "kinds.adverbs"
category = "style"
kind = "occurrence"
pattern = '\\b\\w+ly\\b'
max = 2
scope = "sentence"
message = "{count} adverbs in one sentence"

[[rules]]
code = "KD106"
name = "kinds.spelling-consistency"
category = "spelling"
kind = "consistency"
either = [["Kyiv", "Kiev"]]
message = "use one spelling: '{replacement}'"
"""


@pytest.fixture(scope="module")
def kinds_linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    folder = tmp_path_factory.mktemp("kinds")
    write_pack(folder, KINDS)
    return Linter(Config(select=("KD",), packs=(folder,)))


def _found(linter: Linter, text: str) -> list[tuple[str, str, str | None]]:
    return [
        (f.code, text[f.span.start : f.span.end], f.fix.applicability.label if f.fix else None)
        for f in linter.lint(Document(text))
    ]


def test_kind_existence_text_scope(kinds_linter: Linter) -> None:
    text = "At the end of the day, the council voted.\n"
    assert _found(kinds_linter, text) == [("KD101", "At the end of the day", None)]


def test_kind_existence_line_scope_matches_the_line_key(kinds_linter: Linter) -> None:
    text = "The vote is on Friday.\n  * BREAKING — live updates!\nThe count begins on Monday.\n"
    assert _found(kinds_linter, text) == [("KD102", "* BREAKING — live updates!", "safe")]
    assert _found(kinds_linter, "Breaking: live updates were paused on Friday.\n") == []


def test_kind_substitution_keeps_capitals_and_demotes_inside_quotes(kinds_linter: Linter) -> None:
    text = "Goverment officials met. “The goverment is sure,” he said.\n"
    assert _found(kinds_linter, text) == [("KD103", "Goverment", "safe"), ("KD103", "goverment", "display")]
    first = kinds_linter.lint(Document(text))[0]
    assert first.fix is not None and first.fix.edits[0].replacement == "Government"


def test_kind_repetition_skips_quotes_by_default(kinds_linter: Linter) -> None:
    text = "The the council met. “We have, we have we have taken a step back,” he said.\n"
    assert _found(kinds_linter, text) == [("KD104", "The the", "unsafe")]


def test_kind_occurrence(kinds_linter: Linter) -> None:
    text = "He quickly and quietly and finally left. She left slowly.\n"
    found = _found(kinds_linter, text)
    assert found == [("KD105", "finally", None)]
    assert "3 adverbs" in kinds_linter.lint(Document(text))[0].message


def test_kind_consistency_reports_the_minority_spelling(kinds_linter: Linter) -> None:
    text = "Kyiv said on Friday that Kyiv would not yield. Kiev was the old spelling.\n"
    assert _found(kinds_linter, text) == [("KD106", "Kiev", "unsafe")]


def test_ruleset_is_loaded_once_per_configuration(tmp_path: Path) -> None:
    write_pack(tmp_path, KINDS)
    assert RuleSet.load((tmp_path,)) is RuleSet.load((tmp_path,))
    assert RuleSet.load() is not RuleSet.load((tmp_path,))


# --- line rules of one pack share a pass over the lines ---------------------------------------

LINE_RULES = """
[pack]
name = "lines"
category = "boilerplate"

[[rules]]
code = "LN101"
name = "lines.short"
kind = "existence"
phrases = ["breaking news live"]
max_words = 2
message = "short"

[[rules]]
code = "LN102"
name = "lines.any"
kind = "existence"
phrases = ["breaking news live", "share it"]
message = "any"

[[rules]]
code = "LN103"
name = "lines.backtracking"
kind = "existence"
patterns = ['(x|x)+y']
message = "never matches in time"
"""


def test_line_rules_of_a_pack_keep_their_own_limits_and_selection(tmp_path: Path) -> None:
    folder = tmp_path / "lines"
    write_pack(folder, LINE_RULES.replace("'(x|x)+y'", "'x+y'"))
    text = "Breaking news, live!\nShare it:\nThe vote is on Friday.\n"
    both = Linter(Config(select=("LN",), packs=(folder,)))
    alone = Linter(Config(select=("LN102",), packs=(folder,)))
    for _ in range(2):  # the second document is judged from the verdicts the first one left
        assert [(f.code, f.span.start) for f in both.lint(Document(text))] == [("LN102", 0), ("LN102", 21)]
        assert [(f.code, f.span.start) for f in alone.lint(Document(text))] == [("LN102", 0), ("LN102", 21)]


def test_a_line_rule_that_times_out_fails_alone(tmp_path: Path) -> None:
    # Once the failing rule has run, the other rules' shared pass judges it too: its timeout
    # must still be reported as its own, and the others must still report their lines.
    folder = tmp_path / "lines"
    write_pack(folder, LINE_RULES)
    linter = Linter(Config(select=("LN", "NL002"), packs=(folder,), regex_timeout=0.05))
    for _ in range(2):
        findings = linter.lint(Document("Share it:\n" + "x" * 40 + "\n"))
        assert [f.code for f in findings] == ["NL002", "LN102"]
        assert "LN103" in findings[0].message


# --- required strings: a test that spares full matches, never changes their verdict -----------


def _line_patterns() -> list[tuple[str, tuple[str, ...], bool]]:
    """Each shipped line-scope existence rule: its code, patterns and whether it ignores case."""
    found = []
    for path in sorted(builtin_rules_dir().glob("*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("rules", []):
            if entry.get("kind") == "existence" and entry.get("scope", "line") == "line" and entry.get("patterns"):
                found.append((entry["code"], tuple(entry["patterns"]), bool(entry.get("ignore_case", True))))
    return found


LINE_PATTERNS = _line_patterns()
# Words of the patterns and of everyday prose, so that generated keys match now and then.
KEY_WORDS = sorted(
    {word for _, sources, _ in LINE_PATTERNS for source in sources for word in regex.findall(r"[a-z]+", source)}
    | {"the", "a", "of", "and", "said", "on", "friday", "2019", "12", "k", "x", "s", "council", "e"}
)
keys = st.lists(st.sampled_from(KEY_WORDS), min_size=1, max_size=14).map(" ".join)


@given(st.sampled_from(LINE_PATTERNS), keys)
def test_required_strings_never_reject_a_key_that_matches(rule: tuple[str, tuple[str, ...], bool], key: str) -> None:
    code, sources, ignore_case = rule
    required = _required_strings(sources, ignore_case)
    combined = regex.compile("|".join(f"(?:{p})" for p in sources), (regex.IGNORECASE if ignore_case else 0) | regex.VERSION1)
    if combined.fullmatch(key):
        assert required is None or _holds_any(key, required), (code, key)


def test_required_strings_of_the_shipped_packs_reject_prose() -> None:
    # The point of them: a sentence of news prose runs no pattern of the legal rule.
    required = dict((code, _required_strings(sources, ignore_case)) for code, sources, ignore_case in LINE_PATTERNS)
    assert required["NL206"] is not None
    assert not _holds_any("the council voted on friday to close the old bridge", required["NL206"])


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        (("share (?:this|it) now",), ("share ",)),  # the longest run (a branch has shorter strings)
        (("(?:read|see) more",), (" more",)),
        (("(?:read|watch)(?: more)?",), ("read", "watch")),
        (("(?:foo|)bar", "baz"), ("bar", "baz")),
        (("(?=.*cookies).{0,40}",), ("cookies",)),
        (("(?:share|shares)",), ("share",)),
        (("caf\u00e9s? menu",), (" menu",)),  # a literal beyond ASCII ends a run
        (("share", "shares now"), ("share",)),  # a string holding another adds nothing
        (("(?:foo)?",), None),
        (("\\d+",), None),
        (("(?:foo){e<=1}",), None),  # fuzzy matching: the regex module's own syntax
        (("[[a-z]--[q]]x",), None),  # a set operation
        (("\\p{L}+ news",), None),  # the standard parser does not read it: no strings, no harm
    ],
)
def test_required_strings(patterns: tuple[str, ...], expected: tuple[str, ...] | None) -> None:
    assert _required_strings(patterns, True) == expected
