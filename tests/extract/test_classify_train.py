"""Training tools of the event-typing head (eventwire.extract.train_classifier) on a tiny hand-written
set: evaluation without the CASE dev file, the shared head recipe, and the label audit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")

from eventwire.extract import classify as C  # noqa: E402
from eventwire.extract import train_classifier as tc  # noqa: E402

# (text, label): a few per class so that 5-fold CV has something to learn from
_SENTENCES = [
    *[(f"Warplanes bombed a market in the town of {t}, killing {n} people.", "Air/drone strike")
      for t, n in (("Ada", 3), ("Bo", 4), ("Cem", 5), ("Dia", 6), ("Eru", 7), ("Fan", 8))],
    *[(f"Hundreds of students marched peacefully through {t} to demand lower fees.", "Peaceful protest")
      for t in ("Ada", "Bo", "Cem", "Dia", "Eru", "Fan")],
    *[(f"Police arrested {n} suspected gang members in a raid in {t}.", "Arrests")
      for t, n in (("Ada", 3), ("Bo", 4), ("Cem", 5), ("Dia", 6), ("Eru", 7), ("Fan", 8))],
    *[(f"The minister opened a new hospital wing in {t} on Monday.", "") for t in ("Ada", "Bo", "Cem", "Dia", "Eru")],
]


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"text": t, "sub_event_type": lab}) + "\n" for t, lab in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> tuple[list[dict], tc.Features]:
    d = tmp_path_factory.mktemp("ours")
    a = _write(d / "event_sentences_ours_a.jsonl", _SENTENCES[::2])
    b = _write(d / "event_sentences_ours_b.jsonl", _SENTENCES[1::2] + [("Jets struck rebel positions at dawn.", "Arrests")])
    rows = tc.load_rows(d / "no_case_file.jsonl", [a, b])
    return rows, tc.Features(rows, None)


def test_eval_without_case_file_reports_ours_only(data):
    rows, feats = data
    assert all(r["source"] == "ours" for r in rows)
    res = tc.evaluate(rows, feats, ["rules", "rules+ngram"])
    for config in ("rules", "rules+ngram"):
        assert set(res[config]) == {"cv5_ours_events_wf1", "cv5_ours_no_event_rejected"}, res
        assert 0.0 <= res[config]["cv5_ours_events_wf1"] <= 1.0
    assert res["rules+ngram"]["cv5_ours_no_event_rejected"].endswith("/5")


def test_main_eval_without_case_file_exits_cleanly(data, tmp_path, capsys):
    rows, _ = data
    files = sorted({r["file"] for r in rows})
    ours = [tmp_path / f for f in files]
    for f, part in zip(ours, (_SENTENCES[::2], _SENTENCES[1::2])):
        _write(f, part)
    assert tc.main(["--dev", str(tmp_path / "missing.jsonl"), "--ours", *map(str, ours), "--eval",
                    "--configs", "rules"]) == 0
    assert "cv5_ours_events_wf1" in capsys.readouterr().out


def test_train_ngram_head_writes_a_loadable_head_with_proposer(data, tmp_path):
    rows, feats = data
    y = np.array([tc.LABELS.index(r["label"]) for r in rows])
    out = tmp_path / "h.npz"
    n = tc.train_ngram_head(feats, np.arange(len(rows)), y, tc.row_weights(rows), out, {"ours": len(rows)},
                            propose_min_p=0.3, propose_max_none=0.1)
    assert n > 0
    head = C.load_head(str(out))
    assert head is not None and head.uses_ngrams and head.proposer is not None
    assert head.meta["propose_min_p"] == 0.3 and head.meta["propose_max_none"] == 0.1
    assert head.meta["ours_weight"] == tc.OURS_WEIGHT


def test_audit_flags_the_planted_mislabel(data):
    rows, feats = data
    report = tc.audit(rows, feats, "event_sentences_ours_b.jsonl")
    first = report.splitlines()[0]
    assert first.startswith("event_sentences_ours_b.jsonl: 12 sentences")
    # the jet strike labelled "Arrests" disagrees with the rules (air strike) and with the head
    flagged = [line for line in report.splitlines() if line.startswith("L") and "label=Arrests" in line]
    assert any("rules=Air/drone strike" in line for line in flagged), report
    with pytest.raises(ValueError):
        tc.audit(rows, feats, "no_such_file.jsonl")
