"""Hard negatives of the sandbox world, part 2: private certificate look-ups, parked domains and
unrelated sites.

A company's own 员工证书查询 or an association's 证书查询 has a form, a certificate number and a
validity date, like a fake, but it names its own organisation, has its own ICP number and issues its
own certificates. Parked pages (for sale, several styles) are also what a fake domain turns into
after it expires, so :func:`parked_page` is shared with :mod:`takendown`. Unrelated sites include
query forms about other things (parcels, weather).

Reads no settings.
"""

from __future__ import annotations

import random

from zhenwei.sandbox.kits.common import esc, first_param, json_response, nginx_error, page, static_asset
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse
from zhenwei.sandbox.negatives import Negative, single_page
from zhenwei.sandbox.people import synthetic_name

PARKING_ZONE = "parkingzone.net"  # the parking provider's own domain, a wildcard zone


# -- private look-ups ------------------------------------------------------------------------------
def _company_records(seed: str, prefix: str, n: int, kinds: tuple[str, ...]) -> dict[str, tuple[str, str, str]]:
    rng = random.Random(seed)
    out = {}
    for i in range(n):
        out[f"{prefix}{2020 + i % 4}{i + 101:04d}"] = (synthetic_name(rng, rng.random() < 0.8), rng.choice(kinds),
                                                       f"{2024 + i % 3}-12-31")
    return out


def company_hr() -> Handler:
    """华建宏远工程有限公司's internal 员工证书查询 (工号 + 姓名, GET)."""
    records = _company_records("hr-huajian", "HJHY-", 30, ("内部安全培训合格证", "班组长安全管理培训证", "消防安全培训证"))
    by_gh = {f"{1000 + i}": (no, rec) for i, (no, rec) in enumerate(records.items())}

    def shell(inner: str) -> str:
        return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>员工证书查询 - 华建宏远工程有限公司</title><link rel="stylesheet" href="/css/hr.css"></head>
<body><div class="hd"><img src="/images/hjhy_logo.png" alt="华建宏远"><b>华建宏远工程有限公司 · 人力资源服务平台</b></div>
<div class="bd"><h2>员工证书查询</h2>
<form action="/cert/search" method="get"><label>工号 <input name="gh"></label> <label>姓名 <input name="xm"></label> <button>查询</button></form>
{inner}
<p class="note">说明：本系统仅查询本公司内部培训证书。国家特种作业操作证请到应急管理部官网 cx.mem.gov.cn 查询。</p></div>
<div class="ft">© 华建宏远工程有限公司　<a href="https://beian.miit.gov.cn/">京ICP备17065532号-1</a></div></body></html>"""

    def handle(req: HttpRequest) -> HttpResponse:
        if req.path in ("/", "/cert/", "/index.html"):
            return page(shell(""))
        if req.path == "/cert/search":
            hit = by_gh.get(first_param(req, "gh"))
            if hit is None or first_param(req, "xm") not in ("", hit[1][0]):
                return page(shell('<p class="err">未找到该员工的证书记录</p>'))
            no, (name, kind, until) = hit
            return page(shell(f'<table class="res"><tr><th>姓名</th><td>{esc(name)}</td></tr><tr><th>证书编号</th><td>{no}</td></tr>'
                              f'<tr><th>证书名称</th><td>{kind}</td></tr><tr><th>有效期至</th><td>{until}</td></tr>'
                              f'<tr><th>发证单位</th><td>华建宏远工程有限公司安全部</td></tr></table>'))
        return static_asset(req.path) or nginx_error(404)
    return handle


def company_power() -> Handler:
    """宏远电力工程有限公司's 上岗证 look-up (certNo + name, POST, JSON answer rendered by jQuery)."""
    records = _company_records("hongyuan-dl", "HYDL", 24, ("电工上岗证（企业内部）", "安全员上岗证（企业内部）"))
    index = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>证书查询 | 宏远电力工程有限公司</title>
<script src="/static/js/jquery-3.6.0.min.js"></script></head>
<body><header><img src="/static/img/logo.png" alt="宏远电力"> 宏远电力工程有限公司</header>
<main><h1>企业上岗证书查询</h1><p>本页面用于查询宏远电力工程有限公司颁发的企业内部上岗证书，不代表任何政府部门。</p>
<form id="f"><label>证书编号<input name="certNo" id="certNo"></label><label>姓名<input name="name" id="name"></label>
<button type="button" id="q">查询</button></form><div id="r"></div></main>
<script>
$("#q").click(function () {
  $.post("/api/cert", { certNo: $("#certNo").val(), name: $("#name").val() }, function (d) {
    $("#r").text(d.ok ? (d.name + " " + d.kind + " 有效期至 " + d.until) : "查无此证书");
  }, "json");
});
</script>
<footer>宏远电力工程有限公司 版权所有 <a href="https://beian.miit.gov.cn/">冀ICP备19011247号</a></footer></body></html>"""

    def handle(req: HttpRequest) -> HttpResponse:
        if req.path in ("/", "/index.html"):
            return page(index)
        if req.path == "/api/cert":
            rec = records.get(first_param(req, "certNo"))
            if rec is None:
                return json_response({"ok": False})
            return json_response({"ok": True, "name": rec[0], "kind": rec[1], "until": rec[2]})
        return static_asset(req.path) or nginx_error(404)
    return handle


def association() -> Handler:
    """齐鲁焊接行业协会's 焊工技能等级证书查询 (GET zsbh), GBK like many association sites."""
    records = _company_records("qlhj", "QLHJ", 20, ("焊工技能等级证书（初级）", "焊工技能等级证书（中级）"))

    def body(inner: str) -> str:
        return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>齐鲁焊接行业协会--证书查询</title></head>
<body><table width="900" align="center"><tr><td><h2>齐鲁焊接行业协会</h2></td></tr>
<tr><td><form action="/zscx.php" method="get">证书编号：<input name="zsbh"> <input type="submit" value="查询"></form>{inner}
<p>注：本会证书为行业协会技能等级证书，不是应急管理部门核发的特种作业操作证。</p></td></tr>
<tr><td align="center">齐鲁焊接行业协会 鲁ICP备12034561号</td></tr></table></body></html>"""

    def handle(req: HttpRequest) -> HttpResponse:
        if req.path in ("/", "/index.php"):
            return page(body(""), charset="gbk")
        if req.path == "/zscx.php":
            rec = records.get(first_param(req, "zsbh"))
            inner = (f"<p>持证人：{esc(rec[0])}　证书：{rec[1]}　有效期至：{rec[2]}</p>" if rec else "<p>没有找到该证书</p>")
            return page(body(inner), charset="gbk")
        return static_asset(req.path) or nginx_error(404)
    return handle


# -- parked ----------------------------------------------------------------------------------------
PARKED_STYLES = ("cn_sale", "en_lander", "registrar_hold")


def parked_page(domain: str, style: str) -> str:
    """A for-sale / parking page for ``domain`` (see :data:`PARKED_STYLES`)."""
    d = esc(domain)
    if style == "cn_sale":
        price = 1000 + (sum(map(ord, domain)) % 40) * 250
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{d} 该域名正在出售</title></head>
<body style="font-family:sans-serif;background:#f4f6f9"><div style="max-width:720px;margin:60px auto;background:#fff;padding:30px">
<h1>{d}</h1><h2>该域名正在出售</h2><p>一口价：¥{price}　支持担保交易，安全快捷</p>
<p><a href="https://{PARKING_ZONE}/buy?d={d}">立即购买</a>　联系QQ：2851****</p>
<p style="color:#999">此域名已过期并被重新注册，与原网站无关。</p></div></body></html>"""
    if style == "en_lander":
        links = "".join(f'<li><a href="https://{PARKING_ZONE}/search?q={q}">{t}</a></li>'
                        for q, t in (("safety", "Safety Training"), ("cert", "Certificate Verification"),
                                     ("jobs", "Electrician Jobs")))
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{d}</title></head>
<body><div class="banner">This domain may be for sale! <a href="https://{PARKING_ZONE}/inquire?d={d}">Inquire now</a></div>
<h1>{d}</h1><h3>Related Links</h3><ul>{links}</ul><p class="disclaimer">Domain parking provided by {PARKING_ZONE}</p></body></html>"""
    if style == "registrar_hold":
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>域名停放 - {d}</title></head>
<body><center><h2>{d}</h2><p>此域名已过期，目前处于域名停放状态。</p><p>如需续费或购买，请联系您的域名注册商。</p></center></body></html>"""
    raise ValueError(f"parked style {style!r}: expected one of {PARKED_STYLES}")


def parked_handler(domain: str, style: str) -> Handler:
    body = parked_page(domain, style)

    def handle(req: HttpRequest) -> HttpResponse:
        if req.path.endswith((".png", ".js", ".css", ".ico")):
            return nginx_error(404)
        return page(body)
    return handle


def wildcard_parking() -> Handler:
    """The parking provider's own zone: ``*.parkingzone.net`` answers with a parked page for that name."""
    def handle(req: HttpRequest) -> HttpResponse:
        if req.host == PARKING_ZONE:
            return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>ParkingZone - domain parking</title></head>
<body><h1>ParkingZone</h1><p>Monetize your idle domains. Point your domain's NS to ns1.{PARKING_ZONE}.</p></body></html>""")
        return page(parked_page(req.host, "en_lander"))
    return handle


# -- unrelated -------------------------------------------------------------------------------------
def _noodles() -> str:
    return """<!DOCTYPE html><html><head><meta charset="utf-8"><title>老王面馆 - 三十年老字号</title></head>
<body><h1>老王面馆</h1><p>招牌：牛肉拉面、炸酱面、刀削面</p><p>地址：朝阳区某某路12号　电话：010-6543****</p>
<p>营业时间：10:00-22:00</p><footer>京ICP备20033445号</footer></body></html>"""


def _shop() -> str:
    return """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>小美服饰 - 原创女装</title>
<link rel="stylesheet" href="/static/shop.css"></head><body><header><b>小美服饰</b><nav><a href="/new">新品</a><a href="/sale">特价</a><a href="/cart">购物车</a></nav></header>
<ul class="goods"><li>法式碎花连衣裙 ¥199</li><li>高腰阔腿裤 ¥129</li><li>针织开衫 ¥159</li></ul>
<footer>© 小美服饰 浙ICP备19044521号-2</footer></body></html>"""


def parcel() -> Handler:
    """快递查询: a query form with a ``no`` field and a tracking result, about parcels."""
    def body(inner: str) -> str:
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>快递查询 - 查询100</title></head>
<body><h1>快递单号查询</h1><form action="/query" method="get">快递单号：<input name="no" placeholder="请输入快递单号"> <button>查询</button></form>
{inner}<p>支持顺丰、圆通、中通、韵达等快递公司。</p><footer>查询100 沪ICP备18012345号</footer></body></html>"""

    def handle(req: HttpRequest) -> HttpResponse:
        if req.path == "/query":
            no = first_param(req, "no")
            return page(body(f"<table><tr><td>{esc(no)}</td><td>已签收，签收人：前台</td></tr></table>" if no else ""))
        if req.path in ("/", "/index.html"):
            return page(body(""))
        return static_asset(req.path) or nginx_error(404)
    return handle


def _lab() -> str:
    return """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Robotics Lab 机器人实验室</title></head>
<body><h1>机器人与智能系统实验室</h1><p>研究方向：移动机器人导航、机械臂抓取、多机器人协同。</p>
<h2>Publications</h2><ol><li>Path planning in cluttered environments, 2022.</li><li>Grasp detection with depth images, 2023.</li></ol>
<p>联系我们：lab@hzrobotlab.cn</p></body></html>"""


def weather() -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        if req.path in ("/", "/index.html", "/cx"):
            city = first_param(req, "city") or "北京"
            return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(city)}天气查询 - 天气预报</title></head>
<body><form action="/cx">城市：<input name="city" value="{esc(city)}"><button>查询</button></form>
<p>{esc(city)}：晴 18~29℃ 南风3级</p><footer>天气查询网 粤ICP备16099887号</footer></body></html>""")
        return static_asset(req.path) or nginx_error(404)
    return handle


def negatives_part2() -> list[Negative]:
    return [
        Negative("hr.huajian-hongyuan.com", "company", company_hr(), "华建宏远工程有限公司", "京ICP备17065532号-1"),
        Negative("zs.hongyuandl.com", "company", company_power(), "宏远电力工程有限公司", "冀ICP备19011247号"),
        Negative("www.qlhjxh.org", "company", association(), "齐鲁焊接行业协会", "鲁ICP备12034561号"),
        Negative("tzzyzs.com", "parked", parked_handler("tzzyzs.com", "cn_sale"), "Domain Investor"),
        Negative("aqpx-cn.net", "parked", parked_handler("aqpx-cn.net", "en_lander"), "Domain Investor"),
        Negative("www.laowang-mianguan.com", "unrelated", single_page(_noodles()), "（个人）", "京ICP备20033445号"),
        Negative("shop.xiaomei-fushi.com", "unrelated", single_page(_shop()), "义乌小美服饰有限公司", "浙ICP备19044521号-2"),
        Negative("kuaidi.chaxun100.com", "unrelated", parcel(), "上海查询百网络科技有限公司", "沪ICP备18012345号"),
        Negative("www.hzrobotlab.cn", "unrelated", single_page(_lab()), "（个人）"),
        Negative("tianqi.tq-cx.com", "unrelated", weather(), "深圳天气通科技有限公司", "粤ICP备16099887号"),
    ]
