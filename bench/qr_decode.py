"""Benchmark: QR decoding of degraded certificate photos, plain zxing-cpp vs ``zhenwei.qr``.

Generates ``--n`` synthetic phone photos of certificates (every degradation of
``zhenwei.sandbox.photos.DEGRADATIONS`` equally often) into a temporary directory, then in one run
measures on the same greyscale images:

(a) plain zxing-cpp: ``read_barcodes(gray, formats=QRCode)``, one call;
(b) ``zhenwei.qr.decode_image``: the retry cascade;
(c) ``zhenwei.qr.decode_file`` end to end (file read, JPEG decode, cascade), for the time only.

A photo counts as read when every expected text was returned and nothing else. Prints a table per
degradation and, last, one JSON line. Decoding is single-threaded; ``--workers`` only speeds up
generating the photos.

    /tmp/zvenv/bin/python bench/qr_decode.py [--n 300] [--seed 7] [--workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import zxingcpp  # noqa: E402
from PIL import Image  # noqa: E402

from zhenwei import qr  # noqa: E402
from zhenwei.sandbox.photos import generate_benchmark_set  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def load_gray(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("L")


def plain_zxing(gray: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)]


def timed(fn, *args) -> tuple[object, float]:
    start = time.perf_counter()
    out = fn(*args)
    return out, (time.perf_counter() - start) * 1000.0


def run(n: int, seed: int, workers: int, keep: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="zhenwei-qrbench-") as tmp:
        outdir = keep or Path(tmp)
        start = time.perf_counter()
        rows = generate_benchmark_set(n, outdir, seed, workers=workers)
        gen_s = time.perf_counter() - start
        per_kind: dict[str, Counter] = defaultdict(Counter)
        times: dict[str, list[float]] = {"plain": [], "cascade": [], "file": []}
        steps: Counter = Counter()
        misses: list[str] = []
        for row in rows:
            path = outdir / row["file"]
            gray = load_gray(path)
            expected = sorted(set(row["expected"]))
            kind = per_kind[row["degradation"]]
            kind["n"] += 1
            texts, ms = timed(plain_zxing, gray)
            times["plain"].append(ms)
            kind["plain"] += sorted(set(texts)) == expected
            (texts, step), ms = timed(qr.decode_image_traced, gray)
            times["cascade"].append(ms)
            ok = sorted(set(texts)) == expected
            kind["cascade"] += ok
            steps[step or "(none)"] += 1
            if not ok:
                misses.append(f"{row['file']} {row['params']}")
            try:
                _, ms = timed(qr.decode_file, path)
            except qr.QrDecodeError:
                ms = float("nan")
            times["file"].append(ms)
    total = len(rows)
    print(f"generated {total} photos in {gen_s:.1f} s (seed {seed}, {workers} worker(s))\n")
    print(f"{'degradation':<24}{'n':>4}{'plain zxing':>14}{'zhenwei.qr':>14}")
    for name, kind in per_kind.items():
        print(f"{name:<24}{kind['n']:>4}{kind['plain'] / kind['n']:>13.0%} {kind['cascade'] / kind['n']:>13.0%}")
    plain_ok = sum(k["plain"] for k in per_kind.values())
    casc_ok = sum(k["cascade"] for k in per_kind.values())
    print(f"{'ALL':<24}{total:>4}{plain_ok / total:>13.1%} {casc_ok / total:>13.1%}\n")
    file_times = [t for t in times["file"] if t == t]
    for label, key, values in (("plain zxing", "plain", times["plain"]), ("zhenwei.qr.decode_image", "cascade",
                               times["cascade"]), ("zhenwei.qr.decode_file", "file", file_times)):
        print(f"{label:<26} median {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms"
              f"   max {max(values):7.1f} ms")
    print("\npass that read the first code:", dict(steps.most_common()))
    for miss in misses:
        print("missed:", miss)
    summary = {
        "n": total,
        "seed": seed,
        "plain_rate": round(plain_ok / total, 4),
        "cascade_rate": round(casc_ok / total, 4),
        "plain_median_ms": round(statistics.median(times["plain"]), 2),
        "plain_p95_ms": round(percentile(times["plain"], 0.95), 2),
        "cascade_median_ms": round(statistics.median(times["cascade"]), 2),
        "cascade_p95_ms": round(percentile(times["cascade"], 0.95), 2),
        "file_median_ms": round(statistics.median(file_times), 2),
        "file_p95_ms": round(percentile(file_times, 0.95), 2),
        "per_degradation": {name: {"n": k["n"], "plain": round(k["plain"] / k["n"], 3),
                                   "cascade": round(k["cascade"] / k["n"], 3)} for name, k in per_kind.items()},
    }
    print(json.dumps(summary, ensure_ascii=False))
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="number of photos (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="generation seed (default 7)")
    parser.add_argument("--workers", type=int, default=2, help="processes for generating photos (default 2)")
    parser.add_argument("--keep", type=Path, help="write the photos here and keep them")
    args = parser.parse_args(argv)
    run(args.n, args.seed, args.workers, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
