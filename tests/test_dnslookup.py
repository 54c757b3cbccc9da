"""zhenwei.dnslookup against the sandbox DNS server and two misbehaving name servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
import socket
import threading

import dns.message
import dns.rcode
import pytest

from zhenwei.dnslookup import (DnsLookupError, async_lookup_records, lookup_records, make_resolver,
                               parse_hostport, resolve_a)
from zhenwei.sandbox.model import Host, World
from zhenwei.sandbox.runner import Sandbox


@pytest.fixture(scope="module")
def nameserver(tmp_path_factory):
    hosts = [
        Host("cx-mem-gov.cn", a=["127.0.70.1", "127.0.70.2"], ns=["ns1.hichina.com"],
             mx=[(5, "mx.cx-mem-gov.cn")], txt=["v=spf1 -all"]),
        Host("mx-only.cn", mx=[(10, "mail.mx-only.cn")]),
        Host("xn--fiq228c.cn", a=["127.0.70.3"]),
        Host("bigtxt.cn", txt=["z" * 3000]),
    ]
    world = World(seed=1, hosts={h.name: h for h in hosts}, whois_records={}, known_sites=[],
                  photo_targets=[], listen_ips=[])
    with Sandbox(world, state_dir=tmp_path_factory.mktemp("dns")) as box:
        yield box.network()["nameserver"]


class _Misbehaving:
    """A UDP name server on 127.0.0.1 that answers SERVFAIL, or never answers at all."""

    def __init__(self, servfail: bool):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.servfail = servfail
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                data, addr = self.sock.recvfrom(4096)
            except OSError:
                return
            if self.servfail:
                response = dns.message.make_response(dns.message.from_wire(data))
                response.set_rcode(dns.rcode.SERVFAIL)
                self.sock.sendto(response.to_wire(), addr)

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("text,expected", [
    ("127.0.0.1:5353", ("127.0.0.1", 5353)),
    ("8.8.8.8", ("8.8.8.8", 53)),
    ("[::1]:5300", ("::1", 5300)),
    ("[::1]", ("::1", 53)),
    ("::1", ("::1", 53)),
    (" ns.example.com:54 ", ("ns.example.com", 54)),
])
def test_parse_hostport(text, expected):
    assert parse_hostport(text, 53) == expected


@pytest.mark.parametrize("text", ["", "127.0.0.1:x", "127.0.0.1:70000", "[::1", "[::1]x", ":53"])
def test_parse_hostport_rejects(text):
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        parse_hostport(text, 53)


def test_make_resolver_needs_ip():
    r = make_resolver("127.0.0.1:5353", 2.0)
    assert r.nameservers == ["127.0.0.1"] and r.port == 5353 and r.lifetime == 2.0
    with pytest.raises(ValueError, match="ns.example.com"):
        make_resolver("ns.example.com:53", 2.0)


def test_lookup_records_ok(nameserver):
    got = lookup_records("cx-mem-gov.cn", nameserver=nameserver)
    assert got["status"] == "ok" and got["name"] == "cx-mem-gov.cn" and got["nameserver"] == nameserver
    assert got["records"] == {"A": ["127.0.70.1", "127.0.70.2"], "AAAA": [], "NS": ["ns1.hichina.com"],
                              "MX": ["5 mx.cx-mem-gov.cn"], "TXT": ["v=spf1 -all"]}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", got["queried_at"])


def test_lookup_records_idn_and_nodata(nameserver):
    assert lookup_records("中文.cn", ("A",), nameserver=nameserver)["records"] == {"A": ["127.0.70.3"]}
    got = lookup_records("mx-only.cn", ("A", "MX"), nameserver=nameserver)
    assert got["status"] == "ok" and got["records"] == {"A": [], "MX": ["10 mail.mx-only.cn"]}


def test_truncated_answer_retried_over_tcp(nameserver):
    got = lookup_records("bigtxt.cn", ("TXT",), nameserver=nameserver)
    assert got["records"] == {"TXT": ["z" * 3000]}


def test_lookup_records_nxdomain(nameserver):
    got = lookup_records("gone.cn", nameserver=nameserver)
    assert got["status"] == "nxdomain" and got["records"] == {}


def test_lookup_records_bad_name(nameserver):
    got = lookup_records("a..b.cn", nameserver=nameserver)
    assert got["status"] == "error" and "'a..b.cn'" in got["error"]


def test_servfail_and_timeout_are_kept_apart():
    failing, silent = _Misbehaving(servfail=True), _Misbehaving(servfail=False)
    try:
        got = lookup_records("x.cn", nameserver=failing.address, timeout=1.0)
        assert got["status"] == "servfail"
        got = lookup_records("x.cn", nameserver=silent.address, timeout=0.3)
        assert got["status"] == "timeout" and got["records"] == {}
        with pytest.raises(DnsLookupError) as err:
            resolve_a("x.cn", silent.address, 0.3)
        assert err.value.status == "timeout" and "x.cn" in str(err.value)
    finally:
        failing.close()
        silent.close()


def test_async_lookup_records(nameserver):
    async def both():
        return await asyncio.gather(async_lookup_records("cx-mem-gov.cn", ("A", "NS"), nameserver=nameserver),
                                    async_lookup_records("gone.cn", nameserver=nameserver))

    ok, gone = asyncio.run(both())
    assert ok["records"] == {"A": ["127.0.70.1", "127.0.70.2"], "NS": ["ns1.hichina.com"]}
    assert gone["status"] == "nxdomain"


def test_resolve_a(nameserver):
    assert resolve_a("cx-mem-gov.cn", nameserver, 2.0) == ["127.0.70.1", "127.0.70.2"]
    with pytest.raises(DnsLookupError) as err:
        resolve_a("gone.cn", nameserver, 2.0)
    assert err.value.status == "nxdomain" and err.value.name == "gone.cn"
    with pytest.raises(DnsLookupError) as err:
        resolve_a("mx-only.cn", nameserver, 2.0)
    assert err.value.status == "nodata"
