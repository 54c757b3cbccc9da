"""Kit ``zjcert``: a fake housing-ministry (住建) construction-certificate lookup, JSP style.

Impersonates 住房和城乡建设部's 全国工程质量安全监管信息平台 for 建筑施工特种作业操作资格证 numbers such
as ``京A012020000123`` (2-year validity). Flow: GET form ``/tzzy/certQuery.do`` (``zsbh`` + ``xm`` +
a ``zslx`` select) answers with a result list whose row links to the detail page
``/tzzy/certDetail.do?zsbh=...`` (the QR URL). The detail page is a ``<dl>`` definition list, not a
table. The ministry's footer markers are copied (SiteIDCode, 网站标识码, badge, ICP). The back end
makes up a record for any well-formed 住建 number.

Reads no settings.
"""

from __future__ import annotations

from urllib.parse import quote

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import (MOHURD, conac_badge, esc, first_param, gov_meta, jiucuo, nginx_error, page,
                                         psb_link, record_values, static_asset)
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "zjcert"
SUMMARY = "fake 住建 zlaq-style lookup (京A01... numbers, 2-year validity), GET list -> detail <dl>, copied mohurd markers"
AUTHORITY = "mohurd"
ON_THE_FLY = True
NATIONAL = False

PLATFORM = "全国工程质量安全监管信息平台"
SERVICE = "建筑施工特种作业人员操作资格证书查询"


def qr_path(number: str) -> str:
    return f"/tzzy/certDetail.do?zsbh={number}"


def _frame(site: FakeSite, inner: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
{gov_meta(MOHURD, "质量安全")}<title>{SERVICE}-{PLATFORM}</title>
<link rel="stylesheet" href="/zlaq/css/base.css">
<link rel="stylesheet" href="/zlaq/css/cert.css">
<script src="/zlaq/js/jquery-1.9.1.min.js"></script>
<style>
.banner{{background:#0f4c97;height:100px}}.banner .in{{width:1100px;margin:0 auto;color:#fff;display:flex;align-items:center;height:100px}}
.banner img{{width:72px;height:72px;margin-right:14px}}.banner h1{{font-size:26px;margin:0}}.banner p{{margin:2px 0 0;font-size:14px}}
.menu{{background:#e8eef7;border-bottom:2px solid #0f4c97}}.menu ul{{width:1100px;margin:0 auto;padding:0;list-style:none;display:flex}}
.menu li a{{display:block;padding:10px 22px;color:#0f4c97}}.menu li.cur a{{background:#0f4c97;color:#fff}}
.content{{width:1100px;margin:20px auto;min-height:400px}}dl.info{{display:grid;grid-template-columns:160px 1fr;border:1px solid #c9d6e8}}
dl.info dt{{background:#f2f6fb;padding:10px;border-bottom:1px solid #e3eaf3;color:#355}}dl.info dd{{margin:0;padding:10px;border-bottom:1px solid #e3eaf3}}
.gfoot{{background:#f3f3f3;text-align:center;font-size:12px;color:#555;line-height:24px;padding:16px 0}}
</style>
</head>
<body>
<div class="banner"><div class="in"><img src="/zlaq/images/guohui.png" alt="国徽"><div><h1>中华人民共和国住房和城乡建设部</h1><p>{PLATFORM}</p></div></div></div>
<div class="menu"><ul><li><a href="https://www.mohurd.gov.cn/">部网站首页</a></li><li><a href="/">平台首页</a></li>
<li class="cur"><a href="/tzzy/certQuery.do">特种作业人员</a></li><li><a href="/aqscry/">安管人员</a></li><li><a href="/gcxm/">工程项目</a></li></ul></div>
<div class="content">
{inner}
</div>
<div class="gfoot">
  <p>主办单位：{MOHURD.site_name}　　网站标识码：{MOHURD.site_id}</p>
  <p><a href="https://beian.miit.gov.cn/" target="_blank">{MOHURD.icp}</a>　{psb_link(MOHURD)}</p>
  <p>{conac_badge(MOHURD)}</p>
</div>
{jiucuo(MOHURD.site_id)}
</body>
</html>"""


def _form(number: str = "", name: str = "") -> str:
    return f"""<h2 class="tt">{SERVICE}</h2>
<form id="certForm" action="/tzzy/certQuery.do" method="get">
  <div class="row"><span>证书类型：</span><select name="zslx"><option value="tzzy">建筑施工特种作业操作资格证</option></select></div>
  <div class="row"><span>证书编号：</span><input type="text" name="zsbh" value="{esc(number)}" placeholder="如：京A012020000123"></div>
  <div class="row"><span>姓　　名：</span><input type="text" name="xm" value="{esc(name)}" placeholder="请输入持证人姓名"></div>
  <div class="row"><button type="submit" class="btn-q">查询</button></div>
</form>
<p class="tip">提示：证书编号由省份简称、城市代码、作业类别代码、年份和顺序号组成，有效期2年。</p>"""


def _list(rec_rows: list[tuple[str, str, str, str]]) -> str:
    if not rec_rows:
        return '<p class="empty">未查询到符合条件的记录。</p>'
    rows = "".join(f'<tr><td>{esc(n)}</td><td>{esc(nm)}</td><td>{esc(c)}</td><td>{esc(u)}</td>'
                   f'<td><a href="/tzzy/certDetail.do?zsbh={quote(n)}">查看</a></td></tr>' for n, nm, c, u in rec_rows)
    return ('<table class="list" width="100%" border="1" cellspacing="0" cellpadding="6">'
            '<tr><th>证书编号</th><th>姓名</th><th>操作类别</th><th>有效期至</th><th>操作</th></tr>' + rows + "</table>")


def _detail(v: dict[str, str]) -> str:
    return f"""<h2 class="tt">建筑施工特种作业操作资格证书信息</h2>
<div class="detail" style="display:flex">
  <div class="zp" style="width:140px"><img src="/zlaq/upload/photo/{v['photo']}.jpg" width="120" height="160" alt="照片"></div>
  <dl class="info" style="flex:1">
    <dt>姓名</dt><dd>{esc(v['name'])}</dd>
    <dt>性别</dt><dd>{esc(v['sex'])}</dd>
    <dt>身份证号</dt><dd>{esc(v['id_masked'])}</dd>
    <dt>证书编号</dt><dd>{esc(v['number'])}</dd>
    <dt>操作类别</dt><dd>{esc(v['category'])}</dd>
    <dt>发证机关</dt><dd>{esc(v['issuer'])}</dd>
    <dt>初次领证日期</dt><dd>{esc(v['first'])}</dd>
    <dt>有效期至</dt><dd>{esc(v['until'])}</dd>
    <dt>证书状态</dt><dd><b style="color:#1a8a1a">有效</b></dd>
  </dl>
</div>"""


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path
        if path in ("/", "/index.do", "/tzzy/", "/tzzy"):
            return page(_frame(site, _form()))
        if path == "/tzzy/certQuery.do":
            number, name = first_param(req, "zsbh"), first_param(req, "xm")
            if not number:
                return page(_frame(site, _form(number, name)))
            rec = site.backend.lookup(number)
            rows = [(rec.number, rec.name, rec.category, str(rec.valid_until))] if rec else []
            return page(_frame(site, _form(number, name) + _list(rows)))
        if path == "/tzzy/certDetail.do":
            number = first_param(req, "zsbh")
            rec = site.backend.lookup(number) if number else None
            if rec is None:
                return page(_frame(site, _form(number) + '<p class="empty">未查询到该证书信息。</p>'))
            return page(_frame(site, _detail(record_values(rec))))
        return static_asset(path, site.variant) or nginx_error(404, "Apache-Coyote/1.1")
    return handle
