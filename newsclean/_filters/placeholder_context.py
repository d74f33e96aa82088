"""Where a placeholder line stands: the context that decides ambiguous labels (part of the ``placeholders`` filter).

``Ad``, ``Advertising``, ``Anzeigen``, ``Loading``, ``Video`` or ``Sponsored`` on a
line of their own are page furniture between two paragraphs of a story, and
content in a list of industries, a budget, a poll or a menu of videos. The
filter decides each *run* of placeholder candidates (consecutive candidate
blocks, blank-looking blocks such as a lone zero-width space in between) from
the nearest non-candidate blocks on each side:

* ``furniture`` candidates go only when both sides are prose or the edge of
  the document (not both edges), the run holds at most two of them, the block
  is no heading, and neither neighbouring paragraph talks about the word;
* ``not_in_list`` candidates (one-word labels that are also nouns, such as
  ``Werbung``) go unless the run sits in a list (a list item next to it, or
  two item-like lines on one side, or one on each side: list items, table
  cells, lines of at most three words with no sentence end) or
  the paragraph after it talks about the word (then it is its heading).

Candidates are skipped when looking for neighbours, and every candidate in a
run sees the same neighbours, so removing some never changes the decision
about the others: cleaning twice gives what cleaning once gave.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from newsclean._core.document import Block, BlockKind
from newsclean._filters.placeholder_patterns import rough_key

__all__ = ["CONTEXT_REASONS", "Hit", "RunContext", "decide", "run_context"]


class Hit(NamedTuple):
    """A block matched as a placeholder, before its context is weighed."""

    rule: str
    data: dict[str, str]
    context: str  # "none", "not_in_list" or "furniture"
    topic: tuple[str, ...] = ()


#: What the change record's reason adds for each context that decided a removal.
CONTEXT_REASONS = {
    "between_paragraphs": "it stands alone between prose paragraphs",
    "document_start": "it stands alone at the start of the document, before prose",
    "document_end": "it stands alone at the end of the document, after prose",
    "not_in_list": "it stands outside any list, table or menu and heads no text about it",
    "option": "the option ambiguous='remove' removes such labels wherever they stand alone",
}

_LIST_KINDS = frozenset({BlockKind.LIST_ITEM, BlockKind.TABLE_CELL})
_NOT_PROSE_KINDS = _LIST_KINDS | {BlockKind.HEADING}
_SENTENCE_END = frozenset(".!?…\"'”’»)]")
_BULLETS = ("- ", "* ", "• ", "– ", "— ", "· ", "▪ ")
_TOKEN_STRIP = ".,;:!?…\"'“”‘’«»()[]{}<>-–—/*#|"
_LONG = 100  # a block this long is prose whatever it ends with
_TOPIC_SPAN = 1000  # characters read at each end of a neighbouring paragraph for its topic
_ITEM = 40  # a list item (an expense, an industry, a poll answer) is shorter than this


def is_prose(block: Block) -> bool:
    """A paragraph of running text: a sentence end and two words, or long; not a list item, cell or heading."""
    if block.kind in _NOT_PROSE_KINDS:
        return False
    text = block.text.strip()
    if len(text) >= _LONG:
        return True
    return text[-1:] in _SENTENCE_END and " " in text


def is_list_like(block: Block) -> bool:
    """A list item, a table cell, or an item-like line: at most three words, no sentence end (``Miete``, ``Yes``).

    Four words or more without a full stop are a headline or a cut sentence, not an item.
    """
    if block.kind in _LIST_KINDS:
        return True
    if block.kind in (BlockKind.HEADING, BlockKind.PREFORMATTED):
        return False
    text = block.text.strip()
    if text.startswith(_BULLETS):
        return True
    return len(text) <= _ITEM and text[-1:] not in _SENTENCE_END and text.count(" ") < 3


def _is_structural(block: Block) -> bool:
    # a table cell next to a paragraph is not: that paragraph stands outside the table
    return block.kind == BlockKind.LIST_ITEM or block.text.lstrip().startswith(_BULLETS)


class RunContext(NamedTuple):
    """The neighbours of one run of candidates."""

    before: Block | None  # nearest non-candidate block before the run (None: document start)
    after: Block | None
    not_prose: int  # neighbours (up to two each side, counted from the run) that are no prose
    in_list: bool  # a list item next to the run, or two item-like lines on one side


def _neighbours(blocks: Sequence[Block], skipped: Callable[[int], bool], start: int, step: int) -> list[Block]:
    """Up to two non-candidate blocks from *start* in direction *step*."""
    found: list[Block] = []
    i = start
    while 0 <= i < len(blocks) and len(found) < 2:
        if not skipped(i):
            found.append(blocks[i])
        i += step
    return found


def _leading(side: list[Block], test: Callable[[Block], bool]) -> int:
    count = 0
    for block in side:
        if not test(block):
            break
        count += 1
    return count


def run_context(blocks: Sequence[Block], skipped: Callable[[int], bool], first: int, last: int) -> RunContext:
    """The context of the run of candidates ``blocks[first:last + 1]``; *skipped* tells candidates and blank blocks."""
    before = _neighbours(blocks, skipped, first - 1, -1)
    after = _neighbours(blocks, skipped, last + 1, 1)
    not_prose = sum(_leading(side, lambda b: not is_prose(b)) for side in (before, after))
    # a list: a list item or bullet line right next to the run, or two item-like
    # lines on one side ("Ausgaben:", "Miete", then "Werbung"); one short line on each side
    # ("p1", "Advertisement", "p2") is not enough
    structural = any(_is_structural(side[0]) for side in (before, after) if side)
    listy = max(_leading(side, is_list_like) for side in (before, after))
    # an item-like line on each side ("Miete", "Werbung", "Personal"): the label is the middle item of a
    # list; two words of running text around a label would end in a full stop
    between_items = bool(before) and bool(after) and is_list_like(before[0]) and is_list_like(after[0])
    return RunContext(
        before[0] if before else None, after[0] if after else None, not_prose, structural or listy >= 2 or between_items
    )


def _tokens(text: str) -> list[str]:
    if len(text) > 2 * _TOPIC_SPAN:  # a heading's topic is near the edge of the paragraph; bound the work
        text = text[:_TOPIC_SPAN] + " " + text[-_TOPIC_SPAN:]
    return [t.strip(_TOKEN_STRIP) for t in rough_key(text).split(" ")]


def _mentions(block: Block | None, topic: tuple[str, ...]) -> bool:
    """Whether *block* has a word that is a topic stem, or starts with one of four or more letters."""
    if block is None or not topic:
        return False
    for token in _tokens(block.text):
        for stem in topic:
            if token == stem or (len(stem) >= 4 and token.startswith(stem)):
                return True
    return False


def decide(hit: Hit, block: Block, ctx: RunContext, furniture_in_run: int, ambiguous: str) -> str | None:
    """The context that lets *hit* go ("none", "between_paragraphs", ...), or ``None`` to keep it."""
    if hit.context == "none":
        return "none"
    if ambiguous == "remove":
        return "option"
    if hit.context == "not_in_list":
        if ctx.in_list or (ctx.after is not None and is_prose(ctx.after) and _mentions(ctx.after, hit.topic)):
            return None
        return "not_in_list"
    # furniture
    if ambiguous == "keep" or block.kind == BlockKind.HEADING or furniture_in_run > 2 or ctx.not_prose:
        return None
    if ctx.before is None and ctx.after is None:
        return None  # a document that is only the word: nothing says it is furniture
    if _mentions(ctx.before, hit.topic) or _mentions(ctx.after, hit.topic):
        return None  # a heading or a caption of text about the word
    if ctx.before is None:
        return "document_start"
    if ctx.after is None:
        return "document_end"
    return "between_paragraphs"
