"""``newsclean dups``: clusters and marked records from JSON lines, equal to the library's clusters."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean import near_duplicates
from newsclean._cli.main import main
from tests.near_dups_support import crawl_records


@pytest.fixture()
def crawl(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in crawl_records()), encoding="utf-8")
    return path


def test_clusters_equal_the_library(crawl: Path, tmp_path: Path) -> None:
    """`newsclean dups --field body --id-field url -o` writes the clusters near_duplicates() finds."""
    out = tmp_path / "clusters.jsonl"
    assert main(["dups", str(crawl), "--field", "body", "--id-field", "url", "-o", str(out), "-q"]) == 0
    written = [json.loads(line) for line in out.read_text().splitlines()]
    expected = near_duplicates((r["url"], r["body"]) for r in crawl_records())
    assert written == [c.to_dict() for c in expected]
    assert len(written) >= 4


def test_mark_writes_every_record_with_its_cluster(crawl: Path, tmp_path: Path) -> None:
    """--mark FIELD keeps every record in order and adds its cluster, representative, duplicate flag, similarity."""
    out = tmp_path / "marked.jsonl"
    assert main(["dups", str(crawl), "--id-field", "url", "--mark", "dups", "-o", str(out), "-q"]) == 0
    marked = [json.loads(line) for line in out.read_text().splitlines()]
    records = crawl_records()
    assert [{k: v for k, v in m.items() if k != "dups"} for m in marked] == records
    expected = near_duplicates((r["url"], r["body"]) for r in records)
    assert [m["dups"] for m in marked] == [expected.mark(r["url"]) for r in records]
    assert sum(m["dups"]["duplicate"] for m in marked) == expected.duplicates > 0


def test_threshold_and_gzip_input(crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .jsonl.gz input is read; --threshold 0.6 is the library's threshold=0.6; the summary counts them."""
    packed = tmp_path / "articles.jsonl.gz"
    packed.write_bytes(gzip.compress(crawl.read_bytes()))
    assert main(["dups", str(packed), "--id-field", "url", "--threshold", "0.6"]) == 0
    captured = capsys.readouterr()
    expected = near_duplicates(((r["url"], r["body"]) for r in crawl_records()), threshold=0.6)
    assert [json.loads(line) for line in captured.out.splitlines()] == [c.to_dict() for c in expected]
    assert f"{len(expected):,} clusters, {expected.duplicates:,} near duplicates" in captured.err


def test_bad_records_are_reported_and_written_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A line that is not JSON and a record without the text field are reported (exit 1) and kept by --mark."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "body": "Calm day."}\nnot json\n{"id": 2}\n', encoding="utf-8")
    assert main(["dups", str(path), "--mark", "d", "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1:] == ["not json", '{"id": 2}']
    assert json.loads(captured.out.splitlines()[0])["d"] == {
        "cluster": None, "representative": 1, "duplicate": False, "similarity": 1.0}
    assert f"{path}:2: not JSON" in captured.err and "field 'body' is missing" in captured.err


def test_repeated_id_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two records with one id stop the run with exit code 2 and a hint to pick --id-field."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "body": "a"}\n{"id": 1, "body": "b"}\n', encoding="utf-8")
    assert main(["dups", str(path)]) == 2
    assert "occurs twice" in capsys.readouterr().err


def test_bad_threshold_is_a_usage_error(crawl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--threshold 2 is refused by the parser (exit 2)."""
    assert main(["dups", str(crawl), "--threshold", "2"]) == 2
    assert "above 0 and at most 1" in capsys.readouterr().err
