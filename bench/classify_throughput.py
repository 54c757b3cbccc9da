"""Benchmark: pages/s of ``zhenwei classify`` scoring on one core, HTML parsing included.

Scores the generated corpus pages (``classifier.corpus``) with the shipped model in batches, single
process, and reports pages/s, plus model file size. Target (issue 3): >= 300 pages/s.

    .venv/bin/python bench/classify_throughput.py [--n 1000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classifier.corpus import build_corpus  # noqa: E402
from classifier.model import load_model  # noqa: E402
from classifier.scoring import MODEL_PATH, score_rows  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    rows = [{"url": r["url"], "html": r["html"]} for r in build_corpus(11)[: args.n]]
    model, meta = load_model(MODEL_PATH)
    score_rows(rows[:20], model, meta)  # warm caches and imports
    t = time.perf_counter()
    for i in range(0, len(rows), 256):
        score_rows(rows[i:i + 256], model, meta)
    secs = time.perf_counter() - t
    result = {"pages": len(rows), "seconds": round(secs, 2), "pages_per_s": round(len(rows) / secs, 1),
              "model_mb": round(MODEL_PATH.stat().st_size / 2**20, 2), "target_pages_per_s": 300}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
