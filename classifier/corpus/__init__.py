"""The labelled page corpus for the impersonation classifier: deterministic, built from composable blocks.

:func:`build_corpus` returns rows ``{"id", "url", "html", "label", "category", "authority", "group"}``.
``label`` is 1 for impersonation, 0 otherwise; ``group`` is the template family (one fake kit, one
negative template), so evaluation can hold out whole groups. Sources: generated kit families
(:mod:`classifier.corpus.positives`), the sandbox world's eight kits (:mod:`classifier.corpus.kits`),
and negative templates (:mod:`classifier.corpus.negatives_gov`, :mod:`classifier.corpus.negatives_trade`).
Only synthetic people appear. Reads no settings.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

from classifier.corpus import negatives_gov, negatives_trade
from classifier.corpus.kits import kit_pages
from classifier.corpus.positives import positive_pages

CORPUS_VERSION = 1
POSITIVE_CATEGORIES = ("fake_query", "fake_result", "fake_portal", "fake_mohurd", "other_gov")
NEGATIVE_CATEGORIES = ("official_gov", "news_fake_cert", "tutorial", "training_school", "company_lookup",
                       "exam_agency", "parked", "unrelated")
NEGATIVES_PER_TEMPLATE = {"official_gov": 28, "news_fake_cert": 24, "tutorial": 22, "training_school": 20,
                          "company_lookup": 20, "exam_agency": 20, "parked": 16, "unrelated": 14}


def negative_pages(seed: int) -> list[dict]:
    rows = []
    for templates in (negatives_gov.TEMPLATES, negatives_trade.TEMPLATES):
        for group, (category, fn) in templates.items():
            for k in range(NEGATIVES_PER_TEMPLATE[category]):
                url, _title, html, authority = fn(random.Random(f"{seed}:{group}:{k}"), k)
                rows.append({"url": url, "html": html, "label": 0, "category": category, "authority": authority,
                             "group": f"neg-{group}"})
    return rows


def build_corpus(seed: int = 7, include_kits: bool = True) -> list[dict[str, Any]]:
    """The whole corpus for ``seed``: the same seed always gives the same rows in the same order."""
    if not isinstance(seed, int):
        raise TypeError(f"build_corpus: seed must be an int, got {seed!r}")
    rows = positive_pages(seed)
    if include_kits:
        rows += kit_pages()
    rows += negative_pages(seed)
    seen: set[str] = set()
    out = []
    for row in rows:
        digest = hashlib.sha1(f"{row['group']}\n{row['url']}\n{row['html']}".encode()).hexdigest()[:16]
        if digest in seen:  # identical page twice in a group adds nothing
            continue
        seen.add(digest)
        out.append({"id": f"{row['group']}:{digest}", **row})
    return out


def write_corpus(path: str | Path, rows: list[dict[str, Any]] | None = None, seed: int = 7) -> Path:
    """Write ``rows`` (default: :func:`build_corpus`) as gzip-compressed JSON lines; returns the path."""
    path = Path(path)
    if rows is None:
        rows = build_corpus(seed)
    # mtime=0 so the same corpus always gives the same bytes (the training-data hash depends on it).
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        for row in rows:
            fh.write((json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    return path


def read_corpus(path: str | Path) -> list[dict[str, Any]]:
    """Rows written by :func:`write_corpus`."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def corpus_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts per label, category and group, and the number of groups per label."""
    groups: dict[int, set[str]] = {0: set(), 1: set()}
    for row in rows:
        groups[row["label"]].add(row["group"])
    return {"rows": len(rows), "labels": dict(Counter(r["label"] for r in rows)),
            "categories": dict(sorted(Counter(r["category"] for r in rows).items())),
            "groups": dict(sorted(Counter(r["group"] for r in rows).items())),
            "groups_per_label": {label: len(g) for label, g in groups.items()},
            "authorities": dict(Counter(str(r["authority"]) for r in rows))}


__all__ = [
    "CORPUS_VERSION",
    "NEGATIVE_CATEGORIES",
    "POSITIVE_CATEGORIES",
    "build_corpus",
    "corpus_summary",
    "read_corpus",
    "write_corpus",
]
