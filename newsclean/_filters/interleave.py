"""Short chunks of two renderings interleaved chunk by chunk: the evidence the pattern gives (used by the double-post filter).

Two renderings of a body merged a few paragraphs at a time read
``a1 a2 a3 b1 b2 b3 a4 a5 a6 b4 b5 b6 ...``. Each chunk and its copy is a run
of its own, and a run counts as a copy only when it passes the double-post
thresholds (several lines, a prose paragraph, enough characters). The last
chunk is often smaller (``a7 b7``: one or two short paragraphs), and a chunk of
short paragraphs can fall below the thresholds anywhere: on its own it looks
like a repeat made on purpose (a refrain, a repeated label), and stays doubled.

The pattern is the evidence. A *chunk* here is a chunk and its copy printed
right after it (``a4 a5 a6 b4 b5 b6``), found among the pairs the search
already accepted. Where such chunks follow each other, a short stretch ``x y``
(each part of the same number of blocks, matching block by block) that
continues them is one more chunk of the same two renderings:

* right after two or more chunks: chunks of their size, then a last one
  smaller than that;
* between two chunks of one size: chunks of that size.

The stretch must hold one substantial block (a distinctive line), so the short
repeats that stay anywhere (``Q:``, ``Yes``, ``* * *``, table cells) stay here
too. The pattern must be all the search found: where a
body's own repeats (a meal plan that prints the same section under each day)
were also accepted, the pairing of chunks is less certain, and nothing is
added. Work is linear in the pairs: each chunk (of at most ``MAX_CHUNK``
blocks) is checked once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from newsclean._filters.repeated_runs import Pair

__all__ = ["MAX_CHUNK", "continued_chunks"]

#: Chunks of up to this many blocks make a pattern: renderings are merged a few
#: paragraphs at a time, and the bound keeps the search for a last, shorter
#: chunk (every size below the pattern's) to constant work per chunk.
MAX_CHUNK = 16


def continued_chunks(
    pairs: Sequence[Pair], keys: Sequence[str], sizes: Sequence[int], taken: Collection[int], min_size: int
) -> list[tuple[Pair, ...]]:
    """The short chunks that continue a pattern of interleaved chunks, as (later, earlier) pairs.

    *pairs* are the accepted (later, earlier) positions, *keys* and *sizes*
    every position's match key and size, *taken* the positions already
    decided; a chunk needs a block of *min_size* or more.

    >>> keys = ["a1", "a2", "a1", "a2", "b1", "b2", "b1", "b2", "c", "c", "end"]
    >>> pairs = [(2, 0), (3, 1), (6, 4), (7, 5)]
    >>> continued_chunks(pairs, keys, [30] * 11, {0, 1, 2, 3, 4, 5, 6, 7}, 24)
    [((9, 8),)]
    >>> continued_chunks(pairs[:2], keys, [30] * 11, {0, 1, 2, 3}, 24)  # one chunk is no pattern
    []
    >>> continued_chunks(pairs, keys, [3] * 11, {0, 1, 2, 3, 4, 5, 6, 7}, 24)  # short lines stay
    []
    """
    earlier_of = dict(pairs)
    ends: dict[int, int] = {}  # end of a chunk (exclusive) -> its size
    for i, j in earlier_of.items():
        d = i - j
        if not 0 < d <= MAX_CHUNK or earlier_of.get(i + 1) == j + 1:
            continue  # the chunk goes on, or a later block before its partner
        q = i + 1
        if all(earlier_of.get(k) == k - d for k in range(q - d, q)) and not any(k in earlier_of for k in range(q - 2 * d, q - d)):
            ends[q] = d
    if sum(ends.values()) != len(earlier_of):
        return []  # other repeats beside the chunks: no clear pattern
    starts = {q - 2 * d: d for q, d in ends.items()}
    before: dict[int, int] = {}  # start of a chunk -> chunks (and short chunks found) in a row before it
    found: list[tuple[Pair, ...]] = []
    for q in sorted(ends):
        d = ends[q]
        count = before.get(q - 2 * d, 0) + 1
        if starts.get(q) == d:  # the next chunk follows
            before[q] = count
            continue
        pos = q
        while starts.get(pos) != d and _copied(pos, d, keys, sizes, taken, min_size):
            pos += 2 * d
        if pos > q and (count >= 2 or starts.get(pos) == d):
            found.extend(tuple((p + d + k, p + k) for k in range(d)) for p in range(q, pos, 2 * d))
            count += (pos - q) // (2 * d)
            if starts.get(pos) == d:
                before[pos] = count
                continue
        elif pos > q:
            continue  # one chunk, then chunks below the thresholds: no pattern yet
        if count >= 2:  # the last chunk, shorter than the others
            for t in range(d - 1, 0, -1):
                if _copied(pos, t, keys, sizes, taken, min_size):
                    found.append(tuple((pos + t + k, pos + k) for k in range(t)))
                    break
    return found


def _copied(pos: int, t: int, keys: Sequence[str], sizes: Sequence[int], taken: Collection[int], min_size: int) -> bool:
    """Whether the *t* different blocks from *pos* are printed again right after themselves, twice only, with a substantial one among them.

    A line repeated three times or more in a row (``L L L``), or a stretch of
    one line (``L L`` then ``L L``), is a repeat of another kind, and stays.
    """
    end = pos + 2 * t
    if end > len(keys) or any(keys[pos + k] != keys[pos + t + k] for k in range(t)):
        return False
    if (pos and keys[pos - 1] == keys[pos + t - 1]) or (end < len(keys) and keys[end] == keys[pos]):
        return False
    if t > 1 and len(set(keys[pos : pos + t])) < t:
        return False
    return all(k not in taken for k in range(pos, pos + 2 * t)) and any(sizes[k] >= min_size for k in range(pos, pos + t))
