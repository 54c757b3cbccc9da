"""The official certificate look-ups of the sandbox world: cx.mem.gov.cn and zlaq.mohurd.gov.cn.

cx.mem.gov.cn is a single-page app, like the real one: ``/special?index=0`` serves an empty shell
(title 特种作业操作证及安全生产知识和管理能力考核合格信息查询) that loads a JS bundle; the bundle talks to
``/prod-api/certsearch/code`` (an arithmetic image captcha: base64 PNG + uuid) and
``/prod-api/certsearch/certInfo/netQuery`` (JSON). The query answers

* ``验证码已失效`` when the uuid was not issued by this server, ``验证码错误`` for a wrong answer;
* ``证件档案编号有误`` for a number that is not in the official registry, which is what every forged
  certificate's number gets;
* the record (certNum, jobCategoryName, operItemName, issueOrgName, validBeginDate, validEndDate,
  shouldReviewDate, reviewDate, certStatus) otherwise.

The captcha is stateless: the uuid carries a keyed MAC, and :func:`captcha_answer` recomputes the
answer from it (tests use it; the product must read the image like anyone else).

zlaq.mohurd.gov.cn offers the 住建 look-up as a plain page with a jQuery POST to ``/tzzy/query``.

Reads no settings.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import random
import re
from functools import cached_property

from zhenwei.sandbox.kits.common import (MOHURD, conac_badge, first_param, gov_meta, json_response, mem_footer,
                                         nginx_error, page, png_rgb, psb_link, record_values, redirect, static_asset)
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse
from zhenwei.sandbox.people import PROVINCES, CertRecord, mask_name, mem_record, mohurd_record

CX_TITLE = "特种作业操作证及安全生产知识和管理能力考核合格信息查询"
NOT_IN_REGISTRY = "证件档案编号有误"


class OfficialRegistry:
    """The genuine certificates: what the official look-ups know. Built lazily from the seed."""

    def __init__(self, seed: int, size: int = 400, mohurd_size: int = 120):
        self.seed, self.size, self.mohurd_size = seed, size, mohurd_size

    @cached_property
    def mem(self) -> dict[str, CertRecord]:
        rng = random.Random(f"official-registry:{self.seed}")
        out: dict[str, CertRecord] = {}
        while len(out) < self.size:
            rec = mem_record(rng, province=rng.choice(PROVINCES))
            out[rec.number] = rec
        return out

    @cached_property
    def mohurd(self) -> dict[str, CertRecord]:
        rng = random.Random(f"official-registry-mohurd:{self.seed}")
        out: dict[str, CertRecord] = {}
        while len(out) < self.mohurd_size:
            rec = mohurd_record(rng, rng.choice(PROVINCES))
            out[rec.number] = rec
        return out


# -- captcha ---------------------------------------------------------------------------------------
_FONT = {
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111",
    "4": "101101111001001", "5": "111100111001111", "6": "111100111101111", "7": "111001001001001",
    "8": "111101111101111", "9": "111101111001111", "+": "000010111010000", "-": "000000111000000",
    "x": "000101010101000", "=": "000111000111000", "?": "111001011000010",
}


def _mac(seed: int, nonce: str) -> str:
    return hashlib.blake2b(nonce.encode(), key=f"cx-captcha:{seed}".encode(), digest_size=8).hexdigest()


def _question(mac: str) -> tuple[str, str]:
    a, b, op = int(mac[0], 16) % 9 + 1, int(mac[1], 16) % 9 + 1, int(mac[2], 16) % 3
    if op == 0:
        return f"{a}+{b}=?", str(a + b)
    if op == 1:
        a, b = max(a, b), min(a, b)
        return f"{a}-{b}=?", str(a - b)
    return f"{a}x{b}=?", str(a * b)


def captcha_answer(seed: int, uuid: str) -> str | None:
    """The answer to captcha ``uuid`` issued by the world of ``seed``; None if it was never issued."""
    m = re.fullmatch(r"([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})", uuid or "")
    if not m:
        return None
    nonce, mac = "".join(m.groups()[:3]), m.group(4) + m.group(5)
    if _mac(seed, nonce) != mac:
        return None
    return _question(mac)[1]


def captcha_image(text: str, noise_seed: str) -> bytes:
    """``text`` drawn with a 3x5 bitmap font, scaled up, on a noisy pale background (160x60 PNG)."""
    rng = random.Random(noise_seed)
    dots = {(rng.randrange(160), rng.randrange(60)) for _ in range(220)}
    scale, x0, y0 = 6, 12, 15
    cells = {}
    for i, ch in enumerate(text):
        bits = _FONT.get(ch, _FONT["?"])
        for k, bit in enumerate(bits):
            if bit == "1":
                cells[(i, k % 3, k // 3)] = True

    def pixel(x, y):
        if (x, y) in dots:
            return (120, 140, 200)
        i, rx = divmod(x - x0, 4 * scale)
        if 0 <= i < len(text) and 0 <= rx < 3 * scale and 0 <= y - y0 < 5 * scale:
            if cells.get((i, rx // scale, (y - y0) // scale)):
                return (30, 60, 150)
        return (236, 242, 250)
    return png_rgb(160, 60, pixel)


# -- cx.mem.gov.cn ---------------------------------------------------------------------------------
_SHELL = ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" '
          'content="IE=edge"><meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,'
          'user-scalable=no"><link rel="icon" href="/favicon.ico"><title>' + CX_TITLE + '</title>'
          '<link href="/static/css/chunk-libs.3dfb7769.css" rel="stylesheet"><link href="/static/css/app.8e1d4f3a.css" '
          'rel="stylesheet"></head><body><noscript><strong>We\'re sorry but this site doesn\'t work properly without '
          'JavaScript enabled. Please enable it to continue.</strong></noscript><div id="app"></div>'
          '<script src="/static/js/chunk-elementUI.4a2f6c1e.js"></script><script src="/static/js/chunk-libs.9b1c7d2a.js">'
          '</script><script src="/static/js/app.5e3b8f0c.js"></script></body></html>')

_BUNDLE = ('(window["webpackJsonp"]=window["webpackJsonp"]||[]).push([["app"],{"0f9a":function(e,t,n){"use strict";'
           'n.d(t,"b",function(){return r}),n.d(t,"a",function(){return o});var a=n("b775");'
           'function r(){return Object(a["a"])({url:"/certsearch/code",method:"get",timeout:2e4})}'
           'function o(e){return Object(a["a"])({url:"/certsearch/certInfo/netQuery",method:"post",data:e})}},'
           '"b775":function(e,t,n){"use strict";var a=n("bc3a"),r=n.n(a),o=r.a.create({baseURL:"/prod-api",timeout:1e4});'
           't["a"]=o},"56d7":function(e,t,n){"use strict";var a={name:"Special",data:function(){return{index:0,'
           'codeUrl:"",form:{idCard:"",name:"",certNum:"",code:"",uuid:"",type:0},title:"' + CX_TITLE + '"}},'
           'methods:{getCode:function(){var e=this;Object(i["b"])().then(function(t){e.codeUrl="data:image/png;base64,"+t.img,'
           'e.form.uuid=t.uuid})},handleQuery:function(){var e=this;Object(i["a"])(this.form).then(function(t){200===t.code?'
           'e.list=t.data:e.$message.error(t.msg),e.getCode()})}}}}}]);\n')


def cx_handler(seed: int, registry: OfficialRegistry) -> Handler:
    """cx.mem.gov.cn: the SPA shell, its bundle, the captcha and the query API."""
    counter = itertools.count(1)

    def new_captcha() -> HttpResponse:
        nonce = hashlib.blake2b(f"cx-nonce:{seed}:{next(counter)}".encode(), digest_size=8).hexdigest()
        mac = _mac(seed, nonce)
        uuid = f"{nonce[:8]}-{nonce[8:12]}-{nonce[12:16]}-{mac[:4]}-{mac[4:]}"
        question, _ = _question(mac)
        img = base64.b64encode(captcha_image(question, uuid)).decode()
        return json_response({"msg": "操作成功", "img": img, "code": 200, "captchaEnabled": True, "uuid": uuid})

    def query(req: HttpRequest) -> HttpResponse:
        params = req.params()
        answer = captcha_answer(seed, params.get("uuid", ""))
        if answer is None:
            return json_response({"msg": "验证码已失效", "code": 500})
        if params.get("code", "").strip() != answer:
            return json_response({"msg": "验证码错误", "code": 500})
        number = (params.get("certNum") or "").strip().upper()
        if not number and params.get("idCard"):
            number = "T" + params["idCard"].strip().upper()
        rec = registry.mem.get(number)
        name = (params.get("name") or "").strip()
        if rec is None or (name and name != rec.name):
            return json_response({"msg": NOT_IN_REGISTRY, "code": 500})
        v = record_values(rec)
        return json_response({"msg": "查询成功", "code": 200, "data": [{
            "certNum": rec.number, "name": mask_name(rec.name), "jobCategoryName": rec.category,
            "operItemName": rec.item, "issueOrgName": rec.issuer, "validBeginDate": v["from"],
            "validEndDate": v["until"], "shouldReviewDate": v["review_due"],
            "reviewDate": v["reviewed"].strip("—"), "certStatus": rec.status}]})

    def handle(req: HttpRequest) -> HttpResponse:
        if req.scheme == "http":
            return redirect(f"https://{req.host}{req.path}{'?' + req.query if req.query else ''}", 301)
        path = req.path
        if path in ("/", ""):
            return redirect("/special?index=0", 302)
        if path in ("/special", "/special/", "/index.html"):
            return page(_SHELL, headers=[("Cache-Control", "no-cache")])
        if path == "/prod-api/certsearch/code":
            return new_captcha()
        if path == "/prod-api/certsearch/certInfo/netQuery":
            if req.method not in ("POST", "GET"):
                return json_response({"msg": "请求方式不支持", "code": 405}, status=405)
            return query(req)
        if path.startswith("/static/js/app."):
            return page(_BUNDLE, ctype="application/javascript")
        return static_asset(path) or nginx_error(404)
    return handle


# -- zlaq.mohurd.gov.cn ----------------------------------------------------------------------------
def zlaq_handler(registry: OfficialRegistry) -> Handler:
    """zlaq.mohurd.gov.cn: the construction-certificate look-up (page + JSON query)."""
    def index() -> str:
        return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
{gov_meta(MOHURD, "全国工程质量安全监管信息平台")}<title>全国工程质量安全监管信息平台</title>
<link rel="stylesheet" href="/static/css/index.css"><script src="/static/js/jquery-3.5.1.min.js"></script></head>
<body>
<div class="top"><img src="/static/img/guohui.png" alt="国徽" width="56"><span>中华人民共和国住房和城乡建设部</span><b>全国工程质量安全监管信息平台</b></div>
<div class="tabs"><a class="on">建筑施工特种作业操作资格证查询</a><a href="/aqsc/">安全生产考核合格证书查询</a></div>
<div class="q">
  <label>证书编号 <input id="certNo" name="certNo" placeholder="请输入证书编号"></label>
  <label>姓名 <input id="name" name="name" placeholder="请输入姓名"></label>
  <button id="btn">查询</button>
</div>
<div id="out"></div>
<script>
$("#btn").on("click", function () {{
  $.post("/tzzy/query", {{ certNo: $("#certNo").val(), name: $("#name").val() }}, function (r) {{
    if (r.code === 0) {{ var d = r.data; $("#out").html("<table><tr><td>姓名</td><td>" + d.name + "</td></tr><tr><td>证书编号</td><td>" + d.certNo + "</td></tr><tr><td>操作类别</td><td>" + d.category + "</td></tr><tr><td>发证机关</td><td>" + d.issuer + "</td></tr><tr><td>有效期至</td><td>" + d.validUntil + "</td></tr></table>"); }}
    else {{ $("#out").text(r.msg); }}
  }}, "json");
}});
</script>
<div class="foot"><p>主办单位：{MOHURD.site_name}　网站标识码：{MOHURD.site_id}</p>
<p><a href="https://beian.miit.gov.cn/">{MOHURD.icp}</a>　{psb_link(MOHURD)}</p><p>{conac_badge(MOHURD)}</p></div>
</body></html>"""

    def handle(req: HttpRequest) -> HttpResponse:
        if req.path in ("/", "/index.html"):
            return page(index())
        if req.path == "/tzzy/query":
            number = first_param(req, "certNo")
            rec = registry.mohurd.get(number)
            if rec is None:
                return json_response({"code": 1, "msg": "未查询到相关证书信息"})
            return json_response({"code": 0, "data": {
                "name": mask_name(rec.name), "certNo": rec.number, "category": rec.category, "issuer": rec.issuer,
                "validUntil": rec.valid_until.isoformat(), "status": rec.status}})
        return static_asset(req.path) or nginx_error(404)
    return handle


def mem_404() -> HttpResponse:
    return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>404 页面不存在</title></head>
<body><div style="text-align:center;padding:80px 0"><h2>抱歉，您访问的页面不存在或已被删除！</h2>
<p><a href="/">返回首页</a></p></div>{mem_footer()}</body></html>""", status=404)

