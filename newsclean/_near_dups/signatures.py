"""Per-document fingerprints: cleaned and folded words, their shingles, and a MinHash signature.

The words are the cleaned text split on whitespace, each folded like
:func:`newsclean._core.text.fold` (case, punctuation and typography ignored)
with accents stripped, so a typographic copy, its ASCII-fied twin and a
copy whose mojibake the cleaner repaired give the same words. This pass is
linear in the size of the text and holds one document at a time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from newsclean._core.text import typography_score
from newsclean._near_dups.extra import datasketch
from newsclean._near_dups.options import NearDuplicateOptions

if TYPE_CHECKING:
    from newsclean._core.pipeline import Pipeline

__all__ = ["Fingerprint", "datasketch", "fingerprint", "shingles", "words"]

# Inside a word, what fold() removes: punctuation, symbols, underscores (not
# the whitespace between words, which split() handles). One character class: linear.
_NOT_WORD = re.compile(r"[^\w\s]|_")
# Multipliers of the rolling shingle hash (odd 64-bit constants from splitmix64).
_MIX = np.uint64(0x9E3779B97F4A7C15)
_FMIX = np.uint64(0xBF58476D1CE4E5B9)


def words(text: str) -> list[str]:
    """The folded words of *text*: ``fold()`` of each whitespace-separated word, accents split off (NFD).

    >>> words("He said “don’t” – Café…")
    ['he', 'said', 'dont', 'cafe']
    >>> words('he said "don\\'t" - Cafe...')
    ['he', 'said', 'dont', 'cafe']
    """
    folded = text.casefold()
    if not folded.isascii():
        # canonical decomposition splits off accents, which are not \w, so the
        # regex drops them; NFKD would also turn some symbols into spaces
        folded = unicodedata.normalize("NFD", folded)
    return _NOT_WORD.sub("", folded).split()


def shingles(tokens: list[str], size: int) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the runs of *size* consecutive words (one run if there are fewer).

    >>> a = shingles("the storm hit the coast at dawn".split(), 3)
    >>> (len(a), bool((a == shingles("the storm hit the coast at dawn".split(), 3)).all()))
    (5, True)
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    hashed = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens))
    width = min(size, len(tokens))
    count = len(tokens) - width + 1
    with np.errstate(over="ignore"):  # wrap-around is the point of a multiplicative hash
        combined = hashed[:count].copy()
        for offset in range(1, width):
            combined = combined * _MIX + hashed[offset : offset + count]
        combined ^= combined >> np.uint64(31)
        combined *= _FMIX
        combined ^= combined >> np.uint64(29)
    return np.unique((combined >> np.uint64(32)).astype(np.uint32))


def _identity(value: int) -> int:
    # the shingles are hashed already; datasketch only permutes them
    return value


@lru_cache(maxsize=8)
def _template(num_perm: int, seed: int) -> Any:
    """An empty MinHash whose permutations are drawn once per (size, seed) and shared by every copy."""
    return datasketch().MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, scheme="affine32")


def signature(hashes: np.ndarray, options: NearDuplicateOptions) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32 values) of a set of shingle hashes, by datasketch."""
    template = _template(options.num_perm, options.seed)
    minhash = datasketch().MinHash(
        seed=options.seed, hashfunc=_identity, permutations=template.permutations, scheme="affine32"
    )
    minhash.update_batch(hashes.tolist())
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


@dataclass(frozen=True)
class Fingerprint:
    """What the search keeps of one document: its key for ordering, its shingles and its signature.

    ``signature`` is ``None`` for a short document (fewer than ``min_words``
    words), which only ever joins exact copies of itself.
    """

    id: Any
    rank: tuple[Any, ...]
    words: int
    content: str
    shingles: np.ndarray
    signature: np.ndarray | None

    @property
    def short(self) -> bool:
        return self.signature is None


def rank_key(ident: Any, date: Any, word_count: int, typography: int) -> tuple[Any, ...]:
    """Sort key of a representative, smallest first: earliest date, then longest, best typeset, then id.

    It depends on the document alone, so the choice does not depend on input order.
    """
    undated = date is None
    return (undated, "" if undated else date, -word_count, -typography, type(ident).__name__, repr(ident))


def fingerprint(ident: Any, text: str, options: NearDuplicateOptions, *, pipeline: Pipeline,
                date: Any = None) -> Fingerprint:
    """Clean *text* with *pipeline*, fold it, shingle it and sign it."""
    if not isinstance(text, str):
        raise TypeError(f"document {ident!r}: text must be a str, got {type(text).__name__}")
    cleaned = pipeline.apply(text).text
    tokens = words(cleaned)
    content = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).hexdigest()
    hashes = shingles(tokens, options.shingle_words)
    short = len(tokens) < options.min_words
    return Fingerprint(
        id=ident,
        rank=rank_key(ident, date, len(tokens), typography_score(cleaned)),
        words=len(tokens),
        content=content,
        shingles=hashes,
        signature=None if short else signature(hashes, options),
    )
