"""Kit ``layuicity``: a city-bureau query page built on layui, reached through a meta refresh.

Claims a city-level 应急管理局 (the province's capital, or a district of a municipality). The QR URL
carries the number in the path, ``/c/T...``, and answers with a "正在跳转" page whose
``<meta http-equiv="refresh">`` goes on to ``/cert/result.html?bh=T...``. There a prefilled layui form
(``bh`` + ``xm``) is posted on load with ``fetch(..., {body: new FormData(form)})`` to
``/api/v1/cert/query``, which answers JSON with English keys (certificate_no, expire_date...). The
footer names the bureau and a 10-digit 网站标识码 but carries no SiteIDCode meta, no badge and no ICP
number. Unknown numbers: ``{"status": 0, "info": "查无此证"}``.

Reads no settings.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import esc, first_param, json_response, nginx_error, page, record_values, static_asset
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "layuicity"
SUMMARY = "city-bureau layui page: /c/<number> meta refresh -> result.html, fetch POST FormData JSON, footer code only"
AUTHORITY = "mem"
ON_THE_FLY = False
NATIONAL = False


def qr_path(number: str) -> str:
    return f"/c/{number}"


def city_of(site: FakeSite) -> str:
    return site.extra.get("city") or site.province.capital


def _result_page(site: FakeSite, number: str) -> str:
    bureau = f"{city_of(site)}应急管理局"
    code = f"{site.province.code}0100{site.variant % 10000:04d}"
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="renderer" content="webkit">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>{esc(bureau)} - 特种作业操作证查询</title>
<link rel="stylesheet" href="/static/layui/css/layui.css" media="all">
<style>.hd{{background:#2f4056;color:#fff;padding:14px 20px;font-size:20px}}.hd small{{font-size:13px;color:#c2c2c2;margin-left:10px}}
.wrap{{max-width:900px;margin:20px auto}}.layui-table td.l{{width:140px;background:#fafafa}}.ok{{color:#16b777;font-weight:bold}}
.foot{{text-align:center;color:#999;font-size:12px;padding:20px}}</style>
</head>
<body>
<div class="hd">{esc(bureau)}<small>特种作业操作证查询</small></div>
<div class="wrap">
  <fieldset class="layui-elem-field"><legend>证件查询</legend><div class="layui-field-box">
  <form class="layui-form" id="qform" onsubmit="return false;">
    <div class="layui-form-item"><label class="layui-form-label">证书编号</label>
      <div class="layui-input-block"><input type="text" name="bh" id="bh" value="{esc(number)}" placeholder="请输入证书编号" class="layui-input"></div></div>
    <div class="layui-form-item"><label class="layui-form-label">姓名</label>
      <div class="layui-input-block"><input type="text" name="xm" id="xm" placeholder="请输入姓名" class="layui-input"></div></div>
    <div class="layui-form-item"><div class="layui-input-block"><button type="button" class="layui-btn" id="btn">查询</button></div></div>
  </form></div></fieldset>
  <div id="res"></div>
</div>
<div class="foot">主办：{esc(bureau)}　　网站标识码：{code}<br>地址：{esc(city_of(site))}人民路88号</div>
<script src="/static/layui/layui.js"></script>
<script>
function show(d) {{
  var rows = [["姓名", d.name], ["性别", d.gender], ["证书编号", d.certificate_no], ["作业类别", d.type],
              ["准操项目", d.project], ["初领日期", d.first_date], ["有效日期", d.start_date + " 至 " + d.expire_date],
              ["签发机关", d.org], ["状态", '<span class="ok">' + d.state + '</span>']];
  var h = '<table class="layui-table"><tbody>';
  for (var i = 0; i < rows.length; i++) {{ h += '<tr><td class="l">' + rows[i][0] + '</td><td>' + rows[i][1] + '</td></tr>'; }}
  document.getElementById("res").innerHTML = h + '</tbody></table>';
}}
function go() {{
  fetch("/api/v1/cert/query", {{ method: "POST", body: new FormData(document.getElementById("qform")) }})
    .then(function (r) {{ return r.json(); }})
    .then(function (j) {{ if (j.status == 1) {{ show(j.data); }} else {{ document.getElementById("res").innerHTML = '<blockquote class="layui-elem-quote">' + j.info + '</blockquote>'; }} }});
}}
document.getElementById("btn").onclick = go;
window.onload = function () {{ if (document.getElementById("bh").value) {{ go(); }} }};
</script>
</body>
</html>"""


def _api(site: FakeSite, req: HttpRequest) -> HttpResponse:
    number = first_param(req, "bh", "zsbh", "certNo")
    if not number and req.body and "form-data" in req.headers.get("content-type", ""):
        number = _multipart_value(req, "bh")
    rec = site.backend.lookup(number) if number else None
    if rec is None:
        return json_response({"status": 0, "info": "查无此证", "data": None})
    v = record_values(rec)
    return json_response({"status": 1, "info": "查询成功", "data": {
        "name": v["name"], "gender": v["sex"], "certificate_no": v["number"], "type": v["category"],
        "project": v["item"], "first_date": v["first"], "start_date": v["from"], "expire_date": v["until"],
        "org": v["issuer"], "state": "有效", "photo": f"/uploads/zp/{v['photo']}.jpg"}})


def _multipart_value(req: HttpRequest, name: str) -> str:
    """The value of ``name`` in a multipart/form-data body (what ``new FormData(form)`` sends)."""
    ctype = req.headers.get("content-type", "")
    boundary = ctype.split("boundary=", 1)[-1].strip().strip('"')
    if not boundary:
        return ""
    for part in req.body.split(b"--" + boundary.encode()):
        head, _, value = part.partition(b"\r\n\r\n")
        if f'name="{name}"'.encode() in head:
            return value.rstrip(b"\r\n").decode("utf-8", "replace").strip()
    return ""


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path
        if path.startswith("/c/") and len(path) > 3:
            number = unquote(path[3:]).strip("/")
            target = f"/cert/result.html?bh={quote(number)}"
            return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="1;url={target}">
<title>正在跳转</title></head><body><p style="text-align:center;margin-top:60px">正在跳转到查询结果，请稍候……</p></body></html>""")
        if path in ("/cert/result.html", "/cert/", "/"):
            return page(_result_page(site, first_param(req, "bh")))
        if path == "/api/v1/cert/query":
            return _api(site, req)
        return static_asset(path, site.variant) or nginx_error(404)
    return handle
