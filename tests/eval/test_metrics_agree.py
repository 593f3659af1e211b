"""Our metrics must give the reference scorer's numbers on the same input."""

from __future__ import annotations

import importlib.util
import json
import random

import pytest

from eventwire.eval import metrics

from ..conftest import SHARED_DATA

SCORER = SHARED_DATA.parent / "tools" / "score.py"


@pytest.fixture(scope="module")
def ref():
    if not SCORER.is_file():
        pytest.skip("../shared/tools/score.py is not present")
    spec = importlib.util.spec_from_file_location("reference_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _spans(rng, n, labels=None, extra=None):
    out = []
    for _ in range(n):
        s = rng.randrange(0, 200)
        d = {"start": s, "end": s + rng.randrange(1, 12)}
        if labels:
            d["label"] = rng.choice(labels)
        if extra:
            d.update(extra(rng))
        out.append(d)
    return out


def _strip_input(res):
    res = dict(res)
    res.pop("task", None)
    res.pop("gold", None)
    return res


@pytest.mark.parametrize("seed", range(5))
def test_entities_geo_timex_case_agree(ref, seed):
    rng = random.Random(seed)
    labels = ["PERSON", "LOCATION", "WEAPON", "MILITARY_PLATFORM", "TEMPORAL"]
    latlon = lambda r: {"lat": r.uniform(-60, 60), "lon": r.uniform(-150, 150)}  # noqa: E731
    values = lambda r: {"type": r.choice(["DATE", "DURATION"]), "value": r.choice(["2023-10-17", "P2W", "2023-10"])}  # noqa: E731
    gold, system = [], []
    for i in range(12):
        gold.append({"id": f"d{i}", "gold": {
            "entities": _spans(rng, 6, labels), "toponyms": _spans(rng, 4, extra=latlon),
            "unresolved_toponyms": _spans(rng, 1), "timex": _spans(rng, 5, extra=values),
            "label": rng.choice(["AIR_STRIKE", "ARREST", "ATTACK", "PEACE_PROTEST"])}})
        system.append({"id": f"d{i}", "mentions": _spans(rng, 6, labels), "places": _spans(rng, 4, extra=latlon),
                       "times": _spans(rng, 5, extra=values),
                       "events": [{"sub_event_type": rng.choice(["Air/drone strike", "Arrests", "Attack"]),
                                   "confidence": rng.random()} for _ in range(rng.randrange(0, 3))]})
    for task in ("entities", "geo", "timex", "case"):
        ours = _strip_input(getattr(metrics, f"score_{task}")(gold, system))
        theirs = getattr(ref, f"score_{task}")(gold, system)
        theirs["n_sys_records_matched"] = sum(1 for s in system if s["id"] in {g["id"] for g in gold})
        ours.pop("confusion", None)
        assert json.loads(json.dumps(ours)) == json.loads(json.dumps(theirs)), task


def test_clusters_agree(ref):
    rng = random.Random(7)
    gold = {f"d{i}": str(rng.randrange(5)) for i in range(40)}
    system = {f"d{i}": str(rng.randrange(7)) for i in range(35)}  # five docs missing -> singletons
    assert metrics.cluster_scores(gold, system) == ref.cluster_scores(gold, system)


def test_case_confusion_and_none():
    gold = [{"id": "a", "gold": {"label": "AIR_STRIKE"}}, {"id": "b", "gold": {"label": "ARREST"}}]
    system = [{"id": "a", "events": [{"sub_event_type": "Arrests", "confidence": 0.1},
                                     {"sub_event_type": "Air/drone strike", "confidence": 0.9}]},
              {"id": "b", "events": []}]
    res = metrics.score_case(gold, system)
    assert res["accuracy"] == 0.5
    assert res["n_none"] == 1
    assert res["confusion"] == {"AIR_STRIKE": {"AIR_STRIKE": 1}, "ARREST": {"none": 1}}
