"""Exact and near-duplicate detection across the articles of a store.

* Exact: two articles with the same ``article.hash`` (whitespace-normalised
  text) are the same; the later one gets ``duplicate_of``.
* Near: syndicated copies (same wire story under another outlet's header and
  footer, a paragraph reworded) get ``near_duplicate_of`` and ``similarity``.
  Each text becomes a set of word 5-gram shingles (lower-cased words, with
  boilerplate lines such as credits and "Read more:" dropped first, since
  those are exactly what differs between outlets); a MinHash of that set goes
  into a MinHash LSH index (threshold ``near_duplicate_threshold``,
  ``minhash_permutations`` permutations), which is queried a little below the
  threshold; candidates are confirmed with the estimated Jaccard similarity
  (about +-0.04 at 128 permutations) and the most similar earlier article wins.

Thresholds: one reworded paragraph out of six, plus another outlet's header,
gives a Jaccard near 0.67; on ECB+ every pair above 0.3 is the same story in
another outlet's edit, so 0.5 catches more syndication than the 0.7 default
without false alarms.

Two different stories about the same kind of event in the same place share
words but very few 5-word runs, so they stay apart. Cost is linear: one MinHash
per article and one LSH lookup. Everything is deterministic (fixed seed).
"""

from __future__ import annotations

import logging
import re
from typing import Iterable

from ..config import Settings
from ..model import Article, content_hash

__all__ = ["Deduplicator", "shingles", "SHINGLE_SIZE", "SEED"]

log = logging.getLogger(__name__)

SHINGLE_SIZE = 5
SEED = 1
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[bytes]:
    """Word ``size``-grams of the text without its boilerplate lines (the whole text if shorter)."""
    from ..clean.boilerplate import find_boilerplate

    removed = find_boilerplate(text)
    if removed:
        parts, pos = [], 0
        for r in removed:
            parts.append(text[pos:r.start])
            pos = r.end
        parts.append(text[pos:])
        text = " ".join(parts)
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class Deduplicator:
    """Marks exact and near duplicates; :meth:`seed` with what the store already holds, then :meth:`check`."""

    def __init__(self, settings: Settings) -> None:
        from datasketch import MinHash, MinHashLSH

        self.threshold = float(settings.near_duplicate_threshold)
        self.num_perm = int(settings.minhash_permutations)
        # The LSH index is probabilistic: query it a little below the threshold so that pairs just
        # above it are not missed, then confirm with the estimated Jaccard. Very high thresholds
        # would leave LSH fewer than two bands, which it refuses.
        lsh_threshold = min(max(self.threshold - 0.1, 0.05), 0.9)
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=self.num_perm)
        # Drawing the random permutations costs more than hashing a short article: draw them once.
        template = MinHash(num_perm=self.num_perm, seed=SEED)
        self._perms, self._scheme = template.permutations, template.scheme
        self._by_hash: dict[str, str] = {}
        self._sigs: dict[str, object] = {}  # id -> LeanMinHash, to confirm candidates
        self._order: dict[str, int] = {}  # id -> insertion rank, so ties go to the earliest article

    def _minhash(self, text: str):  # -> datasketch.LeanMinHash | None
        from datasketch import LeanMinHash, MinHash

        sh = shingles(text)
        if not sh:
            return None
        m = MinHash(num_perm=self.num_perm, seed=SEED, permutations=self._perms, scheme=self._scheme)
        m.update_batch(list(sh))
        return LeanMinHash(m)

    def _add(self, doc_id: str, text_hash: str | None, text: str | None, sig=None) -> None:
        if text_hash:
            self._by_hash.setdefault(text_hash, doc_id)
        if doc_id in self._sigs:
            return
        if sig is None and text:
            sig = self._minhash(text)
        if sig is not None:
            self._lsh.insert(doc_id, sig)
            self._sigs[doc_id] = sig
            self._order[doc_id] = len(self._order)

    def seed(self, items: Iterable[tuple[str, str | None, str | None]]) -> None:
        """Remember already-stored articles as ``(id, hash, text)``; text may be None (exact matching only)."""
        n = 0
        for doc_id, text_hash, text in items:
            self._add(str(doc_id), text_hash, text)
            n += 1
        log.debug("dedup seeded with %d articles", n)

    def check(self, article: Article) -> None:
        """Set ``duplicate_of`` or ``near_duplicate_of`` + ``similarity`` on ``article``, then remember it."""
        article.duplicate_of = None
        article.near_duplicate_of = None
        article.similarity = None
        text_hash = article.hash or content_hash(article.text)
        first = self._by_hash.get(text_hash)
        if first is not None and first != article.id:
            article.duplicate_of = first
            article.similarity = 1.0
            return
        sig = self._minhash(article.text)
        if sig is not None:
            best_id, best_sim = None, 0.0
            for cand in self._lsh.query(sig):
                if cand == article.id:
                    continue
                sim = float(sig.jaccard(self._sigs[cand]))
                if sim > best_sim or (sim == best_sim and best_id is not None
                                      and self._order[cand] < self._order[best_id]):
                    best_id, best_sim = cand, sim
            if best_id is not None and best_sim >= self.threshold:
                article.near_duplicate_of = best_id
                article.similarity = round(best_sim, 4)
        self._add(article.id, text_hash, None, sig)
