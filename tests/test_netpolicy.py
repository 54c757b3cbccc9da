"""Network policy: URL validation, SSRF classification, allowlist and port map."""

import pytest

from zhenwei.netpolicy import (BadTarget, NetworkPolicy, PolicyError, parse_allow_nets,
                               parse_port_map, validate_url)


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                                "169.254.169.254", "224.0.0.1", "0.0.0.0", "100.64.0.1",
                                "240.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:192.168.0.1"])
def test_non_public_addresses_are_refused_by_default(ip):
    with pytest.raises(PolicyError) as exc:
        NetworkPolicy().check_ip(ip, "evil.example")
    assert "evil.example" in str(exc.value)


@pytest.mark.parametrize("ip", ["8.8.8.8", "1.2.3.4", "2001:4860:4860::8888"])
def test_public_addresses_pass(ip):
    NetworkPolicy().check_ip(ip)


def test_allowlist_opens_only_its_range():
    policy = NetworkPolicy(parse_allow_nets(["127.0.0.0/8"]))
    policy.check_ip("127.0.10.3")
    with pytest.raises(PolicyError):
        policy.check_ip("10.0.0.1")


def test_bad_cidr_is_named():
    with pytest.raises(ValueError, match="nonsense"):
        parse_allow_nets("nonsense")


def test_port_map_parsing():
    assert parse_port_map("80:8080,443:8443") == {80: 8080, 443: 8443}
    assert parse_port_map({"80": 18080}) == {80: 18080}
    assert NetworkPolicy(port_map={80: 8080}).map_port(80) == 8080
    assert NetworkPolicy(port_map={80: 8080}).map_port(81) == 81
    with pytest.raises(ValueError, match="x:y"):
        parse_port_map("x:y")


@pytest.mark.parametrize("raw,expected", [
    ("cx-mem-gov.cn/verify?no=T1", "http://cx-mem-gov.cn/verify?no=T1"),
    ("HTTPS://CX.mem.gov.cn/special?index=0", "https://cx.mem.gov.cn/special?index=0"),
    ("http://user@evil.example/x", "http://evil.example/x"),
    ("http://应急管理.cn/", "http://xn--extu8ah31brfh.cn/"),
])
def test_validate_url_normalises(raw, expected):
    assert validate_url(raw) == expected


@pytest.mark.parametrize("raw", ["", "ftp://x.cn/", "http://", "http://a..b/", "http://x y.cn/",
                                 "javascript:alert(1)", "http://" + "a" * 300 + ".cn/",
                                 "http://bad_label!.cn/", "http://x.cn:99999/"])
def test_validate_url_rejects_and_names_input(raw):
    with pytest.raises(BadTarget) as exc:
        validate_url(raw)
    assert repr(raw)[:20].strip("'") in str(exc.value) or raw == ""
