"""Kit ``wxcloak``: a WeChat-only mobile page (WeUI look) that loads the record from a JSON API.

The forged card's QR code is meant to be scanned with WeChat, so the kit shows the fake only to
the WeChat in-app browser (``MicroMessenger``) or, in some variants, to any phone. Everything else
gets something harmless, by variant: a generic company home page, a blank page, or the
"请在微信客户端打开链接" notice. The mobile page ``/h5/?certNo=T...`` (the QR URL) reads the number
from the URL and calls ``GET /h5/api/cert.php?certNo=`` with jQuery; the JSON answer (pinyin keys
xm, xb, zh, zylb...) is rendered into a WeUI cell list under the emblem and "国家安全生产考试".
No government markers at all. The back end makes up a record for any well-formed number.

Reads no settings.
"""

from __future__ import annotations

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import (esc, first_param, is_mobile, is_wechat, json_response, nginx_error, page,
                                         record_values, static_asset)
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "wxcloak"
SUMMARY = "WeChat/mobile-only WeUI page (desktop sees a company page/blank/notice), jQuery GET JSON API certNo"
AUTHORITY = "mem"
ON_THE_FLY = True
NATIONAL = True

_COMPANIES = ("杭州云栖网络科技有限公司", "深圳市前海启明信息技术有限公司", "成都锦程数据服务有限公司",
              "武汉光谷智联软件有限公司", "郑州中原云创科技有限公司")


def qr_path(number: str) -> str:
    return f"/h5/?certNo={number}"


def _shows_fake(site: FakeSite, ua: str) -> bool:
    # Even variants trust only WeChat; odd ones any phone (the operators disagreed on this).
    return is_wechat(ua) if site.variant % 2 == 0 else is_mobile(ua)


def _decoy(site: FakeSite) -> HttpResponse:
    kind = site.variant % 3
    if kind == 1:
        return page("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title></title></head><body></body></html>")
    if kind == 2:
        return page("""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>提示</title><style>body{background:#ededed;text-align:center;font-family:sans-serif;padding-top:120px;color:#555}</style></head>
<body><img src="/h5/img/wx_tip.png" width="80"><p>请在微信客户端打开链接</p></body></html>""")
    company = _COMPANIES[(site.variant // 3) % len(_COMPANIES)]
    return page(f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{company} - 专注企业数字化服务</title>
<meta name="keywords" content="软件开发,小程序开发,网站建设,系统集成">
<link rel="stylesheet" href="/static/css/main.css"></head>
<body>
<header class="top"><div class="wrap"><img src="/static/img/logo.png" alt="{company}"><nav><a href="/">首页</a><a href="/#about">关于我们</a><a href="/#service">服务项目</a><a href="/#case">成功案例</a><a href="/#contact">联系我们</a></nav></div></header>
<section class="hero"><h1>让每一家企业都用得起好软件</h1><p>小程序开发 · 网站建设 · 系统集成 · 云服务运维</p></section>
<section id="service" class="wrap cols"><div><h3>小程序开发</h3><p>微信小程序、支付宝小程序一站式开发。</p></div>
<div><h3>网站建设</h3><p>企业官网、商城、响应式网站设计与开发。</p></div><div><h3>运维服务</h3><p>7×24小时云服务器托管与安全运维。</p></div></section>
<footer class="wrap">© 2022 {company}　联系电话：0571-8{site.variant:03d}6721</footer>
</body></html>""")


def _mobile(site: FakeSite, number: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=0">
<title>国家安全生产考试</title>
<link rel="stylesheet" href="/h5/css/weui.min.css">
<style>
.hd{{background:#c4161c;color:#fff;text-align:center;padding:18px 0 12px}}.hd img{{width:64px;height:64px}}
.hd h1{{font-size:18px;margin:6px 0 0}}.hd p{{font-size:13px;opacity:.85;margin:2px 0}}
.zp{{text-align:center;padding:12px 0}}.zp img{{width:90px;height:120px;border:1px solid #ddd}}
.zt{{text-align:center;color:#09bb07;font-size:18px;padding:14px 0}}.ft{{text-align:center;color:#999;font-size:12px;padding:20px 0}}
</style>
<script src="/h5/js/jquery-2.1.4.min.js"></script>
</head>
<body ontouchstart>
<div class="hd"><img src="/h5/img/guohui.png" alt=""><h1>特种作业操作证查询</h1><p>国家安全生产考试</p></div>
<div id="box">
  <div class="weui-cells weui-cells_form" id="qbox"{' style="display:none"' if number else ''}>
    <div class="weui-cell"><div class="weui-cell__hd"><label class="weui-label">证件号码</label></div>
      <div class="weui-cell__bd"><input class="weui-input" id="certNo" type="text" placeholder="请输入证件号码" value="{esc(number)}"></div></div>
  </div>
  <div class="weui-btn-area" id="qbtn"{' style="display:none"' if number else ''}><a class="weui-btn weui-btn_primary" href="javascript:;" id="btnQuery">查询</a></div>
  <div id="result"><div class="weui-loadmore"><i class="weui-loading"></i><span class="weui-loadmore__tips">正在查询</span></div></div>
</div>
<div class="ft">版权所有 © 国家安全生产考试　技术支持：应急管理部宣传教育中心</div>
<script>
function getQueryString(name) {{
    var reg = new RegExp("(^|&)" + name + "=([^&]*)(&|$)", "i");
    var r = window.location.search.substr(1).match(reg);
    return r != null ? decodeURIComponent(r[2]) : "";
}}
function cell(k, v) {{
    return '<div class="weui-cell"><div class="weui-cell__bd"><p>' + k + '</p></div><div class="weui-cell__ft">' + v + '</div></div>';
}}
function query(certNo) {{
    $.ajax({{
        url: "/h5/api/cert.php",
        type: "GET",
        dataType: "json",
        data: {{ certNo: certNo }},
        success: function (res) {{
            if (res.code == 0) {{
                var d = res.data;
                var h = '<div class="zp"><img src="' + d.zp + '"></div><div class="weui-cells">';
                h += cell("姓　　名", d.xm) + cell("性　　别", d.xb) + cell("证　　号", d.zh);
                h += cell("作业类别", d.zylb) + cell("准操项目", d.czxm) + cell("初领日期", d.clrq);
                h += cell("有效期限", d.yxq) + cell("复审日期", d.fsrq) + cell("签发机关", d.fzjg) + '</div>';
                h += '<div class="zt"><i class="weui-icon-success"></i> 证书状态：' + d.zt + '</div>';
                $("#result").html(h);
            }} else {{
                $("#result").html('<div class="weui-msg"><div class="weui-msg__text-area"><p>' + res.msg + '</p></div></div>');
            }}
        }},
        error: function () {{ $("#result").html("网络异常，请稍后再试"); }}
    }});
}}
$(function () {{
    var certNo = getQueryString("certNo");
    if (certNo) {{ query(certNo); }} else {{ $("#result").html(""); }}
    $("#btnQuery").click(function () {{ query($.trim($("#certNo").val())); }});
}});
</script>
</body>
</html>"""


def _api(site: FakeSite, req: HttpRequest) -> HttpResponse:
    number = first_param(req, "certNo", "certno")
    rec = site.backend.lookup(number) if number else None
    if rec is None:
        return json_response({"code": 1, "msg": "请输入正确的证件号码", "data": None})
    v = record_values(rec)
    return json_response({"code": 0, "msg": "success", "data": {
        "xm": v["name"], "xb": v["sex"], "zh": v["number"], "zylb": v["category"], "czxm": v["item"],
        "clrq": v["first"], "yxq": v["validity"], "fsrq": v["review_due"], "fzjg": v["issuer"], "zt": "有效",
        "zp": f"/h5/upload/zp/{v['photo']}.jpg"}})


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path
        if path in ("/h5/api/cert.php", "/h5/api/cert"):
            return _api(site, req)
        if path in ("/", "/index.html", "/h5", "/h5/", "/h5/index.html"):
            if not _shows_fake(site, req.user_agent):
                return _decoy(site)
            if path in ("/", "/index.html"):
                return page(_mobile(site, ""))
            return page(_mobile(site, first_param(req, "certNo", "certno")),
                        headers=[("Cache-Control", "no-cache")])
        return static_asset(path, site.variant) or nginx_error(404)
    return handle
