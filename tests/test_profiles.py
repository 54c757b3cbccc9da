"""Authority profiles: the shipped data file, host rules, name and number matching, validation."""

from __future__ import annotations

import pytest

from classifier.extract import page_facts
from classifier.rules import rule_verdict
from zhenwei.profiles import (
    ProfileError, all_cert_numbers, find_profile, is_gov_host, load_profiles, normalise_host,
)


def test_shipped_profiles_load_in_file_order():
    ids = [p.id for p in load_profiles()]
    assert ids[:3] == ["mem", "mem-provincial", "mem-local"]
    assert {"mohurd", "mohurd-local"} <= set(ids)
    assert "gov" not in ids  # the gov.cn rule is a general fact, not an authority
    mem = find_profile("mem")
    assert mem.tier == "ministry" and "bm34000001" in mem.site_id_codes
    assert "https://cx.mem.gov.cn/special?index=0" in mem.query_urls


@pytest.mark.parametrize("host, expected", [
    ("cx.mem.gov.cn", True), ("CX.MEM.GOV.CN.", True), ("www.mem.gov.cn", True), ("mem.gov.cn", True),
    ("www.chinasafety.gov.cn", True), ("cx.saws.org.cn", True),
    ("saws.org.cn", False), ("cx-mem-gov.cn", False), ("mem.gov.cn.example.com", False),
    ("cxmem.gov.cn", False), ("yjt.hebei.gov.cn", False), ("", False),
])
def test_ministry_official_hosts(host, expected):
    assert find_profile("mem").is_official_host(host) is expected


@pytest.mark.parametrize("host, expected", [
    ("yjt.hebei.gov.cn", True), ("yjgl.beijing.gov.cn", True), ("www.bjxch.gov.cn", True),
    ("yjt.北京.政务", True), ("yjt.xn--zfr164b", True),
    ("yjt-hebei-gov.cn", False), ("hebei.gov.cn.evil.top", False), ("gov.cn.com", False), ("yjt.hebei.com", False),
])
def test_local_tiers_accept_any_gov_host(host, expected):
    assert find_profile("mem-local").is_official_host(host) is expected
    assert find_profile("mem-provincial").is_official_host(host) is expected
    assert is_gov_host(host) is expected


def test_normalise_host_idna_case_port_and_dot():
    assert normalise_host("WWW.Example.COM.:8080") == "www.example.com"
    assert normalise_host("应急管理.中国") == "应急管理".encode("idna").decode() + ".xn--fiqs8s"
    assert normalise_host("[::1]") == "::1"


def test_names_exclusions_and_greedy_patterns():
    mem = find_profile("mem")
    assert mem.match_name("请联系当地应急管理部门；应急管理部部署专项整治") == ["应急管理部"]
    assert mem.match_name("中华人民共和国应急管理部") == ["中华人民共和国应急管理部"]
    assert mem.match_name("原国家安全生产监督管理总局") == ["国家安全生产监督管理总局"]
    local = find_profile("mem-local")
    assert local.match_name("欢迎访问北京市西城区应急管理局网站") == ["北京市西城区应急管理局"]
    assert local.match_name("主办单位：石家庄市应急管理局") == ["石家庄市应急管理局"]
    assert local.match_name("天津市和平区应急管理局") == ["天津市和平区应急管理局"]
    # No name is left after cutting the sentence: "该区应急管理局" is "that district's bureau".
    assert local.match_name("西城区检察院收到该区应急管理局移送的线索") == []
    prov = find_profile("mem-provincial")
    assert prov.match_name("河北省应急管理厅、北京市应急管理局、内蒙古自治区应急管理厅") == [
        "河北省应急管理厅", "北京市应急管理局", "内蒙古自治区应急管理厅"]


def test_cert_number_patterns():
    mem, mohurd = find_profile("mem"), find_profile("mohurd")
    assert mem.match_cert_number("证号 t11010119900307123x；AT110101199003071234") == ["T11010119900307123X"]
    assert mohurd.match_cert_number("证书编号：京A012020000123。") == ["京A012020000123"]
    assert mohurd.match_cert_number("京A0120200001234") == []
    assert all_cert_numbers("京A012020000123 T110101199003071234") == ["京A012020000123", "T110101199003071234"]


NEW_PROFILE = """
version = 1

[nhc]
name = "国家卫生健康委员会"
name_en = "National Health Commission"
tier = "ministry"
names = ["国家卫生健康委员会", "国家卫健委"]
official_hosts = ["www.nhc.gov.cn"]
official_host_suffixes = ["nhc.gov.cn"]
official_host_patterns = ["zgcx.*.nhc.gov.cn"]
cert_patterns = ['WS\\d{10}']
site_id_codes = ["bm12000001"]
"""


def test_new_profile_in_a_tmp_file_works_without_code(tmp_path):
    path = tmp_path / "profiles.toml"
    path.write_text(NEW_PROFILE, encoding="utf-8")
    profiles = load_profiles(path)
    nhc = find_profile("nhc", profiles)
    assert nhc.is_official_host("www.nhc.gov.cn") and nhc.is_official_host("zgcx.beijing.nhc.gov.cn")
    assert not nhc.is_official_host("nhc-gov.cn")
    assert nhc.match_cert_number("编号WS2023000001") == ["WS2023000001"]
    html = ("<html><head><title>国家卫健委 - 证书查询</title></head><body><form>"
            "<input name='zsbh' placeholder='证书编号'></form></body></html>")
    fake = rule_verdict(page_facts(html, "http://nhc-gov.cn/", profiles=profiles), "http://nhc-gov.cn/", profiles)
    assert fake["verdict"] == "impersonation" and fake["authority"]["id"] == "nhc"
    real = rule_verdict(page_facts(html, "https://www.nhc.gov.cn/", profiles=profiles),
                        "https://www.nhc.gov.cn/", profiles)
    assert real["verdict"] == "legitimate"


@pytest.mark.parametrize("body, message", [
    ('[x]\nname = "a"\nname_en = "b"\ntier = "ministry"\nnames = ["a"]\n', "give at least one of 'official_hosts'"),
    ('[x]\nname = "a"\nname_en = "b"\ntier = "county"\nnames = ["a"]\nofficial_hosts = ["a.gov.cn"]\n', "tier 'county'"),
    ('[x]\nname = "a"\nname_en = "b"\ntier = "ministry"\nnames = ["a"]\nofficial_hosts = ["a.gov.cn"]\n'
     'cert_patterns = ["T[0-9"]\n', "bad regular expression in cert_patterns"),
    ('[x]\nname = "a"\nname_en = "b"\ntier = "ministry"\nnames = ["a"]\nofficial_hosts = ["a.gov.cn"]\nhosts = []\n',
     "unknown key(s) hosts"),
    ('[x]\nname = "a"\nname_en = "b"\ntier = "ministry"\nnames = ["a"]\nofficial_hosts = ["*.gov.cn"]\n',
     "globs go in official_host_patterns"),
    ('[x]\nname = "a"\nname_en = "b"\ntier = "ministry"\nnames = ["a"]\nofficial_hosts = ["a.gov.cn"]\n'
     'site_id_codes = ["bm123"]\n', "site_id_codes entry 'bm123'"),
    ("[x\n", "not a valid UTF-8 TOML file"),
    ("version = 2\n", "unsupported profiles file version"),
])
def test_invalid_files_name_file_and_profile(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profiles(path)
    assert str(path) in str(exc.value) and message in str(exc.value)
    if "[x]" in body:
        assert "profile [x]" in str(exc.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProfileError, match="cannot read profiles file"):
        load_profiles(tmp_path / "nope.toml")


def test_cache_follows_file_changes(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(NEW_PROFILE, encoding="utf-8")
    assert [p.id for p in load_profiles(path)] == ["nhc"]
    import os
    path.write_text(NEW_PROFILE.replace("[nhc]", "[nhc2]"), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert [p.id for p in load_profiles(path)] == ["nhc2"]
