"""``make demo`` / ``zhenwei demo``: the main job, run end to end on the sandbox world.

1. start the sandbox (DNS, HTTP/HTTPS, WHOIS on 127.0.0.1, free ports);
2. import its known-site list through the same import as ``zhenwei sites import``;
3. scan every shipped certificate photo and every known site in one crawl;
4. print a summary table (sites, verdicts, live/down, evidence paths);
5. stop the servers.

The figures printed come from this run's crawl and database, never from the world's ground truth.

Reads no settings; uses the library API with the sandbox's network file.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

PHOTO_DIR = Path(__file__).parent / "sandbox" / "photos"


def write_known_sites(world, path: Path) -> Path:
    """Write the world's known fake-site list as a CSV that ``zhenwei sites import`` reads."""
    from zhenwei.sandbox.world import KNOWN_SITE_COLUMNS

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=KNOWN_SITE_COLUMNS)
        writer.writeheader()
        writer.writerows(world.known_sites)
    return path


def shipped_photos() -> list[Path]:
    return sorted(PHOTO_DIR.glob("*.jpg"))


def run_demo(state_dir: Path, seed: int = 2023, echo: Callable[[str], None] = print) -> int:
    from zhenwei.config import RunOptions
    from zhenwei.qr import QrDecodeError
    from zhenwei.render import format_table
    from zhenwei.results import mask_certificate
    from zhenwei.sandbox.runner import Sandbox
    from zhenwei.sandbox.world import build_world
    from zhenwei.scan import image_targets, scan_targets
    from zhenwei.sites_import import read_site_list
    from zhenwei.store import Store

    state_dir.mkdir(parents=True, exist_ok=True)
    db_path = state_dir / "zhenwei.db"
    echo("== zhenwei 演示 demo: 沙盒世界 sandbox world ==")
    world = build_world(seed)
    with Sandbox(world, state_dir=state_dir / "sandbox") as box:
        net_file = state_dir / "sandbox" / "network.json"
        box.write_network_file(net_file)
        echo(f"沙盒已启动 sandbox up: DNS {box.network()['nameserver']}, "
             f"WHOIS {box.network()['whois_server']}, HTTP port map {box.network()['port_map']}")

        known_csv = write_known_sites(world, state_dir / "known-sites.csv")
        rows, errors = read_site_list(known_csv)
        counts = Store(db_path).import_sites(rows, "known-list")
        echo(f"已导入已知仿冒网站清单 imported known-site list: {len(rows)} rows "
             f"({counts['added']} new, {counts['merged']} merged, {len(errors)} bad)")

        targets = []
        photo_errors = []
        for photo in shipped_photos():
            try:
                targets += image_targets(photo)
            except QrDecodeError as exc:
                photo_errors.append(str(exc))
        n_photo_targets = len(targets)
        targets += [{"url": r["url"], "input": r["url"], "input_kind": "known-site",
                     "site": r["domain"], "origin": "known-list"} for r in rows]
        echo(f"扫描 scanning {n_photo_targets} QR codes from {len(shipped_photos())} photos "
             f"and {len(rows)} known sites ...")
        options = RunOptions(db=str(db_path), evidence_dir=str(state_dir / "evidence"),
                             network_file=str(net_file))
        results = scan_targets(targets, options)

    photo_rows = []
    for r in results[:n_photo_targets]:
        cert = mask_certificate(r.get("certificate")) or {}
        photo_rows.append({
            "input": Path(r["input"]).name, "verdict": r.get("verdict") or "error",
            "score": "" if r.get("score") is None else f"{r['score']:.2f}",
            "authority": (r.get("authority") or {}).get("name", ""),
            "final": urlsplit(r.get("final_url") or "").hostname or "",
            "holder": cert.get("holder_name", ""), "cert": cert.get("cert_number", ""),
        })
    echo("\n== 证书照片 Certificate photos ==")
    echo(format_table(photo_rows, [("input", "照片 photo"), ("verdict", "结论 verdict"),
                                   ("score", "分数"), ("authority", "冒充机构 authority"),
                                   ("final", "最终域名 final host"), ("holder", "持证人"),
                                   ("cert", "证号")]))
    for e in photo_errors:
        echo(f"  照片无法识别 unreadable photo: {e}")

    store = Store(db_path)
    known = store.sites(origin="known-list")
    status = Counter(s["status"] for s in known)
    reasons = Counter(s["down_reason"] for s in known if s["status"] == "down")
    echo("\n== 已知仿冒网站 Known fake sites (from this crawl) ==")
    echo(format_table(
        [{"k": "已知 known", "v": len(known)}, {"k": "仍在线 live", "v": status.get("live", 0)},
         {"k": "已关停 down", "v": status.get("down", 0)},
         {"k": "其他 other", "v": len(known) - status.get("live", 0) - status.get("down", 0)}]
        + [{"k": f"  down: {k}", "v": v} for k, v in sorted(reasons.items())],
        [("k", "类别 category"), ("v", "数量 count")]))
    live = [s for s in known if s["status"] == "live"]
    if live:
        echo("\n仍在线的仿冒网站 Live fake sites:")
        echo(format_table(live, [("domain", "域名 domain"), ("score", "分数 score"),
                                 ("authority", "冒充 authority"), ("last_scan_id", "scan")]))
    verdicts = Counter(r.get("verdict") or "refused" for r in results)
    echo(f"\n结论统计 verdicts: {dict(verdicts)}")
    echo(f"证据 Evidence: database {db_path}, WARC files in {state_dir / 'evidence' / 'warc'}")
    echo("沙盒已停止 sandbox stopped.")
    return 0
