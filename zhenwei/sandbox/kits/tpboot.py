"""Kit ``tpboot``: a ThinkPHP + Bootstrap 3 "information platform" with no government markers at all.

Does not name an agency in its chrome: it calls itself 特种作业人员信息查询平台 and lets the words do
the impersonating. The index has a POST form (``__token__`` hidden field, ``name`` + ``idcard``) to
``/index.php/Home/Index/search``; a hit answers with an HTTP 302 to the detail page
``/index.php/Home/Index/detail?cardno=T...`` (the QR URL), a miss with a red alert. The detail page is
a Bootstrap ``table-bordered`` with 持证人 / 证件号码 / 有效日期至 labels and a green "真实有效" alert.
The back end only knows the numbers it sold (查无此证 otherwise).

Reads no settings.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import esc, first_param, nginx_error, page, record_values, redirect, static_asset
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "tpboot"
SUMMARY = "ThinkPHP/Bootstrap platform, no markers, POST form (__token__, name, idcard) -> 302 -> detail?cardno="
AUTHORITY = "mem"
ON_THE_FLY = False
NATIONAL = True

_BRANDS = ("特种作业人员信息查询平台", "全国特种作业操作证查询中心", "安全生产特种作业证件查询系统")
_PHP = [("X-Powered-By", "ThinkPHP"), ("Set-Cookie", "PHPSESSID=8f3c1a0d6b2e4f7a9c5d3e1b0a2f4c6d; path=/")]


def qr_path(number: str) -> str:
    return f"/index.php/Home/Index/detail?cardno={number}"


def _frame(site: FakeSite, inner: str) -> str:
    brand = _BRANDS[site.variant % len(_BRANDS)]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{brand}</title>
<link href="/Public/bootstrap/css/bootstrap.min.css" rel="stylesheet">
<link href="/Public/home/css/style.css" rel="stylesheet">
<!--[if lt IE 9]><script src="/Public/js/html5shiv.min.js"></script><script src="/Public/js/respond.min.js"></script><![endif]-->
</head>
<body>
<nav class="navbar navbar-inverse navbar-static-top">
  <div class="container">
    <div class="navbar-header"><a class="navbar-brand" href="/">{brand}</a></div>
    <ul class="nav navbar-nav"><li class="active"><a href="/">证件查询</a></li><li><a href="/index.php/Home/News/index">政策法规</a></li><li><a href="/index.php/Home/Index/about">关于我们</a></li></ul>
  </div>
</nav>
<div class="container">
{inner}
</div>
<footer class="footer text-center text-muted"><p>Copyright &copy; 2022 {brand} All Rights Reserved</p></footer>
<script src="/Public/js/jquery-1.11.1.min.js"></script>
<script src="/Public/bootstrap/js/bootstrap.min.js"></script>
</body>
</html>"""


def _form(site: FakeSite, alert: str = "") -> str:
    token = hashlib.md5(f"tp:{site.domain}".encode()).hexdigest()
    msg = f'<div class="alert alert-danger" role="alert">{esc(alert)}</div>' if alert else ""
    return f"""<div class="jumbotron"><h2>特种作业操作证查询</h2><p>输入持证人姓名和身份证号码，查询证书真伪及有效期。</p></div>
<div class="row"><div class="col-md-6 col-md-offset-3">
{msg}
<div class="panel panel-primary"><div class="panel-heading">证件查询</div><div class="panel-body">
<form class="form-horizontal" method="post" action="/index.php/Home/Index/search">
  <input type="hidden" name="__token__" value="{token}">
  <div class="form-group"><label for="name" class="col-sm-3 control-label">姓名</label>
    <div class="col-sm-9"><input type="text" class="form-control" id="name" name="name" placeholder="持证人姓名"></div></div>
  <div class="form-group"><label for="idcard" class="col-sm-3 control-label">身份证号码</label>
    <div class="col-sm-9"><input type="text" class="form-control" id="idcard" name="idcard" placeholder="18位身份证号码"></div></div>
  <div class="form-group"><div class="col-sm-offset-3 col-sm-9"><button type="submit" class="btn btn-primary btn-block">立即查询</button></div></div>
</form></div></div></div></div>"""


def _detail(v: dict[str, str]) -> str:
    rows = [("持证人", v["name"]), ("性别", v["sex"]), ("证件号码", v["id"]), ("证书编号", v["number"]),
            ("作业类别", v["category"]), ("准操项目", v["item"]), ("发证日期", v["first"]),
            ("有效日期至", v["until"]), ("发证机关", v["issuer"]), ("证书状态", "有效")]
    trs = "".join(f"<tr><th class=\"active\" width=\"30%\">{k}</th><td>{esc(val)}</td></tr>" for k, val in rows)
    return f"""<div class="row"><div class="col-md-8 col-md-offset-2">
<div class="alert alert-success" role="alert"><span class="glyphicon glyphicon-ok-sign"></span> 查询成功，该证书信息真实有效！</div>
<div class="panel panel-default"><div class="panel-heading"><h3 class="panel-title">查询结果</h3></div>
<div class="panel-body"><div class="row"><div class="col-sm-3"><div class="thumbnail"><img src="/Uploads/photo/{v['photo']}.jpg" alt="照片"></div></div>
<div class="col-sm-9"><table class="table table-bordered table-condensed">{trs}</table></div></div></div></div>
<p class="text-center"><a class="btn btn-default" href="/">返回查询</a></p></div></div>"""


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path.rstrip("/") or "/"
        low = path.lower()
        if low in ("/", "/index.php", "/index.php/home/index/index"):
            return page(_frame(site, _form(site)), headers=_PHP)
        if low == "/index.php/home/index/search":
            idcard = first_param(req, "idcard", "cardno").upper()
            number = idcard if idcard.startswith("T") else "T" + idcard
            if not idcard:
                return page(_frame(site, _form(site, "请输入身份证号码")), headers=_PHP)
            if site.backend.lookup(number) is None:
                return page(_frame(site, _form(site, "未找到该证书信息，请核对后重新输入！")), headers=_PHP)
            return redirect(f"/index.php/Home/Index/detail?cardno={quote(number)}", 302, headers=_PHP)
        if low == "/index.php/home/index/detail":
            number = first_param(req, "cardno", "idcard")
            rec = site.backend.lookup(number) if number else None
            if rec is None:
                return page(_frame(site, _form(site, "查无此证：未找到该证书信息，请核对后重新输入！")), headers=_PHP)
            return page(_frame(site, _detail(record_values(rec))), headers=_PHP)
        return static_asset(path, site.variant) or nginx_error(404)
    return handle
