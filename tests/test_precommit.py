"""The pre-commit hooks, end to end, with the real `pre-commit` on temporary git repositories.

This checkout's working tree (uncommitted changes included) is copied into a temporary git
repository and committed, so the hooks tested are the ones in front of you. pre-commit builds
the hook's environment from it, installing newslint and its dependencies from the package
registry (the only network it needs); the environment is built once for the module (a few
seconds) and reused by both tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DIRTY = "Share it:\nThe vote is on Friday.  \n"
FIXED = "The vote is on Friday.\n"
DIRTY_RECORD = '{"id": 1, "text": "Loading...\\nThe vote is on Friday."}\n'
FIXED_RECORD = '{"id": 1, "text": "The vote is on Friday."}\n'


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    empty = home / "gitconfig"
    empty.touch()
    env.update({
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "GIT_CONFIG_GLOBAL": str(empty), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "newslint tests", "GIT_AUTHOR_EMAIL": "tests@newslint.invalid",
        "GIT_COMMITTER_NAME": "newslint tests", "GIT_COMMITTER_EMAIL": "tests@newslint.invalid",
    })
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def _working_tree_files() -> list[str]:
    """The checkout's files as git would commit them now: tracked and new, not ignored."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
        return [name for name in listed if name and (ROOT / name).is_file()]
    skip = {".git", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "build", "dist", ".venv"}
    return [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """(hook repository, its revision, environment for git and pre-commit)."""
    home = tmp_path_factory.mktemp("precommit")
    env = _env(home)
    repo = home / "newslint-hooks"
    for name in _working_tree_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "--no-verify", "-m", "newslint under test")
    return repo, _git(repo, env, "rev-parse", "HEAD"), env


def _articles(path: Path, env: dict[str, str]) -> Path:
    path.mkdir()
    _git(path, env, "init", "-q")
    (path / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (path / "Notes.MD").write_text("# Notes\n\nAll good here.\n", encoding="utf-8")
    (path / "dump.jsonl").write_text(DIRTY_RECORD, encoding="utf-8")
    (path / "script.py").write_text("# Share it:\nprint('not an article')  \n", encoding="utf-8")
    _git(path, env, "add", "-A")
    return path


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=900)
    return process.returncode, output


@pytest.fixture(scope="module")
def runs(hooks: tuple[Path, str, dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int, str]]:
    """Both pre-commit set-ups at once (building a hook environment mostly waits on the package
    registry, so the two builds overlap): ``try-repo`` running both hooks on one repository of
    articles, and ``install`` + ``install-hooks`` of the README's configuration in another."""
    repo, rev, env = hooks
    base = tmp_path_factory.mktemp("articles")
    tried = _articles(base / "try-repo", env)
    configured = _articles(base / "configured", env)
    # The configuration the README shows, pointing at the local hook repository.
    (configured / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: newslint\n      - id: newslint-fix\n", encoding="utf-8")
    _git(configured, env, "add", "-A")
    trying = _pre_commit(tried, env, "try-repo", str(repo), "--all-files")
    code, output = _finish(_pre_commit(configured, env, "install"))
    assert code == 0, output
    installing = _pre_commit(configured, env, "install-hooks")
    result = {"try-repo": (tried, *_finish(trying)), "install-hooks": (configured, *_finish(installing))}
    assert result["install-hooks"][1] == 0, result["install-hooks"][2]
    return result


def test_manifest_is_valid() -> None:
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_try_repo_runs_both_hooks(runs: dict[str, tuple[Path, int, str]]) -> None:
    articles, code, output = runs["try-repo"]
    assert code == 1, output
    # `newslint` (check) runs first, on the files as committed: it reports and changes nothing...
    check = output[output.index("newslint....") : output.index("newslint (fix)")]
    assert "Failed" in check and "dirty.txt:1:1: NL201" in check and "dump.jsonl:1:text:1:1: NL204" in check
    assert "Notes.MD" not in check and "script.py" not in check  # a clean article; not an article
    # ...then `newslint-fix` applies the SAFE fixes: pre-commit fails it because it changed files.
    fix = output[output.index("newslint (fix)") :]
    assert "Failed" in fix and "files were modified by this hook" in fix
    assert (articles / "dirty.txt").read_text(encoding="utf-8") == FIXED
    assert (articles / "dump.jsonl").read_text(encoding="utf-8") == FIXED_RECORD
    assert (articles / "script.py").read_text(encoding="utf-8").startswith("# Share it:")


def test_commit_blocked_by_a_finding(hooks: tuple[Path, str, dict[str, str]], runs: dict[str, tuple[Path, int, str]]) -> None:
    articles, _, _ = runs["install-hooks"]
    env = hooks[2]

    def commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "commit", "-m", "add articles"], cwd=articles, env=env, capture_output=True, text=True, timeout=600)

    blocked = commit()
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "dirty.txt:1:1: NL201" in output and "files were modified by this hook" in output
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=articles, env=env, capture_output=True).returncode != 0
    assert (articles / "dirty.txt").read_text(encoding="utf-8") == FIXED  # newslint-fix cleaned it
    _git(articles, env, "add", "-A")
    committed = commit()
    assert committed.returncode == 0, committed.stdout + committed.stderr
    assert (committed.stdout + committed.stderr).count("Passed") == 2  # git shows the hooks' output on stderr
