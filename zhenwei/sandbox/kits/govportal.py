"""Kit ``govportal``: a saved copy of the ministry portal with a certificate query bolted on.

The page chrome (meta tags, top bar, logo, blue navigation with absolute links back to
www.mem.gov.cn) and the footer are the ministry's, copied verbatim: SiteIDCode bm34000001, the
dcs.conac.cn badge script linking to the ministry's bszs.conac.cn entry, 京ICP备05070218号 and the
公网安备 link. Only the domain gives it away. Flow: GET form ``/verify?no=T...`` (the QR URL) renders
a server-side result card with the national emblem, a photo and a "证书有效" stamp. The back end makes
up a record for any well-formed number. UTF-8.

Reads no settings.
"""

from __future__ import annotations

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import (MEM, esc, mem_footer, mem_head, mem_header, nginx_error, page,
                                         record_values, first_param, static_asset)
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "govportal"
SUMMARY = "verbatim copy of the ministry portal (all markers copied), GET form /verify?no=, server-rendered card"
AUTHORITY = "mem"
ON_THE_FLY = True
NATIONAL = False

_TITLES = ("特种作业操作证查询", "特种作业操作证及安全生产知识和管理能力考核合格信息查询", "证书查询")


def qr_path(number: str) -> str:
    return f"/verify?no={number}"


def _shell(site: FakeSite, title: str, inner: str) -> str:
    return f"""{mem_head(title + "_中华人民共和国应急管理部", "政务服务")}
<body>
{mem_header("政务服务")}
<div class="w1200 location">当前位置：<a href="https://www.mem.gov.cn/">首页</a> &gt; <a href="https://www.mem.gov.cn/fw/">政务服务</a> &gt; <span>{esc(title)}</span></div>
<div class="w1200 main-box clearfix">
  <div class="left-menu"><h3>政务服务</h3><ul>
    <li><a href="https://www.mem.gov.cn/fw/bszn/">办事指南</a></li><li><a href="https://www.mem.gov.cn/fw/xzxk/">行政许可</a></li>
    <li class="on"><a href="/">{esc(_TITLES[site.variant % 3])}</a></li><li><a href="https://www.mem.gov.cn/fw/cjwt/">常见问题</a></li></ul></div>
  <div class="right-con">
{inner}
  </div>
</div>
{mem_footer(MEM)}
</body>
</html>"""


def _form(site: FakeSite, error: str = "") -> str:
    warn = f'<p class="cx-error">{esc(error)}</p>' if error else ""
    return f"""    <div class="cx-title"><h2>{esc(_TITLES[site.variant % 3])}</h2></div>
    <form action="/verify" method="get" id="searchForm" name="searchForm" onsubmit="return check();">
      <table class="cx-tab" cellpadding="0" cellspacing="0">
        <tr><th>证书编号：</th><td><input type="text" name="no" id="no" class="inp" placeholder="请输入证书编号（T+身份证号）"></td></tr>
        <tr><th>姓　　名：</th><td><input type="text" name="xm" id="xm" class="inp" placeholder="请输入姓名（选填）"></td></tr>
        <tr><th></th><td><input type="submit" class="cx-btn" value="查 询"> <input type="reset" class="cx-btn2" value="重 置"></td></tr>
      </table>
    </form>{warn}
    <div class="cx-tips"><h4>查询说明</h4>
      <p>1. 证书编号为"T"加持证人身份证号码，如 T1101**********1234。</p>
      <p>2. 本平台提供全国特种作业操作证信息查询，查询结果与纸质证书具有同等效力。</p>
      <p>3. 如对查询结果有异议，请联系发证机关核实。</p></div>
    <script>function check(){{if($.trim($("#no").val())==""){{alert("请输入证书编号");return false;}}return true;}}</script>"""


def _card(site: FakeSite, v: dict[str, str]) -> str:
    return f"""    <div class="result-card">
      <div class="rc-head"><img src="/images/guohui.png" class="guohui" alt="国徽" width="64" height="64">
        <h2>中华人民共和国特种作业操作证</h2><p>Special Operation Certificate of the People's Republic of China</p></div>
      <div class="rc-body clearfix">
        <div class="rc-photo"><img src="/upload/zp/{v['photo']}.jpg" width="102" height="136" alt="照片"></div>
        <table class="rc-tab" cellpadding="0" cellspacing="0">
          <tr><td class="l">姓　　名</td><td>{esc(v['name'])}</td><td class="l">性　　别</td><td>{esc(v['sex'])}</td></tr>
          <tr><td class="l">证　　号</td><td colspan="3">{esc(v['number'])}</td></tr>
          <tr><td class="l">作业类别</td><td>{esc(v['category'])}</td><td class="l">准操项目</td><td>{esc(v['item'])}</td></tr>
          <tr><td class="l">初领日期</td><td>{esc(v['first'])}</td><td class="l">有 效 期</td><td>{esc(v['validity'])}</td></tr>
          <tr><td class="l">应复审日期</td><td>{esc(v['review_due'])}</td><td class="l">实际复审日期</td><td>{esc(v['reviewed'])}</td></tr>
          <tr><td class="l">签发机关</td><td colspan="3">{esc(v['issuer'])}</td></tr>
        </table>
      </div>
      <div class="rc-state"><span class="stamp">证书有效</span><span class="time">查询时间以服务器时间为准</span></div>
      <p class="rc-back"><a href="/">返回查询</a></p>
    </div>"""


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path.rstrip("/") or "/"
        if path in ("/", "/index.html", "/index.htm", "/cx", "/verify"):
            number = first_param(req, "no") if path == "/verify" else ""
            title = _TITLES[site.variant % 3]
            if not number:
                error = "请输入证书编号" if path == "/verify" else ""
                return page(_shell(site, title, _form(site, error)))
            rec = site.backend.lookup(number)
            if rec is None:
                return page(_shell(site, title, _form(site, "证书编号格式不正确，请重新输入")))
            return page(_shell(site, "查询结果", _card(site, record_values(rec))))
        return static_asset(req.path, site.variant) or nginx_error(404)
    return handle
