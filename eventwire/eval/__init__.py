"""``eventwire eval TASK DATA``: run eventwire on a gold file and score it.

Metrics are defined by the reference scorer (shared/tools/score.py); our
implementation in :mod:`eventwire.eval.metrics` is tested to agree with it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError

__all__ = ["evaluate", "read_gold", "TASKS"]

TASKS = ("geo", "timex", "case", "entities", "docclusters")


def read_gold(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    out.append(json.loads(line))
                    if limit is not None and len(out) >= limit:
                        break
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}", hint="give a JSONL file with a gold field per line") from None
    if out and "gold" not in out[0]:
        raise InputError(f"{path} has no 'gold' field", hint="eval needs the dev files from shared/data")
    return out


def evaluate(task: str, data: str | Path, settings: Settings, system_out: str | None = None,
             limit: int | None = None) -> dict[str, Any]:
    """Annotate (or cluster) the documents of ``data`` and score them against their gold."""
    from . import metrics

    if task not in TASKS:
        raise InputError(f"unknown eval task {task!r}", hint="one of: " + ", ".join(TASKS))
    gold = read_gold(data, limit)
    if task == "docclusters":
        from ..resolve.docclusters import cluster_documents

        clusters = cluster_documents(gold, settings)
        if system_out:
            Path(system_out).write_text(json.dumps(clusters, indent=1), encoding="utf-8")
        result = metrics.score_docclusters(gold, clusters)
    else:
        from ..annotate import annotate_records

        inputs = ((i, {k: v for k, v in g.items() if k != "gold"}) for i, g in enumerate(gold, start=1))
        system = list(annotate_records(inputs, settings))
        if system_out:
            with open(system_out, "w", encoding="utf-8") as fh:
                for rec in system:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        result = getattr(metrics, f"score_{task}")(gold, system)
    return {"task": task, "gold": str(data), **result}
