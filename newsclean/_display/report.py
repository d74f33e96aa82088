"""The corpus report: one self-contained HTML page drawn from a :class:`~newsclean.CorpusSummary`.

:func:`report_page` is the page ``newsclean report`` writes and
:meth:`CorpusSummary.save_html` saves; :func:`report_fragment` is the same
content for a notebook cell. Bars are CSS widths, every style is inline, there
is no script and no external resource (no font, image or stylesheet link), so
the file opens from disk in any browser, offline, and reads in light and dark
themes. Article text is escaped everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsclean._display.result import Limits, result_html
from newsclean._display.theme import MUTED, RULE, SANS, chip, esc, filter_colours

if TYPE_CHECKING:
    from newsclean._display.summary import CorpusSummary

__all__ = ["report_fragment", "report_page"]

TOP_LINES = 30
TOP_RULES = 40
TOP_SITES = 25
SITE_LINES = 8
# Sample documents are drawn smaller than in a notebook: a report holds many.
_SAMPLE_LIMITS = Limits(groups=8, context=1, group_chars=3000, fold_chars=4000, pairs_open=2)
_GREY = "128, 128, 128"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"


def _bar(value: int, top: int, rgb: str) -> str:
    """A horizontal bar, *value* out of *top*, as a CSS width (no image, no script)."""
    width = 0.0 if top <= 0 else max(100 * value / top, 0.5 if value else 0.0)
    return (
        f'<div style="width: 14em; height: 0.8em; background: rgba({_GREY}, 0.12); border-radius: 2px">'
        f'<div data-role="bar" style="width: {width:.1f}%; height: 100%; background: rgba({rgb}, 0.75); '
        f'border-radius: 2px"></div></div>'
    )


_CELL = f"padding: 2px 8px; border-bottom: 1px solid {RULE}; vertical-align: middle"


def _table(role: str, heads: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: Sequence[int] = ()) -> str:
    head = "".join(
        f'<th style="{_CELL}; text-align: {"right" if i in numeric else "left"}">{h}</th>' for i, h in enumerate(heads)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="{_CELL}; text-align: {"right" if i in numeric else "left"}">{cell}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table data-role="{role}" style="{SANS}; font-size: 13px; border-collapse: collapse; margin: 4px 0 12px 0">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _h2(anchor: str, title: str) -> str:
    return f'<h2 id="{anchor}" style="{SANS}; font-size: 17px; margin: 18px 0 4px 0">{esc(title)}</h2>'


def _totals(s: CorpusSummary) -> str:
    reasons = ", ".join(f"{esc(r)}: {n:,}" for r, n in s.drop_reasons)
    lost = s.chars_in - s.chars_out
    cells = [
        ("documents", f"{s.documents:,}"),
        ("changed", f"{s.changed:,} ({_pct(s.changed, s.documents)})"),
        ("dropped", f"{s.dropped:,}" + (f" ({reasons})" if reasons else "")),
        ("characters", f"{s.chars_in:,} \u2192 {s.chars_out:,} (\u2212{lost:,}, {_pct(lost, s.chars_in)})"),
    ]
    items = "".join(
        f'<div style="display: inline-block; margin: 0 18px 6px 0"><div style="{MUTED}; font-size: 12px">{k}</div>'
        f'<div style="font-size: 18px"><b>{v}</b></div></div>'
        for k, v in cells
    )
    return f'<div data-role="totals" style="{SANS}">{items}</div>'


def _filters(s: CorpusSummary, colours: dict[str, str]) -> str:
    top = max([f.documents for f in s.filters] or [0])
    rows = [
        (
            chip(f.name, colours[f.name]),
            f"{f.documents:,}",
            _bar(f.documents, top, colours[f.name]),
            _pct(f.documents, s.documents),
            f"{f.removed:,}",
            f"{f.replaced:,}",
        )
        for f in s.filters
    ]
    heads = ("filter", "documents changed", "", "of all", "blocks removed", "other changes")
    return _h2("filters", "Per filter") + _table("filters", heads, rows, numeric=(1, 3, 4, 5))


def _rules(s: CorpusSummary, colours: dict[str, str]) -> str:
    if not s.rules:
        return ""
    ranked = sorted(s.rules, key=lambda item: -item[1])[:TOP_RULES]
    top = ranked[0][1]
    rows = []
    for label, n in ranked:
        name = label.split("/", 1)[0]
        rgb = colours.get(name, _GREY)
        rows.append((chip(label, rgb), f"{n:,}", _bar(n, top, rgb)))
    more = f'<div style="{SANS}; {MUTED}">{len(s.rules) - TOP_RULES} more rules not listed</div>' if len(s.rules) > TOP_RULES else ""
    return _h2("rules", "Per rule") + _table("rules", ("filter/rule", "changes", ""), rows, numeric=(1,)) + more


def _sites(s: CorpusSummary, colours: dict[str, str]) -> str:
    if not s.sites:
        return ""
    names = [f.name for f in s.filters]
    rows = []
    for site in sorted(s.sites, key=lambda x: (-x.changed, x.name)):
        per = dict(site.filters)
        lost = site.chars_in - site.chars_out
        rows.append(
            (
                esc(site.name),
                f"{site.documents:,}",
                f"{site.changed:,}",
                _bar(site.changed, site.documents, "36, 113, 163"),
                _pct(lost, site.chars_in),
                *(f"{per.get(n, 0):,}" for n in names),
            )
        )
    heads = ("site", "documents", "changed", "share changed", "chars lost", *(esc(n) for n in names))
    numeric = (1, 2, 4, *range(5, 5 + len(names)))
    table = _h2("sites", "Per site") + _table("sites", heads, rows[:TOP_SITES], numeric=numeric)
    if len(rows) > TOP_SITES:
        table += (
            f'<details><summary style="{SANS}; font-size: 13px; cursor: pointer">{len(rows) - TOP_SITES} more sites</summary>'
            f"{_table('more-sites', heads, rows[TOP_SITES:], numeric=numeric)}</details>"
        )
    return table


def _site_lines(s: CorpusSummary, colours: dict[str, str]) -> str:
    """Per site, its most frequent removed lines: with a site profile, the boilerplate learned for it."""
    sites = [site for site in sorted(s.sites, key=lambda x: (-x.changed, x.name)) if site.lines][:TOP_SITES]
    if not sites:
        return ""
    parts = [_h2("site-lines", "Removed lines per site")]
    for site in sites:
        rows = [
            (chip(name, colours.get(name, _GREY)), f'<span style="white-space: pre-wrap; overflow-wrap: anywhere">{esc(line)}</span>', f"{n:,}")
            for name, line, n in site.lines[:SITE_LINES]
        ]
        more = f" ({len(site.lines) - SITE_LINES} more)" if len(site.lines) > SITE_LINES else ""
        parts.append(
            f'<details data-role="site-lines"><summary style="{SANS}; font-size: 13px; cursor: pointer"><b>{esc(site.name)}</b>: '
            f"{len(site.lines)} distinct removed lines{more}</summary>"
            f"{_table('site-lines', ('filter', 'removed line', 'times'), rows, numeric=(2,))}</details>"
        )
    return "".join(parts)


def _lines(s: CorpusSummary) -> str:
    if not s.removed_lines:
        return ""
    shown = s.removed_lines[:TOP_LINES]
    top = shown[0][1]
    rows = [
        (f'<span style="white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(211, 84, 0, 0.14); padding: 0 3px">{esc(line)}</span>', f"{n:,}", _bar(n, top, "211, 84, 0"))
        for line, n in shown
    ]
    note = (
        f'<div style="{SANS}; {MUTED}; font-size: 12px">{len(s.removed_lines) - len(shown):,} more distinct removed lines; '
        "lines over 200 characters (copies of content) are not counted here.</div>"
    )
    return _h2("lines", "Most frequent removed lines") + _table("lines", ("removed line", "times", ""), rows, numeric=(1,)) + note


def _lost(s: CorpusSummary, colours: dict[str, str]) -> str:
    if not s.most_lost:
        return ""
    top = s.most_lost[0].lost
    sample_ids = {sample.label for sample in s.samples}
    rows = []
    for loss in s.most_lost:
        label = esc(loss.label)
        if loss.label in sample_ids:
            label = f'<a href="#sample-{_slug(loss.label)}" style="color: inherit">{label}</a>'
        rows.append(
            (
                label,
                f"{loss.chars_in:,} \u2192 {loss.chars_in - loss.lost:,}",
                f"\u2212{loss.lost:,} ({_pct(loss.lost, loss.chars_in)})",
                _bar(loss.lost, top, "192, 57, 43"),
                " ".join(chip(name, colours.get(name, _GREY)) for name in loss.filters),
            )
        )
    heads = ("document", "characters", "lost", "", "filters")
    return _h2("lost", "Documents that lost the most") + _table("lost", heads, rows, numeric=(1, 2))


def _slug(ident: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in ident)[:60]


def _samples(s: CorpusSummary, colours: dict[str, str]) -> str:
    if not s.samples:
        return ""
    parts = [_h2("samples", "Sample documents per filter")]
    seen: set[str] = set()
    for name in dict.fromkeys(sample.filter for sample in s.samples):
        parts.append(f'<h3 style="{SANS}; font-size: 15px; margin: 12px 0 4px 0">{chip(name, colours.get(name, _GREY), strong=True)}</h3>')
        for sample in (x for x in s.samples if x.filter == name):
            site = f" &middot; {esc(sample.site)}" if sample.site else ""
            if sample.label in seen:  # drawn once: ids in a page must be unique
                parts.append(
                    f'<div style="{SANS}; font-size: 13px; margin: 6px 0"><b>{esc(sample.label)}</b>{site}: '
                    f'shown above, <a href="#sample-{_slug(sample.label)}" style="color: inherit">jump</a></div>'
                )
                continue
            seen.add(sample.label)
            anchor = f' id="sample-{_slug(sample.label)}"'
            parts.append(
                f'<div data-role="sample"{anchor} style="border: 1px solid {RULE}; border-radius: 4px; padding: 6px 8px; '
                f'margin: 6px 0"><div style="{SANS}; font-size: 13px; margin-bottom: 4px"><b>{esc(sample.label)}</b>{site}</div>'
                f"{result_html(sample.result, limits=_SAMPLE_LIMITS)}</div>"
            )
    return "".join(parts)


def _nav(s: CorpusSummary) -> str:
    links = [("filters", "filters"), ("rules", "rules")]
    links += [("sites", "sites")] if s.sites else []
    links += [("site-lines", "lines per site")] if any(site.lines for site in s.sites) else []
    links += [("lines", "removed lines")] if s.removed_lines else []
    links += [("lost", "most lost")] if s.most_lost else []
    links += [("samples", "samples")] if s.samples else []
    return (
        f'<nav style="{SANS}; font-size: 13px; margin: 4px 0 8px 0">'
        + " &middot; ".join(f'<a href="#{a}" style="color: inherit">{t}</a>' for a, t in links)
        + "</nav>"
    )


def report_fragment(summary: CorpusSummary) -> str:
    """The report's content as an HTML fragment (inline styles only), for a notebook cell."""
    colours = filter_colours([*(f.name for f in summary.filters), *(r.split("/", 1)[0] for r, _ in summary.rules)])
    return (
        f'<div class="newsclean-summary" style="{SANS}; color: inherit; max-width: 100%">'
        f"{_totals(summary)}{_nav(summary)}{_filters(summary, colours)}{_rules(summary, colours)}"
        f"{_sites(summary, colours)}{_site_lines(summary, colours)}{_lines(summary)}{_lost(summary, colours)}{_samples(summary, colours)}</div>"
    )


def report_page(summary: CorpusSummary, *, title: str = "newsclean report") -> str:
    """The report as a whole HTML document: UTF-8, light or dark by the reader's setting, nothing external."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>{esc(title)}</title></head>"
        f'<body style="{SANS}; margin: 16px 24px; max-width: 1200px">'
        f'<h1 style="{SANS}; font-size: 22px; margin: 0 0 8px 0">{esc(title)}</h1>'
        f"{report_fragment(summary)}</body></html>\n"
    )
