"""Site template (NL220): lines recurring across many articles of one source, found by
`newslint clean`'s first pass and reported in every article that has them."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from newslint.cli import main
from newslint.templates import TemplateCounter, line_digest, template_key

ANIMALS = ["dog", "cat", "horse", "bird", "fox", "cow", "goat", "sheep", "duck", "deer"]
PLACES = ["park", "market", "station", "library", "bridge", "forest", "river", "garden", "school", "church"]
FOOTERS = ["Sign up for the Morning Brief, delivered at 6 a.m.", "SIGN UP for the  morning brief, delivered at 7 a.m.", "Sign up for the Morning Brief, delivered at 10 a.m."]


def article(n: int) -> str:
    """A short article no other one shares a line with (digits are folded, so words vary)."""
    animal, place = ANIMALS[n % 10], PLACES[n // 10 % 10]
    return (f"The {animal} was seen near the {place} on Monday.\n\n"
            f"Residents of the {place} district said the {animal} looked healthy.\n\n"
            f"Wildlife officers will watch the {place} for the {animal} this week.\n")


def dump(path: Path, extra: list[dict[str, Any]] | None = None) -> Path:
    rows = []
    for n in range(20):  # a.example: every article ends with the newsletter footer (case, digits, spaces vary)
        rows.append({"id": f"a{n}", "url": f"https://www.a.example/news/{n}", "text": article(n) + "\n" + FOOTERS[n % 3] + "\n"})
    for n in range(20, 40):  # b.example: no footer
        rows.append({"id": f"b{n}", "url": f"https://b.example/{n}", "text": article(n)})
    rows += extra or []
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def clean(*args: str) -> Result:
    return CliRunner().invoke(main, ["clean", *args])


def findings(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_footer_flagged_in_every_article_of_its_domain_and_nowhere_else(tmp_path: Path) -> None:
    source = dump(tmp_path / "dump.jsonl")
    out, found = tmp_path / "clean.jsonl", tmp_path / "findings.jsonl"
    result = clean(str(source), "-o", str(out), "--findings", str(found))
    assert result.exit_code == 0, result.output
    template = [f for f in findings(found) if f["code"] == "NL220"]
    assert [f["record"] for f in template] == list(range(1, 21))  # every article of a.example, nothing of b.example
    assert all(f["category"] == "boilerplate" and f["fix"]["applicability"] == "unsafe" for f in template)
    assert template[0]["message"] == f"site template: this line recurs in 20 different articles from a.example: '{FOOTERS[0]}'"
    kept = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert all("morning brief" in text.lower() for text in kept[:20])  # SAFE mode: reported, not removed
    assert out.read_bytes().splitlines()[20:] == source.read_bytes().splitlines()[20:]
    assert "site template (NL220): 1 line recur in >= 10 articles of 1 of 2 sources" in result.stderr

    # --unsafe-fixes removes it, from a.example's articles only; b.example's are untouched.
    unsafe = tmp_path / "unsafe.jsonl"
    assert clean(str(source), "-o", str(unsafe), "--unsafe-fixes", "-q").exit_code == 0
    cleaned = [json.loads(line) for line in unsafe.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in cleaned[:20]] == [article(n) for n in range(20)]
    assert unsafe.read_bytes().splitlines()[20:] == source.read_bytes().splitlines()[20:]

    # One article alone shows nothing: `check` has no collection to count.
    single = tmp_path / "one.txt"
    single.write_text(article(0) + "\n" + FOOTERS[0] + "\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "--select", "NL220", str(single)]).exit_code == 0


def test_threshold_in_configuration_and_identical_copies_count_once(tmp_path: Path) -> None:
    copies = [{"id": f"c{n}", "url": f"https://c.example/{n}", "text": "The same wire story.\n\nA line only this story has.\n"} for n in range(15)]
    source = dump(tmp_path / "dump.jsonl", copies)
    config = tmp_path / "pyproject.toml"
    out, found = tmp_path / "clean.jsonl", tmp_path / "findings.jsonl"

    config.write_text("[tool.newslint.clean]\ntemplate-min-articles = 21\n", encoding="utf-8")
    assert clean(str(source), "-o", str(out), "--findings", str(found)).exit_code == 0
    assert not [f for f in findings(found) if f["code"] == "NL220"]  # 20 articles < 21

    config.write_text("[tool.newslint.clean]\ntemplate-min-articles = 2\n", encoding="utf-8")
    assert clean(str(source), "-o", str(out), "--findings", str(found)).exit_code == 0
    flagged = {f["record"] for f in findings(found) if f["code"] == "NL220"}
    assert flagged == set(range(1, 21))  # 15 identical copies of one story are one article: nothing recurs there


def test_folders_are_sources(tmp_path: Path) -> None:
    for n in range(12):
        (tmp_path / "in" / "site-a").mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / "site-b").mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / "site-a" / f"{n}.txt").write_text(article(n) + "\nSite A Weekly is published by the Site A Media Group.\n", encoding="utf-8")
        (tmp_path / "in" / "site-b" / f"{n}.txt").write_text(article(n + 20), encoding="utf-8")
    (tmp_path / "in" / "site-b" / "x.txt").write_text(article(50) + "\nSite A Weekly is published by the Site A Media Group.\n", encoding="utf-8")
    found = tmp_path / "findings.jsonl"
    assert clean(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--findings", str(found)).exit_code == 0
    flagged = sorted(Path(f["path"]).relative_to(tmp_path / "out").as_posix() for f in findings(found) if f["code"] == "NL220")
    assert flagged == sorted(f"site-a/{n}.txt" for n in range(12))  # the one copy in site-b is not site-b's template


def test_counter_memory_is_bounded_and_keeps_recurring_lines() -> None:
    counter = TemplateCounter(min_articles=5, max_lines=40)
    for n in range(300):
        unique = "\n".join(f"line {ANIMALS[n % 10]} {PLACES[n // 10 % 10]} {ANIMALS[k]} {PLACES[n // 100]}" for k in range(10))
        counter.add("site", f"{unique}\nThe footer of the site.\n")
        assert len(counter._counts["site"]) <= 40
    index = counter.index()
    assert counter.pruned and index.pruned
    assert index.count("site", template_key("The footer of the site.") or "") >= 5
    assert len(index.lines["site"]) == 1  # the footer, and none of the lines met once each

    # Over all sources too: many small sites cannot add up past the total.
    total = TemplateCounter(min_articles=5, max_lines=1000, max_total=200)
    for n in range(600):
        site = f"site-{PLACES[n % 10]}"
        total.add(site, f"Only article {ANIMALS[n // 10 % 10]} {PLACES[n // 100]} {ANIMALS[n % 7]}\nThe {site} footer.\n")
        assert total.size <= 200
    index = total.index()
    assert len(index) == len(PLACES) and all(index.count(f"site-{p}", f"the site-{p} footer.") >= 5 for p in PLACES)


def test_index_keeps_digests_that_every_process_reads_alike() -> None:
    """The index holds 64-bit digests, not lines (each worker holds the whole index), and they
    must not depend on the process's hash seed: the workers read an index built elsewhere."""
    counter = TemplateCounter(min_articles=2)
    for n in range(3):
        counter.add("site", f"Article {ANIMALS[n]}\nThe footer of the site.\n")
    index = counter.index()
    key = template_key("The footer of the site.") or ""
    assert index.count("site", key) == 3 and index.count("site", template_key(f"Article {ANIMALS[0]}") or "") == 0
    assert index.count("elsewhere", key) == 0
    assert pickle.loads(pickle.dumps(index)) == index
    assert line_digest(key) == int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")
    table = index.lines["site"]
    assert list(table.digests) == sorted(table.digests) and table.get(line_digest(key)) == 3
