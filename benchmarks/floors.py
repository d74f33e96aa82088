"""What is left to gain, measured: the figures of docs/performance.md#what-is-left.

Run from the repository root (about two minutes; needs ../shared/corpus or NEWSCLEAN_SHARED):

    python benchmarks/floors.py

Two floors, each against the target it bounds:

* **Reading** (the 10x target on clean bodies, 5x on the mixed corpus). ``clean()`` is
  paired with ``ftfy.fix_text`` on the same texts, as in ``run.py``, first as it is and
  then with the line reading of one filter (or of every filter) replaced by "nothing
  here": the furniture and placeholder line readers, mojibake's search, double_post's
  pre-check, the embed anchors. What is left is the pipeline's own work (the split, the
  rounds, the documents). The stubbed pipeline is no cleaner: it keeps what it should
  remove, and the rows say on how many texts its output differs. Its ratio is what
  ``clean()`` would reach if that reading cost nothing.
* **Memory at 10 MB** (under 5x the UTF-8 size). The output is one ``str``, as wide as its
  widest character; while it is joined, the text it is joined from is alive too. The rows
  give the output's size, and the kept lines' size at each line's own narrowest width (no
  object headers), over the document's UTF-8 size: a join from ``str`` pieces of any
  cut into lines peaks at least at the sum of the two. ``clean()`` does not join a big
  output at once: it grows one string in place, a chunk of lines at a time, and lets each
  chunk's lines go (``join_owned``); the last row is its peak, as ``run.py`` measures it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import newsclean  # noqa: E402
from newsclean._filters import double_post, embeds, furniture, mojibake, placeholders  # noqa: E402
from run import CORPUS, best_of_each, load_bodies  # noqa: E402
from scaling import many_bodies_document, peak_added  # noqa: E402
from tests.dirty import PLACEHOLDERS, dirty_corpus  # noqa: E402

# What each filter's reading is replaced with: (object, attribute, stand-in). Each stand-in
# says "nothing here" for every line (or document), at the cost of one call.
STUBS: dict[str, list[tuple[object, str, object]]] = {
    "furniture": [(furniture.FurnitureFilter, "_read_line", lambda self, text: furniture._PASSED_OVER)],
    "placeholders": [(placeholders.PlaceholderFilter, "_hit", lambda self, text: None)],
    "mojibake": [(mojibake.MojibakeFilter, "edits", lambda self, doc: iter(()))],
    "double_post": [(double_post, "line_keys", lambda *args, **kwargs: None)],
    "embeds": [(embeds, "find_anchors", lambda *args, **kwargs: {})],
}


_MISSING = object()


@contextlib.contextmanager
def stubbed(names: Sequence[str]) -> Iterator[None]:
    """The named filters' reading replaced by "nothing here" inside the block, restored after it.

    Each attribute is put back as it was stored (a ``staticmethod`` as one); one a
    class only inherits is deleted again. A name that is no longer there raises.
    """
    saved = []
    for name in names:
        for owner, attr, _ in STUBS[name]:
            getattr(owner, attr)  # AttributeError when the code has moved on: the stub would stub nothing
            saved.append((owner, attr, vars(owner).get(attr, _MISSING)))
    try:
        for name in names:
            for owner, attr, stand_in in STUBS[name]:
                setattr(owner, attr, stand_in)
        yield
    finally:
        for owner, attr, value in saved:
            if value is _MISSING:
                delattr(owner, attr)
            else:
                setattr(owner, attr, value)


def reading_rows(texts: Sequence[str], repeats: int) -> list[tuple[str, float, float, int]]:
    """(what is stubbed, clean seconds, ftfy over clean, outputs that differ) for each row."""
    expected = [newsclean.clean(t) for t in texts]
    rows = []
    for names in ([], *([name] for name in STUBS), list(STUBS)):
        with stubbed(names):
            differ = sum(newsclean.clean(t) != e for t, e in zip(texts, expected))
            fix_s, clean_s = best_of_each([ftfy.fix_text, newsclean.clean], texts, repeats)
        label = "nothing (as it is)" if not names else "every filter's" if len(names) > 1 else names[0]
        rows.append((label, clean_s, fix_s / clean_s, differ))
    return rows


def _narrowest(line: str) -> int:
    """Bytes of *line*'s characters stored at its own width (1, 2 or 4 bytes a character), without the header."""
    if line.isascii():
        return len(line)
    top = ord(max(line))
    return len(line) * (1 if top < 0x100 else 2 if top < 0x10000 else 4)


def memory_rows(bodies: Sequence[str], size: int) -> dict[str, float]:
    """The 10 MB document's output and kept lines, in multiples of its UTF-8 size."""
    text = many_bodies_document(bodies, size, PLACEHOLDERS)
    utf8 = len(text.encode("utf-8"))
    out = newsclean.clean(text)
    lines = [line for line in out.split("\n") if line]
    output = sys.getsizeof(out) / utf8
    kept = sum(map(_narrowest, lines)) / utf8
    objects = sum(map(sys.getsizeof, lines)) / utf8
    count = len(lines)
    del out, lines
    return {"output": output, "kept_narrowest": kept, "kept_as_line_strings": objects,
            "floor": output + kept, "lines": count, "clean": peak_added(text)["peak_over_size"]}


def _print_reading(title: str, rows: list[tuple[str, float, float, int]], total: int) -> None:
    print(f"\n{title}\n")
    print("| reading replaced by nothing | clean() | vs ftfy.fix_text | outputs that differ |")
    print("|---|---|---|---|")
    for label, seconds, ratio, differ in rows:
        print(f"| {label} | {seconds * 1e3:.1f} ms | {ratio:.1f}x | {differ} of {total} |")


def main() -> int:
    if not (CORPUS / "articles").exists():
        print(f"needs the corpus at {CORPUS} (set NEWSCLEAN_SHARED)", file=sys.stderr)
        return 2
    bodies, tweets, _ = load_bodies()
    variants = dirty_corpus(bodies, tweets)
    mixed = [t for ts in variants.values() for t in ts]
    for t in mixed[:20]:  # compiled patterns and imports are not the texts' cost
        newsclean.clean(t)
        ftfy.fix_text(t)
    _print_reading(f"Clean bodies ({len(variants['clean'])} texts):", reading_rows(variants["clean"], 5),
                   len(variants["clean"]))
    _print_reading(f"Mixed corpus ({len(mixed)} texts):", reading_rows(mixed, 3), len(mixed))
    mem = memory_rows(bodies, 10_000_000)
    print(f"\nMemory at 10 MB ({mem['lines']:,} kept lines), in multiples of the UTF-8 size:\n")
    print(f"- the output as one str: {mem['output']:.2f}x")
    print(f"- the kept lines at their own narrowest width: {mem['kept_narrowest']:.2f}x "
          f"(as line strings, headers included: {mem['kept_as_line_strings']:.2f}x)")
    print(f"- the least a join of str pieces can peak at: {mem['floor']:.2f}x")
    print(f"- clean() as it ships (the output grown in place, see join_owned): {mem['clean']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
