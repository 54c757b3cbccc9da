"""Pieces shared by every page of the sandbox world: responses, tiny images, static assets, the
government footer markers and certificate-record formatting.

Images are made here in pure Python (a PNG writer over ``zlib``): a stylised national emblem (国徽),
a passport-style photo placeholder, a red seal and the red 党政机关 badge. They are cached, so a page
costs a string template and nothing else.

Reads no settings.
"""

from __future__ import annotations

import html
import json
import math
import struct
import zlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable

from zhenwei.sandbox.kits.styles import stylesheet
from zhenwei.sandbox.model import HttpRequest, HttpResponse
from zhenwei.sandbox.people import CertRecord


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


# -- responses -------------------------------------------------------------------------------------
def page(body: str, status: int = 200, charset: str = "utf-8", header_charset: bool = True,
         headers: Iterable[tuple[str, str]] = (), ctype: str = "text/html") -> HttpResponse:
    """An HTML (or other text) response whose body is really encoded in ``charset``."""
    data = body.encode(charset, "xmlcharrefreplace")
    label = {"utf-8": "utf-8", "gbk": "GBK", "gb2312": "gb2312", "gb18030": "GB18030"}.get(charset.lower(), charset)
    value = f"{ctype}; charset={label}" if header_charset else ctype
    return HttpResponse(status=status, headers=[("Content-Type", value), *headers], body=data)


def json_response(obj: object, status: int = 200, headers: Iterable[tuple[str, str]] = (),
                  ctype: str = "application/json;charset=UTF-8") -> HttpResponse:
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return HttpResponse(status=status, headers=[("Content-Type", ctype), *headers], body=data)


def redirect(location: str, status: int = 302, headers: Iterable[tuple[str, str]] = ()) -> HttpResponse:
    body = (f"<html>\r\n<head><title>{status} Found</title></head>\r\n<body>\r\n<center><h1>{status} "
            f"{'Moved Permanently' if status == 301 else 'Found'}</h1></center>\r\n<hr><center>nginx</center>\r\n"
            "</body>\r\n</html>\r\n")
    return HttpResponse(status=status, headers=[("Location", location), ("Content-Type", "text/html"), *headers],
                        body=body.encode())


_REASONS = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Temporarily Unavailable"}


def nginx_error(status: int = 404, server: str = "nginx") -> HttpResponse:
    """The stock nginx error page, byte for byte as nginx sends it."""
    title = f"{status} {_REASONS.get(status, 'Error')}"
    body = (f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n"
            f"<hr><center>{server}</center>\r\n</body>\r\n</html>\r\n")
    return HttpResponse(status=status, headers=[("Content-Type", "text/html"), ("Server", server)],
                        body=body.encode())


def image_response(data: bytes, ctype: str = "image/png") -> HttpResponse:
    return HttpResponse(headers=[("Content-Type", ctype), ("Cache-Control", "max-age=2592000")], body=data)


def is_wechat(ua: str) -> bool:
    return "micromessenger" in (ua or "").lower()


def is_mobile(ua: str) -> bool:
    ua = (ua or "").lower()
    return is_wechat(ua) or ("mobile" in ua and any(t in ua for t in ("android", "iphone", "ipad", "harmony")))


def first_param(req: HttpRequest, *names: str) -> str:
    """The first non-empty value among ``names`` (query string and form merged), stripped."""
    params = req.params()
    for name in names:
        value = params.get(name, "").strip()
        if value:
            return value
    return ""


# -- dates and records -----------------------------------------------------------------------------
def fmt_date(d: date | None, style: str = "iso") -> str:
    if d is None:
        return ""
    if style == "cn":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if style == "dot":
        return f"{d:%Y.%m.%d}"
    if style == "slash":
        return f"{d:%Y/%m/%d}"
    if style == "compact":
        return f"{d:%Y%m%d}"
    return d.isoformat()


def record_values(rec: CertRecord, style: str = "iso", sep: str = "至") -> dict[str, str]:
    """The record's fields formatted for display, under neutral keys that kits label as they like."""
    return {
        "name": rec.name, "sex": rec.sex, "number": rec.number, "id": rec.id_number,
        "id_masked": rec.id_number[:6] + "********" + rec.id_number[14:],
        "category": rec.category, "item": rec.item, "first": fmt_date(rec.first_issued, style),
        "from": fmt_date(rec.valid_from, style), "until": fmt_date(rec.valid_until, style),
        "validity": f"{fmt_date(rec.valid_from, style)}{sep}{fmt_date(rec.valid_until, style)}",
        "review_due": fmt_date(rec.review_due, style), "reviewed": fmt_date(rec.reviewed, style) or "—",
        "issuer": rec.issuer, "status": rec.status, "photo": rec.photo_key,
    }


# -- government site identity and footer -----------------------------------------------------------
@dataclass(frozen=True)
class GovIdentity:
    """What a government site prints about itself (the markers fakes copy, forge or leave out)."""

    site_name: str  # 中华人民共和国应急管理部
    domain: str  # www.mem.gov.cn
    site_id: str  # 网站标识码: bm + 8 digits (central) or 10 digits (local)
    conac_id: str  # 32 hex: the id in bszs.conac.cn/sitename?method=show&id=...
    conac_js: str  # path of the dcs.conac.cn script
    icp: str  # 京ICP备05070218号
    psb: str  # 公网安备 record number (digits)
    psb_prefix: str  # 京
    address: str = ""
    postcode: str = ""
    phone: str = ""


MEM = GovIdentity(
    site_name="中华人民共和国应急管理部", domain="www.mem.gov.cn", site_id="bm34000001",
    conac_id="5D3C8E2A9F1B4706A2E8C1D5B3F7094E", conac_js="/js/33/000/0000/40672049/CA330000000406720490001.js",
    icp="京ICP备05070218号", psb="11010202000001", psb_prefix="京",
    address="北京市东城区和平里北街21号", postcode="100713", phone="010-64463000",
)

MOHURD = GovIdentity(
    site_name="中华人民共和国住房和城乡建设部", domain="www.mohurd.gov.cn", site_id="bm24000003",
    conac_id="A41F0C9E7B3D52864E1A9C0B7D3F2E58", conac_js="/js/24/000/0000/40672210/CA240000000406722100001.js",
    icp="京ICP备05006462号", psb="11010202000012", psb_prefix="京",
    address="北京市海淀区三里河路9号", postcode="100835", phone="010-58933114",
)


def gov_meta(ident: GovIdentity, column: str = "首页", site_id: str | None = None) -> str:
    """The <meta> block Chinese government CMS pages carry (``site_id`` overrides the SiteIDCode)."""
    return (f'<meta name="SiteName" content="{esc(ident.site_name)}">\n'
            f'<meta name="SiteDomain" content="{esc(ident.domain)}">\n'
            f'<meta name="SiteIDCode" content="{esc(site_id or ident.site_id)}">\n'
            f'<meta name="ColumnName" content="{esc(column)}">\n')


def conac_badge(ident: GovIdentity, href: str | None = None, script: bool = True) -> str:
    """The red 党政机关 badge: the dcs.conac.cn script and the link it writes (``href`` forges it)."""
    link = href or f"https://bszs.conac.cn/sitename?method=show&id={ident.conac_id}"
    js = (f'<script type="text/javascript" src="https://dcs.conac.cn{ident.conac_js}"></script>' if script else "")
    return (f'<span id="_ideConac">{js}<a href="{esc(link)}" target="_blank">'
            f'<img id="imgConac" vspace="0" hspace="0" border="0" src="https://dcs.conac.cn/image/red.png" '
            f'data-bd-imgshare-binded="1" alt="党政机关"></a></span>')


def jiucuo(site_id: str) -> str:
    """The 政府网站找错 script every government page includes, carrying the site code again."""
    return (f'<script id="_jiucuo_" sitecode="{esc(site_id)}" '
            'src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>')


def psb_link(ident: GovIdentity, linked: bool = True) -> str:
    text = f'<img src="/images/gongan.png" alt="">{ident.psb_prefix}公网安备 {ident.psb}号'
    if not linked:
        return text
    return (f'<a target="_blank" href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={ident.psb}">'
            f'{text}</a>')


def mem_footer(ident: GovIdentity = MEM) -> str:
    """The ministry portal's footer, as the official site and its verbatim copies print it."""
    return f"""<div class="footer">
  <div class="footer-links"><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/yssm/">隐私声明</a></div>
  <div class="footer-con">
    <div class="footer-left">{conac_badge(ident)}</div>
    <div class="footer-mid">
      <p>主办单位：{esc(ident.site_name)}　　版权所有：{esc(ident.site_name)}</p>
      <p>网站标识码{esc(ident.site_id)}　<a href="https://beian.miit.gov.cn/" target="_blank">{esc(ident.icp)}</a>　{psb_link(ident)}</p>
      <p>地址：{esc(ident.address)}　邮编：{esc(ident.postcode)}　总机：{esc(ident.phone)}</p>
    </div>
    <div class="footer-right"><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={esc(ident.site_id)}&url=https%3A%2F%2F{esc(ident.domain)}%2F" target="_blank"><img src="/images/jiucuo.png" alt="政府网站找错"></a></div>
  </div>
</div>
{jiucuo(ident.site_id)}"""


# -- images ----------------------------------------------------------------------------------------
def png_rgb(width: int, height: int, pixel) -> bytes:
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
            + chunk(b"IEND", b""))


def _in_star(x: float, y: float, cx: float, cy: float, r: float) -> bool:
    """Is (x, y) inside a five-pointed star of outer radius r centred on (cx, cy)?"""
    dx, dy = x - cx, cy - y
    d = math.hypot(dx, dy)
    if d > r:
        return False
    ang = (math.atan2(dy, dx) - math.pi / 2) % (2 * math.pi / 5)
    ang = abs(ang - math.pi / 5)
    inner = r * 0.382
    # Radius of the star outline at this angle, interpolated between the inner and outer vertices.
    edge = inner + (r - inner) * (ang / (math.pi / 5)) ** 1.6
    return d <= edge


@lru_cache(maxsize=1)
def emblem_png() -> bytes:
    """A stylised national emblem: red disc, gold rim, one large and four small gold stars."""
    size, c = 96, 47.5
    gold, red, white = (240, 200, 40), (200, 16, 26), (255, 255, 255)
    stars = [(c, 30, 12)] + [(c + 24 * math.cos(a), 30 - 20 * math.sin(a) + 8, 4.5)
                            for a in (math.radians(150), math.radians(120), math.radians(60), math.radians(30))]

    def pixel(x, y):
        d = math.hypot(x - c, y - c)
        if d > 47:
            return white
        if d > 42:
            return gold
        if any(_in_star(x, y, sx, sy, r) for sx, sy, r in stars):
            return gold
        if 52 < y < 70 and abs(x - c) < 26 and (y - 52) % 6 < 2:
            return gold  # the gate, as a few gold bars
        return red
    return png_rgb(size, size, pixel)


@lru_cache(maxsize=8)
def photo_png(variant: int = 0) -> bytes:
    """A 90x120 ID-photo placeholder (blue or white background, grey head and shoulders)."""
    bg = [(67, 142, 219), (255, 255, 255), (200, 30, 40), (90, 160, 230)][variant % 4]

    def pixel(x, y):
        if math.hypot((x - 45) / 20, (y - 48) / 25) <= 1:
            return (236, 200, 170)
        if y > 80 and abs(x - 45) < (y - 70) * 1.5:
            return (40, 40, 48)
        if math.hypot((x - 45) / 23, (y - 36) / 22) <= 1 and y < 40:
            return (30, 25, 25)
        return bg
    return png_rgb(90, 120, pixel)


@lru_cache(maxsize=1)
def seal_png() -> bytes:
    """A red official seal (ring and star) for electronic-certificate kits."""
    def pixel(x, y):
        d = math.hypot(x - 60, y - 60)
        if 52 <= d <= 58 or _in_star(x, y, 60, 60, 18):
            return (220, 20, 30)
        return (255, 255, 255)
    return png_rgb(120, 120, pixel)


@lru_cache(maxsize=1)
def badge_png() -> bytes:
    """The red 党政机关 badge shape (a red rectangle with a white band)."""
    return png_rgb(110, 55, lambda x, y: (255, 255, 255) if 20 <= y <= 34 and 10 <= x <= 100 else (206, 17, 38))


@lru_cache(maxsize=8)
def banner_png(variant: int = 0) -> bytes:
    """A header banner gradient (blue, red or green) used as logo/background art."""
    base = [(18, 80, 160), (180, 20, 30), (20, 120, 90), (30, 60, 110)][variant % 4]
    return png_rgb(240, 60, lambda x, y: tuple(min(255, v + (x * 40) // 240 + y // 3) for v in base))


GIF_1X1 = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")

_CSS = "/* {name} */\nbody{{margin:0;font:14px/1.6 \"Microsoft YaHei\",SimSun,sans-serif;color:#333}}\n" \
       ".clearfix:after{{content:'';display:block;clear:both}}a{{color:#333;text-decoration:none}}\n"
_JS_BANNERS = (
    ("jquery", "/*! jQuery v1.8.3 jquery.com | jquery.org/license */\n"),
    ("zepto", "/* Zepto v1.2.0 - zepto event ajax form ie - zeptojs.com/license */\n"),
    ("vue", "/*!\n * Vue.js v2.6.14\n * (c) 2014-2021 Evan You\n * Released under the MIT License.\n */\n"),
    ("axios", "/* axios v0.21.1 | (c) 2020 by Matt Zabriskie */\n"),
    ("layui", "/** layui-v2.6.8 MIT License */\n"),
    ("bootstrap", "/*!\n * Bootstrap v3.3.7 (http://getbootstrap.com)\n */\n"),
    ("conac", "document.write(unescape(\"%3Cspan id='_ideConac' %3E%3C/span%3E\"));\n"),
)


def static_asset(path: str, photo_variant: int = 0) -> HttpResponse | None:
    """A plausible response for a page's CSS, script or image request; None for anything else."""
    low = path.lower().rsplit("?", 1)[0]
    name = low.rsplit("/", 1)[-1]
    if low.endswith(".css"):
        return page(stylesheet(low) or _CSS.format(name=name), ctype="text/css")
    if low.endswith(".js"):
        banner = next((b for key, b in _JS_BANNERS if key in name), f"/* {name} */\n")
        return page(banner + "!function(){\"use strict\"}();\n", ctype="application/javascript")
    if low.endswith((".png", ".jpg", ".jpeg", ".gif", ".ico", ".bmp")):
        if low.endswith(".gif") and any(k in name for k in ("spacer", "blank", "dot", "pixel")):
            return image_response(GIF_1X1, "image/gif")
        if any(k in name for k in ("guohui", "gh.", "emblem", "national")):
            return image_response(emblem_png())
        if any(k in low for k in ("/zp", "photo", "upload", "avatar", "/tx")):
            return image_response(photo_png(photo_variant))
        if any(k in name for k in ("seal", "yz", "zhang", "stamp")):
            return image_response(seal_png())
        if any(k in name for k in ("dzjg", "red", "conac", "badge")):
            return image_response(badge_png())
        return image_response(banner_png(len(name) % 4))
    return None


# -- the ministry portal's page chrome (the official site uses it; copying kits copy it) -----------
MEM_NAV = (("首页", "https://www.mem.gov.cn/"), ("机构", "https://www.mem.gov.cn/jg/"),
           ("新闻", "https://www.mem.gov.cn/xw/"), ("政务公开", "https://www.mem.gov.cn/gk/"),
           ("政务服务", "https://www.mem.gov.cn/fw/"), ("应急管理", "https://www.mem.gov.cn/yjgl/"),
           ("安全生产", "https://www.mem.gov.cn/aqsc/"), ("防灾减灾", "https://www.mem.gov.cn/fzjz/"),
           ("互动", "https://www.mem.gov.cn/hd/"), ("专题", "https://www.mem.gov.cn/zt/"))


def mem_head(title: str, column: str = "首页", site_id: str | None = None, extra: str = "") -> str:
    """<!DOCTYPE> to </head> of a ministry portal page."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="renderer" content="webkit">
{gov_meta(MEM, column, site_id)}<meta name="keywords" content="应急管理部,应急管理,安全生产,防灾减灾,应急救援">
<meta name="description" content="中华人民共和国应急管理部门户网站">
<title>{esc(title)}</title>
<link rel="stylesheet" type="text/css" href="/images/common.css">
<link rel="stylesheet" type="text/css" href="/images/index.css">
<script type="text/javascript" src="/images/jquery-1.12.4.min.js"></script>
{extra}</head>"""


def mem_header(active: str = "首页", relative: bool = False) -> str:
    """Top bar, logo, search box and the blue navigation bar of the ministry portal."""
    items = []
    for label, url in MEM_NAV:
        href = url.replace("https://www.mem.gov.cn", "") or "/" if relative else url
        cls = ' class="on"' if label == active else ""
        items.append(f'<li{cls}><a href="{href}">{label}</a></li>')
    return f"""<div class="topbar"><div class="w1200 clearfix">
  <span class="date" id="today"></span><script>var d=new Date();document.getElementById("today").innerHTML=d.getFullYear()+"年"+(d.getMonth()+1)+"月"+d.getDate()+"日";</script>
  <div class="topbar-r"><a href="/wza/">无障碍</a> | <a href="/zz/">长者模式</a> | <a href="https://english.mem.gov.cn/">English</a> | <a href="/wb/">微博</a> | <a href="/wx/">微信</a></div>
</div></div>
<div class="header"><div class="w1200 clearfix">
  <a class="logo" href="/"><img src="/images/logo.png" alt="中华人民共和国应急管理部"></a>
  <div class="search"><form action="/search/" method="get" name="searchform" target="_blank">
    <input type="text" name="searchword" class="search-input" placeholder="请输入关键词"><input type="submit" class="search-btn" value="搜索">
  </form></div>
</div></div>
<div class="nav"><ul class="w1200 clearfix">{''.join(items)}</ul></div>"""
