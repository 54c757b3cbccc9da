"""Kit ``provgbk``: an old ASP provincial-bureau clone, GBK-encoded, table layout, forged markers.

Claims a provincial 应急管理厅/局. Pages are really encoded in GBK and say so in the HTTP header,
in a ``<meta http-equiv>`` gb2312 declaration, or both (by variant). The index is a POST form
(``sfz`` + ``xm`` to ``cx.asp``) whose answer is a meta refresh to the GET result ``cx.asp?zh=T...``
(the QR URL). Markers are forged: the SiteIDCode meta disagrees with the footer's 网站标识码, the
党政机关 badge links to a local page instead of bszs.conac.cn, the ICP number is made up. The back end
only knows the numbers it sold: anything else gets an ``alert('查无此证')``.

Reads no settings.
"""

from __future__ import annotations

from urllib.parse import quote

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import esc, first_param, nginx_error, page, record_values, static_asset
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "provgbk"
SUMMARY = "GBK ASP provincial clone, POST form -> meta refresh -> cx.asp?zh=, forged/mismatched markers, 查无此证"
AUTHORITY = "mem"
ON_THE_FLY = False
NATIONAL = False

_NEWS = ("关于开展特种作业人员安全技术培训考核专项检查的通知", "关于做好2023年度特种作业操作证复审工作的通知",
         "全省安全生产工作会议召开", "关于公布第二批安全培训机构名单的公告", "特种作业操作证电子证照启用说明")


def qr_path(number: str) -> str:
    return f"/cx.asp?zh={number}"


def _charset(site: FakeSite) -> tuple[bool, str]:
    """(declare GBK in the HTTP header, <meta> declaration) by variant."""
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
    return [(True, meta), (False, meta), (True, "")][site.variant % 3]


def _send(site: FakeSite, body: str) -> HttpResponse:
    header, _ = _charset(site)
    return page(body, charset="gbk", header_charset=header,
                headers=[("Server", "Microsoft-IIS/7.5"), ("X-Powered-By", "ASP.NET")])


def _frame(site: FakeSite, title: str, inner: str) -> str:
    prov = site.province
    _, meta = _charset(site)
    news = "".join(f'<tr><td class="news">·<a href="news.asp?id={101 + i}">{n}</a></td></tr>'
                   for i, n in enumerate(_NEWS))
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
{meta}<meta name="SiteIDCode" content="{prov.code}00000037">
<title>{esc(prov.mem)}--{esc(title)}</title>
<link href="css/style.css" rel="stylesheet" type="text/css">
<script language="javascript" src="js/jquery-1.4.2.min.js"></script>
<script language="javascript">
function chk(){{
  if(document.form1.sfz.value==""){{alert("请输入身份证号码！");document.form1.sfz.focus();return false;}}
  return true;
}}
</script>
</head>
<body leftmargin="0" topmargin="0" bgcolor="#FFFFFF">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td height="110" background="images/top_bg.jpg">&nbsp;&nbsp;<img src="images/gh.png" width="80" height="80" align="absmiddle"> <font face="黑体" size="6" color="#CC0000"><b>{esc(prov.mem)}</b></font></td></tr>
  <tr><td height="34" bgcolor="#B80000" class="nav" align="center"><a href="index.asp"><font color="#FFFFFF">首 页</font></a> | <a href="list.asp?lm=1"><font color="#FFFFFF">机构设置</font></a> | <a href="list.asp?lm=2"><font color="#FFFFFF">政务公开</font></a> | <a href="list.asp?lm=3"><font color="#FFFFFF">安全生产</font></a> | <a href="index.asp"><font color="#FFFFFF">证件查询</font></a> | <a href="list.asp?lm=9"><font color="#FFFFFF">联系我们</font></a></td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="8">
  <tr><td width="230" valign="top">
    <table width="100%" border="0" cellpadding="3" cellspacing="0"><tr><td bgcolor="#F2F2F2"><b>通知公告</b></td></tr>{news}</table>
  </td><td valign="top">
{inner}
  </td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="8" cellspacing="0" bgcolor="#F5F5F5">
  <tr><td align="center" class="foot">
    主办单位：{esc(prov.mem)}　　网站标识码：{prov.code}00000012<br>
    <a href="https://beian.miit.gov.cn/" target="_blank">{esc(prov.abbr)}ICP备18045{231 + site.variant}号-2</a>　{esc(prov.abbr)}公网安备 {prov.code}010202000815号<br>
    建议使用IE8.0以上浏览器、1024×768分辨率浏览本站<br>
    <a href="dzjg.html" target="_blank"><img src="images/dzjg.png" border="0" alt="党政机关"></a>
  </td></tr>
</table>
</body>
</html>"""


def _form() -> str:
    return """    <form name="form1" method="post" action="cx.asp" onsubmit="return chk()">
    <input type="hidden" name="act" value="search">
    <table width="90%" border="1" bordercolor="#CCCCCC" cellpadding="6" cellspacing="0" style="border-collapse:collapse" align="center">
      <tr><td colspan="2" bgcolor="#F0F0F0" align="center"><b>特种作业人员操作证查询</b></td></tr>
      <tr><td align="right" width="35%">身份证号码：</td><td><input name="sfz" type="text" size="30" maxlength="19"></td></tr>
      <tr><td align="right">姓　　名：</td><td><input name="xm" type="text" size="20"></td></tr>
      <tr><td colspan="2" align="center"><input type="submit" name="Submit" value=" 查 询 "> <input type="reset" value=" 重 填 "></td></tr>
    </table>
    </form>
    <p style="color:#666;padding:0 30px">说明：输入持证人身份证号码即可查询特种作业操作证信息，证件号码即"T"+身份证号码。</p>"""


def _result(v: dict[str, str], reviewed: bool) -> str:
    review = f"{v['reviewed']} 复审合格" if reviewed else "未到复审期"
    rows = [("持 证 人：", v["name"]), ("性　　别：", v["sex"]), ("证件号码：", v["number"]),
            ("作业类别：", v["category"]), ("操作项目：", v["item"]), ("初领日期：", v["first"]),
            ("有效期限：", v["validity"]), ("复审记录：", review), ("发证机关：", v["issuer"])]
    body = ""
    for i, (label, value) in enumerate(rows):
        photo = (f'<td rowspan="5" width="120" align="center"><img src="photo/{v["photo"]}.jpg" width="100" '
                 'height="130" border="0"></td>') if i == 0 else ""
        span = "" if i < 5 else ' colspan="2"'
        body += f'      <tr><td width="18%" align="right" bgcolor="#F7F7F7">{label}</td><td{span}>{esc(value)}</td>{photo}</tr>\n'
    return f"""    <table width="700" border="1" cellspacing="0" cellpadding="5" bordercolor="#999999" style="border-collapse:collapse" align="center">
      <tr><td colspan="3" align="center" bgcolor="#FFF3F3"><img src="images/gh.png" width="50" height="50" align="absmiddle"> <font size="4" color="#CC0000"><b>特种作业操作证查询结果</b></font></td></tr>
{body}      <tr><td colspan="3" align="center" height="40"><font color="#FF0000" size="4"><b>该证书真实有效</b></font></td></tr>
    </table>
    <p align="center"><a href="index.asp">&lt;&lt;返回重新查询</a></p>"""


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path.lower()
        if path in ("/", "/index.asp", "/default.asp"):
            return _send(site, _frame(site, "特种作业人员操作证查询系统", _form()))
        if path == "/cx.asp":
            if req.method == "POST":
                sfz = first_param(req, "sfz", "zh").upper()
                if not sfz:
                    return _send(site, '<script>alert("请输入身份证号码！");history.go(-1);</script>')
                number = sfz if sfz.startswith("T") else "T" + sfz
                return _send(site, f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta http-equiv="refresh" content="0;URL=cx.asp?zh={quote(number)}"></head>
<body>正在查询，请稍候……</body></html>""")
            number = first_param(req, "zh", "sfz")
            rec = site.backend.lookup(number) if number else None
            if rec is None:
                return _send(site, _frame(site, "查询结果", """    <script language="javascript">alert("对不起，查无此证！请核对证件号码后重新查询。");history.go(-1);</script>
    <p align="center"><font color="#FF0000">对不起，查无此证！</font></p>"""))
            return _send(site, _frame(site, "查询结果", _result(record_values(rec, "cn"), rec.reviewed is not None)))
        if path == "/dzjg.html":
            return _send(site, f"""<html><head><title>党政机关网站</title></head><body><center>
<img src="images/dzjg.png"><h3>{esc(site.province.mem)}</h3><p>网站类别：党政机关　开办单位：{esc(site.province.mem)}</p>
</center></body></html>""")
        return static_asset(req.path, site.variant) or nginx_error(404, "Microsoft-IIS/7.5")
    return handle
