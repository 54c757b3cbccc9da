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


def _oof(records: list, y: np.ndarray, groups: np.ndarray, make_model: Callable[[], Any],
         n_splits: int) -> np.ndarray:
    scores = np.zeros(len(records))
    for train, test in GroupKFold(n_splits=n_splits).split(records, y, groups):
        model = make_model()
        model.fit([records[i] for i in train], y[train])
        scores[test] = model.predict_proba([records[i] for i in test])[:, 1]
    return scores


def _arrays(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.array([int(r["label"]) for r in rows]), np.array([str(r["group"]) for r in rows]),
            np.array([r["label"] == 0 and r["category"] in HARD_NEGATIVES for r in rows]))


def out_of_fold_scores(rows: list[dict[str, Any]], make_model: Callable[[], Any],
                       n_splits: int = 5) -> np.ndarray:
    """Probability of impersonation for every row, each predicted by a model that never saw its group."""
    y, groups, _ = _arrays(rows)
    return _oof(to_records(rows), y, groups, make_model, n_splits)  # parse once for all folds


def choose_threshold(y: np.ndarray, hard: np.ndarray, scores: np.ndarray, recall_target: float = 0.97,
                     max_hard_fpr: float = 0.01) -> float:
    """The highest threshold reaching ``recall_target`` with at most ``max_hard_fpr`` false positives
    on hard negatives; if none reaches the recall, the lowest threshold that keeps the FPR bound."""
    feasible = []
    for t in np.round(np.arange(0.05, 0.951, 0.01), 2):
        pred = scores >= t
        fpr = float(pred[hard].mean()) if hard.any() else 0.0
        if fpr <= max_hard_fpr:
            feasible.append((float(t), float(pred[y == 1].mean())))
    if not feasible:
        return 0.5
    reaching = [t for t, rec in feasible if rec >= recall_target]
    return max(reaching) if reaching else min(t for t, _ in feasible)


def nested_predictions(rows: list[dict[str, Any]], make_model: Callable[[], Any], n_splits: int = 5,
                       inner_splits: int = 3) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Out-of-fold scores and predictions where each fold's threshold was chosen by an inner group
    k-fold on that fold's training part only: the reported figures never saw the test groups."""
    records = to_records(rows)
    y, groups, hard = _arrays(rows)
    scores, pred, thresholds = np.zeros(len(rows)), np.zeros(len(rows), dtype=int), []
    for train, test in GroupKFold(n_splits=n_splits).split(records, y, groups):
        inner = _oof([records[i] for i in train], y[train], groups[train], make_model, inner_splits)
        t = choose_threshold(y[train], hard[train], inner)
        model = make_model().fit([records[i] for i in train], y[train])
        scores[test] = model.predict_proba([records[i] for i in test])[:, 1]
        pred[test] = scores[test] >= t
        thresholds.append(t)
    return scores, pred, thresholds


def metrics(rows: list[dict[str, Any]], scores: np.ndarray, threshold: float | list[float] = 0.5,
            pred: np.ndarray | None = None) -> dict[str, Any]:
    """Figures for out-of-fold ``scores``; ``pred`` overrides ``scores >= threshold`` (nested CV)."""
    y = np.array([int(r["label"]) for r in rows])
    if pred is None:
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
