"""Metrics for ``eventwire eval``, defined as the reference scorer (shared/tools/score.py) defines them.

``tests/eval/test_metrics_agree.py`` runs both on the same inputs and asserts equal numbers, so
a change here that drifts from the reference fails CI.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Mapping, Sequence

__all__ = [
    "CASE_CODES",
    "score_entities",
    "score_geo",
    "score_timex",
    "score_case",
    "score_docclusters",
    "cluster_scores",
    "haversine_km",
]

ENTITY_LABELS = ("PERSON", "ORGANIZATION", "LOCATION", "NATIONALITY", "WEAPON", "MILITARY_PLATFORM",
                 "TEMPORAL", "QUANTITY", "MONEY")

# CASE 2021 task-2 code -> ACLED sub-event type.
CASE_CODES: dict[str, str] = {
    "ARMED_CLASH": "Armed clash", "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory", "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike", "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade", "SEX_VIOL": "Sexual violence", "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration", "MOB_VIOL": "Mob violence", "AGREEMENT": "Agreement",
    "ARREST": "Arrests", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
}
_NAME_TO_CODE = {name.lower(): code for code, name in CASE_CODES.items()}
_EARTH_RADIUS_KM = 6371.0088
_MAX_ERROR_KM = 20039.0  # half the circumference: the error charged to a found but unresolved place

Rec = Mapping[str, Any]


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "n_sys": n_sys, "n_gold": n_gold}


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def _overlap(a: Rec, b: Rec) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _pairs(gold: Sequence[Rec], system: Sequence[Rec], exact: bool,
           compatible: Callable[[Rec, Rec], bool] | None = None) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment; overlap pairs are taken longest overlap first."""
    ranked: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if compatible is not None and not compatible(g, s):
                continue
            if exact:
                if (g["start"], g["end"]) == (s["start"], s["end"]):
                    ranked.append((0, gi, si))
            elif _overlap(g, s):
                ranked.append((max(g["start"], s["start"]) - min(g["end"], s["end"]), gi, si))
    ranked.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in ranked:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((gi, si))
    return out


def _index(system: Iterable[Rec]) -> dict[str, Rec]:
    return {r["id"]: r for r in system}


def _matched(gold: Sequence[Rec], system: Sequence[Rec]) -> int:
    ids = {g["id"] for g in gold}
    return sum(1 for s in system if s.get("id") in ids)


# ----------------------------------------------------------------------------- entities
def score_entities(gold: Sequence[Rec], system: Sequence[Rec]) -> dict[str, Any]:
    sysmap = _index(system)
    present = {e["label"] for g in gold for e in g["gold"]["entities"]}
    labels = sorted(present, key=lambda lab: ENTITY_LABELS.index(lab) if lab in ENTITY_LABELS else 99)
    out: dict[str, Any] = {"n_docs": len(gold), "labels": labels}
    for mode in ("exact", "overlap"):
        tp: Counter[str] = Counter()
        n_sys: Counter[str] = Counter()
        n_gold: Counter[str] = Counter()
        for g in gold:
            mentions = sysmap.get(g["id"], {}).get("mentions") or []
            for lab in labels:
                gl = [e for e in g["gold"]["entities"] if e["label"] == lab]
                sl = [m for m in mentions if m.get("label") == lab]
                tp[lab] += len(_pairs(gl, sl, exact=mode == "exact"))
                n_sys[lab] += len(sl)
                n_gold[lab] += len(gl)
        per = {lab: _prf(tp[lab], n_sys[lab], n_gold[lab]) for lab in labels}
        out[mode] = {"micro": _prf(sum(tp.values()), sum(n_sys.values()), sum(n_gold.values())),
                     "per_label": per,
                     "macro_f1": round(sum(v["f1"] for v in per.values()) / len(per), 4) if per else 0.0}
    out["n_sys_records_matched"] = _matched(gold, system)
    return out


# ----------------------------------------------------------------------------- geo
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _median(xs: list[float]) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def score_geo(gold: Sequence[Rec], system: Sequence[Rec]) -> dict[str, Any]:
    sysmap = _index(system)
    n_gold = n_found = n_ok = n_sys = n_sys_ok = 0
    errors: list[float] = []
    for g in gold:
        tops = [t for t in g["gold"]["toponyms"] if t.get("lat") is not None and t.get("lon") is not None]
        unresolved = g["gold"].get("unresolved_toponyms") or []
        places = sysmap.get(g["id"], {}).get("places") or []
        n_gold += len(tops)
        for gi, si in _pairs(tops, places, exact=False):
            p = places[si]
            if p.get("lat") is None or p.get("lon") is None:
                err = _MAX_ERROR_KM
            else:
                err = haversine_km(tops[gi]["lat"], tops[gi]["lon"], float(p["lat"]), float(p["lon"]))
            n_found += 1
            errors.append(err)
            n_ok += err <= 161
        n_sys += len(places)
        n_sys_ok += sum(1 for p in places if any(_overlap(p, t) for t in [*tops, *unresolved]))
    auc = None
    if errors:
        auc = round(sum(math.log(e + 1) for e in errors) / (len(errors) * math.log(_MAX_ERROR_KM + 1)), 4)
    med = _median(errors)
    return {"n_docs": len(gold), "n_gold_toponyms": n_gold, "n_found": n_found,
            "recall": _ratio(n_found, n_gold), "acc161_end_to_end": _ratio(n_ok, n_gold),
            "acc161_found": _ratio(n_ok, n_found),
            "median_error_km_found": None if med is None else round(med, 1),
            "mean_error_km_found": round(sum(errors) / len(errors), 1) if errors else None,
            "auc_found": auc, "n_sys_places": n_sys, "precision": _ratio(n_sys_ok, n_sys),
            "n_sys_records_matched": _matched(gold, system)}


# ----------------------------------------------------------------------------- timex
def score_timex(gold: Sequence[Rec], system: Sequence[Rec]) -> dict[str, Any]:
    sysmap = _index(system)
    total: Counter[str] = Counter()
    per_type: dict[Any, Counter[str]] = defaultdict(Counter)

    def same_value(a: Rec, b: Rec) -> bool:
        return str(a.get("value")) == str(b.get("value"))

    for g in gold:
        gt = g["gold"]["timex"]
        st = sysmap.get(g["id"], {}).get("times") or []
        total["gold"] += len(gt)
        total["sys"] += len(st)
        for t in gt:
            per_type[t.get("type")]["gold"] += 1
        for gi, si in _pairs(gt, st, exact=False):
            typ = gt[gi].get("type")
            total["span_tp"] += 1
            per_type[typ]["span_tp"] += 1
            total["exact_tp"] += (gt[gi]["start"], gt[gi]["end"]) == (st[si]["start"], st[si]["end"])
            total["type_ok"] += st[si].get("type") == typ
            if same_value(gt[gi], st[si]):
                total["value_ok"] += 1
                per_type[typ]["value_ok"] += 1
        for gi, _ in _pairs(gt, st, exact=False, compatible=same_value):
            total["strict_tp"] += 1
            per_type[gt[gi].get("type")]["strict_tp"] += 1
    return {
        "n_docs": len(gold),
        "span_overlap": _prf(total["span_tp"], total["sys"], total["gold"]),
        "value_acc_matched": _ratio(total["value_ok"], total["span_tp"]),
        "strict_value": _prf(total["strict_tp"], total["sys"], total["gold"]),
        "span_exact": _prf(total["exact_tp"], total["sys"], total["gold"]),
        "type_acc_matched": _ratio(total["type_ok"], total["span_tp"]),
        "by_type": {
            t: {"n_gold": c["gold"], "span_recall": _ratio(c["span_tp"], c["gold"]),
                "value_acc_matched": _ratio(c["value_ok"], c["span_tp"]),
                "strict_value_recall": _ratio(c["strict_tp"], c["gold"])}
            for t, c in sorted(per_type.items(), key=lambda kv: str(kv[0])) if c["gold"]
        },
        "n_sys_records_matched": _matched(gold, system),
    }


# ----------------------------------------------------------------------------- case
def case_code(sub_event_type: Any) -> str:
    """ACLED sub-event name (or CASE code) -> CASE code; anything else is 'none'."""
    if sub_event_type is None:
        return "none"
    if sub_event_type in CASE_CODES:
        return str(sub_event_type)
    return _NAME_TO_CODE.get(str(sub_event_type).strip().lower(), "none")


def case_prediction(record: Rec | None) -> str:
    """The CASE label of an output record: its most confident event (first one on ties)."""
    events = (record or {}).get("events") or []
    if not events:
        return "none"
    best = max(range(len(events)), key=lambda i: (float(events[i].get("confidence") or 0.0), -i))
    return case_code(events[best].get("sub_event_type"))


def score_case(gold: Sequence[Rec], system: Sequence[Rec]) -> dict[str, Any]:
    sysmap = _index(system)
    y_true = [g["gold"]["label"] for g in gold]
    y_pred = [case_prediction(sysmap.get(g["id"])) for g in gold]
    labels = sorted(set(y_true))
    support = Counter(y_true)
    f1 = {}
    for lab in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == p == lab)
        f1[lab] = _prf(tp, y_pred.count(lab), support[lab])["f1"]
    n = len(y_true)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for t, p in zip(y_true, y_pred):
        confusion[t][p] += 1
    return {"n_docs": n,
            "accuracy": _ratio(sum(t == p for t, p in zip(y_true, y_pred)), n),
            "macro_f1": round(sum(f1.values()) / len(labels), 4) if labels else 0.0,
            "weighted_f1": round(sum(f1[lab] * support[lab] for lab in labels) / n, 4) if n else 0.0,
            "n_none": y_pred.count("none"),
            "per_label_f1": f1,
            "confusion": {t: dict(c) for t, c in sorted(confusion.items())},
            "n_sys_records_matched": _matched(gold, system)}


# ----------------------------------------------------------------------------- docclusters
def cluster_scores(gold: Mapping[str, str], system: Mapping[str, str]) -> dict[str, Any]:
    """B-cubed and pairwise scores; documents the system left out count as singletons."""
    docs = sorted(gold)
    sysc = {d: str(system[d]) if d in system else f"__singleton__{d}" for d in docs}
    g_members: dict[str, set[str]] = defaultdict(set)
    s_members: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        g_members[gold[d]].add(d)
        s_members[sysc[d]].add(d)
    n = len(docs)
    bp = sum(len(g_members[gold[d]] & s_members[sysc[d]]) / len(s_members[sysc[d]]) for d in docs) / n if n else 0.0
    br = sum(len(g_members[gold[d]] & s_members[sysc[d]]) / len(g_members[gold[d]]) for d in docs) / n if n else 0.0
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0

    def n_pairs(groups: Iterable[set[str]]) -> int:
        return sum(len(m) * (len(m) - 1) // 2 for m in groups)

    tp = sum(k * (k - 1) // 2 for members in g_members.values() for k in Counter(sysc[d] for d in members).values())
    sys_pairs, gold_pairs = n_pairs(s_members.values()), n_pairs(g_members.values())
    pp = tp / sys_pairs if sys_pairs else (1.0 if gold_pairs == 0 else 0.0)
    pr = tp / gold_pairs if gold_pairs else 1.0
    pf = 2 * pp * pr / (pp + pr) if pp + pr else 0.0
    return {"n_docs": n, "n_gold_clusters": len(g_members), "n_sys_clusters": len(s_members),
            "bcubed": {"p": round(bp, 4), "r": round(br, 4), "f1": round(bf, 4)},
            "pairwise": {"p": round(pp, 4), "r": round(pr, 4), "f1": round(pf, 4), "tp_pairs": tp,
                         "sys_pairs": sys_pairs, "gold_pairs": gold_pairs}}


def score_docclusters(gold: Sequence[Rec], clusters: Mapping[str, str]) -> dict[str, Any]:
    return cluster_scores({g["id"]: str(g["gold"]["event_cluster"]) for g in gold},
                          {str(k): str(v) for k, v in clusters.items()})
