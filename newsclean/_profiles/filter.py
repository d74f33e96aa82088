"""The ``site_boilerplate`` filter: remove the lines a site profile learned, with their evidence.

A learned ``remove`` line goes wherever it occurs. A learned short line
(``Order here!``, ``100% Pre-shrunk Cotton``) goes only inside a run of
learned lines that holds a ``remove`` line: a block of furniture recurring
together; alone it may be a heading or a label of the article. Table cells,
preformatted text and list items stay, and nothing is removed from a document
that would keep no line of its own (never remove a document's only content).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass

from newsclean._core.document import BlockKind, Document, Edit
from newsclean._core.filter import BlockFilter
from newsclean._core.text import fold
from newsclean._profiles.rules import LearnedLine, LineTable

__all__ = ["SiteBoilerplateFilter"]

_SKIP_KINDS = frozenset({BlockKind.TABLE_CELL, BlockKind.PREFORMATTED, BlockKind.LIST_ITEM})


@dataclass(frozen=True)
class SiteBoilerplateFilter(BlockFilter):
    """Remove one site's learned boilerplate lines; place it in any pipeline.

    >>> import newsclean
    >>> profile = newsclean.learn([f"Story {i}.\\nListen to our podcast every day" for i in range(4)])
    >>> f = newsclean.SiteBoilerplateFilter(profile)
    >>> [(c.rule, c.reason) for c in f.apply("New story.\\nListen to our podcast every day").changes]
    [('site_boilerplate', 'in 4 of 4 documents of this site')]
    """

    profile: LineTable
    _: KW_ONLY
    name: str = "site_boilerplate"

    def edits(self, doc: Document) -> Iterator[Edit]:
        """Remove learned lines: ``remove`` ones, and short ones in the same run of learned lines."""
        table, max_chars = self.profile.table, self.profile.options.max_chars
        if not table:
            return
        found: list[LearnedLine | None] = []
        own_content = False
        for block in doc.blocks:
            text = block.text.strip()
            line = None
            if block.kind not in _SKIP_KINDS and len(text) <= max_chars:
                line = table.get(fold(text))
            found.append(line)
            own_content = own_content or line is None
        if not own_content:
            return  # every line is a learned one: this is the document's only content
        start = 0
        while start < len(found):
            if found[start] is None:
                start += 1
                continue
            end = start
            while end < len(found) and found[end] is not None:
                end += 1
            yield from self._run(found, start, end)
            start = end

    def _run(self, found: list[LearnedLine | None], start: int, end: int) -> Iterator[Edit]:
        run = [line for line in found[start:end] if line is not None]
        if not any(line.action == "remove" for line in run):
            return
        of, site = self.profile.documents, self.profile.site
        for index in range(start, end):
            line = found[index]
            if line is None or line.action == "keep":
                continue
            reason = f"in {line.documents} of {of} documents of this site"
            if line.action == "beside":
                reason += ", next to other boilerplate of the site"
            data = {"site": site, "documents": line.documents, "of": of, "learned": line.text}
            yield Edit(index, "site_boilerplate", reason, None, data)
