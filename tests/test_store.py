"""Store: migrations, WAL, atomic scans, merging imports."""

import pytest

from zhenwei.items import PageCapture, ScanItem
from zhenwei.store import Store, open_db


def _item(scan_id="s1", site="cx-mem-gov.cn"):
    page = PageCapture(url=f"http://{site}/", method="GET", status=200, ua_profile="wechat", hop=0,
                       hop_kind="start", captured_at="2026-11-30T00:00:00Z", body=b"<html>x</html>",
                       sha256="ab" * 32, warc_file="x.warc.gz", warc_offset=0, warc_length=10)
    return ScanItem(scan_id=scan_id, input=f"http://{site}/", input_kind="url",
                    target_url=f"http://{site}/", started_at="2026-11-30T00:00:00Z",
                    finished_at="2026-11-30T00:00:01Z", pages=[page], verdict="impersonation",
                    score=0.9, certificate={"holder_name": "王某某", "cert_number": "T110101199001011234"},
                    meta={"site": site})


def test_wal_and_migrations(tmp_path):
    db = open_db(tmp_path / "z.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"sites", "scans", "pages", "dns_records", "whois_records", "certificates"} <= set(db.table_names())
    open_db(tmp_path / "z.db")  # re-applying is a no-op, never a rebuild


def test_save_scan_writes_everything_and_updates_site(tmp_path):
    store = Store(tmp_path / "z.db")
    store.save_scan(_item(), ("live", None))
    assert store.scan("s1")["verdict"] == "impersonation"
    assert len(store.pages("s1")) == 1
    site = store.site("cx-mem-gov.cn")
    assert site["status"] == "live" and site["last_scan_id"] == "s1"
    assert store.db["certificates"].count == 1


def test_save_scan_is_all_or_nothing(tmp_path):
    store = Store(tmp_path / "z.db")
    item = _item()
    item.pages.append(PageCapture(url="http://x/", method="GET", status=200, ua_profile="desktop",
                                  hop=0, hop_kind="start", captured_at="t", facts={"bad": object()}))
    with pytest.raises(TypeError):
        store.save_scan(item, ("live", None))
    assert store.scan("s1") is None
    assert store.db["pages"].count == 0 and store.db["sites"].count == 0


def test_import_merges_and_keeps_first_seen(tmp_path):
    store = Store(tmp_path / "z.db")
    assert store.import_sites([{"domain": "a.cn", "first_seen": "2023-03-01"}], "known-list") == {"added": 1, "merged": 0}
    counts = store.import_sites([{"domain": "a.cn", "first_seen": "2022-12-01", "note": "n"},
                                 {"domain": "a.cn", "first_seen": "2023-09-01"}], "known-list")
    assert counts == {"added": 0, "merged": 2}
    site = store.site("a.cn")
    assert site["first_seen"] == "2022-12-01" and site["note"] == "n"
    assert store.db["sites"].count == 1
