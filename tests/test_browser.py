"""The result display and the corpus report in a real headless Chromium: what the first screen shows.

Each page is rendered twice by the ``chromium`` command line: once as is, for a
screenshot, and once as a copy with a small measuring script appended, whose
``--dump-dom`` output carries the boxes (``getBoundingClientRect``) of the
header, each change card, its reason and its first removed text, and the
resources the page loaded. The pages shipped to users have no script; only the
test's copy does. Screenshots and pages of the last run stay in
``tests/output/browser/`` (not in git; ``NEWSCLEAN_BROWSER_OUTPUT`` moves it).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean._display.result import result_html
from newsclean._display.summary import SummaryBuilder, site_of
from tests._corpus import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = Path(os.environ.get("NEWSCLEAN_BROWSER_OUTPUT", ROOT / "tests" / "output" / "browser"))
CHROMIUM = os.environ.get("NEWSCLEAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH, HEIGHT = 1280, 900  # a laptop screen: the "first screen"
TIMEOUT = 120  # seconds per browser run: a bound on a hung browser, not a speed check

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: install Debian's chromium package (apt-get install chromium), "
    "as .ci/run does, or set NEWSCLEAN_CHROMIUM to a Chromium binary",
)

# Runs in the test's copy only. Writes the boxes as JSON into a <pre> that --dump-dom prints.
MEASURE = """<script>
(function () {
  function box(el) { if (!el) return null; var r = el.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; }
  var cards = Array.prototype.slice.call(document.querySelectorAll('[data-role=change]'));
  var out = {
    viewport: [window.innerWidth, window.innerHeight],
    header: box(document.querySelector('[data-role=header], [data-role=totals]')),
    filters: box(document.querySelector('table[data-role=filters]')),
    cards: cards.map(function (c) {
      return {id: c.id, filter: c.getAttribute('data-filter'), box: box(c),
              reason: box(c.querySelector('[data-role=reason]')),
              removed: box(c.querySelector('del, [data-role=removed]')),
              differences: box(c.querySelector('[data-role=differences]'))};
    }),
    resources: performance.getEntriesByType('resource').map(function (e) { return e.name; }),
    scripts: document.scripts.length
  };
  var pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""

# JupyterLab's light and dark page colours, so both themes are looked at.
THEMES = {"light": "background: #ffffff; color: #000000", "dark": "background: #111111; color: #d4d4d4"}


def _page(fragment: str, theme: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>newsclean display</title></head>'
        f'<body style="margin: 8px; font-family: sans-serif; font-size: 14px; {THEMES[theme]}">{fragment}</body></html>'
    )


def _chromium(url: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}", *args, url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
    return done


def _render(name: str, page: str, tmp_path: Path, *, height: int = HEIGHT) -> dict[str, Any]:
    """Save *page* and its screenshot under OUTPUT; measure a copy with the script; return the measures."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shown = OUTPUT / f"{name}.html"
    shown.write_text(page, encoding="utf-8")
    shot = OUTPUT / f"{name}.png"
    shot.unlink(missing_ok=True)
    size = f"--window-size={WIDTH},{height}"
    _chromium(shown.as_uri(), tmp_path / "profile-shot", f"--screenshot={shot}", size)
    assert shot.stat().st_size > 10_000, "the screenshot is (nearly) empty"
    copy = tmp_path / f"{name}.measure.html"
    copy.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = _chromium(copy.as_uri(), tmp_path / "profile-dom", "--dump-dom", "--virtual-time-budget=3000").stdout
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    assert found, f"the measuring script did not run: {dom[-500:]}"
    measures: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    assert measures["resources"] == [], "the page loaded something from outside"
    assert measures["scripts"] == 1, "the page itself has a script"  # ours, in the copy only
    return measures


def _on_first_screen(measures: dict[str, Any], box: list[float] | None, what: str) -> None:
    assert box is not None, f"{what}: not in the page"
    height = measures["viewport"][1]
    assert 0 <= box[0] and box[1] <= height, f"{what} at {box[0]:.0f}-{box[1]:.0f}px, the first screen ends at {height}px"


def _long_article_with_tweets() -> str:
    """A real 13 KB article (aeb ground truth) with two real tweets embedded twice near the end."""
    body = next(r["body"] for r in read_jsonl("articles/aeb_bodies.jsonl") if r["id"].startswith("c00962aabe7b"))
    tweets = {(r["host"], r["id"].rsplit(":", 1)[1]): r for r in read_jsonl("tweets/real_tweets.jsonl")}
    units = ["\n".join([*t["text_lines"], t["attribution"]]) for t in (tweets[("vox.com", "0")], tweets[("vox.com", "1")])]
    paragraphs = body.split("\n\n")
    return "\n\n".join([*paragraphs[:-3], *units, paragraphs[-3], *units, *paragraphs[-2:]])


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_reference_example_first_screen(theme: str, tmp_path: Path) -> None:
    """Reference example: both cards, each reason, the copies' differences and the `Loading…` removal are on the first screen."""
    text = (ROOT / "fixtures" / "seeds" / "rafah_double_post.txt").read_text(encoding="utf-8")
    measures = _render(f"reference_example_{theme}", _page(result_html(newsclean.explain(text)), theme), tmp_path)
    cards = measures["cards"]
    assert [c["filter"] for c in cards] == ["double_post", "placeholders"]
    _on_first_screen(measures, measures["header"], "the header")
    for card in cards:
        _on_first_screen(measures, card["reason"], f"the reason of {card['filter']}")
        _on_first_screen(measures, card["removed"], f"the first removed text of {card['filter']}")
    _on_first_screen(measures, cards[0]["differences"], "the differences between the copies")


def test_long_article_changes_near_the_end_first_screen(tmp_path: Path) -> None:
    """A 14 KB real article whose two duplicated tweets sit at 91% of the text: both are on the first screen."""
    result = newsclean.explain(_long_article_with_tweets())
    assert [c.filter for c in result.changes] == ["embeds"] * 6
    assert min(c.start for c in result.changes) > 0.9 * len(result.input)
    measures = _render("long_article", _page(result_html(result), "light"), tmp_path)
    assert [c["filter"] for c in measures["cards"]] == ["embeds", "embeds"]
    for card in measures["cards"]:
        _on_first_screen(measures, card["reason"], "a tweet's reason")
        _on_first_screen(measures, card["removed"], "a tweet's removed text")


def test_corpus_report_in_the_browser(tmp_path: Path) -> None:
    """The report of 300 real extractor outputs opens from disk, loads nothing, and shows totals and filters first."""
    builder = SummaryBuilder()
    for row in read_jsonl("articles/aeb_extractor_outputs.jsonl")[:300]:
        builder.add(newsclean.explain(row["text"]), ident=f"{row['id'][:12]}/{row['extractor']}", site=site_of(row["url"]))
    summary = builder.summary()
    assert summary.documents == 300 and summary.changed > 0
    measures = _render("corpus_report", summary.to_html(), tmp_path)
    _on_first_screen(measures, measures["header"], "the totals")
    _on_first_screen(measures, measures["filters"], "the per-filter table")
    assert measures["cards"], "the sample documents draw their changes"
    _render("corpus_report_tall", summary.to_html(), tmp_path / "tall", height=4000)
