"""Score saved pages with the shipped model: ``zhenwei classify`` and the training/evaluation commands.

Scores come from the model; the authority and the reasons come from the same page facts through the
transparent rules (``classifier.rules``), so every verdict carries facts a prosecutor can repeat.
Pages with no visible text say so in their reasons.

Reads no settings; the default model lives in ``classifier/models/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from classifier.features import to_records
from classifier.model import build_model, data_hash, load_model, save_model
from classifier.rules import rule_verdict

MODEL_PATH = Path(__file__).parent / "models" / "impersonation.skops"
THRESHOLD = 0.5  # only for a model whose metadata names no threshold


def score_rows(rows: list[dict[str, Any]], model=None, meta: dict | None = None) -> list[dict[str, Any]]:
    """One result per row: ``{id?, url, score, verdict, authority, reasons, model_version}``."""
    if model is None:
        model, meta = load_model(MODEL_PATH)
    records = to_records(rows)
    probs = model.predict_proba(records)[:, 1] if records else []
    out = []
    for row, rec, p in zip(rows, records, probs):
        rule = rule_verdict(rec["facts"], row["url"])
        verdict = "impersonation" if p >= (meta or {}).get("threshold", THRESHOLD) else "legitimate"
        result = {"url": row["url"], "score": round(float(p), 4), "verdict": verdict,
                  "authority": rule.get("authority") if verdict == "impersonation" else None,
                  "reasons": rule.get("reasons") or [],
                  "model_version": (meta or {}).get("model_version")}
        if "id" in row:
            result = {"id": row["id"], **result}
        out.append(result)
    return out


def read_jsonl(lines: Iterable[str]) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, row, error) for each non-blank line; a bad line gives an error naming it."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield n, None, f"line {n}: not valid JSON ({exc.msg})"
            continue
        if not isinstance(row, dict) or not isinstance(row.get("url"), str) or not isinstance(row.get("html", ""), str):
            yield n, None, f"line {n}: expected an object with string 'url' and 'html'"
            continue
        yield n, row, None


def train(out: Path = MODEL_PATH, seed: int = 7) -> dict[str, Any]:
    """Build the corpus, evaluate under group k-fold, fit on everything and save model + metadata."""
    from classifier.corpus import CORPUS_VERSION, build_corpus
    from classifier.evaluate import (_arrays, choose_threshold, metrics, nested_predictions,
                                     out_of_fold_scores)

    rows = build_corpus(seed)
    scores, pred, fold_thresholds = nested_predictions(rows, build_model)
    evaluation = metrics(rows, scores, fold_thresholds, pred)
    # The shipped threshold: chosen on out-of-fold scores over all training groups.
    y, _, hard = _arrays(rows)
    threshold = choose_threshold(y, hard, out_of_fold_scores(rows, build_model))
    model = build_model().fit(to_records(rows), [r["label"] for r in rows])
    meta = {"model_version": f"lr-cal-1+corpus{CORPUS_VERSION}+seed{seed}", "corpus_seed": seed,
            "training_data_sha256": data_hash(rows), "threshold": threshold, "evaluation": evaluation}
    save_model(model, out, meta)
    return meta
