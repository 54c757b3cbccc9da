"""End to end: the scan spider and every pipeline against real DNS/HTTP/WHOIS servers on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import warc_payload_sha256
from zhenwei.config import RunOptions
from zhenwei.scan import scan_targets
from zhenwei.store import Store

URLS = {
    "form": "http://cx-mem-gov.cn/verify?no=T110101199001011234",
    "shortener": "http://t.dwz9.cn/aB3x",
    "js_gbk": "http://js-jump.vip/",
    "cloak": "http://wx-only.icu/",
    "school": "http://antai-peixun.com/",
    "nxdomain": "http://no-such-site.cn/",
    "refused": "http://refused.top/",
    "http404": "http://gone404.cc/verify",
    "huge": "http://huge.xyz/",
    "bomb": "http://bomb.xyz/",
    "garbage": "http://garbage.xyz/",
    "loop": "http://loop.xyz/",
    "to_private": "http://to-private.xyz/",
    "private_name": "http://private-a.xyz/",
    "metadata": "http://metadata.xyz/latest/meta-data/",
    "private_ip": "http://192.168.1.1/",
}


@pytest.fixture(scope="module")
def scanned(test_sandbox, tmp_path_factory):
    box, net = test_sandbox
    tmp = tmp_path_factory.mktemp("scan")
    opts = RunOptions(db=str(tmp / "z.db"), evidence_dir=str(tmp / "ev"), network_file=str(net))
    results = scan_targets([{"url": u, "input": k} for k, u in URLS.items()], opts, timeout=120)
    return {r["input"]: r for r in results}, Store(tmp / "z.db"), tmp


def test_result_has_the_documented_keys(scanned):
    for r in scanned[0].values():
        for key in ("input", "final_url", "redirect_chain", "verdict", "score", "authority",
                    "reasons", "certificate", "evidence"):
            assert key in r, (r["input"], key)


def test_fake_form_is_submitted_and_flagged(scanned):
    r = scanned[0]["form"]
    assert r["verdict"] == "impersonation" and r["score"] > 0.8
    assert r["authority"]["id"] == "mem"
    assert [h["kind"] for h in r["redirect_chain"]] == ["start", "form"]
    assert r["certificate"]["cert_number"] == "T110101********1234"  # masked
    assert r["certificate"]["holder_name"] == "王**"
    assert any("cx-mem-gov.cn" in x["zh"] and "应急管理部" in x["zh"] for x in r["reasons"])
    assert any(x["en"] for x in r["reasons"])
    assert r["evidence"]["whois"][0]["registrar"] == "某某网络科技有限公司"
    assert r["evidence"]["dns"][0]["records"]["A"] == ["127.0.10.1"]


def test_shortener_and_meta_refresh_chain(scanned):
    r = scanned[0]["shortener"]
    assert [h["kind"] for h in r["redirect_chain"]][:3] == ["start", "http", "meta"]
    assert r["final_url"].startswith("http://cx-mem-gov.cn/")
    assert r["verdict"] == "impersonation"


def test_js_redirect_and_gbk_record(scanned):
    r = scanned[0]["js_gbk"]
    assert [h["kind"] for h in r["redirect_chain"]] == ["start", "js"]
    assert r["certificate"]["holder_name"] == "李**"
    assert r["certificate"]["job_category"] == "电工作业"


def test_cloaking_recorded(scanned):
    r = scanned[0]["cloak"]
    assert r["verdict"] == "impersonation"
    assert r["cloaking"]["detected"] is True
    views = r["cloaking"]["views"]
    assert views["wechat"]["verdict"] == "impersonation" and views["desktop"]["verdict"] == "legitimate"


def test_hard_negative_is_legitimate(scanned):
    assert scanned[0]["school"]["verdict"] == "legitimate"


@pytest.mark.parametrize("name,kind", [("nxdomain", "nxdomain"), ("refused", "refused")])
def test_unreachable_is_stored_with_its_evidence(scanned, name, kind):
    r, store = scanned[0][name], scanned[1]
    assert r["verdict"] == "unreachable" and r["error"]["kind"] == kind and r["stored"]
    assert store.scan(r["scan_id"])["error_kind"] == kind
    assert store.site(r["site"]["domain"])["status"] == "down"


def test_http_404_is_unreachable_with_warc(scanned):
    r = scanned[0]["http404"]
    assert r["verdict"] == "unreachable" and r["site"]["down_reason"] == "http_404"
    assert r["evidence"]["pages"][0]["status"] == 404


@pytest.mark.parametrize("name,kind", [("huge", "too_large"), ("bomb", "bomb"), ("garbage", "binary"),
                                       ("loop", "redirect_loop"), ("to_private", "blocked"),
                                       ("private_name", "blocked"), ("metadata", "blocked"),
                                       ("private_ip", "blocked")])
def test_refused_inputs_name_the_reason_and_store_nothing(scanned, name, kind):
    r, store = scanned[0][name], scanned[1]
    assert r["error"]["kind"] == kind, r["error"]
    assert not r["stored"] and store.scan(r["scan_id"]) is None
    assert r["verdict"] is None


def test_policy_blocks_before_any_request(scanned):
    r = scanned[0]["to_private"]
    urls = [p["url"] for p in r["evidence"]["pages"]]
    assert urls and not any("10.20.30.40" in u for u in urls)  # only the redirecting page was fetched


def test_every_stored_hash_matches_its_warc_record(scanned):
    store = scanned[1]
    rows = list(store.db.query("select sha256, warc_file, warc_offset from pages"))
    assert len(rows) > 10
    for row in rows:
        assert warc_payload_sha256(row["warc_file"], row["warc_offset"]) == row["sha256"]


def test_warc_files_pass_warcio_check(scanned):
    warcs = sorted((scanned[2] / "ev" / "warc").glob("*.warc.gz"))
    assert warcs
    warcio = Path(sys.executable).parent / "warcio"
    proc = subprocess.run([str(warcio), "check", "-v", *map(str, warcs)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_loopback_refused_without_allowlist(test_sandbox, tmp_path):
    box, net = test_sandbox
    network = json.loads(net.read_text())
    opts = RunOptions(db=str(tmp_path / "z.db"), evidence_dir=str(tmp_path / "ev"),
                      nameserver=network["nameserver"], port_map=network["port_map"])
    [r] = scan_targets([{"url": URLS["form"]}], opts, timeout=60)
    assert r["error"]["kind"] == "blocked" and "loopback" in r["error"]["message"]
    assert not r["evidence"]["pages"]


def test_extraction_in_a_worker_process_gives_the_same_result(test_sandbox, tmp_path):
    _, net = test_sandbox
    opts = RunOptions(db=str(tmp_path / "z.db"), evidence_dir=str(tmp_path / "ev"), network_file=str(net),
                      extra={"ZHENWEI_EXTRACT_WORKERS": 1})
    [r] = scan_targets([{"url": URLS["js_gbk"]}], opts, timeout=60)
    assert r["verdict"] == "impersonation"
    assert r["certificate"]["holder_name"] == "李**"


def test_model_classifier_in_the_scan_pipeline(test_sandbox, tmp_path):
    _, net = test_sandbox
    opts = RunOptions(db=str(tmp_path / "z.db"), evidence_dir=str(tmp_path / "ev"), network_file=str(net),
                      extra={"ZHENWEI_CLASSIFIER": "model"})
    fake, school = scan_targets([{"url": URLS["form"]}, {"url": URLS["school"]}], opts, timeout=60)
    assert fake["verdict"] == "impersonation" and fake["model_version"].startswith("lr-cal-1")
    assert fake["reasons"] and fake["authority"]["id"] == "mem"
    assert school["verdict"] == "legitimate"
    assert Store(tmp_path / "z.db").scan(fake["scan_id"])["model_version"].startswith("lr-cal-1")
