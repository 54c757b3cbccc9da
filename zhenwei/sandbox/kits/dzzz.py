"""Kit ``dzzz``: a fake "electronic certificate" (电子证照) viewer behind a JavaScript redirect.

The QR URL ``/zs?id=T...`` answers with a tiny page whose script sets ``window.location.href`` to
``/dzzz/show.html?zsbh=T...``. That page draws a certificate-shaped card (background art, emblem, red
seal, absolutely positioned fields) and fills it from ``$.getJSON('/dzzz/api.php?act=info&zsbh=...
&callback=?')``: JSONP when a callback name is given, plain JSON otherwise. Labels follow the paper
card (持证人, 证书编号, 有效期限 as ``2021.05.12-2027.05.11``). No government markers; the footer only
says 技术支持. The back end makes up a record for any well-formed number.

Reads no settings.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import first_param, json_response, nginx_error, page, record_values, static_asset
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "dzzz"
SUMMARY = "electronic-certificate viewer: /zs?id= JS location redirect -> show.html, $.getJSON JSONP api.php, no markers"
AUTHORITY = "mem"
ON_THE_FLY = True
NATIONAL = True

_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


def qr_path(number: str) -> str:
    return f"/zs?id={number}"


def _jump(number: str) -> str:
    target = f"/dzzz/show.html?zsbh={quote(number)}&v=2"
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>电子证照</title></head><body>
<script type="text/javascript">window.location.href = "{target}";</script>
<noscript>请开启JavaScript后访问</noscript>
</body></html>"""


def _show(site: FakeSite) -> str:
    return """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">
<title>中华人民共和国特种作业操作证（电子证照）</title>
<style>
body{margin:0;background:#e9e3d3;font-family:"SimSun","Songti SC",serif}
.zz-card{position:relative;width:360px;height:560px;margin:16px auto;background:#fffaf0 url(/dzzz/img/zzbg.png) no-repeat;background-size:cover;border:1px solid #c9b98f;box-shadow:0 2px 8px rgba(0,0,0,.2)}
.zz-gh{position:absolute;left:148px;top:18px;width:64px;height:64px}
.zz-title{position:absolute;top:90px;width:100%;text-align:center;font-size:20px;font-weight:bold;color:#a4141c;letter-spacing:2px}
.zz-sub{position:absolute;top:120px;width:100%;text-align:center;font-size:12px;color:#7a5c2e}
.zz-zp{position:absolute;right:22px;top:160px;width:90px;height:120px;border:1px solid #bbb}
.f{position:absolute;left:24px;font-size:14px;color:#222}.f b{color:#7a5c2e;font-weight:normal;display:inline-block;width:70px}
.f-xm{top:160px}.f-xb{top:188px}.f-zsbh{top:216px;font-size:13px}.f-zylb{top:300px}.f-czxm{top:328px}.f-yxq{top:356px}.f-fzjg{top:384px}
.zz-seal{position:absolute;left:190px;top:400px;width:110px;height:110px;opacity:.85}
.zz-state{position:absolute;bottom:16px;width:100%;text-align:center;color:#1b8a3a;font-weight:bold}
.ft{text-align:center;font-size:12px;color:#888;padding:10px}
</style>
<script src="/dzzz/js/jquery-1.8.3.min.js"></script>
</head>
<body>
<div class="zz-card" id="card">
  <img class="zz-gh" src="/dzzz/img/guohui.png" alt="">
  <div class="zz-title">特种作业操作证</div>
  <div class="zz-sub">中华人民共和国应急管理部监制</div>
  <img class="zz-zp" id="zp" src="/dzzz/img/blank.gif" alt="">
  <div class="f f-xm"><b>持证人</b><span id="xm"></span></div>
  <div class="f f-xb"><b>性　别</b><span id="xb"></span></div>
  <div class="f f-zsbh"><b>证书编号</b><span id="zsbh"></span></div>
  <div class="f f-zylb"><b>作业类别</b><span id="zylb"></span></div>
  <div class="f f-czxm"><b>准操项目</b><span id="czxm"></span></div>
  <div class="f f-yxq"><b>有效期限</b><span id="yxq"></span></div>
  <div class="f f-fzjg"><b>签发机关</b><span id="fzjg"></span></div>
  <img class="zz-seal" src="/dzzz/img/seal.png" alt="">
  <div class="zz-state" id="state">正在核验……</div>
</div>
<div class="ft">电子证照与纸质证书具有同等法律效力　技术支持：安全生产电子证照服务平台</div>
<script type="text/javascript">
function getUrlParam(name) {
    var reg = new RegExp("(^|&)" + name + "=([^&]*)(&|$)");
    var r = window.location.search.substr(1).match(reg);
    if (r != null) return unescape(r[2]); return null;
}
var zsbh = getUrlParam("zsbh");
$.getJSON("/dzzz/api.php?act=info&zsbh=" + zsbh + "&callback=?", function (d) {
    if (d.status == 1) {
        $("#xm").text(d.info.xm); $("#xb").text(d.info.xb); $("#zsbh").text(d.info.zsbh);
        $("#zylb").text(d.info.zylb); $("#czxm").text(d.info.czxm); $("#yxq").text(d.info.yxq);
        $("#fzjg").text(d.info.fzjg); $("#zp").attr("src", d.info.zp);
        $("#state").text("✔ 证照状态：" + d.info.zt);
    } else {
        $("#state").css("color", "#c00").text(d.msg);
    }
});
</script>
</body>
</html>"""


def _api(site: FakeSite, req: HttpRequest) -> HttpResponse:
    number = first_param(req, "zsbh", "id")
    rec = site.backend.lookup(number) if number and number != "null" else None
    if rec is None:
        data = {"status": 0, "msg": "证照信息不存在"}
    else:
        v = record_values(rec, "dot", "-")
        data = {"status": 1, "msg": "ok", "info": {
            "xm": v["name"], "xb": v["sex"], "zsbh": v["number"], "zylb": v["category"], "czxm": v["item"],
            "yxq": v["validity"], "clrq": v["first"], "fzjg": v["issuer"], "zt": "有效",
            "zp": f"/dzzz/upload/zp/{v['photo']}.jpg"}}
    callback = first_param(req, "callback")
    if callback and _CALLBACK.match(callback):
        body = f"{callback}({json.dumps(data, ensure_ascii=False)})"
        return page(body, ctype="application/javascript")
    return json_response(data, ctype="text/html; charset=utf-8" if site.variant % 2 else "application/json")


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path
        if path in ("/zs", "/zs/"):
            number = first_param(req, "id", "zsbh")
            if not number:
                return nginx_error(404)
            return page(_jump(number))
        if path in ("/dzzz/show.html", "/dzzz/show"):
            return page(_show(site))
        if path == "/dzzz/api.php":
            return _api(site, req)
        if path == "/":
            return page('<!DOCTYPE html><html><head><meta charset="utf-8"><title>安全生产电子证照服务平台</title></head>'
                        '<body><h3 style="text-align:center;margin-top:80px">请使用微信扫描证书二维码查看电子证照</h3></body></html>')
        return static_asset(path, site.variant) or nginx_error(404)
    return handle
