"""The Scrapy item pipeline, with real Scrapy: a crawl of pages served on 127.0.0.1 by a local
``http.server`` started here, and the pipeline built from a real crawler's settings."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

scrapy = pytest.importorskip("scrapy", reason="scrapy is not installed (pip install 'newslint[scrapy]')")
from scrapy.utils.test import get_crawler  # noqa: E402

from newslint.integrations.scrapy import NewslintPipeline  # noqa: E402

PAGE = """<!doctype html><html><head><title>{title}</title></head><body>
<nav><a href="index.html">Home</a></nav>
<h1>{title}</h1>
<article>
{paragraphs}
</article></body></html>
"""
ARTICLES = {
    "a1.html": ("Council passes budget", ["Share it:", "The council passed the budget on Tuesday.", "The council passed the budget on Tuesday.", "Photo credit: AFP / Reuters", "Spending rises by 3 percent."]),
    "a2.html": ("Bridge reopens", ["Loading...", "The bridge reopened on Monday after repairs.", "Traffic was light."]),
    "a3.html": ("Quiet day", ["Nothing happened in the town today.", "Residents enjoyed the sun."]),
}

CRAWL = '''
import json
import sys

import scrapy
from scrapy.crawler import CrawlerProcess


class Article(scrapy.Item):
    url = scrapy.Field()
    title = scrapy.Field()
    text = scrapy.Field()
    newslint_findings = scrapy.Field()


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, start, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]

    def parse(self, response):
        for href in response.css("a.story::attr(href)").getall():
            yield response.follow(href, self.parse_article)

    def parse_article(self, response):
        item = Article()
        item["url"] = response.url
        item["title"] = response.css("h1::text").get()
        item["text"] = "\\n".join(response.css("article p::text").getall()) + "\\n"
        yield item


if __name__ == "__main__":
    start, feed, stats_file = sys.argv[1:4]
    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"newslint.integrations.scrapy.NewslintPipeline": 800},
        "NEWSLINT_FIELD": "text",
        "NEWSLINT_MODE": "fix",
        "NEWSLINT_SELECT": "boilerplate,duplicate",
        "FEEDS": {feed: {"format": "jsonlines"}},
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
    })
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, start=start)
    process.start()
    stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith(("newslint/", "item_scraped_count"))}
    with open(stats_file, "w") as out:
        json.dump(stats, out)
'''


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """Article pages served on 127.0.0.1 (a free port) for the length of the test."""
    root = tmp_path / "site"
    root.mkdir()
    links = "".join(f'<li><a class="story" href="{name}">{title}</a></li>' for name, (title, _) in ARTICLES.items())
    (root / "index.html").write_text(f"<html><body><ul>{links}</ul></body></html>", encoding="utf-8")
    for name, (title, paragraphs) in ARTICLES.items():
        (root / name).write_text(PAGE.format(title=title, paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs)), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_crawl_cleans_items_and_records_findings(site: str, tmp_path: Path) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL, encoding="utf-8")
    feed, stats_file = tmp_path / "items.jsonl", tmp_path / "stats.json"
    result = subprocess.run([sys.executable, str(script), f"{site}/index.html", str(feed), str(stats_file)],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "process_item" not in result.stderr  # no deprecation warning about the pipeline's signature
    items = {item["url"].rsplit("/", 1)[1]: item for item in map(json.loads, feed.read_text(encoding="utf-8").splitlines())}
    assert sorted(items) == ["a1.html", "a2.html", "a3.html"]
    assert items["a1.html"]["text"] == "The council passed the budget on Tuesday.\nPhoto credit: AFP / Reuters\nSpending rises by 3 percent.\n"
    assert items["a2.html"]["text"] == "The bridge reopened on Monday after repairs.\nTraffic was light.\n"
    assert items["a3.html"]["text"] == "Nothing happened in the town today.\nResidents enjoyed the sun.\n"
    # The findings left (UNSAFE fixes are not applied by default) are recorded on the item,
    # located in the cleaned text.
    (credit,) = items["a1.html"]["newslint_findings"]
    assert credit["code"] == "NL209" and credit["fix"]["applicability"] == "unsafe"
    assert items["a1.html"]["text"][credit["start"] : credit["end"]] == "Photo credit: AFP / Reuters"
    assert items["a2.html"]["newslint_findings"] == [] and items["a3.html"]["newslint_findings"] == []
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    assert stats["item_scraped_count"] == 3 and stats["newslint/items"] == 3 and stats["newslint/items_changed"] == 2
    assert stats["newslint/fixed/NL201"] == 1 and stats["newslint/fixed/NL301"] == 1 and stats["newslint/fixed/NL204"] == 1
    assert stats["newslint/findings/NL209"] == 1


def _pipeline(**settings: Any) -> tuple[NewslintPipeline, Any]:
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    return NewslintPipeline.from_crawler(crawler), crawler.stats


def test_lint_mode_reports_without_changing(tmp_path: Path) -> None:
    pipeline, stats = _pipeline(NEWSLINT_MODE="lint", NEWSLINT_FIELD="body", NEWSLINT_FINDINGS_FIELD="problems")
    item = {"body": "Share it:\nThe vote is on Friday.\n", "url": "https://example.com/a"}
    out = pipeline.process_item(item)
    assert out is item and item["body"] == "Share it:\nThe vote is on Friday.\n"
    assert [(f["code"], f["line"], f["fix"]["applicability"]) for f in item["problems"]] == [("NL201", 1, "safe")]
    assert stats.get_value("newslint/findings/NL201") == 1 and stats.get_value("newslint/items_changed") is None


def test_items_without_text_or_findings_field(caplog: pytest.LogCaptureFixture) -> None:
    pipeline, stats = _pipeline(NEWSLINT_SELECT=["NL201"], NEWSLINT_UNSAFE_FIXES=True)

    class Bare(scrapy.Item):
        text = scrapy.Field()

    no_text = {"title": "x"}
    assert pipeline.process_item(no_text) == {"title": "x"}
    assert stats.get_value("newslint/items_without_text") == 1
    with caplog.at_level(logging.WARNING):
        bare = pipeline.process_item(Bare(text="Share it:\nThe vote.\n"))
        pipeline.process_item(Bare(text="Share it:\nThe count.\n"))
    assert bare["text"] == "The vote.\n"
    assert [r.getMessage() for r in caplog.records].count(
        "newslint: Bare has no field 'newslint_findings' to hold the findings; declare it (scrapy.Field()) or set NEWSLINT_FINDINGS_FIELD = None") == 1


def test_bad_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="NEWSLINT_MODE"):
        _pipeline(NEWSLINT_MODE="clean")
