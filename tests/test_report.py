"""Tests for the corpus report page and the ``newsclean report`` command."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import html5lib
import pytest

import newsclean
from newsclean._cli.main import main
from newsclean._display.report import report_page
from newsclean._display.summary import SummaryBuilder

STORY = "The council met on Monday to discuss the budget.\nAdvertisement\nThe vote is expected next week, officials said."


def _write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _tree(page: str):  # type: ignore[no-untyped-def]
    return html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)


def _cells(tree, role: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[" ".join("".join(td.itertext()).split()) for td in tr.iter("td")] for tr in tree.xpath(f"//table[@data-role='{role}']//tr[td]")]


def test_report_command_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`newsclean report x.jsonl --field body --site-field url -o report.html` writes the page and says so."""
    source = _write_jsonl(
        tmp_path / "articles.jsonl",
        [
            {"id": "a1", "url": "https://www.example.com/a1", "body": STORY},
            {"id": "a2", "url": "https://example.com/a2", "body": "A calm day in the city."},
            {"id": "b1", "url": "http://news.example.org/b1", "body": STORY.replace("Advertisement", "Loading…")},
        ],
    )
    out = tmp_path / "report.html"
    assert main(["report", str(source), "--field", "body", "--site-field", "url", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"newsclean: 3 documents, 2 changed, 0 unreadable; report written to {out}\n"
    tree = _tree(out.read_text(encoding="utf-8"))
    assert [row[:3] for row in _cells(tree, "sites")] == [["example.com", "2", "1"], ["news.example.org", "1", "1"]]
    assert [row[:2] for row in _cells(tree, "lines")] == [["Advertisement", "1"], ["Loading…", "1"]]
    assert [row[0] for row in _cells(tree, "lost")] == ["a1", "b1"]
    assert tree.xpath("//title")[0].text == "newsclean report"


def test_report_command_reads_gzip_and_reports_bad_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .jsonl.gz is read; lines that are not JSON objects or lack the field are listed and the exit code is 1."""
    source = tmp_path / "articles.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a1", "text": STORY}) + "\nnot json\n[1]\n" + json.dumps({"id": "a2"}) + "\n")
    out = tmp_path / "r.html"
    assert main(["report", str(source), "--field", "text", "-o", str(out), "--title", "March <crawl>"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"newsclean: {source}:2: not JSON (")
    assert err[1:] == [
        f"newsclean: {source}:3: not a JSON object",
        f"newsclean: {source}:4: field 'text' is missing or not a string",
        f"newsclean: 1 documents, 1 changed, 3 unreadable; report written to {out}",
    ]
    page = out.read_text(encoding="utf-8")
    assert "<title>March &lt;crawl&gt;</title>" in page
    assert not _tree(page).xpath("//table[@data-role='sites']")  # no --site-field: no site table


def test_report_command_without_the_field_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No record with the text field: exit 2, a message naming the field, and no page written."""
    source = _write_jsonl(tmp_path / "a.jsonl", [{"id": "a1", "text": STORY}])
    out = tmp_path / "r.html"
    assert main(["report", str(source), "-o", str(out)]) == 2
    assert "no record of" in capsys.readouterr().err and not out.exists()


def test_report_page_caps_long_tables() -> None:
    """Hundreds of sites: 25 rows in the table, the rest folded; rules and lines stay listed by count."""
    builder = SummaryBuilder()
    for i in range(60):
        builder.add(newsclean.explain(STORY), ident=f"d{i}", site=f"site{i:02d}.com")
    tree = _tree(report_page(builder.summary()))
    assert len(_cells(tree, "sites")) == 25 and len(_cells(tree, "more-sites")) == 35
    assert "35 more sites" in "".join(tree.xpath("//details/summary")[0].itertext())
    assert len(tree.xpath("//div[@data-role='sample']")) == 3


def test_report_command_applies_site_profiles(tmp_path: Path) -> None:
    """With --profiles, each record is cleaned with its site's profile and the learned lines show per site."""
    profiles = newsclean.learn_sites([("a.com", f"Story {i} about the harbour.\nShare this with friends") for i in range(4)])
    profiles.save(tmp_path / "sites.json")
    source = _write_jsonl(
        tmp_path / "crawl.jsonl",
        [
            {"id": "a1", "url": "https://www.a.com/1", "body": "The ferry was late again today.\nShare this with friends"},
            {"id": "b1", "url": "https://b.org/1", "body": "The ferry was late again today.\nShare this with friends"},
        ],
    )
    out = tmp_path / "r.html"
    assert main(["report", str(source), "--profiles", str(tmp_path / "sites.json"), "-o", str(out)]) == 0
    tree = _tree(out.read_text(encoding="utf-8"))
    assert [row[:3] for row in _cells(tree, "sites")] == [["a.com", "1", "1"], ["b.org", "1", "0"]]
    assert _cells(tree, "site-lines") == [["site_boilerplate", "Share this with friends", "1"]]


def test_report_command_with_an_unreadable_profile_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A --profiles file that does not exist: exit 2 naming it, no page."""
    source = _write_jsonl(tmp_path / "a.jsonl", [{"id": "a1", "body": STORY}])
    assert main(["report", str(source), "--profiles", str(tmp_path / "missing.json"), "-o", str(tmp_path / "r.html")]) == 2
    assert "missing.json" in capsys.readouterr().err and not (tmp_path / "r.html").exists()
