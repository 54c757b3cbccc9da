"""Shared fixtures: a small hand-built world served by the real sandbox servers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from zhenwei.sandbox.model import Host, HttpResponse, World

HTML = [("Content-Type", "text/html; charset=utf-8")]

FAKE = """<html><head><title>中华人民共和国应急管理部 特种作业操作证查询</title>
<meta name="SiteIDCode" content="bm34000001"></head>
<body><div class="header"><h1>应急管理部 证书查询</h1></div>
<form action="/q" method="post"><label>证书编号</label><input name="certNo"><button>查询</button></form>
<div class="footer">主办单位：中华人民共和国应急管理部 网站标识码：bm34000002</div></body></html>"""
RESULT = """<html><head><title>应急管理部 查询结果</title></head><body><h1>应急管理部特种作业操作证查询</h1>
<table><tr><td>姓名</td><td>{name}</td></tr><tr><td>证号</td><td>{no}</td></tr>
<tr><td>作业类别</td><td>电工作业</td></tr><tr><td>有效期</td><td>2022-01-01至2028-01-01</td></tr></table>
<p>证书有效</p></body></html>"""
SCHOOL = """<html><head><title>安泰职业培训学校</title></head><body><h1>安泰职业培训学校</h1>
<p>特种作业操作证考试培训。证书真伪请到应急管理部官方网站 cx.mem.gov.cn 查询。</p>
<div class="footer">版权所有 安泰职业培训学校 京ICP备12345678号</div></body></html>"""


def _fake(req):
    if req.path == "/q":
        no = req.params().get("certNo", "")
        body = RESULT.format(name="王小明", no=no)
        return HttpResponse(200, HTML, body.encode())
    return HttpResponse(200, HTML, FAKE.encode())


def _gbk(req):
    body = RESULT.format(name="李建华", no="T110101198502031234").replace("utf-8", "gbk")
    return HttpResponse(200, [("Content-Type", "text/html; charset=gbk")], body.encode("gbk"))


def _cloak(req):
    if "MicroMessenger" in req.user_agent:
        return HttpResponse(200, HTML, FAKE.encode())
    return HttpResponse(200, HTML, "<html><head><title>欢迎</title></head><body>本站正在建设中，欢迎访问。</body></html>".encode())


def _huge(req):
    return HttpResponse(200, HTML, (b"<p>" + b"x" * 65536 for _ in range(200)))


_BOMB = gzip.compress(b"<html>" + b"\0" * (64 * 1024 * 1024))


def _slow(req):
    resp = _fake(req)
    resp.delay = 0.3
    return resp


def build_test_world() -> World:
    def h(name, ip="127.0.10.1", handler=None, **kw):
        return name, Host(name, a=[ip] if ip else [], handler=handler, **kw)

    hosts = dict([
        h("cx-mem-gov.cn", handler=_fake),
        h("meta-jump.top", handler=lambda r: HttpResponse(200, HTML, b'<html><head><meta http-equiv="refresh" content="0;url=http://cx-mem-gov.cn/verify?no=T110101199001011234"></head></html>')),
        h("js-jump.vip", handler=lambda r: HttpResponse(200, HTML, b"<html><script>window.location.href='http://gbk-card.xyz/c';</script></html>")),
        h("t.dwz9.cn", handler=lambda r: HttpResponse(302, [("Location", "http://meta-jump.top/")])),
        h("gbk-card.xyz", handler=_gbk),
        h("wx-only.icu", handler=_cloak),
        h("antai-peixun.com", handler=lambda r: HttpResponse(200, HTML, SCHOOL.encode())),
        h("gone404.cc", handler=lambda r: HttpResponse(404, HTML, b"<h1>404 Not Found</h1>")),
        h("refused.top", ip="127.0.66.6"),
        h("huge.xyz", handler=_huge),
        h("bomb.xyz", handler=lambda r: HttpResponse(200, HTML + [("Content-Encoding", "gzip")], _BOMB)),
        h("garbage.xyz", handler=lambda r: HttpResponse(200, HTML, bytes(range(256)) * 64)),
        h("loop.xyz", handler=lambda r: HttpResponse(302, [("Location", "http://loop.xyz/a" if r.path == "/" else "http://loop.xyz/")])),
        h("to-private.xyz", handler=lambda r: HttpResponse(302, [("Location", "http://10.20.30.40/admin")])),
        h("private-a.xyz", ip="10.20.30.40"),
        h("slow-fake.top", handler=_slow),
        h("metadata.xyz", ip="169.254.169.254"),
    ])
    whois = {"cx-mem-gov.cn": "Domain Name: cx-mem-gov.cn\r\nROID: 20230501s10001s00000001-cn\r\nDomain Status: ok\r\n"
             "Registrant: 张某\r\nSponsoring Registrar: 某某网络科技有限公司\r\nName Server: ns1.hostx.com\r\n"
             "Registration Time: 2023-05-01 10:00:00\r\nExpiration Time: 2024-05-01 10:00:00\r\n"}
    return World(seed=0, hosts=hosts, whois_records=whois, known_sites=[], photo_targets=[],
                 listen_ips=["127.0.10.1"])


def warc_payload_sha256(warc_file: str, offset: int) -> str:
    """SHA-256 of the payload of the response record at ``offset`` (asserts it is a response)."""
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    with open(warc_file, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_type == "response"
        return hashlib.sha256(record.content_stream().read()).hexdigest()


@pytest.fixture(scope="session")
def test_sandbox(tmp_path_factory):
    from zhenwei.sandbox.runner import Sandbox

    state = tmp_path_factory.mktemp("sandbox")
    with Sandbox(build_test_world(), state_dir=state) as box:
        net = Path(state) / "network.json"
        box.write_network_file(net)
        yield box, net
