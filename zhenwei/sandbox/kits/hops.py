"""Hops in front of the kits: URL shorteners and jump pages (meta refresh / JavaScript).

Operators printed short links or throw-away "jump" domains on the cards so the kit's own domain
could change without reprinting: the QR code opens ``t.dwzn.cn/Ab3xK9`` (HTTP 301/302, sometimes via
a second shortener) or ``http://jump-domain/?no=T...``, whose page sends the phone on with a meta
refresh or a ``location`` assignment. These hosts are not kits (no back end, no record): they only
forward.

Reads no settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import esc, first_param, page, redirect, static_asset
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

SHORTENER_HOSTS = ("t.dwzn.cn", "u.surl9.top")
JUMP_KINDS = ("meta", "js", "js_timeout")


@dataclass
class Shortener:
    """A short-link service: code -> long URL, answered with ``status`` (301 or 302)."""

    host: str
    status: int = 302
    links: dict[str, str] = field(default_factory=dict)

    def add(self, code: str, target: str) -> str:
        if code in self.links and self.links[code] != target:
            raise ValueError(f"short code {code!r} on {self.host} already points elsewhere")
        self.links[code] = target
        return f"https://{self.host}/{code}"

    def handler(self) -> Handler:
        def handle(req: HttpRequest) -> HttpResponse:
            code = req.path.strip("/")
            if not code:
                return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>短网址生成 - 免费短链接服务</title></head>
<body><div style="max-width:640px;margin:80px auto;font-family:sans-serif;text-align:center">
<h1>{esc(self.host)}</h1><p>把长链接变短，支持微信、QQ内直接打开</p>
<form action="/api/create" method="post"><input name="url" size="50" placeholder="请输入要缩短的网址"> <button>生成短链接</button></form>
</div></body></html>""")
            target = self.links.get(code)
            if target is None:
                return static_asset(req.path) or page(
                    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>链接不存在</title></head>'
                    '<body><p style="text-align:center;margin-top:80px">该短链接不存在或已失效</p></body></html>',
                    status=404)
            return redirect(target, self.status)
        return handle


def jump_page(kind: str, target: str) -> str:
    """A throw-away page that forwards to ``target`` by ``kind`` (see :data:`JUMP_KINDS`)."""
    t = esc(target)
    if kind == "meta":
        return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="refresh" content="0; url={t}"><title>证书查询</title></head>
<body>如果页面没有自动跳转，请<a href="{t}">点击这里</a></body></html>"""
    if kind == "js":
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>特种作业操作证查询</title></head>
<body><script type="text/javascript">window.location.href = "{target}";</script></body></html>"""
    if kind == "js_timeout":
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>正在进入查询系统</title>
<style>.ld{{text-align:center;margin-top:100px;color:#666}}</style></head>
<body><div class="ld">正在进入查询系统，请稍候…</div>
<script>setTimeout(function () {{ location.replace("{target}"); }}, 300);</script></body></html>"""
    raise ValueError(f"jump kind {kind!r}: expected one of {JUMP_KINDS}")


def jump_handler(kind: str, site: FakeSite) -> Handler:
    """A jump domain forwarding ``/?no=T...`` to the same number on ``site``."""
    if kind not in JUMP_KINDS:
        raise ValueError(f"jump kind {kind!r}: expected one of {JUMP_KINDS}")

    def handle(req: HttpRequest) -> HttpResponse:
        number = first_param(req, "no", "zh", "id")
        target = site.qr_url(number) if number else site.base + "/"
        if req.path not in ("/", "/index.html", "/go.php"):
            return static_asset(req.path) or redirect(target, 302)
        return page(jump_page(kind, target))
    return handle


def jump_url(host: str, number: str) -> str:
    return f"http://{host}/?no={quote(number)}"
