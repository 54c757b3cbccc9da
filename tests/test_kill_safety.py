"""Killing a crawl mid-way leaves a consistent database whose hashes all match the WARC records."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time


from conftest import warc_payload_sha256
from zhenwei.config import RunOptions


def test_sigkill_mid_crawl_leaves_whole_scans_only(test_sandbox, tmp_path):
    _, net = test_sandbox
    targets = tmp_path / "t.jsonl"
    targets.write_text("".join(json.dumps({"url": f"http://slow-fake.top/v?no=T11010119900101{i:04d}"}) + "\n"
                               for i in range(300)))
    db = tmp_path / "z.db"
    opts = RunOptions(db=str(db), evidence_dir=str(tmp_path / "ev"), network_file=str(net),
                      extra={"CONCURRENT_REQUESTS": 8})
    proc = subprocess.Popen([sys.executable, "-m", "zhenwei.crawl", "--spider", "scan",
                             "--kwargs", json.dumps({"targets": str(targets)}),
                             "--options", json.dumps(opts.to_dict())],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as con:
                    stored = con.execute("select count(*) from scans").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 5:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert stored >= 5, "crawl stored nothing before the kill"

    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    n_scans = con.execute("select count(*) from scans").fetchone()[0]
    assert n_scans < 300, "the crawl finished before it was killed; the test proved nothing"
    # No orphans: every page belongs to a stored scan, and every scan has both views' pages.
    assert con.execute("select count(*) from pages where scan_id not in (select id from scans)").fetchone()[0] == 0
    assert con.execute("select count(*) from scans s where (select count(*) from pages p where p.scan_id = s.id) < 2").fetchone()[0] == 0
    for sha, path, offset in con.execute("select sha256, warc_file, warc_offset from pages"):
        assert warc_payload_sha256(path, offset) == sha
