"""Cluster whole documents by the real-world event they report (ECB+ style evaluation).

ECB+ events are not all conflict events, so this does not use the event
extractor: each document becomes a TF-IDF vector over

* content words (lower-cased, light plural stripping),
* proper-noun tokens and bigrams (names of people, places, organisations),
* years and "Month day" dates and other numbers,

with URLs removed (a URL says where a text was published, not what it is
about). Clustering runs in two stages, both average-link agglomerative on
cosine similarity (average link keeps look-alikes apart better than single
link, which chains them):

1. **topics**: IDF over the whole collection, merge while clusters are closer
   than ``topic_threshold`` (two earthquakes end up together here);
2. **events within a topic**: IDF recomputed *inside* the topic group, so the
   words every document of the topic shares ("earthquake", "rehab") weigh
   nothing and names, places and dates decide; merge above
   ``event_threshold``, then attach fragments smaller than ``min_event_docs``
   to the closest event of the group (a handful of documents is rarely an
   event of its own when the same topic has big clusters).

Thresholds were tuned on ~70% of the ECB+ dev topics (held-out 30% scored
separately; numbers in tests/eval/test_gate_docclusters.py).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from typing import Any, Iterable

import numpy as np

from ..config import Settings

__all__ = ["cluster_documents", "doc_features", "similarity_matrix", "average_link", "split_topic"]

TOPIC_THRESHOLD = 0.06
EVENT_THRESHOLD = 0.04
MIN_EVENT_DOCS = 4

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*")
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_STOP = frozenset("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own said same says she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves told tell say one two three new
year years day days week weeks time like get got also mr mrs ms people last first back according news reported report
reports story posted updated comments comment share read photo image video""".split())
_WEIGHT_PROPER = 2.0
_WEIGHT_DATE = 2.0


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def doc_features(text: str) -> Counter[str]:
    """Weighted term counts of one document (see the module docstring)."""
    text = _URL.sub(" ", text)
    feats: Counter[str] = Counter()
    for line in text.split("\n"):
        toks = _TOKEN.findall(line)
        prev_proper: str | None = None
        for i, tok in enumerate(toks):
            low = tok.lower()
            if tok[0].isdigit():
                num = tok.rstrip(".,").replace(",", "")
                if len(num) == 4 and num[:2] in ("19", "20"):
                    feats["Y:" + num] += _WEIGHT_DATE
                elif num:
                    feats["N:" + num] += 1.0
                if i > 0 and toks[i - 1].lower() in _MONTHS and len(num) <= 2:
                    feats["D:" + toks[i - 1].lower()[:3] + num] += _WEIGHT_DATE
                prev_proper = None
                continue
            if low in _MONTHS and len(low) > 2:
                feats["M:" + low[:3]] += 1.0
            proper = tok[0].isupper() and i > 0 and low not in _STOP
            if low not in _STOP and len(low) > 2:
                feats["W:" + _stem(low)] += 1.0
            if proper:
                feats["P:" + low] += _WEIGHT_PROPER
                if prev_proper is not None:
                    feats["B:" + prev_proper + "_" + low] += _WEIGHT_PROPER
                prev_proper = low
            else:
                prev_proper = None
    return feats


def tfidf_matrix(docs: list[Counter[str]]) -> np.ndarray:
    """Rows of L2-normalised sublinear TF-IDF (IDF from ``docs`` themselves)."""
    n = len(docs)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    vocab = {t: i for i, t in enumerate(t for t, c in df.items() if c >= 1)}
    mat = np.zeros((n, len(vocab)), dtype=np.float32)
    for r, d in enumerate(docs):
        for t, c in d.items():
            j = vocab.get(t)
            if j is not None and df[t] < n:  # a term in every document says nothing
                mat[r, j] = (1.0 + math.log(c)) * math.log((1 + n) / (1 + df[t]))
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    mat /= np.maximum(norms, 1e-9)
    return mat


def similarity_matrix(docs: list[Counter[str]]) -> np.ndarray:
    """Cosine similarity of sublinear TF-IDF vectors."""
    mat = tfidf_matrix(docs)
    return mat @ mat.T


def centroid_link(mat: np.ndarray, threshold: float) -> list[int]:
    """Agglomerative clustering on the cosine of cluster centroids (sums of member rows)."""
    sums = mat.astype(np.float64).copy()
    label = list(range(mat.shape[0]))
    alive = list(range(mat.shape[0]))
    while len(alive) > 1:
        cent = sums[alive] / np.maximum(np.linalg.norm(sums[alive], axis=1, keepdims=True), 1e-12)
        sim = cent @ cent.T
        np.fill_diagonal(sim, -np.inf)
        flat = int(np.argmax(sim))
        a, b = divmod(flat, len(alive))
        if sim[a, b] < threshold:
            break
        i, j = alive[a], alive[b]
        sums[i] += sums[j]
        alive.remove(j)
        label = [i if x == j else x for x in label]
    return label


def average_link(sim: np.ndarray, threshold: float) -> list[int]:
    """Average-link agglomerative clustering; returns a cluster label per row."""
    n = sim.shape[0]
    s = sim.astype(np.float64).copy()
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    label = list(range(n))
    for _ in range(n - 1):
        flat = int(np.argmax(s))
        i, j = divmod(flat, n)
        if s[i, j] < threshold:
            break
        # merge j into i: the average similarity to every other cluster is the size-weighted mean
        new = (s[i] * size[i] + s[j] * size[j]) / (size[i] + size[j])
        s[i, :] = new
        s[:, i] = new
        s[i, i] = -np.inf
        s[j, :] = -np.inf
        s[:, j] = -np.inf
        size[i] += size[j]
        alive[j] = False
        for k in range(n):
            if label[k] == j:
                label[k] = i
    return label


def _attach_fragments(sim: np.ndarray, labels: list[int], min_size: int) -> list[int]:
    """Fold clusters smaller than ``min_size`` into the cluster they are closest to on average."""
    labels = list(labels)
    while True:
        groups: dict[int, list[int]] = {}
        for i, lab in enumerate(labels):
            groups.setdefault(lab, []).append(i)
        small = [g for g, m in groups.items() if len(m) < min_size]
        if len(groups) < 2 or not small:
            return labels
        g = min(small, key=lambda x: (len(groups[x]), x))
        rows = groups[g]
        best = max((x for x in groups if x != g), key=lambda x: (float(sim[np.ix_(rows, groups[x])].mean()), -x))
        for i in rows:
            labels[i] = best


def split_topic(feats: list[Counter[str]], event_threshold: float = EVENT_THRESHOLD,
                min_event_docs: int = MIN_EVENT_DOCS) -> list[int]:
    """Stage 2: events inside one topic group (IDF from the group itself)."""
    if len(feats) < 2 * min_event_docs:
        return [0] * len(feats)
    sim = similarity_matrix(feats)
    return _attach_fragments(sim, average_link(sim, event_threshold), min_event_docs)


def cluster_documents(gold_records: Iterable[dict[str, Any]], settings: Settings | None = None,
                      topic_threshold: float = TOPIC_THRESHOLD, event_threshold: float = EVENT_THRESHOLD,
                      min_event_docs: int = MIN_EVENT_DOCS) -> dict[str, str]:
    """``{doc_id: cluster_id}`` for documents ``{"id", "text", ...}`` (any ``gold`` field is ignored)."""
    recs = [r for r in gold_records]
    if not recs:
        return {}
    feats = [doc_features((r.get("title") or "") + "\n" + (r.get("text") or "")) for r in recs]
    topics: dict[int, list[int]] = {}
    for i, lab in enumerate(average_link(similarity_matrix(feats), topic_threshold)):
        topics.setdefault(lab, []).append(i)
    members: dict[tuple[int, int], list[str]] = {}
    for t, rows in topics.items():
        for i, lab in zip(rows, split_topic([feats[i] for i in rows], event_threshold, min_event_docs)):
            members.setdefault((t, lab), []).append(str(recs[i]["id"]))
    # cluster ids from their smallest member, so they do not depend on input order
    out: dict[str, str] = {}
    for ids in members.values():
        cid = "c-" + hashlib.sha1(min(ids).encode("utf-8")).hexdigest()[:10]
        for i in ids:
            out[i] = cid
    return out
