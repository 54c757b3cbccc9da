"""The sandbox's DNS, HTTP/HTTPS and WHOIS servers over real sockets on 127.0.0.1 (one hand-built world)."""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import ssl
import struct
import threading
import time

import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import pytest

from zhenwei.sandbox.model import Host, HttpRequest, HttpResponse, World
from zhenwei.sandbox.runner import Sandbox, SandboxError, bind_group

LIVE_IP = "127.0.50.1"
OTHER_IP = "127.0.50.2"
DOWN_IP = "127.0.66.6"
BOMB = gzip.compress(b"A" * 200_000)
seen: list[HttpRequest] = []


def echo(req: HttpRequest) -> HttpResponse:
    seen.append(req)
    payload = {"host": req.host, "scheme": req.scheme, "path": req.path, "query": req.query,
               "method": req.method, "params": req.params(), "ua": req.user_agent}
    return HttpResponse(headers=[("Content-Type", "application/json"), ("Set-Cookie", "a=1"),
                                 ("Set-Cookie", "b=2")],
                        body=json.dumps(payload).encode())


def streamed(req: HttpRequest) -> HttpResponse:
    return HttpResponse(headers=[("Content-Type", "text/plain")],
                        body=(f"chunk{i};".encode() for i in range(1000)))


def bomb(req: HttpRequest) -> HttpResponse:
    return HttpResponse(headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body=BOMB)


endless_closed = threading.Event()


def endless(req: HttpRequest) -> HttpResponse:
    def chunks():
        try:
            while True:
                yield b"x" * 65536
        finally:
            endless_closed.set()

    return HttpResponse(headers=[("Content-Type", "application/octet-stream")], body=chunks())


def tarpit(req: HttpRequest) -> HttpResponse:
    return HttpResponse(body=b"late", delay=30)


def broken(req: HttpRequest) -> HttpResponse:
    raise RuntimeError("handler bug")


def make_world() -> World:
    hosts = [
        Host("fake-mem.cn", a=[LIVE_IP], ns=["ns1.dnsowl.com", "ns2.dnsowl.com"], mx=[(10, "mx.fake-mem.cn")],
             txt=["v=spf1 -all", "x" * 300], handler=echo, https=True),
        Host("www.fake-mem.cn", a=[LIVE_IP], handler=echo, https=True),
        Host("wild.cn", a=[OTHER_IP], handler=echo, wildcard=True, https=True),
        Host("big.example.com", a=[OTHER_IP], handler=streamed),
        Host("endless.example.com", a=[OTHER_IP], handler=endless),
        Host("bomb.example.com", a=[OTHER_IP], handler=bomb),
        Host("slow.example.com", a=[OTHER_IP], handler=tarpit),
        Host("broken.example.com", a=[OTHER_IP], handler=broken),
        Host("down.example.com", a=[DOWN_IP], handler=None),
        Host("example.com", ns=["a.iana-servers.net"]),
        Host("bigtxt.example.com", txt=["y" * 700]),
        Host("xn--fiq228c.cn", a=[LIVE_IP], handler=echo),
    ]
    return World(seed=1, hosts={h.name: h for h in hosts},
                 whois_records={"fake-mem.cn": "Domain Name: fake-mem.cn\nRegistrar: 示例注册商\n",
                                "example.com": "Domain Name: EXAMPLE.COM\r\nRegistrar: RESERVED\r\n",
                                "xn--fiq228c.cn": "Domain Name: xn--fiq228c.cn\n"},
                 known_sites=[], photo_targets=[], listen_ips=[LIVE_IP, OTHER_IP])


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    sandbox = Sandbox(make_world(), state_dir=tmp_path_factory.mktemp("sandbox"))
    with sandbox:
        yield sandbox


# ---- DNS -----------------------------------------------------------------------------------
def ask(box, name, rdtype, tcp=False):
    q = dns.message.make_query(name, rdtype)
    send = dns.query.tcp if tcp else dns.query.udp
    return send(q, "127.0.0.1", port=box.dns_port, timeout=3)


def answers(response):
    return sorted(rd.to_text() for rrset in response.answer for rd in rrset)


def test_dns_a_ns_mx_txt(box):
    r = ask(box, "fake-mem.cn", "A")
    assert r.rcode() == dns.rcode.NOERROR and r.flags & dns.flags.AA
    assert answers(r) == [LIVE_IP]
    assert r.answer[0].ttl == 60
    assert answers(ask(box, "fake-mem.cn", "NS")) == ["ns1.dnsowl.com.", "ns2.dnsowl.com."]
    assert answers(ask(box, "fake-mem.cn", "MX")) == ["10 mx.fake-mem.cn."]
    txt = ask(box, "fake-mem.cn", "TXT", tcp=True)
    values = sorted(b"".join(rd.strings).decode() for rrset in txt.answer for rd in rrset)
    assert values == ["v=spf1 -all", "x" * 300]


def test_dns_nodata_and_nxdomain(box):
    aaaa = ask(box, "fake-mem.cn", "AAAA")
    assert aaaa.rcode() == dns.rcode.NOERROR and aaaa.answer == []
    nx = ask(box, "no-such-name.cn", "A")
    assert nx.rcode() == dns.rcode.NXDOMAIN and nx.answer == []
    assert nx.authority[0].rdtype == dns.rdatatype.SOA
    soa = ask(box, "fake-mem.cn", "SOA")
    assert soa.answer[0][0].mname.to_text() == "ns1.dnsowl.com."


def test_dns_any_gives_a_records_only(box):
    # Twisted's getHostByName (the crawl's resolver) asks ANY and follows NS "referrals" to port 53.
    assert answers(ask(box, "fake-mem.cn", "ANY")) == [LIVE_IP]
    ns_only = ask(box, "example.com", "ANY")
    assert ns_only.rcode() == dns.rcode.NOERROR and ns_only.answer == []
    assert all(rrset.rdtype == dns.rdatatype.SOA for rrset in ns_only.authority)


def test_dns_wildcard_and_case(box):
    r = ask(box, "anything.deep.WILD.cn", "A")
    assert r.answer[0].name.to_text() == "anything.deep.WILD.cn."  # owner echoes the query
    assert answers(r) == [OTHER_IP]
    assert ask(box, "wild.cn.evil", "A").rcode() == dns.rcode.NXDOMAIN


def test_dns_truncates_big_udp_answer(box):
    q = dns.message.make_query("bigtxt.example.com", "TXT", use_edns=False)
    r = dns.query.udp(q, "127.0.0.1", port=box.dns_port, timeout=3, ignore_trailing=True,
                      raise_on_truncation=False)
    assert r.flags & dns.flags.TC and r.answer == []
    full = ask(box, "bigtxt.example.com", "TXT", tcp=True)
    assert b"".join(full.answer[0][0].strings) == b"y" * 700


def test_dns_survives_garbage(box):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.3)
        for junk in (b"", b"\x00", b"\xff" * 40, dns.message.make_query("a.cn", "A").to_wire()[:15]):
            s.sendto(junk, ("127.0.0.1", box.dns_port))
        with pytest.raises(socket.timeout):
            s.recvfrom(4096)  # dropped, not answered
    assert answers(ask(box, "fake-mem.cn", "A")) == [LIVE_IP]


# ---- HTTP ----------------------------------------------------------------------------------
def get(box, host, path="/", ip="127.0.0.1", method="GET", body=None, headers=None, timeout=5):
    conn = http.client.HTTPConnection(ip, box.http_port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        resp = conn.getresponse()
        return resp, resp.read()
    finally:
        conn.close()


def test_http_vhost_routing(box):
    resp, data = get(box, "FAKE-MEM.cn:80", "/verify?no=T123&x=%E5%90%8D",
                     headers={"User-Agent": "MicroMessenger"})
    assert resp.status == 200
    assert resp.getheader("Content-Type") == "application/json"
    assert resp.getheader("Server") == "nginx"
    assert resp.msg.get_all("Set-Cookie") == ["a=1", "b=2"]
    got = json.loads(data)
    assert got["host"] == "fake-mem.cn" and got["scheme"] == "http" and got["path"] == "/verify"
    assert got["query"] == "no=T123&x=%E5%90%8D" and got["params"]["x"] == "名"
    assert got["ua"] == "MicroMessenger"
    resp, data = get(box, "www.fake-mem.cn", ip=LIVE_IP)
    assert json.loads(data)["host"] == "www.fake-mem.cn"


def test_http_post_form(box):
    resp, data = get(box, "fake-mem.cn", "/q", method="POST", body="name=%E5%BC%A0&id=1",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert json.loads(data)["params"] == {"name": "张", "id": "1"}
    assert seen[-1].body == b"name=%E5%BC%A0&id=1" and seen[-1].method == "POST"


def test_http_unknown_host_and_handler_error(box):
    resp, data = get(box, "nowhere.cn")
    assert resp.status == 404 and "no such site" in data.decode()
    resp, _ = get(box, "broken.example.com")
    assert resp.status == 500


def test_http_streamed_body_is_chunked(box):
    resp, data = get(box, "big.example.com", ip=OTHER_IP)
    assert resp.getheader("Transfer-Encoding") == "chunked"
    assert data == b"".join(f"chunk{i};".encode() for i in range(1000))
    resp, data = get(box, "big.example.com", method="HEAD")
    assert resp.status == 200 and data == b""


def test_http_endless_body_stops_when_client_leaves(box):
    with socket.create_connection(("127.0.0.1", box.http_port), timeout=3) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: endless.example.com\r\n\r\n")
        got = 0
        while got < 1_000_000:
            got += len(s.recv(65536))
    assert endless_closed.wait(5)  # the generator was closed, not left running
    resp, _ = get(box, "fake-mem.cn")
    assert resp.status == 200


def test_http_gzip_body_sent_verbatim(box):
    resp, data = get(box, "bomb.example.com", headers={"Accept-Encoding": "gzip"})
    assert resp.getheader("Content-Encoding") == "gzip"
    assert data == BOMB and int(resp.getheader("Content-Length")) == len(BOMB)


def test_http_tarpit_does_not_block_others(box):
    def slow():
        with pytest.raises(socket.timeout):
            get(box, "slow.example.com", timeout=0.8)

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.2)
    resp, _ = get(box, "fake-mem.cn", timeout=1)  # answered while the tarpit still holds its client
    assert resp.status == 200
    assert t.is_alive()
    t.join()


def test_down_ip_refuses_connection(box):
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((DOWN_IP, box.http_port), timeout=2)


# ---- HTTPS ---------------------------------------------------------------------------------
def tls_get(box, host, sni=None, ip=LIVE_IP):
    ctx = ssl.create_default_context(cafile=str(box.ca_cert))
    with socket.create_connection((ip, box.https_port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname=sni or host) as s:
            s.sendall(f"GET /x HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
            cert = s.getpeercert()
    return b"".join(chunks), cert


def test_https_sni_verified_against_ca(box):
    data, cert = tls_get(box, "fake-mem.cn")
    assert data.startswith(b"HTTP/1.1 200")
    assert json.loads(data.split(b"\r\n\r\n", 1)[1])["scheme"] == "https"
    assert ("DNS", "fake-mem.cn") in cert["subjectAltName"]
    data, _ = tls_get(box, "a.wild.cn", ip=OTHER_IP)  # covered by *.wild.cn
    assert b'"host": "a.wild.cn"' in data
    data, _ = tls_get(box, "x.y.wild.cn", ip=OTHER_IP)  # deeper than the wildcard: own certificate
    assert data.startswith(b"HTTP/1.1 200")


def test_https_refused_for_http_only_host(box):
    with pytest.raises(ssl.SSLError):
        tls_get(box, "big.example.com")


def test_ca_reused_on_restart(box, tmp_path):
    state = tmp_path / "s"
    with Sandbox(make_world(), state_dir=state) as first:
        pem = first.ca_cert.read_bytes()
    with Sandbox(make_world(), state_dir=state) as second:
        assert second.ca_cert.read_bytes() == pem


# ---- WHOIS ---------------------------------------------------------------------------------
def whois(box, query: bytes) -> str:
    with socket.create_connection(("127.0.0.1", box.whois_port), timeout=3) as s:
        s.sendall(query)
        out = b""
        while chunk := s.recv(4096):
            out += chunk
    return out.decode("utf-8")


def test_whois_records(box):
    text = whois(box, b"FAKE-MEM.CN\r\n")
    assert text == "Domain Name: fake-mem.cn\r\nRegistrar: 示例注册商\r\n"
    assert whois(box, b"www.fake-mem.cn\r\n") == text  # subdomain -> registered domain
    assert whois(box, "中文.cn\r\n".encode()).startswith("Domain Name: xn--fiq228c.cn")
    assert whois(box, b"=example.com\r\n").startswith("Domain Name: EXAMPLE.COM\r\n")


def test_whois_not_found(box):
    assert whois(box, b"nothing-here.cn\r\n") == "No matching record.\r\n"
    assert whois(box, b"nothing-here.com\r\n") == 'No match for "NOTHING-HERE.COM".\r\n'


def test_whois_parsed_by_python_whois(box):
    from whois.parser import WhoisEntry
    from whois.exceptions import WhoisDomainNotFoundError

    with pytest.raises(WhoisDomainNotFoundError):
        WhoisEntry.load("nothing-here.cn", whois(box, b"nothing-here.cn\r\n"))


# ---- runner --------------------------------------------------------------------------------
def test_network_file(box, tmp_path):
    net = json.loads(box.write_network_file(tmp_path / "n" / "network.json").read_text())
    assert net == {"nameserver": f"127.0.0.1:{box.dns_port}", "whois_server": f"127.0.0.1:{box.whois_port}",
                   "port_map": {"80": box.http_port, "443": box.https_port},
                   "allow_net": ["127.0.0.0/8"], "ca_cert": str(box.ca_cert)}


def test_stop_frees_ports_and_thread(tmp_path):
    sandbox = Sandbox(make_world(), state_dir=tmp_path)
    sandbox.start()
    ports = (sandbox.http_port, sandbox.https_port, sandbox.whois_port, sandbox.dns_port)
    with socket.create_connection((LIVE_IP, sandbox.http_port), timeout=2):
        pass  # an idle keep-alive client must not hold up the stop
    slow = socket.create_connection(("127.0.0.1", sandbox.http_port), timeout=2)
    slow.sendall(b"GET / HTTP/1.1\r\nHost: slow.example.com\r\n\r\n")
    time.sleep(0.1)
    thread = sandbox._thread
    sandbox.stop()
    slow.close()
    assert not thread.is_alive() and not sandbox.running
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((LIVE_IP, ports[0]), timeout=2)
    # Every port can be bound again right away.
    for port in ports[:3]:
        bind_group([("127.0.0.1", socket.SOCK_STREAM)], port)[0].close()
    bind_group([("127.0.0.1", socket.SOCK_DGRAM)], ports[3])[0].close()
    sandbox.stop()  # twice is harmless


def test_port_in_use_is_a_clear_error(box, tmp_path):
    with pytest.raises(SandboxError, match=str(box.whois_port)):
        Sandbox(make_world(), whois_port=box.whois_port, state_dir=tmp_path).start()
    with pytest.raises(SandboxError, match="127.0.0.0/8"):
        Sandbox(make_world(), host="10.0.0.1")


def test_raw_tcp_dns(box):
    wire = dns.message.make_query("fake-mem.cn", "A").to_wire()
    with socket.create_connection(("127.0.0.1", box.dns_port), timeout=3) as s:
        for _ in range(2):  # two queries on one connection
            s.sendall(struct.pack("!H", len(wire)) + wire)
            (n,) = struct.unpack("!H", s.recv(2))
            buf = b""
            while len(buf) < n:
                buf += s.recv(n - len(buf))
            assert answers(dns.message.from_wire(buf)) == [LIVE_IP]


def test_run_foreground_until_sigterm(tmp_path):
    """``zhenwei sandbox up``'s loop in a real process: writes network.json, serves, stops on SIGTERM."""
    import os
    import signal
    import subprocess
    import sys

    script = (
        "from zhenwei.sandbox.model import Host, World\n"
        "from zhenwei.sandbox.runner import run_foreground\n"
        "w = World(seed=1, hosts={'a.cn': Host('a.cn', a=['127.0.0.1'])}, whois_records={},\n"
        "          known_sites=[], photo_targets=[], listen_ips=[])\n"
        f"run_foreground(w, {str(tmp_path)!r}, dns_port=0, http_port=0, https_port=0, whois_port=0)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=os.getcwd(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()  # the banner's first line is printed once everything listens
        assert "sandbox world is up" in first
        net = json.loads((tmp_path / "network.json").read_text())
        q = dns.message.make_query("a.cn", "A")
        host, port = net["nameserver"].split(":")
        assert answers(dns.query.udp(q, host, port=int(port), timeout=3)) == ["127.0.0.1"]
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "sandbox stopped" in out
