"""Tests of zhenwei.whois_client on real registry answers (tests/data/whois) and a real local socket."""

from __future__ import annotations

import hashlib
import json
import random
import re
import socket
import socketserver
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from zhenwei import whois_client
from zhenwei.whois_client import (WhoisError, domain_age_days, fetch_whois, lookup, parse_whois,
                                  registrable_domain)

DATA = Path(__file__).parent / "data" / "whois"
KEYS = {"domain", "registered", "reserved", "registrar", "registrant", "registrant_email",
        "creation_date", "expiration_date", "updated_date", "name_servers", "status", "emails",
        "parse_error"}
GOOGLE_NS = ["ns1.google.com", "ns2.google.com", "ns3.google.com", "ns4.google.com"]


def sample(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# --- a tiny WHOIS server on 127.0.0.1 ----------------------------------------------------------

class Whoisd:
    """One-shot-per-connection WHOIS server: records the query line, answers ``payload``, closes."""

    def __init__(self, payload: bytes, hold: bool = False):
        self.payload, self.hold = payload, hold
        self.queries: list[bytes] = []
        self.release = threading.Event()
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                outer.queries.append(self.rfile.readline())
                if outer.hold:  # accept, read, never answer
                    outer.release.wait(10)
                    return
                try:
                    self.wfile.write(outer.payload)
                except OSError:  # the client stopped reading (size cap): expected
                    pass

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.address = f"127.0.0.1:{self.port}"


@contextmanager
def whoisd(payload: bytes, hold: bool = False):
    srv = Whoisd(payload, hold)
    # A short poll interval keeps shutdown() quick; the default 0.5 s would dominate the test time.
    thread = threading.Thread(target=srv.server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        srv.server.shutdown()
        srv.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- registrable_domain -------------------------------------------------------------------------

@pytest.mark.parametrize("host, expected", [
    ("cx.mem.gov.cn", "mem.gov.cn"),
    ("mem.gov.cn", "mem.gov.cn"),
    ("zlaq.mohurd.gov.cn", "mohurd.gov.cn"),
    ("www.yjt.example.com.cn", "example.com.cn"),
    ("WWW.Example.COM.", "example.com"),
    ("cx.mem.gov.cn.com", "gov.cn.com"),  # cn.com is a private PSL suffix: gov.cn.com is someone's
    ("a.b.github.io", "b.github.io"),
    ("gov.cn", ""),
    ("localhost", ""),
    ("203.0.113.7", ""),
    ("[2001:db8::1]", ""),
])
def test_registrable_domain(host, expected):
    assert registrable_domain(host) == expected


def test_registrable_domain_idn_is_punycode():
    assert registrable_domain("www.应急管理部.中国") == "应急管理部.中国".encode("idna").decode()
    assert registrable_domain("www.应急管理部.中国").endswith(".xn--fiqs8s")


@pytest.mark.parametrize("bad", ["", "http://mem.gov.cn/", "mem.gov.cn:80", "a b.cn"])
def test_registrable_domain_rejects_non_hosts(bad):
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        registrable_domain(bad)


# --- parsing real answers -----------------------------------------------------------------------

CNNIC_REGISTERED = {
    # file: (domain, registrar, registrant, registrant_email, created, expires)
    "cnnic/cn_apple.cn": ("apple.cn", "Corporation Service Company", "Apple Inc.",
                          "domains@apple.com", "2003-03-17T12:20:05+08:00",
                          "2020-03-17T12:48:36+08:00"),
    "cnnic/cn_google.cn": ("google.cn", "厦门易名科技股份有限公司", "北京谷翔信息技术有限公司",
                           "dns-admin@google.com", "2003-03-17T12:20:05+08:00",
                           "2021-03-17T12:48:36+08:00"),
    "cnnic/penman_google.cn": ("google.cn", "厦门易名科技股份有限公司", "北京谷翔信息技术有限公司",
                               "email@google.com", "2003-03-17T12:20:05+08:00",
                               "2023-03-17T12:48:36+08:00"),
    "cnnic/weppos_status_registered.txt": ("google.cn", "MarkMonitor Inc.", "Google Ireland Holdings",
                                           "dns-admin@google.com", "2003-03-17T12:20:05+08:00",
                                           "2017-03-17T12:48:36+08:00"),
}
CNNIC_UNREGISTERED = {  # file: reserved?
    "cnnic/notfound_cn_likexian.cn": False,
    "cnnic/weppos_status_available.txt": False,  # lower-case "no matching record."
    "cnnic/weppos_status_reserved.txt": True,
    "cnnic/weppos_property_status_reserved_list.txt": True,
}
GENERIC = {
    # file: (registrar, registrant, created, expires, updated, name servers, some status)
    "generic/abc.xyz": ("MarkMonitor, Inc (TLDs)", None, "2014-03-20T12:59:17+00:00",
                        "2026-03-20T23:59:59+00:00", "2025-03-10T15:22:23+00:00", GOOGLE_NS,
                        "clientTransferProhibited"),
    "generic/amazon.co.uk": ("Amazon.com, Inc. t/a Amazon.com, Inc. [Tag = AMAZON-COM]", None,
                             "1996-08-01T00:00:00+00:00", "2020-12-05T00:00:00+00:00",
                             "2013-10-23T00:00:00+00:00",
                             ["ns1.p31.dynect.net", "ns2.p31.dynect.net", "ns3.p31.dynect.net",
                              "ns4.p31.dynect.net", "pdns1.ultradns.net", "pdns2.ultradns.net",
                              "pdns3.ultradns.org", "pdns4.ultradns.org", "pdns5.ultradns.info",
                              "pdns6.ultradns.co.uk"], "Registered until expiry date."),
    "generic/google.com": ("MARKMONITOR INC.", None, "1997-09-15T00:00:00+00:00",
                           "2011-09-14T00:00:00+00:00", "2006-04-10T00:00:00+00:00", GOOGLE_NS,
                           "clientDeleteProhibited"),
    "generic/google.com.tw": ("Markmonitor, Inc.", "Google Inc.", "2000-08-29T00:00:00+00:00",
                              "2019-11-09T00:00:00+00:00", None, GOOGLE_NS, None),
    "generic/microsoft.com": ("CRONON AG BERLIN, NIEDERLASSUNG REGENSBURG", None,
                              "1991-05-02T00:00:00+00:00", "2014-05-03T00:00:00+00:00",
                              "2006-10-10T00:00:00+00:00",
                              ["ns1.msft.net", "ns2.msft.net", "ns3.msft.net", "ns4.msft.net",
                               "ns5.msft.net"], "clientTransferProhibited"),
    "generic/nic.live": ("Registry Operator acts as Registrar (9999)", "United TLD Holdco Ltd.",
                         "2015-04-27T22:04:24+00:00", "2025-04-27T22:04:24+00:00",
                         "2024-06-11T22:04:34+00:00",
                         ["v0n0.nic.live", "v0n1.nic.live", "v0n2.nic.live", "v0n3.nic.live",
                          "v2n0.nic.live", "v2n1.nic.live"], "serverTransferProhibited"),
    "generic/sbc.org.hk": ("Hong Kong Domain Name Registration Company Limited",
                           "SOCIETY OF BOYS' CENTRES", "1998-07-14T00:00:00+00:00",
                           "2020-03-07T00:00:00+00:00", None,
                           ["ns19.odysseyhost.com", "ns20.odysseyhost.com"], "Active"),
    "generic/yahoo.co.jp": (None, "LY Corporation", "2019-09-27T00:00:00+00:00", None,
                            "2024-10-01T01:00:44+09:00",  # JPRS says (JST): kept
                            ["ns01.yahoo.co.jp", "ns02.yahoo.co.jp", "ns11.yahoo.co.jp",
                             "ns12.yahoo.co.jp"], "Connected (2025/09/30)"),
}


def test_every_sample_file_has_assertions():
    files = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file()}
    covered = (set(CNNIC_REGISTERED) | set(CNNIC_UNREGISTERED) | set(GENERIC)
               | {"cnnic/weppos_property_status_ok.txt", "SOURCES.md"})
    assert files == covered


@pytest.mark.parametrize("name", sorted(CNNIC_REGISTERED))
def test_cnnic_registered(name):
    domain, registrar, registrant, email, created, expires = CNNIC_REGISTERED[name]
    r = parse_whois(domain, sample(name))
    assert set(r) == KEYS
    assert r["registered"] is True and r["reserved"] is False
    assert r["domain"] == domain
    assert (r["registrar"], r["registrant"], r["registrant_email"]) == (registrar, registrant, email)
    assert (r["creation_date"], r["expiration_date"]) == (created, expires)
    apple_ns = ["a.ns.apple.com", "b.ns.apple.com", "c.ns.apple.com", "d.ns.apple.com"]
    assert r["name_servers"] == (apple_ns if domain == "apple.cn" else GOOGLE_NS)
    assert "serverDeleteProhibited" in r["status"]
    assert email in r["emails"]
    json.dumps(r)


def test_cnnic_answer_for_punycode_zhongguo_name():
    # python-whois has no parser for the punycode .中国 suffix; our CNNIC fallbacks read it.
    r = parse_whois("xn--55qx5d.xn--fiqs8s", sample("cnnic/cn_google.cn"))
    assert r["registered"] is True
    assert r["registrar"] == "厦门易名科技股份有限公司"
    assert r["registrant"] == "北京谷翔信息技术有限公司"
    assert r["creation_date"] == "2003-03-17T12:20:05+08:00"


def test_cnnic_older_format_registration_date_and_organisation():
    r = parse_whois("concordecals.com.cn", sample("cnnic/weppos_property_status_ok.txt"))
    assert r["registered"] is True
    assert r["registrar"] == "北京新网互联科技有限公司"
    assert r["registrant"] == "康科陶艺制造（深圳）有限公司"  # Organization before the person's name
    assert r["creation_date"] == "2002-03-06T00:00:00+08:00"
    assert r["expiration_date"] == "2013-03-06T00:00:00+08:00"
    assert r["name_servers"] == ["ns1.dns.com.cn", "ns2.dns.com.cn"]
    assert r["status"] == ["ok"]
    assert r["emails"] == ["taien@concordecals.com.cn"]


@pytest.mark.parametrize("name", sorted(CNNIC_UNREGISTERED))
def test_cnnic_not_registered(name):
    r = parse_whois("zhenwei-test.cn", sample(name))
    assert r["registered"] is False
    assert r["reserved"] is CNNIC_UNREGISTERED[name]
    assert r["creation_date"] is None and r["registrar"] is None and r["name_servers"] == []


@pytest.mark.parametrize("name", sorted(GENERIC))
def test_generic_registered(name):
    registrar, registrant, created, expires, updated, ns, status = GENERIC[name]
    domain = name.split("/")[1]
    r = parse_whois(domain, sample(name))
    assert set(r) == KEYS
    assert r["registered"] is True
    assert r["registrar"] == registrar
    assert r["registrant"] == registrant
    assert (r["creation_date"], r["expiration_date"], r["updated_date"]) == (created, expires, updated)
    assert r["name_servers"] == ns
    if status:
        assert status in r["status"]
    assert not any("http" in s for s in r["status"])
    json.dumps(r)


def test_cnnic_offset_changes_the_age():
    created = parse_whois("google.cn", sample("cnnic/cn_google.cn"))
    # 2003-03-17 12:20:05 Beijing is 04:20:05 UTC; read as UTC it would be 8 hours later.
    assert domain_age_days(created, datetime(2003, 3, 18, 4, 20, 5, tzinfo=timezone.utc)) == 1
    assert domain_age_days(created, datetime(2003, 3, 18, 4, 20, 4, tzinfo=timezone.utc)) == 0
    assert domain_age_days(created, datetime(2023, 3, 17, 12, 20, 5,
                                             tzinfo=timezone(timedelta(hours=8)))) == 7305
    assert domain_age_days({"creation_date": None}, datetime.now(timezone.utc)) is None
    with pytest.raises(ValueError, match="timezone-aware"):
        domain_age_days(created, datetime(2024, 1, 1))


@pytest.mark.parametrize("domain, text", [
    ("zhenwei-test.com", 'No match for "ZHENWEI-TEST.COM".\r\n>>> Last update of whois database: '
                         '2025-10-10T02:49:26Z <<<\r\n'),
    ("zhenwei-test.com.tw", "NOT FOUND\n"),
    ("zhenwei-test.xyz", "DOMAIN NOT FOUND\n"),
])
def test_other_not_found_texts(domain, text):
    assert parse_whois(domain, text)["registered"] is False


@pytest.mark.parametrize("text", ["", "   \n", "No whois server is known for this kind of object.",
                                  "This TLD has no whois server, but you can access the whois "
                                  "database at http://example.invalid/",
                                  "Queried interval is too short.\n"])
def test_unknown_is_none_not_false(text):
    r = parse_whois("zhenwei-test.cn", text)
    assert r["registered"] is None


def _garbage(rng: random.Random) -> list[str]:
    real = [sample(n) for n in sorted(CNNIC_REGISTERED) + sorted(GENERIC)]
    out = [
        "\x00\x01\x02" * 50,
        "Registration Time: 2003-13-45 99:99:99\nExpiration Time: yesterday\nName Server: \n",
        "Creation Date: 0000-00-00T00:00:00Z\nRegistry Expiry Date: \nDomain Status: ,,,\n",
        "Registrar:\n\n\nName Server:\tx\n",
        "a" * 1_000_000,
        ("x@" + "b" * 400 + " ") * 200,
        "Name Server: " + "ns." * 5000 + "\n",
    ]
    for _ in range(40):
        text = rng.choice(real)
        lines = text.splitlines()
        rng.shuffle(lines)
        cut = rng.randrange(len(text) + 1)
        out += ["\n".join(lines), text[:cut], text[cut:],
                bytes(rng.randrange(256) for _ in range(300)).decode("latin-1"),
                text.replace("20", rng.choice(["99", "-", "０", "\u202e"]))]
    return out


def test_garbage_never_raises():
    rng = random.Random(20261130)
    for i, text in enumerate(_garbage(rng)):
        for domain in ("zhenwei-test.cn", "zhenwei-test.com", "zhenwei-test.co.jp", "x.xn--fiqs8s"):
            r = parse_whois(domain, text)
            assert set(r) == KEYS, (i, domain)
            json.dumps(r)


def test_parse_rejects_bytes_naming_domain():
    with pytest.raises(TypeError, match="mem.gov.cn"):
        parse_whois("mem.gov.cn", b"Domain Name: mem.gov.cn")


# --- fetching over a real socket ----------------------------------------------------------------

def test_fetch_whois_over_loopback_on_non_43_port():
    payload = (DATA / "cnnic/cn_google.cn").read_bytes()
    with whoisd(payload) as srv:
        got = fetch_whois("Google.CN.", server=srv.address, timeout=3)
    assert srv.port != 43
    assert srv.queries == [b"google.cn\r\n"]
    assert got.text == payload.decode("utf-8")
    assert got.raw == payload
    assert got.server == srv.address and got.servers == (srv.address,)
    assert got.domain == "google.cn" and got.truncated is False


def test_lookup_over_loopback():
    payload = (DATA / "cnnic/cn_google.cn").read_bytes()
    with whoisd(payload) as srv:
        r = lookup("google.cn", server=srv.address, timeout=3)
    assert r["registered"] is True
    assert r["registrar"] == "厦门易名科技股份有限公司"
    assert r["creation_date"] == "2003-03-17T12:20:05+08:00"
    assert r["server"] == srv.address
    assert r["raw"] == payload.decode("utf-8")
    assert r["raw_sha256"] == hashlib.sha256(payload).hexdigest()
    assert r["queried_at"].endswith("Z")
    queried = datetime.fromisoformat(r["queried_at"].replace("Z", "+00:00"))
    assert r["age_days"] == domain_age_days(r, queried) > 365 * 20
    json.dumps(r, ensure_ascii=False)


def test_fetch_sends_idn_as_punycode():
    with whoisd("No matching record.\r\n".encode()) as srv:
        r = lookup("应急管理部.中国", server=srv.address, timeout=3)
    wire = "应急管理部.中国".encode("idna")
    assert srv.queries == [wire + b"\r\n"]
    assert r["domain"] == wire.decode() and r["registered"] is False


def test_refused_port_names_domain_and_server():
    port = free_port()
    with pytest.raises(WhoisError) as info:
        fetch_whois("mem.gov.cn", server=f"127.0.0.1:{port}", timeout=2)
    assert info.value.domain == "mem.gov.cn"
    assert info.value.server == f"127.0.0.1:{port}"
    assert "mem.gov.cn" in str(info.value) and f"127.0.0.1:{port}" in str(info.value)
    assert "refused" in str(info.value)


def test_silent_server_times_out():
    with whoisd(b"", hold=True) as srv:
        with pytest.raises(WhoisError, match="timed out") as info:
            fetch_whois("mem.gov.cn", server=srv.address, timeout=0.3)
    assert info.value.server == srv.address


def test_empty_answer_is_an_error():
    with whoisd(b"\r\n") as srv:
        with pytest.raises(WhoisError, match="empty response"):
            fetch_whois("mem.gov.cn", server=srv.address, timeout=3)


def test_gb18030_answer_and_cut_utf8_character():
    text = "Domain Name: zhenwei-test.cn\r\nSponsoring Registrar: 厦门易名科技股份有限公司\r\n"
    with whoisd(text.encode("gb18030")) as srv:
        assert fetch_whois("zhenwei-test.cn", server=srv.address, timeout=3).text == text
    cut = "Registrant: 北京".encode("utf-8")
    with whoisd(cut) as srv:
        got = fetch_whois("zhenwei-test.cn", server=srv.address, timeout=3, max_bytes=len(cut) - 1)
    assert got.truncated and got.text.startswith("Registrant: 北")


def test_answer_is_capped():
    with whoisd(b"x" * 300_000) as srv:
        got = fetch_whois("mem.gov.cn", server=srv.address, timeout=3, max_bytes=100_000)
    assert got.truncated is True and len(got.raw) == 100_000


@pytest.mark.parametrize("server", ["127.0.0.1:notaport", "127.0.0.1:0", ":43", "h:70000"])
def test_bad_server_string(server):
    with pytest.raises(ValueError, match="WHOIS server"):
        fetch_whois("mem.gov.cn", server=server)


@pytest.mark.parametrize("domain", ["", "...", "mem gov.cn", "a/b.cn"])
def test_bad_domain(domain):
    with pytest.raises(ValueError, match="not a"):
        fetch_whois(domain, server="127.0.0.1:1")


def test_no_match_under_private_suffix_is_unknown():
    not_found = 'No match for "GOV.CN.COM".\r\n'
    private = parse_whois("gov.cn.com", not_found)
    whois_client._private_suffix_caveat(private)
    assert private["registered"] is None and "cn.com" in private["parse_error"]
    public = parse_whois("zhenwei-test.com", not_found)
    whois_client._private_suffix_caveat(public)
    assert public["registered"] is False and public["parse_error"] is None


def test_registry_choice_asks_iana_once_per_tld(monkeypatch):
    # The IANA half of the real nic.live capture, served as IANA's answer for an unlisted TLD.
    iana_answer = sample("generic/nic.live").split("# whois.nic.live")[0].encode()
    monkeypatch.setattr(whois_client, "_iana_cache", {})
    with whoisd(iana_answer) as srv:
        client = whois_client._RegistryClient("zhenwei-test.xyz", 3, iana=("127.0.0.1", srv.port))
        assert client.choose_server("zhenwei-test.xyz") == "whois.nic.live"
        assert client.choose_server("other.xyz") == "whois.nic.live"
    assert srv.queries == [b"xyz\r\n"]


def test_registrar_referral_found_in_thin_registry_answer():
    text = sample("generic/google.com")
    assert whois_client._referral(text, "whois.verisign-grs.com", "google.com") == \
        "whois.markmonitor.com"
    assert whois_client._referral(sample("cnnic/cn_google.cn"), "whois.cnnic.cn", "google.cn") is None
