"""``zhenwei scan`` and ``zhenwei qr decode`` through the CLI, against the test world."""

from __future__ import annotations

import json
import random

from click.testing import CliRunner

from zhenwei.cli import main


def _run(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_scan_json_prints_one_object_with_the_keys(test_sandbox, tmp_path):
    _, net = test_sandbox
    res = _run(["scan", "--json", "--network-file", str(net), "--db", str(tmp_path / "z.db"),
                "--evidence-dir", str(tmp_path / "ev"), "http://cx-mem-gov.cn/verify?no=T110101199001011234"])
    assert res.exit_code == 0, res.output
    obj = json.loads(res.stdout.strip())
    assert obj["verdict"] == "impersonation"
    assert obj["evidence"]["database"] == str(tmp_path / "z.db")
    assert "1234" in obj["certificate"]["cert_number"] and "199001" not in obj["certificate"]["cert_number"]


def test_scan_text_output_is_bilingual(test_sandbox, tmp_path):
    _, net = test_sandbox
    res = _run(["scan", "--network-file", str(net), "--db", str(tmp_path / "z.db"),
                "--evidence-dir", str(tmp_path / "ev"), "http://t.dwz9.cn/aB3x"])
    assert res.exit_code == 0
    assert "结论 Verdict: 仿冒 / impersonation" in res.stdout
    assert "跳转链 Redirect chain" in res.stdout and "sha256" in res.stdout


def test_unreachable_exits_3_with_one_line_error(test_sandbox, tmp_path):
    _, net = test_sandbox
    res = _run(["scan", "--network-file", str(net), "--db", str(tmp_path / "z.db"),
                "--evidence-dir", str(tmp_path / "ev"), "http://no-such-site.cn/"])
    assert res.exit_code == 3
    assert "no-such-site.cn" in res.stderr and "NXDOMAIN" in res.stderr


def test_malformed_url_exits_2_and_writes_nothing(tmp_path):
    res = _run(["scan", "--db", str(tmp_path / "z.db"), "http://bad host/"])
    assert res.exit_code == 2 and "bad host" in res.stderr
    assert not (tmp_path / "z.db").exists()


def test_scan_image_decodes_and_scans(test_sandbox, tmp_path):
    from zhenwei.sandbox.photos import make_photo

    _, net = test_sandbox
    url = "http://cx-mem-gov.cn/verify?no=T110101199001011234"
    img, expected, _ = make_photo(url, "rotate", random.Random(3))
    photo = tmp_path / "card.jpg"
    img.save(photo, quality=80)
    res = _run(["scan", "--json", "--image", str(photo), "--network-file", str(net),
                "--db", str(tmp_path / "z.db"), "--evidence-dir", str(tmp_path / "ev")])
    assert res.exit_code == 0, res.output
    obj = json.loads(res.stdout.strip().splitlines()[0])
    assert obj["input"] == f"{photo}#1" and obj["verdict"] == "impersonation"


def test_scan_image_errors_name_the_file(tmp_path):
    bad = tmp_path / "notimage.jpg"
    bad.write_text("hello")
    res = _run(["scan", "--image", str(bad), "--db", str(tmp_path / "z.db")])
    assert res.exit_code == 2 and "notimage.jpg" in res.stderr


def test_qr_decode_json_lines(tmp_path):
    from zhenwei.sandbox.photos import make_photo

    img, expected, _ = make_photo("https://cx-mem-gov.cn/verify?no=T1", "two_codes", random.Random(5))
    good = tmp_path / "two.jpg"
    img.save(good)
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"nope")
    res = _run(["qr", "decode", str(good), str(bad)])
    lines = [json.loads(x) for x in res.stdout.strip().splitlines()]
    assert sorted(lines[0]["texts"]) == sorted(expected)
    assert lines[1]["file"] == str(bad) and "error" in lines[1]
    assert res.exit_code == 1


def test_scrapy_crawl_from_repo_root(test_sandbox, tmp_path):
    """`scrapy crawl scan` works from the repo root with the project settings, as Scrapy users expect."""
    import subprocess
    import sys
    from pathlib import Path

    import sqlite3

    _, net = test_sandbox
    network = json.loads(net.read_text())
    root = Path(__file__).resolve().parent.parent
    scrapy = Path(sys.executable).parent / "scrapy"
    db = tmp_path / "z.db"
    proc = subprocess.run(
        [str(scrapy), "crawl", "scan", "-a", "url=http://t.dwz9.cn/aB3x",
         "-s", f"ZHENWEI_DB={db}", "-s", f"ZHENWEI_EVIDENCE_DIR={tmp_path / 'ev'}",
         "-s", f"ZHENWEI_NAMESERVER={network['nameserver']}",
         "-s", f"ZHENWEI_WHOIS_SERVER={network['whois_server']}",
         "-s", "ZHENWEI_ALLOW_NET=127.0.0.0/8",
         "-s", f"ZHENWEI_PORT_MAP=80:{network['port_map']['80']}"],
        cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    verdicts = [r[0] for r in sqlite3.connect(db).execute("select verdict from scans")]
    assert verdicts == ["impersonation"]
