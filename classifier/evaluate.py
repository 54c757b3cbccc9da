"""Evaluation under group k-fold: no kit or source is ever in both the training and the test folds.

``evaluate(rows)`` returns precision, recall, ROC AUC, the false-positive rate on the hard
negatives, per-category results and a confusion table, all from out-of-fold predictions.
``format_report`` renders them as Markdown for the README and the report file.

Reads no settings.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from sklearn.metrics import confusion_matrix, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from classifier.features import to_records

#: negative categories that share the fakes' vocabulary (the ones whose false positives hurt)
HARD_NEGATIVES = {"training", "training_school", "news", "tutorial", "company", "company_lookup",
                  "exam_agency", "hard_negative"}


def out_of_fold_scores(rows: list[dict[str, Any]], make_model: Callable[[], Any],
                       n_splits: int = 5) -> np.ndarray:
    """Probability of impersonation for every row, each predicted by a model that never saw its group."""
    records = to_records(rows)  # parse once for all folds
    y = np.array([int(r["label"]) for r in rows])
    groups = np.array([str(r["group"]) for r in rows])
    scores = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=n_splits).split(records, y, groups):
        model = make_model()
        model.fit([records[i] for i in train], y[train])
        scores[test] = model.predict_proba([records[i] for i in test])[:, 1]
    return scores


def metrics(rows: list[dict[str, Any]], scores: np.ndarray, threshold: float = 0.5) -> dict[str, Any]:
    y = np.array([int(r["label"]) for r in rows])
    pred = (scores >= threshold).astype(int)
    cats = sorted({r["category"] for r in rows})
    per_category = {}
    for c in cats:
        idx = [i for i, r in enumerate(rows) if r["category"] == c]
        label = int(rows[idx[0]]["label"])
        hit = float(np.mean(pred[idx] == label))
        per_category[c] = {"n": len(idx), "label": label, "accuracy": round(hit, 4),
                           "groups": len({rows[i]["group"] for i in idx})}
    hard = [i for i, r in enumerate(rows) if r["label"] == 0 and r["category"] in HARD_NEGATIVES]
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
    return {
        "n": len(rows), "threshold": threshold,
        "precision": round(float(precision_score(y, pred, zero_division=0)), 4),
        "recall": round(float(recall_score(y, pred, zero_division=0)), 4),
        "roc_auc": round(float(roc_auc_score(y, scores)), 4) if len(set(y)) == 2 else None,
        "fpr_hard_negatives": round(float(np.mean(pred[hard])), 4) if hard else None,
        "fpr_all_negatives": round(float(fp / (fp + tn)), 4) if (fp + tn) else None,
        "confusion": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)},
        "per_category": per_category,
    }


def format_report(m: dict[str, Any], title: str = "Classifier evaluation (group k-fold)") -> str:
    lines = [f"## {title}", "",
             f"{m['n']} pages, threshold {m['threshold']}.", "",
             "| metric | value |", "|---|---|"]
    for key in ("precision", "recall", "roc_auc", "fpr_hard_negatives", "fpr_all_negatives"):
        lines.append(f"| {key} | {m[key]} |")
    c = m["confusion"]
    lines += ["", "| | predicted impersonation | predicted legitimate |", "|---|---|---|",
              f"| impersonation | {c['tp']} | {c['fn']} |", f"| legitimate | {c['fp']} | {c['tn']} |",
              "", "| category | label | pages | groups | accuracy |", "|---|---|---|---|---|"]
    for cat, v in m["per_category"].items():
        lines.append(f"| {cat} | {v['label']} | {v['n']} | {v['groups']} | {v['accuracy']} |")
    return "\n".join(lines) + "\n"
