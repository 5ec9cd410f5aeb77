"""The Dask integration on a real ``distributed.LocalCluster`` (two worker processes on
127.0.0.1), its results compared with the single-process CLI's."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

db = pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'newslint[dask]')")
distributed = pytest.importorskip("distributed", reason="distributed is not installed (pip install 'newslint[dask]')")

from newslint.cli import main  # noqa: E402
from newslint.integrations.dask import clean_jsonl, clean_lines, clean_records, lint_records, settings  # noqa: E402
from newslint.templates import template_key  # noqa: E402

FOOTER = "Sign up for the Morning Brief, delivered every weekday."
WORDS = ["north", "south", "east", "west", "upper", "lower", "old", "new", "inner", "outer", "river", "harbour", "valley", "forest", "mountain", "island"]


def _record(n: int) -> dict[str, Any]:
    site = "daily.example" if n % 2 else "herald.example"
    first, second = WORDS[n % 10], WORDS[10 + n // 10]
    body = [f"The {first} council met the {second} board.", f"Members of the {second} board praised the {first} plan."]
    if n % 5 == 0:
        body.insert(0, "Share it:")
    if n % 7 == 0:
        body.append(body[-1])  # a repeated paragraph
    if site == "daily.example":
        body.append(FOOTER)
    return {"id": n, "url": f"https://www.{site}/{n}", "title": f"Story {n}", "text": "\n\n".join(body) + "\n"}


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dump")
    records = [_record(n) for n in range(60)]
    extras = ["{broken json\n", "\n", "[1, 2]\n", '{"id": "no text"}\n']
    for part in range(3):
        lines = [json.dumps(r, ensure_ascii=part == 1) + "\n" for r in records[part * 20 : (part + 1) * 20]]
        lines.insert(5, extras[part])
        if part == 2:
            lines.insert(9, extras[3])
        (folder / f"part-{part}.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


@pytest.fixture(scope="module")
def cli(dump: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The single-process CLI's output folder and summary."""
    out = tmp_path_factory.mktemp("cli") / "out"
    result = CliRunner().invoke(main, ["clean", str(dump), "--output", str(out), "--jobs", "1", "--unsafe-fixes"])
    assert result.exit_code == 2, result.output  # the malformed lines: passed through, reported
    return out, result.stderr


def test_clean_jsonl_on_a_cluster_matches_the_cli(client: Any, dump: Path, cli: tuple[Path, str], tmp_path: Path) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    cli_out, summary = cli
    result = clean_jsonl(dump, tmp_path / "out", unsafe=True)
    for name in ("part-0.jsonl", "part-1.jsonl", "part-2.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (cli_out / name).read_bytes(), name
    stats = result.stats
    articles = int(re.search(r"(\d+) articles in 3 files", summary).group(1))  # type: ignore[union-attr]
    errors = int(re.search(r"(\d+) input errors", summary).group(1))  # type: ignore[union-attr]
    assert (stats.records, stats.errors, stats.files) == (articles, errors, 3) == (63, 3, 3)  # the blank line is no article
    assert stats.fixed["NL220"] == 30 and stats.fixed["NL201"] == 12  # the footer: site template
    assert result.templates is not None and result.templates.count("daily.example", template_key(FOOTER) or "") >= 10
    cleaned = [json.loads(line) for line in (tmp_path / "out" / "part-0.jsonl").read_text(encoding="utf-8").splitlines()[:5]]
    assert all(FOOTER not in r["text"] and "Share it" not in r["text"] for r in cleaned)


def _strip(line: str) -> str:
    return line.rstrip("\n")


def test_bags_of_lines_and_records(client: Any, dump: Path, cli: tuple[Path, str], tmp_path: Path) -> None:
    cli_out, _ = cli
    files = sorted(str(p) for p in dump.glob("*.jsonl"))
    config = settings(unsafe=True, templates=clean_jsonl(dump, tmp_path / "first", unsafe=True).templates)

    # Lines (e.g. from read_text), line endings off: to_textfiles puts them back.
    lines = db.read_text(files).map(_strip)
    outcome = clean_lines(lines, config=config)
    _, stats = db.compute(outcome.items.to_textfiles(str(tmp_path / "lines" / "*.jsonl"), last_endline=True, compute=False), outcome.stats)
    for index, name in enumerate(("part-0.jsonl", "part-1.jsonl", "part-2.jsonl")):
        assert (tmp_path / "lines" / f"{index}.jsonl").read_bytes() == (cli_out / name).read_bytes(), name
    assert (stats.records, stats.errors) == (63, 3)

    # Records as dicts (non-dict elements pass through, counted).
    records = [json.loads(line) for line in (dump / "part-0.jsonl").read_text(encoding="utf-8").splitlines() if line.startswith("{\"id\"")]
    bag = db.from_sequence([*records, [1, 2]], npartitions=3)
    cleaned = clean_records(bag, config=config)
    items, stats = db.compute(cleaned.items, cleaned.stats)
    expected = [json.loads(line) for line in (cli_out / "part-0.jsonl").read_text(encoding="utf-8").splitlines() if line.startswith("{\"id\"")]
    assert items == [*expected, [1, 2]]
    assert (stats.records, stats.errors) == (21, 1)

    # Lint: one list of findings per record, the same as `newslint check` finds.
    linted = lint_records(db.from_sequence(records, npartitions=2), config=config)
    found, stats = db.compute(linted.items, linted.stats)
    check = CliRunner().invoke(main, ["check", "--output-format", "jsonl", "--exit-zero", str(dump / "part-0.jsonl")])
    by_record: dict[int, list[tuple[str, int, int]]] = {}
    for finding in map(json.loads, check.stdout.splitlines()):
        by_record.setdefault(finding["record"], []).append((finding["code"], finding["start"], finding["end"]))
    mine = [[(f["code"], f["start"], f["end"]) for f in per_record if f["code"] != "NL220"] for per_record in found]
    assert [x for x in mine if x] == [v for k, v in sorted(by_record.items()) if v]
    # NL220 (site template) reports only with the collection's counts, which `check` has not.
    assert sum(f["code"] == "NL220" for per_record in found for f in per_record) == 10
    assert stats.records == 20
