"""Kit ``vuespa``: a look-alike of the official cx.mem.gov.cn single-page app, without the captcha.

Same title (特种作业操作证及安全生产知识和管理能力考核合格信息查询), same page path
``/special?index=0`` and the same API path and field names (``/prod-api/certsearch/certInfo/netQuery``,
certNum, jobCategoryName, operItemName, issueOrgName, validBeginDate...), so a quick look at the
traffic cannot tell it from the real one. Unlike the real app, the Vue/Element template and the axios
call are inline, the API wants no captcha, and it answers with the holder's name and photo. The QR
URL is ``/special?index=0&certNum=T...``; ``/`` sends visitors on with a JavaScript ``location``
assignment. Markers: SiteIDCode and footer code bm34000001 agree, but the 党政机关 badge links to a
page on the kit's own host and the ICP number carries a made-up suffix. Unknown numbers: "暂无数据".

Reads no settings.
"""

from __future__ import annotations

import base64

from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.common import (MEM, conac_badge, emblem_png, esc, first_param, gov_meta, json_response,
                                         nginx_error, page, psb_link, record_values, static_asset)
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

NAME = "vuespa"
SUMMARY = "look-alike of the official SPA: inline Vue + axios POST JSON /prod-api/.../netQuery, no captcha, badge links to own host"
AUTHORITY = "mem"
ON_THE_FLY = False
NATIONAL = True

TITLE = "特种作业操作证及安全生产知识和管理能力考核合格信息查询"


def qr_path(number: str) -> str:
    return f"/special?index=0&certNum={number}"


def _app(site: FakeSite, number: str) -> str:
    badge = conac_badge(MEM, href=f"/conac/sitename?method=show&id={MEM.conac_id}", script=site.variant % 2 == 0)
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no">
{gov_meta(MEM, "特种作业操作证查询")}<link rel="icon" href="/favicon.ico">
<title>{TITLE}</title>
<link rel="stylesheet" href="/static/css/element-ui.2.15.6.css">
<style>
[v-cloak]{{display:none}}body{{margin:0;background:#f0f2f5;font-family:"Helvetica Neue",Helvetica,"PingFang SC","Microsoft YaHei",Arial,sans-serif}}
.top{{height:90px;background:linear-gradient(90deg,#0b4da2,#1d6fd8);color:#fff;display:flex;align-items:center;padding:0 40px}}
.top img{{height:60px;margin-right:16px}}.top h1{{font-size:24px;font-weight:500;margin:0}}
.box{{width:960px;margin:24px auto;background:#fff;padding:24px 40px;border-radius:4px}}
.cert{{border:1px solid #dcdfe6;padding:20px;margin-top:20px;display:flex}}.cert .zp img{{width:110px;height:146px}}
.cert table{{flex:1;margin-left:24px;border-collapse:collapse}}.cert td{{border:1px solid #ebeef5;padding:8px 12px}}
.cert td.l{{background:#f5f7fa;width:120px;color:#606266}}.ok{{color:#67c23a;font-weight:bold}}
.foot{{text-align:center;color:#666;font-size:12px;line-height:24px;padding:20px 0}}
</style>
</head>
<body>
<div id="app" v-cloak>
  <div class="top"><img src="/static/img/guohui.png" alt="国徽"><h1>{TITLE}</h1></div>
  <div class="box">
    <el-tabs v-model="activeTab">
      <el-tab-pane label="特种作业操作证" name="0"></el-tab-pane>
      <el-tab-pane label="安全生产知识和管理能力考核合格证" name="1"></el-tab-pane>
    </el-tabs>
    <el-form :inline="true" :model="form" class="query-form">
      <el-form-item label="证件号码"><el-input v-model="form.certNum" placeholder="请输入证件号码" clearable></el-input></el-form-item>
      <el-form-item label="姓名"><el-input v-model="form.name" placeholder="请输入姓名"></el-input></el-form-item>
      <el-form-item><el-button type="primary" @click="query" :loading="loading">查询</el-button></el-form-item>
    </el-form>
    <div class="cert" v-if="cert">
      <div class="zp"><img :src="cert.photoUrl"></div>
      <table>
        <tr><td class="l">姓名</td><td>{{{{cert.name}}}}</td><td class="l">性别</td><td>{{{{cert.sex}}}}</td></tr>
        <tr><td class="l">证件号码</td><td colspan="3">{{{{cert.certNum}}}}</td></tr>
        <tr><td class="l">作业类别</td><td>{{{{cert.jobCategoryName}}}}</td><td class="l">操作项目</td><td>{{{{cert.operItemName}}}}</td></tr>
        <tr><td class="l">有效期开始日期</td><td>{{{{cert.validBeginDate}}}}</td><td class="l">有效期结束日期</td><td>{{{{cert.validEndDate}}}}</td></tr>
        <tr><td class="l">应复审日期</td><td>{{{{cert.shouldReviewDate}}}}</td><td class="l">实际复审日期</td><td>{{{{cert.reviewDate}}}}</td></tr>
        <tr><td class="l">发证机关</td><td>{{{{cert.issueOrgName}}}}</td><td class="l">证书状态</td><td class="ok">{{{{cert.certStatus}}}}</td></tr>
      </table>
    </div>
    <el-empty v-if="empty" description="暂无数据"></el-empty>
  </div>
  <div class="foot">
    <p>主办单位：中华人民共和国应急管理部　网站标识码{MEM.site_id}</p>
    <p><a href="https://beian.miit.gov.cn/" target="_blank">{MEM.icp}-{3 + site.variant % 4}</a>　{psb_link(MEM)}</p>
    <p>{badge}</p>
  </div>
</div>
<script src="/static/js/vue.2.6.14.min.js"></script>
<script src="/static/js/element-ui.2.15.6.js"></script>
<script src="/static/js/axios.0.21.1.min.js"></script>
<script>
function getParam(name) {{
  var m = new RegExp("[?&]" + name + "=([^&#]*)").exec(window.location.href);
  return m ? decodeURIComponent(m[1]) : "";
}}
new Vue({{
  el: "#app",
  data: function () {{
    return {{ activeTab: "0", loading: false, cert: null, empty: false, form: {{ certNum: "{esc(number)}", name: "" }} }};
  }},
  mounted: function () {{
    var n = getParam("certNum");
    if (n) {{ this.form.certNum = n; this.query(); }}
  }},
  methods: {{
    query: function () {{
      var that = this;
      if (!this.form.certNum) {{ this.$message.error("请输入证件号码"); return; }}
      this.loading = true;
      axios.post("/prod-api/certsearch/certInfo/netQuery", {{ certNum: this.form.certNum, name: this.form.name, type: this.activeTab }})
        .then(function (res) {{
          that.loading = false;
          if (res.data.code === 200 && res.data.rows.length) {{ that.cert = res.data.rows[0]; that.empty = false; }}
          else {{ that.cert = null; that.empty = true; }}
        }});
    }}
  }}
}});
</script>
</body>
</html>"""


def _api(site: FakeSite, req: HttpRequest) -> HttpResponse:
    number = first_param(req, "certNum", "certNo", "idCard")
    rec = site.backend.lookup(number) if number else None
    if rec is None:
        return json_response({"code": 500, "msg": "暂无数据", "rows": [], "total": 0})
    v = record_values(rec)
    row = {"certNum": v["number"], "name": v["name"], "sex": v["sex"], "jobCategoryName": v["category"],
           "operItemName": v["item"], "issueOrgName": v["issuer"], "validBeginDate": v["from"],
           "validEndDate": v["until"], "shouldReviewDate": v["review_due"], "reviewDate": v["reviewed"].strip("—"),
           "certStatus": "有效", "photoUrl": f"/profile/upload/zp/{v['photo']}.jpg"}
    return json_response({"code": 200, "msg": "查询成功", "rows": [row], "total": 1})


def make_handler(site: FakeSite) -> Handler:
    def handle(req: HttpRequest) -> HttpResponse:
        path = req.path
        if path in ("/", "/index.html"):
            return page('<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + TITLE + '</title></head><body>'
                        '<script>window.location.href = "/special?index=0";</script></body></html>')
        if path in ("/special", "/special/"):
            return page(_app(site, first_param(req, "certNum")))
        if path == "/prod-api/certsearch/certInfo/netQuery":
            return _api(site, req)
        if path == "/prod-api/certsearch/code":
            # A captcha endpoint that exists for show: the kit's API never checks the answer.
            img = base64.b64encode(emblem_png()).decode()
            return json_response({"msg": "操作成功", "img": img, "code": 200, "uuid": "0" * 32})
        if path == "/conac/sitename":
            return page(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>党政机关网站标识</title></head>
<body style="text-align:center;font-family:sans-serif"><img src="/static/img/red.png"><h2>党政机关网站</h2>
<table align="center" border="1" cellpadding="8" style="border-collapse:collapse">
<tr><td>网站名称</td><td>{TITLE}</td></tr><tr><td>开办单位</td><td>中华人民共和国应急管理部</td></tr>
<tr><td>网站标识码</td><td>{MEM.site_id}</td></tr><tr><td>首页网址</td><td>{esc(site.host)}</td></tr></table>
<p>标识编号：{esc(first_param(req, 'id'))}</p></body></html>""")
        return static_asset(path, site.variant) or nginx_error(404)
    return handle
