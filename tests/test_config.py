"""Configuration: discovery (newslint.toml, .newslint.toml, [tool.newslint]; nearest wins),
validation with errors naming the file, and every setting's effect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.config import Config, ConfigError, config_for, find_config_file, load_config
from newslint.document import Document
from newslint.engine import Linter

ARTICLE = "Share it:\nThe vote is on Friday.  \n\nJust In\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes_of(path: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--output-format", "json", *args, str(path)])
    return result.exit_code, [f["code"] for f in json.loads(result.stdout or "[]")]


# --- discovery ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["newslint.toml", ".newslint.toml"])
def test_config_file_names(tmp_path: Path, name: str) -> None:
    config = write(tmp_path / name, 'select = ["NL201"]\n')
    article = write(tmp_path / "a" / "b" / "story.txt", ARTICLE)
    assert find_config_file(article) == config
    assert config_for(article).select == ("NL201",)


def test_pyproject_tool_section(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.newslint]\nignore = ["NL205"]\n')
    article = write(tmp_path / "story.txt", ARTICLE)
    assert find_config_file(article) == config
    assert config_for(article).ignore == ("NL205",)


def test_pyproject_without_tool_section_is_skipped(tmp_path: Path) -> None:
    outer = write(tmp_path / "newslint.toml", 'select = ["NL201"]\n')
    write(tmp_path / "inner" / "pyproject.toml", '[project]\nname = "x"\n')
    article = write(tmp_path / "inner" / "story.txt", ARTICLE)
    assert find_config_file(article) == outer


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'select = ["NL201"]\n')
    write(tmp_path / "archive" / ".newslint.toml", 'select = ["NL205"]\n')
    top = write(tmp_path / "story.txt", ARTICLE)
    archived = write(tmp_path / "archive" / "2019" / "story.txt", ARTICLE)
    assert config_for(top).select == ("NL201",)
    assert config_for(archived).select == ("NL205",)
    # The CLI looks the configuration up per file, too.
    assert codes_of(top) == (1, ["NL201"])
    assert codes_of(archived) == (1, ["NL205"])
    assert codes_of(tmp_path)[1] == ["NL201", "NL205"]


def test_newslint_toml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nselect = ["NL205"]\n')
    config = write(tmp_path / "newslint.toml", 'select = ["NL201"]\n')
    assert find_config_file(write(tmp_path / "story.txt", ARTICLE)) == config


def test_no_config_means_defaults(tmp_path: Path) -> None:
    article = write(tmp_path / "story.txt", ARTICLE)
    found = find_config_file(article)
    # The temporary folder has no configuration; anything found is above it (none expected).
    assert found is None or tmp_path not in found.parents
    if found is None:
        assert config_for(article) == Config()


def test_explicit_config_and_isolated(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'select = ["NL201"]\n')
    other = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["NL205"]\n')
    article = write(tmp_path / "story.txt", ARTICLE)
    assert config_for(article, explicit=other).select == ("NL205",)
    assert codes_of(article, "--config", str(other)) == (1, ["NL205"])
    assert codes_of(article, "--isolated") == (1, ["NL201", "NL401", "NL205"])


# --- settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('select = ["NL201"]', ["NL201"]),
        ('select = ["NL2"]', ["NL201", "NL205"]),
        ('select = ["whitespace"]', ["NL401"]),
        ('select = ["boilerplate.section-heading"]', ["NL205"]),
        ('ignore = ["boilerplate"]', ["NL401"]),
        ('ignore = ["NL4", "boilerplate.share"]', ["NL205"]),
        ('select = ["NL201"]\nextend-select = ["NL401"]', ["NL201", "NL401"]),
    ],
)
def test_select_and_ignore_by_code_prefix_category_and_name(tmp_path: Path, setting: str, expected: list[str]) -> None:
    write(tmp_path / "newslint.toml", setting + "\n")
    article = write(tmp_path / "story.txt", ARTICLE)
    assert codes_of(article)[1] == expected


def test_command_line_select_and_ignore_override_the_file(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'select = ["NL201"]\n')
    article = write(tmp_path / "story.txt", ARTICLE)
    assert codes_of(article, "--select", "NL205,NL401")[1] == ["NL401", "NL205"]
    assert codes_of(article, "--select", "NL201", "--select", "NL205", "--ignore", "NL201")[1] == ["NL205"]
    assert codes_of(article, "--extend-select", "whitespace")[1] == ["NL201", "NL401"]


def test_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", '[per-file-ignores]\n"archive/**" = ["boilerplate"]\n"*.md" = ["NL401"]\n')
    archived = write(tmp_path / "archive" / "2019" / "story.txt", ARTICLE)
    notes = write(tmp_path / "notes.md", ARTICLE)
    today = write(tmp_path / "today" / "story.txt", ARTICLE)
    assert codes_of(archived)[1] == ["NL401"]
    assert codes_of(notes)[1] == ["NL201", "NL205"]
    assert codes_of(today)[1] == ["NL201", "NL401", "NL205"]


PACK = """
[[rules]]
code = "HS301"
name = "house.banned-phrase"
category = "style"
kind = "existence"
scope = "text"
patterns = ['\\bplay hardball\\b']
message = "cliché '{match}'"
"""


def test_extra_packs_are_relative_to_the_config_file(tmp_path: Path) -> None:
    write(tmp_path / "house-style" / "style.toml", PACK)
    write(tmp_path / "newslint.toml", 'packs = ["./house-style"]\nselect = ["style"]\n')
    article = write(tmp_path / "sub" / "story.txt", "The administration will play hardball.\n")
    config = config_for(article)
    assert config.packs == (tmp_path.resolve() / "house-style",)
    assert codes_of(article) == (1, ["HS301"])
    result = CliRunner().invoke(main, ["check", str(article)])
    assert "cliché 'play hardball'" in result.stdout


def test_missing_pack_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'packs = ["./nowhere"]\n')
    article = write(tmp_path / "story.txt", ARTICLE)
    result = CliRunner().invoke(main, ["check", str(article)])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr and "not found" in result.stderr


def test_regex_timeout_setting(tmp_path: Path) -> None:
    write(tmp_path / "slow" / "slow.toml", PACK.replace("\\bplay hardball\\b", "(x+x+)+y"))
    write(tmp_path / "newslint.toml", 'packs = ["slow"]\nregex-timeout = 0.05\nselect = ["style", "meta"]\n')
    article = write(tmp_path / "story.txt", "x" * 5000 + "\n")
    assert config_for(article).regex_timeout == 0.05
    code, found = codes_of(article)
    assert (code, found) == (1, ["NL002"])


def test_sections_reach_the_rules(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "newslint.toml", '[spelling]\nwords = ["Zelenskyy"]\n'))
    assert config.sections["spelling"] == {"words": ["Zelenskyy"]}
    assert Linter(config).context.options["spelling"] == {"words": ["Zelenskyy"]}


# --- errors name the file -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('selct = ["NL201"]\n', "unknown configuration key(s) ['selct']"),
        ('select = "NL201"\n', "'select' must be a list of strings"),
        ("regex-timeout = 0\n", "'regex-timeout' must be a number"),
        ('regex-timeout = "fast"\n', "'regex-timeout' must be a number"),
        ('[per-file-ignores]\n"*.md" = "NL401"\n', "'per-file-ignores' must map glob patterns"),
        ('spelling = "on"\n', "[spelling] must be a table"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_invalid_config_names_the_file(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "newslint.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and expected in str(info.value)
    # The command line reports it and exits 2.
    article = write(tmp_path / "story.txt", ARTICLE)
    result = CliRunner().invoke(main, ["check", str(article)])
    assert result.exit_code == 2
    assert str(path) in result.stderr and expected in result.stderr


def test_unknown_key_in_pyproject_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.newslint]\nfoo = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: unknown configuration key\(s\) \['foo'\]"):
        load_config(path)


def test_linter_uses_config_for_documents(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "newslint.toml", 'ignore = ["whitespace"]\n'))
    assert [f.code for f in Linter(config).lint(Document(ARTICLE))] == ["NL201", "NL205"]
