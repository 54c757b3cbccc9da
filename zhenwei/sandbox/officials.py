"""Official sites of the sandbox world: the ministry portal, legacy hosts, provincial bureaus, the
housing ministry, and the registries that vouch for government sites (conac badge, MPS filing).

Every official site is served over HTTPS and HTTP, on its own IP, with the genuine-style markers:
主办单位, 网站标识码 (bm + 8 digits for central bodies, 10 digits for local ones) repeated in
``<meta name="SiteIDCode">`` and in the 找错 script, the dcs.conac.cn badge linking to
bszs.conac.cn/sitename?method=show&id=<32 hex>, the ICP number and the 公网安备 link. The look-ups
themselves (cx.mem.gov.cn, zlaq.mohurd.gov.cn) live in :mod:`zhenwei.sandbox.cxquery`.

Reads no settings.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from zhenwei.sandbox.cxquery import CX_TITLE, OfficialRegistry, cx_handler, mem_404, zlaq_handler
from zhenwei.sandbox.kits.common import (MEM, MOHURD, GovIdentity, badge_png, conac_badge, esc, gov_meta, jiucuo,
                                         image_response, mem_footer, mem_head, mem_header, page, psb_link, redirect,
                                         static_asset)
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse
from zhenwei.sandbox.people import PROVINCE_BY_CODE

CX_URL = "https://cx.mem.gov.cn/special?index=0"

_NEWS = (
    ("/xw/yjglbyw/202305/t20230526_452817.shtml", "应急管理部提醒：特种作业操作证查询请认准官方平台", "2023-05-26"),
    ("/xw/yjglbyw/202305/t20230519_452203.shtml", "全国安全生产专项整治三年行动总结会召开", "2023-05-19"),
    ("/xw/yjglbyw/202305/t20230510_451377.shtml", "应急管理部部署开展特种作业人员安全技术培训考核专项检查", "2023-05-10"),
    ("/xw/yjglbyw/202304/t20230428_450912.shtml", "国务院安委会办公室召开全国安全防范工作视频会", "2023-04-28"),
    ("/xw/yjglbyw/202304/t20230418_450110.shtml", "特种作业操作证电子证照在全国范围内推广应用", "2023-04-18"),
)

_ARTICLE = """<p>近期，有不法分子仿冒应急管理部门网站，制作虚假的"特种作业操作证查询"页面，为伪造的证书提供所谓"查询验证"服务。
扫描伪造证书上的二维码后，页面会显示国徽、机关名称、有效期限等信息，具有很强的迷惑性。</p>
<p>应急管理部郑重提醒：特种作业操作证及安全生产知识和管理能力考核合格信息的唯一官方查询网址为
<a href="https://cx.mem.gov.cn/special?index=0">https://cx.mem.gov.cn</a>。网址是判断证书查询平台真伪的唯一标准，
凡不以 mem.gov.cn 结尾的所谓"查询网站"均为假冒网站。使用官方平台查询伪造证书时，系统将提示"证件档案编号有误"。</p>
<p>用人单位在招用特种作业人员时，应通过官方平台核验证书信息；发现假冒网站的，可向12377.cn举报，或向当地应急管理部门反映。</p>"""


@dataclass(frozen=True)
class Provincial:
    """A provincial (or municipal) emergency-management bureau's site."""

    host: str
    code: str  # province code
    ident: GovIdentity
    layout: int  # 0 table-era CMS, 1 div/flex CMS


def _conac_id(name: str) -> str:
    return hashlib.md5(f"conac:{name}".encode()).hexdigest().upper()


def _provincial(host: str, code: str, serial: int, icp_no: str, layout: int) -> Provincial:
    prov = PROVINCE_BY_CODE[code]
    site_id = f"{code}00000{serial:03d}"
    ident = GovIdentity(
        site_name=prov.mem, domain=host, site_id=site_id, conac_id=_conac_id(host),
        conac_js=f"/js/{code}/000/0000/{40670000 + serial * 7}/CA{code}0000000{40670000 + serial * 7}0001.js",
        icp=f"{prov.abbr}ICP备{icp_no}号", psb=f"{code}010202{serial:06d}", psb_prefix=prov.abbr,
        address=f"{prov.capital if not prov.full.endswith('市') else prov.full}应急管理大楼", postcode=f"{code}0000",
        phone="12350")
    return Provincial(host, code, ident, layout)


PROVINCIALS: tuple[Provincial, ...] = (
    _provincial("yjgl.beijing.gov.cn", "11", 148, "10039564", 1),
    _provincial("yjt.shandong.gov.cn", "37", 60, "05045210", 0),
    _provincial("yjt.hebei.gov.cn", "13", 12, "19002173", 0),
    _provincial("yjt.sc.gov.cn", "51", 41, "11006452", 1),
    _provincial("yjt.hubei.gov.cn", "42", 57, "09014087", 0),
    _provincial("yjt.shaanxi.gov.cn", "61", 30, "10200841", 1),
    _provincial("yjt.jiangsu.gov.cn", "32", 75, "10206638", 0),
)


# -- www.mem.gov.cn --------------------------------------------------------------------------------
def _mem_home() -> str:
    news = "".join(f'<li><a href="{u}" target="_blank">{esc(t)}</a><span>{d}</span></li>' for u, t, d in _NEWS)
    return f"""{mem_head("中华人民共和国应急管理部")}
<body>
{mem_header("首页", relative=True)}
<div class="w1200 home clearfix">
  <div class="focus"><img src="/images/banner_20230601.jpg" alt="安全生产月"><p>2023年全国"安全生产月"活动启动</p></div>
  <div class="news-box"><div class="tit"><h2>要闻</h2><a href="/xw/" class="more">更多&gt;&gt;</a></div><ul class="list">{news}</ul></div>
  <div class="notice"><h3>重要提示</h3><p><a href="{_NEWS[0][0]}">谨防假冒"特种作业操作证查询"网站，请认准 cx.mem.gov.cn</a></p></div>
  <div class="service"><h3>便民服务</h3><ul>
    <li><a href="{CX_URL}" target="_blank">{CX_TITLE}</a></li>
    <li><a href="/fw/xzxk/">行政许可事项</a></li><li><a href="https://12350.mem.gov.cn/">12350举报</a></li>
    <li><a href="/fw/cjwt/">常见问题</a></li></ul></div>
</div>
{mem_footer()}
</body>
</html>"""


def _mem_article(title: str, day: str, body: str) -> str:
    return f"""{mem_head(title + "_中华人民共和国应急管理部", "应急管理部要闻")}
<body>
{mem_header("新闻", relative=True)}
<div class="w1200 location">当前位置：<a href="/">首页</a> &gt; <a href="/xw/">新闻</a> &gt; <a href="/xw/yjglbyw/">应急管理部要闻</a></div>
<div class="w1200 article"><h1>{esc(title)}</h1><div class="info">发布时间：{day}　来源：应急管理部</div>
<div class="TRS_Editor">{body}</div></div>
{mem_footer()}
</body>
</html>"""


def _mem_list() -> str:
    items = "".join(f'<li><a href="{u}">{esc(t)}</a><span>{d}</span></li>' for u, t, d in _NEWS)
    return f"""{mem_head("新闻_中华人民共和国应急管理部", "新闻")}
<body>
{mem_header("新闻", relative=True)}
<div class="w1200 list-page"><h2>应急管理部要闻</h2><ul>{items}</ul><div class="page">共1页</div></div>
{mem_footer()}
</body>
</html>"""


def _mem_service() -> str:
    return f"""{mem_head("政务服务_中华人民共和国应急管理部", "政务服务")}
<body>
{mem_header("政务服务", relative=True)}
<div class="w1200 fw"><h2>政务服务</h2>
<dl><dt>在线查询</dt><dd><a href="{CX_URL}" target="_blank">{CX_TITLE}</a></dd>
<dd>查询说明：输入身份证号码（或证书编号）、姓名及验证码即可查询。证书编号为"T"加身份证号码。</dd></dl>
<dl><dt>办事指南</dt><dd><a href="/fw/bszn/">特种作业人员安全技术培训考核办事指南</a></dd></dl></div>
{mem_footer()}
</body>
</html>"""


def mem_portal_handler() -> Handler:
    articles = {u: (t, d) for u, t, d in _NEWS}

    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path
        if path in ("/", "/index.shtml", "/index.html"):
            return page(_mem_home())
        if path in ("/xw/", "/xw", "/xw/yjglbyw/"):
            return page(_mem_list())
        if path in ("/fw/", "/fw"):
            return page(_mem_service())
        if path in articles:
            title, day = articles[path]
            body = _ARTICLE if path == _NEWS[0][0] else f"<p>{esc(title)}。（正文略）</p>"
            return page(_mem_article(title, day, body))
        return static_asset(path) or mem_404()
    return handle


# -- provincial bureaus ----------------------------------------------------------------------------
def _prov_page(p: Provincial, path: str) -> str:
    name = p.ident.site_name
    notice = "关于谨防假冒特种作业操作证查询网站的提示"
    body = (f'<div class="art"><h1>{notice}</h1><p>发布日期：2023-05-12　来源：{esc(name)}</p>'
            f'<p>近期发现多个冒用我厅（局）名义的"证书查询"网站。特种作业操作证请登录应急管理部官方平台 '
            f'<a href="{CX_URL}">cx.mem.gov.cn</a> 查询，我厅（局）网站不提供单独的证书查询入口。'
            f'发现假冒网站请拨打12350举报。</p></div>') if path.startswith("/art/") else (
        f'<div class="col"><h3>工作动态</h3><ul><li><a href="/art/2023/5/12/art_{p.code}21_1.html">{notice}</a></li>'
        f'<li><a href="/art/2023/5/8/art_{p.code}21_2.html">全省（市）安全生产形势分析会召开</a></li>'
        f'<li><a href="/art/2023/4/20/art_{p.code}21_3.html">开展特种作业人员持证上岗专项检查</a></li></ul></div>'
        f'<div class="col"><h3>办事服务</h3><ul><li><a href="{CX_URL}" target="_blank">特种作业操作证查询</a></li>'
        f'<li><a href="/col/col_xzxk/">安全生产许可证办理</a></li><li><a href="/col/col_ts/">投诉举报</a></li></ul></div>')
    footer = f"""<div class="footer">
  <div class="dzjg">{conac_badge(p.ident)}</div>
  <p>主办单位：{esc(name)}　网站标识码：{p.ident.site_id}</p>
  <p><a href="https://beian.miit.gov.cn/" target="_blank">{p.ident.icp}</a>　{psb_link(p.ident)}</p>
  <p>地址：{esc(p.ident.address)}　值班电话：{p.ident.phone}</p>
</div>
{jiucuo(p.ident.site_id)}"""
    if p.layout == 0:
        main = (f'<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td class="banner">'
                f'<img src="/images/guohui.png" width="70"> <span class="t">{esc(name)}</span></td></tr>'
                f'<tr><td class="nav"><a href="/">首页</a><a href="/col/col_jggk/">机构概况</a><a href="/col/col_xwdt/">新闻动态</a>'
                f'<a href="/col/col_zwgk/">政务公开</a><a href="/col/col_zwfw/">政务服务</a><a href="/col/col_hdjl/">互动交流</a></td></tr>'
                f'<tr><td>{body}</td></tr></table>')
    else:
        main = (f'<header class="hd"><div class="wrap"><img src="/images/guohui.png" alt=""><h1>{esc(name)}</h1></div></header>'
                f'<nav class="nv"><div class="wrap"><a href="/">首页</a><a href="/col/col_jggk/">机构概况</a>'
                f'<a href="/col/col_xwdt/">新闻动态</a><a href="/col/col_zwgk/">政务公开</a><a href="/col/col_zwfw/">政务服务</a></div></nav>'
                f'<main class="wrap flex">{body}</main>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
{gov_meta(p.ident, "首页")}<title>{esc(name)}</title>
<link rel="stylesheet" href="/css/style.css"></head>
<body>
{main}
{footer}
</body></html>"""


def provincial_handler(p: Provincial) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        if req.path in ("/", "/index.html") or req.path.startswith("/art/"):
            return page(_prov_page(p, req.path))
        return static_asset(req.path) or page("<h1>404</h1><p>您访问的页面不存在</p>", status=404)
    return handle


# -- housing ministry ------------------------------------------------------------------------------
def mohurd_portal_handler() -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        if req.path not in ("/", "/index.html"):
            return static_asset(req.path) or page("<h1>404 Not Found</h1>", status=404)
        return page(f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
{gov_meta(MOHURD, "首页")}<title>中华人民共和国住房和城乡建设部</title><link rel="stylesheet" href="/assets/css/index.css"></head>
<body>
<div class="header"><img src="/assets/images/logo.png" alt="中华人民共和国住房和城乡建设部"></div>
<div class="nav"><a href="/">首页</a><a href="/xinwen/">新闻</a><a href="/gongkai/">政务公开</a><a href="/fuwu/">政务服务</a><a href="/hudong/">互动</a></div>
<div class="main"><div class="fw"><h3>便民服务</h3><ul>
<li><a href="https://zlaq.mohurd.gov.cn/" target="_blank">建筑施工特种作业操作资格证查询</a></li>
<li><a href="https://jzsc.mohurd.gov.cn/" target="_blank">全国建筑市场监管公共服务平台</a></li></ul></div></div>
<div class="footer"><p>主办单位：{MOHURD.site_name}　网站标识码：{MOHURD.site_id}</p>
<p><a href="https://beian.miit.gov.cn/">{MOHURD.icp}</a>　{psb_link(MOHURD)}</p><p>{conac_badge(MOHURD)}</p></div>
{jiucuo(MOHURD.site_id)}
</body></html>""")
    return handle


# -- legacy hosts and registries -------------------------------------------------------------------
def moved_handler(target: str, status: int = 301) -> Handler:
    """A legacy host: every path goes to ``target`` (the old deep links died with the old site)."""
    def handle(req: HttpRequest) -> HttpResponse:
        return redirect(target, status)
    return handle


def conac_js_handler() -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        if req.path.startswith("/image/"):
            return image_response(badge_png())
        if req.path.startswith("/js/") and req.path.endswith(".js"):
            ident = next((i for i in all_identities() if i.conac_js == req.path), None)
            if ident is None:
                return page("", status=404, ctype="application/javascript")
            link = f"https://bszs.conac.cn/sitename?method=show&id={ident.conac_id}"
            js = (f"document.write(unescape(\"%3Ca href='{link}' target='_blank'%3E%3Cimg id='imgConac' "
                  f"src='https://dcs.conac.cn/image/red.png'/%3E%3C/a%3E\"));")
            return page(js, ctype="application/javascript")
        return page("", status=404)
    return handle


def bszs_handler() -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        sid = req.params().get("id", "").upper()
        ident = next((i for i in all_identities() if i.conac_id == sid), None)
        if req.path != "/sitename" or ident is None:
            return page("""<!DOCTYPE html><html><head><meta charset="utf-8"><title>党政机关网站标识</title></head>
<body><p style="text-align:center;margin-top:80px">未查询到该网站的党政机关网站标识信息。</p></body></html>""")
        return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>党政机关网站标识</title></head>
<body><div class="box"><img src="https://dcs.conac.cn/image/red.png" alt="党政机关">
<table><tr><th>网站名称</th><td>{esc(ident.site_name)}</td></tr><tr><th>网站标识码</th><td>{ident.site_id}</td></tr>
<tr><th>首页网址</th><td>{esc(ident.domain)}</td></tr><tr><th>开办单位</th><td>{esc(ident.site_name)}</td></tr>
<tr><th>ICP备案号</th><td>{esc(ident.icp)}</td></tr></table></div></body></html>""")
    return handle


def beian_handler() -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        code = req.params().get("recordcode", "")
        ident = next((i for i in all_identities() if i.psb == code), None)
        if ident is None:
            return page('<!DOCTYPE html><html><head><meta charset="utf-8"><title>全国互联网安全管理服务平台</title></head>'
                        '<body><p>没有查询到该备案信息</p></body></html>')
        return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>全国互联网安全管理服务平台</title></head>
<body><table><tr><th>网站名称</th><td>{esc(ident.site_name)}</td></tr><tr><th>网站域名</th><td>{esc(ident.domain)}</td></tr>
<tr><th>联网备案号</th><td>{ident.psb_prefix}公网安备 {ident.psb}号</td></tr><tr><th>开办主体</th><td>党政机关</td></tr></table></body></html>""")
    return handle


def miit_handler() -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        return page('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>ICP/IP地址/域名信息备案管理系统'
                    '</title></head><body><div id="app"></div><script src="/static/js/app.js"></script></body></html>')
    return handle


def all_identities() -> list[GovIdentity]:
    return [MEM, MOHURD] + [p.ident for p in PROVINCIALS]


@dataclass
class OfficialSite:
    """One official host: name, IP, handler; NS/MX/TXT go on the zone apex."""

    host: str
    ip: str
    handler: Handler | None
    zone: str  # registrable domain, e.g. mem.gov.cn
    legacy: bool = False


def official_sites(seed: int, registry: OfficialRegistry) -> list[OfficialSite]:
    """Every official host of the world (each on its own IP in 127.0.20.0/24)."""
    portal = mem_portal_handler()
    sites = [
        OfficialSite("mem.gov.cn", "127.0.20.1", portal, "mem.gov.cn"),
        OfficialSite("www.mem.gov.cn", "127.0.20.1", portal, "mem.gov.cn"),
        OfficialSite("cx.mem.gov.cn", "127.0.20.2", cx_handler(seed, registry), "mem.gov.cn"),
        OfficialSite("cx.saws.org.cn", "127.0.20.3", moved_handler(CX_URL, 302), "saws.org.cn", legacy=True),
        OfficialSite("chinasafety.gov.cn", "127.0.20.4", moved_handler("https://www.mem.gov.cn/"), "chinasafety.gov.cn",
                     legacy=True),
        OfficialSite("www.chinasafety.gov.cn", "127.0.20.4", moved_handler("https://www.mem.gov.cn/"),
                     "chinasafety.gov.cn", legacy=True),
        OfficialSite("www.mohurd.gov.cn", "127.0.20.30", mohurd_portal_handler(), "mohurd.gov.cn"),
        OfficialSite("mohurd.gov.cn", "127.0.20.30", moved_handler("https://www.mohurd.gov.cn/"), "mohurd.gov.cn"),
        OfficialSite("zlaq.mohurd.gov.cn", "127.0.20.31", zlaq_handler(registry), "mohurd.gov.cn"),
        OfficialSite("dcs.conac.cn", "127.0.20.40", conac_js_handler(), "conac.cn"),
        OfficialSite("bszs.conac.cn", "127.0.20.41", bszs_handler(), "conac.cn"),
        OfficialSite("www.beian.gov.cn", "127.0.20.42", beian_handler(), "beian.gov.cn"),
        OfficialSite("beian.miit.gov.cn", "127.0.20.43", miit_handler(), "miit.gov.cn"),
        OfficialSite("mail.mem.gov.cn", "127.0.20.5", None, "mem.gov.cn"),
    ]
    for i, p in enumerate(PROVINCIALS):
        zone = p.host.split(".", 1)[1]
        sites.append(OfficialSite(p.host, f"127.0.20.{10 + i}", provincial_handler(p), zone))
    return sites
