"""A small MinHash for near-duplicate lookup: standard library only (hashlib, struct), no numpy.

One-permutation hashing (Li, Owen & Zhang 2012) with optimal densification (Shrivastava 2017): each
shingle is hashed once (BLAKE2b, 64 bits); its low bits pick one of `NUM_PERM` bins and the rest is a value
kept as the bin's minimum. Empty bins (short texts) borrow the value of the first non-empty bin on a fixed
pseudo-random probe path, the same for every text, so equal sets still agree bin by bin. Two signatures
agree in a bin with probability ≈ their Jaccard similarity, as with k independent permutations, at the
cost of one hash per shingle instead of k. Bins are grouped in bands for LSH lookups.

The shingle set itself is kept: whoever confirms a candidate has both texts at hand, so `jaccard` is exact,
and hashing (the costly part) happens only when band keys are asked for.
"""

from __future__ import annotations

import hashlib
import struct
from functools import cached_property

NUM_PERM = 128  # bins; a power of two, so every odd probe step visits them all
_BIN_BITS = NUM_PERM.bit_length() - 1
_MASK = NUM_PERM - 1
_EMPTY = (1 << 64) - 1


def _probe_step(bin_: int) -> int:
    """An odd stride per bin from a fixed multiplicative hash: its probe path visits every bin once."""
    return ((bin_ * 0x9E3779B1 >> 7) | 1) & _MASK


_STEPS = tuple(_probe_step(b) for b in range(NUM_PERM))


class MinHash:
    """MinHash signature of a set of shingles (str)."""

    __slots__ = ("__dict__", "grams", "seed")

    def __init__(self, grams: frozenset[str], seed: int = 1):
        self.grams = grams
        self.seed = seed

    @cached_property
    def hashvalues(self) -> tuple[int, ...]:
        """One 57-bit value per bin, densified: no bin stays empty for a non-empty set."""
        salt = self.seed.to_bytes(8, "little")
        bins = [_EMPTY] * NUM_PERM
        for gram in self.grams:
            h = int.from_bytes(
                hashlib.blake2b(gram.encode("utf-8", "surrogatepass"), digest_size=8, salt=salt).digest(), "little"
            )
            b, v = h & _MASK, h >> _BIN_BITS
            if v < bins[b]:
                bins[b] = v
        if not self.grams:
            return tuple(bins)
        filled = list(bins)
        for b in range(NUM_PERM):
            if bins[b] == _EMPTY:
                step, k = _STEPS[b], b
                while bins[k] == _EMPTY:
                    k = (k + step) & _MASK
                filled[b] = bins[k]
        return tuple(filled)

    def band_digests(self, bands: int, rows: int) -> list[bytes]:
        """One 8-byte digest per band of `rows` consecutive bins."""
        values = self.hashvalues
        out = []
        for band in range(bands):
            chunk = struct.pack(f"<{rows}Q", *values[band * rows : (band + 1) * rows])
            out.append(hashlib.blake2b(chunk, digest_size=8).digest())
        return out

    def estimate(self, other: MinHash) -> float:
        """The Jaccard similarity as the signatures estimate it (share of agreeing bins)."""
        return sum(a == b for a, b in zip(self.hashvalues, other.hashvalues, strict=True)) / NUM_PERM

    def jaccard(self, other: MinHash) -> float:
        """The exact Jaccard similarity of the two shingle sets."""
        if not self.grams and not other.grams:
            return 1.0
        inter = len(self.grams & other.grams)
        return inter / (len(self.grams) + len(other.grams) - inter)
