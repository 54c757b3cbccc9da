"""The impersonation model: build, train, persist (skops + metadata) and load with checks.

A scikit-learn ``Pipeline`` of the named feature blocks (``classifier.features``) and a calibrated
linear classifier, so the score is a probability. Persisted with skops, never pickle, beside a
metadata JSON (library versions, feature and facts versions, training-data hash, evaluation
scores). Loading refuses a model whose metadata does not match the running code.

Reads no settings; callers pass paths.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import sklearn
import skops
import skops.io as sio
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from classifier.extract import FACTS_VERSION
from classifier.features import FEATURES_VERSION, build_features

MODEL_VERSION = "lr-cal-1"
#: functions the model file references; only these are trusted when loading
TRUSTED = [
    "classifier.features.block_names", "classifier.features.record_names", "classifier.features.to_records",
    "classifier.features_page.record_text", "classifier.features_page.structure_features",
    "classifier.features_page.gov_marker_features", "classifier.features_host.url_features",
    "classifier.features_host.whois_features", "classifier.features_host.claim_features",
    # scikit-learn's own calibration internals, which skops does not trust by default
    "sklearn.calibration._CalibratedClassifier", "sklearn.calibration._SigmoidCalibration",
]


class ModelMismatch(RuntimeError):
    """The model file was made by other code or library versions than are running now."""


def build_model(C: float = 4.0, max_text_features: int = 20_000, min_df: int = 2, cv: int = 3) -> Pipeline:
    """Features + logistic regression, calibrated with ``cv``-fold sigmoid calibration."""
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced", solver="liblinear")
    return Pipeline([
        ("features", build_features(max_text_features=max_text_features, min_df=min_df)),
        ("clf", CalibratedClassifierCV(clf, method="sigmoid", cv=cv)),
    ])


def data_hash(rows: Iterable[dict[str, Any]]) -> str:
    """SHA-256 over (url, label, html) of the training rows, in order."""
    h = hashlib.sha256()
    for r in rows:
        html = r.get("html") or ""
        h.update(f"{r['url']}\t{r['label']}\t".encode())
        h.update(html.encode("utf-8", "surrogatepass") if isinstance(html, str) else bytes(html))
    return h.hexdigest()


def runtime_versions() -> dict[str, str]:
    return {"scikit-learn": sklearn.__version__, "skops": skops.__version__, "numpy": np.__version__,
            "features": FEATURES_VERSION, "facts": FACTS_VERSION, "model": MODEL_VERSION}


def save_model(model: Pipeline, path: Path, metadata: dict[str, Any]) -> tuple[Path, Path]:
    """Write ``path`` (skops, deflated) and ``path.with_suffix('.json')`` (metadata)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED)
    meta = dict(metadata, versions=runtime_versions(),
                model_sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    meta_path = path.with_suffix(".json")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    return path, meta_path


def load_model(path: Path) -> tuple[Pipeline, dict[str, Any]]:
    """Load a model, refusing it when its file, metadata or versions do not match."""
    path = Path(path)
    meta_path = path.with_suffix(".json")
    if not path.exists() or not meta_path.exists():
        raise FileNotFoundError(f"{path}: model or its metadata {meta_path.name} is missing")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if hashlib.sha256(path.read_bytes()).hexdigest() != meta.get("model_sha256"):
        raise ModelMismatch(f"{path}: file does not match the SHA-256 in {meta_path.name}")
    wanted, running = meta.get("versions") or {}, runtime_versions()
    diff = {k: (wanted.get(k), v) for k, v in running.items() if wanted.get(k) != v}
    if diff:
        detail = ", ".join(f"{k} {a} != {b}" for k, (a, b) in diff.items())
        raise ModelMismatch(f"{path}: made with other versions ({detail}); retrain with "
                            "`zhenwei classifier train`")
    untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED)
    if untrusted:
        raise ModelMismatch(f"{path}: refers to untrusted types {sorted(untrusted)}")
    return sio.load(path, trusted=TRUSTED), meta
