"""`newsclean learn` and `newsclean clean --profiles`: learn from JSON lines, show, and clean per site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean
from newsclean._cli.main import main

PROMO = "Our series is a partnership of three universities"


def _write(path: Path, n: int = 6) -> None:
    rows = [{"id": i, "url": f"https://www.uni.example/story/{i}", "body": f"Story {i} starts.\n\n{PROMO}"} for i in range(n)]
    rows += [{"id": 100 + i, "url": f"https://other.example/{i}", "body": f"Report {i}.\n\n{PROMO}"} for i in range(2)]
    rows.append({"id": 999, "body": "no url"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_learn_writes_profiles_and_show_prints_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """learn -o writes a profiles file per site key; --show prints each site's lines with counts."""
    source, out = tmp_path / "a.jsonl", tmp_path / "profiles.json"
    _write(source)
    assert main(["learn", str(source), "--site-field", "url", "-o", str(out), "-q"]) == 0
    err = capsys.readouterr().err
    assert "skipped a.jsonl:9" in err.replace(str(tmp_path) + "/", "")
    assert "2 sites, 8 documents, 1 lines removed" in err
    profiles = newsclean.SiteProfiles.load(out)
    assert list(profiles) == ["other.example", "uni.example"]
    assert main(["learn", "--show", str(out)]) == 0
    shown = capsys.readouterr().out
    assert f"      6/6     remove   '{PROMO}'" in shown
    assert "other.example: 2 documents, 0 recurring lines" in shown


def test_clean_with_profiles_uses_each_records_site(tmp_path: Path) -> None:
    """clean --profiles removes uni.example's learned line there only; other sites are cleaned by default."""
    source, profiles, cleaned = tmp_path / "a.jsonl", tmp_path / "p.json", tmp_path / "out.jsonl"
    _write(source)
    assert main(["learn", str(source), "-o", str(profiles), "-q"]) == 0
    assert main(["clean", str(source), "--profiles", str(profiles), "--site-field", "url", "-o", str(cleaned), "-q", "-j", "1"]) == 0
    bodies = [json.loads(line)["body"] for line in cleaned.read_text(encoding="utf-8").splitlines()]
    assert bodies[0] == "Story 0 starts."
    assert bodies[6] == f"Report 0.\n\n{PROMO}"
    assert bodies[8] == "no url"


def test_learn_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """learn without -o, --show with inputs, or a bad profiles file exit 2 with a message."""
    source = tmp_path / "a.jsonl"
    _write(source)
    assert main(["learn", str(source)]) == 2
    assert "give JSON lines inputs and -o FILE" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "newsclean-site-profiles", "version": 7, "sites": []}', encoding="utf-8")
    assert main(["clean", str(source), "--profiles", str(bad), "-q"]) == 2
    assert "profile format version 7" in capsys.readouterr().err
