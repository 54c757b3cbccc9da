"""Benchmark: scan throughput with the full evidence pipeline vs a bare Scrapy spider, in one run.

Starts the sandbox, scans N QR URLs on live sandbox sites with the full ``scan`` spider (both user
agents, redirects, query submission, WARC, DNS, WHOIS, extraction, verdict, SQLite), then replays
exactly the requests that crawl made with a bare Scrapy spider (no pipelines) against the same
servers. Reports pages/s of each and the ratio (aim: >= 0.8). Also measures the full pipeline with
Scrapy's default CONCURRENT_ITEMS=100.

    .venv/bin/python bench/scan_throughput.py [--n 600]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhenwei.config import RunOptions  # noqa: E402
from zhenwei.crawl import run_in_subprocess  # noqa: E402
from zhenwei.sandbox.runner import Sandbox  # noqa: E402
from zhenwei.sandbox.world import build_world  # noqa: E402
from warcio.archiveiterator import ArchiveIterator  # noqa: E402


def targets_for(world, n: int) -> list[dict]:
    """n distinct QR URLs on the world's live fake sites (different certificate numbers)."""
    bases = [t["url"] for t in world.photo_targets if t["kind"].startswith("fake")]
    out = []
    for i in range(n):
        base = bases[i % len(bases)]
        parts = urlsplit(base)
        sep = "&" if parts.query else ""
        out.append({"url": base + ("?" if not parts.query else "") + sep + urlencode({"bench": i})})
    return out


def rate(stats: dict) -> tuple[int, float, float]:
    pages = int(stats.get("downloader.response_count", 0))
    secs = float(stats.get("elapsed_time_seconds", 0) or 0)
    return pages, secs, pages / secs if secs else 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600, help="QR URLs to scan")
    args = ap.parse_args()
    world = build_world(2023)
    with tempfile.TemporaryDirectory() as tmp, Sandbox(world, state_dir=Path(tmp) / "sb") as box:
        tmp = Path(tmp)
        net = tmp / "network.json"
        box.write_network_file(net)
        tfile = tmp / "targets.jsonl"
        tfile.write_text("".join(json.dumps(t) + "\n" for t in targets_for(world, args.n)))
        results = {}
        for label, items, workers in (("full, CONCURRENT_ITEMS=8", 8, 0),
                                      ("full, CONCURRENT_ITEMS=100", 100, 0),
                                      ("full, 8, EXTRACT_WORKERS=1", 8, 1)):
            db = tmp / f"full{items}-{workers}.db"
            opts = RunOptions(db=str(db), evidence_dir=str(tmp / f"ev{items}-{workers}"), network_file=str(net),
                              extra={"CONCURRENT_ITEMS": items, "ZHENWEI_EXTRACT_WORKERS": workers})
            results[label] = rate(run_in_subprocess("scan", {"targets": str(tfile)}, opts))
        # Replay exactly the requests of the first full crawl (read back from its WARC files).
        rfile = tmp / "requests.jsonl"
        with rfile.open("w") as fh:
            for warc in sorted((tmp / "ev8-0" / "warc").glob("*.warc.gz")):
                with warc.open("rb") as stream:
                    for rec in ArchiveIterator(stream):
                        if rec.rec_type != "request":
                            continue
                        fh.write(json.dumps({
                            "url": rec.rec_headers.get_header("WARC-Target-URI"),
                            "method": rec.http_headers.protocol,
                            "body": base64.b64encode(rec.content_stream().read()).decode(),
                            "ua": rec.http_headers.get_header("User-Agent") or ""}) + "\n")
        os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "bench"), os.environ.get("PYTHONPATH", "")])
        bare_opts = RunOptions(network_file=str(net), db=str(tmp / "bare.db"),
                               extra={"ITEM_PIPELINES": {}, "CONCURRENT_ITEMS": 100})
        results["bare Scrapy (same requests)"] = rate(
            run_in_subprocess("bare_spider:BareSpider", {"requests_file": str(rfile)}, bare_opts))
    print(f"{'run':32} {'pages':>7} {'seconds':>8} {'pages/s':>8}")
    for label, (pages, secs, r) in results.items():
        print(f"{label:32} {pages:7d} {secs:8.2f} {r:8.1f}")
    bare = results["bare Scrapy (same requests)"][2]
    summary = {label: round(r / bare, 3) if bare else None for label, (_, _, r) in results.items()}
    print(json.dumps({"ratio_vs_bare": summary, "target": 0.8}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
