"""End to end on the full sandbox world: one crawl over its photos' QR codes, its negatives, its
official sites and its whole known list, checked against the world's ground truth (``World.notes``),
which the product never sees."""

from __future__ import annotations

import pytest

from zhenwei.config import RunOptions
from zhenwei.demo import shipped_photos
from zhenwei.scan import image_targets, scan_targets
from zhenwei.sandbox.runner import Sandbox
from zhenwei.sandbox.world import build_world
from zhenwei.store import Store


@pytest.fixture(scope="module")
def world_scan(tmp_path_factory):
    world = build_world(2023)
    tmp = tmp_path_factory.mktemp("world")
    targets = []
    for photo in shipped_photos():
        targets += image_targets(photo)
    n_photos = len(targets)
    targets += [{"url": f"http://{host}/", "input": f"negative:{host}"} for host in world.notes["negatives"]]
    targets += [{"url": "https://cx.mem.gov.cn/special?index=0", "input": "official:cx"},
                {"url": "https://www.mem.gov.cn/", "input": "official:www"},
                {"url": "https://zlaq.mohurd.gov.cn/", "input": "official:zlaq"}]
    targets += [{"url": r["url"], "input": f"known:{r['domain']}", "site": r["domain"],
                 "origin": "known-list"} for r in world.known_sites]
    # As an investigator would: import the known list first, then scan.
    Store(tmp / "z.db").import_sites([{"domain": r["domain"], "url": r["url"], "first_seen": r["first_seen"],
                                       "source": r["source"]} for r in world.known_sites], "known-list")
    with Sandbox(world, state_dir=tmp / "sb") as box:
        box.write_network_file(tmp / "net.json")
        opts = RunOptions(db=str(tmp / "z.db"), evidence_dir=str(tmp / "ev"), network_file=str(tmp / "net.json"))
        results = scan_targets(targets, opts, timeout=300)
    return world, results[:n_photos], {r["input"]: r for r in results[n_photos:]}, Store(tmp / "z.db")


def test_every_photo_decodes_and_fake_photos_are_flagged(world_scan):
    world, photos, _, _ = world_scan
    kinds = {t["url"]: t["kind"] for t in world.photo_targets}
    checked = 0
    for r in photos:
        kind = kinds.get(r["target_url"]) or kinds.get(r["input"])
        if kind is None:  # second code on the back of a card (a WeChat link outside the world)
            continue
        checked += 1
        if kind.startswith("fake"):
            assert r["verdict"] == "impersonation", r["input"]
        elif kind == "official":
            assert r["verdict"] == "legitimate", r["input"]
        elif kind == "down":
            assert r["verdict"] == "unreachable", r["input"]
    assert checked >= len(world.photo_targets) - 1


def test_hard_negatives_are_legitimate(world_scan):
    _, _, rows, _ = world_scan
    negatives = {k: r for k, r in rows.items() if k.startswith("negative:")}
    flagged = [k for k, r in negatives.items() if r["verdict"] == "impersonation"]
    assert negatives and not flagged


def test_official_sites_are_legitimate_with_tls_evidence(world_scan):
    _, _, rows, _ = world_scan
    for key in ("official:cx", "official:www", "official:zlaq"):
        r = rows[key]
        assert r["verdict"] == "legitimate", key
        assert r["evidence"]["pages"][0]["tls"]["issuer"].startswith("CN=zhenwei sandbox CA")


def test_known_list_live_and_down_match_ground_truth(world_scan):
    world, _, _, store = world_scan
    truth = world.notes["site_kind"]
    sites = {s["domain"]: s for s in store.sites(origin="known-list")}
    assert len(sites) == 226
    live = {d for d, s in sites.items() if s["status"] == "live"}
    down = {d for d, s in sites.items() if s["status"] == "down"}
    assert live == {d for d in sites if truth[d].startswith("live")}
    assert len(down) == 218
    for d in down:
        want = truth[d].split(":")[1]
        got = sites[d]["down_reason"]
        allowed = {"nxdomain": {"nxdomain"}, "refused": {"refused"}, "http404": {"http_404"},
                   "suspended": {"suspended"}, "parked": {"parked", "tls_error"}}[want]
        assert got in allowed, (d, want, got)
