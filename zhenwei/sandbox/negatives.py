"""Hard negatives of the sandbox world, part 1: training schools, news articles and how-to tutorials.

These sites are live and use the fakes' vocabulary (特种作业操作证, 证书查询, 应急管理部, 有效期...) but
impersonate nobody: schools and tutorials send people to cx.mem.gov.cn, news articles write about
fake sites (naming some, defanged). Each kind comes in several visually and structurally different
styles. Company look-ups, parked domains and unrelated sites are in :mod:`negatives_misc`.

Reads no settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhenwei.sandbox.kits.common import nginx_error, page, static_asset
from zhenwei.sandbox.model import Handler, HttpRequest, HttpResponse

CX = "https://cx.mem.gov.cn/special?index=0"


@dataclass
class Negative:
    """One live site that must not be flagged."""

    host: str
    category: str  # training | news | tutorial | company | parked | unrelated
    handler: Handler
    registrant: str  # organisation for WHOIS
    icp: str = ""  # its own ICP filing ("" = none)


def single_page(body: str, paths: tuple[str, ...] = ("/", "/index.html"), charset: str = "utf-8") -> Handler:
    """A site whose listed paths serve ``body``; assets are served, anything else is a 404."""
    def handle(req: HttpRequest) -> HttpResponse:
        if req.path in paths:
            return page(body, charset=charset)
        return static_asset(req.path) or nginx_error(404)
    return handle


def _school_classic() -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>济南安培安全技术培训学校-特种作业操作证培训_电工证_焊工证_高处作业证</title>
<meta name="keywords" content="特种作业培训,电工证培训,焊工证培训,高处作业证,济南"><link rel="stylesheet" href="/css/style.css"></head>
<body>
<div class="top"><div class="w"><img src="/images/logo.png" alt="济南安培安全技术培训学校"><span class="tel">报名热线：0531-86123456</span></div></div>
<div class="menu"><div class="w"><a href="/">网站首页</a><a href="/about/">学校简介</a><a href="/kc/">培训项目</a><a href="/zs/">招生简章</a><a href="/cx/">证书查询</a><a href="/lx/">联系我们</a></div></div>
<div class="w main">
  <div class="box"><h2>培训项目</h2><ul><li>低压电工作业（特种作业操作证）</li><li>熔化焊接与热切割作业</li><li>登高架设作业、高处安装维护拆除作业</li><li>制冷与空调设备运行操作作业</li></ul></div>
  <div class="box"><h2>证书查询</h2><p>本校学员考试合格后，由山东省应急管理厅核发《中华人民共和国特种作业操作证》，全国通用，有效期6年，每3年复审一次。</p>
  <p>证书真伪请登录应急管理部官方查询平台：<a href="{CX}" target="_blank">cx.mem.gov.cn</a>。本校不提供证书查询服务，
  网上所谓"办证、查询可靠"的网站均为假冒，请勿上当受骗！</p></div>
</div>
<div class="foot">Copyright © 2015-2023 济南安培安全技术培训学校 版权所有　<a href="https://beian.miit.gov.cn/">鲁ICP备15023871号-1</a></div>
</body></html>"""


def _school_mobile() -> str:
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>电工证 焊工证 高处作业证 报名 | 广州东冠职业技能培训</title>
<style>body{{margin:0;font-family:-apple-system,"PingFang SC",sans-serif;background:#f6f7fb}}.hero{{background:#ff6a00;color:#fff;padding:30px 18px}}
.card{{background:#fff;margin:12px;border-radius:10px;padding:14px}}.btn{{display:block;background:#ff6a00;color:#fff;text-align:center;padding:12px;border-radius:24px}}</style></head>
<body>
<section class="hero"><h1>考证就找东冠</h1><p>应急管理局特种作业操作证 · 随到随学 · 考试通过率高</p></section>
<section class="card"><h3>热门课程</h3><p>低压电工证 ¥1280　焊工证 ¥1580　高处作业证 ¥980</p><p>理论+实操，考试由广东省应急管理厅组织，证书全国联网可查。</p></section>
<section class="card"><h3>怎么查询证书真伪？</h3><p>打开 <a href="{CX}">cx.mem.gov.cn</a>（应急管理部官方平台），输入身份证号、姓名和验证码即可查询。
只认官网！扫码出现其他网址的都是假证。</p></section>
<section class="card"><a class="btn" href="tel:020-8888-1234">立即电话报名</a></section>
<footer style="text-align:center;color:#999;font-size:12px;padding:16px">广州东冠职业技能培训学校 <a href="https://beian.miit.gov.cn/">粤ICP备19087245号</a></footer>
</body></html>"""


def _school_faq() -> str:
    qa = [("特种作业操作证有效期多久？", "有效期6年，每3年复审一次，到期前60日内申请延期复审。"),
          ("证书在哪里查询？", f'唯一官方查询网址 <a href="{CX}">https://cx.mem.gov.cn</a>，查询需输入验证码。'),
          ("为什么扫码显示的网站和官网不一样？", "如果证书二维码打开的不是 cx.mem.gov.cn，说明证书可能是伪造的，请向当地应急管理局核实。"),
          ("查询提示\"证件档案编号有误\"怎么办？", "说明官方系统中没有该证书记录，证书很可能是假证。")]
    items = "".join(f"<dt>问：{q}</dt><dd>答：{a}</dd>" for q, a in qa)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>常见问题 - 北京安泰安全培训中心</title><link rel="stylesheet" href="/skin/css/main.css"></head>
<body><table width="1000" align="center"><tr><td class="hd"><b>北京安泰安全培训中心</b> 安全生产培训 · 特种作业培训 · 安全评价咨询</td></tr>
<tr><td class="nav"><a href="/">首页</a> | <a href="/news/">培训动态</a> | <a href="/faq/">常见问题</a> | <a href="/contact/">联系我们</a></td></tr>
<tr><td><h2>特种作业操作证常见问题</h2><dl class="faq">{items}</dl></td></tr>
<tr><td class="ft">北京安泰安全培训中心　<a href="https://beian.miit.gov.cn/">京ICP备16052931号-2</a>　京公网安备11010502031456号</td></tr></table></body></html>"""


def _news_portal() -> str:
    return """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>一张假证牵出226个假冒政府网站_京华今日</title>
<meta name="description" content="西城检察院办理一起伪造特种作业操作证案，发现226个假冒应急管理部门网站。"></head>
<body>
<div class="site-top"><a href="/">京华今日</a> <nav><a href="/shehui/">社会</a><a href="/fazhi/">法治</a><a href="/keji/">科技</a></nav></div>
<article class="art">
<h1>一张假证牵出226个假冒政府网站</h1>
<div class="meta">2023-06-01 09:12　来源：京华今日　记者 王晓（化名）</div>
<p>一张扫码后显示"证书有效"的特种作业操作证，竟是伪造的。记者从西城区人民检察院获悉，该院在办理一起案件时发现，
伪造证书上的二维码指向一个仿冒应急管理局的网站，页面上有国徽、机关名称和有效期，与真网站几乎一模一样。</p>
<p>顺藤摸瓜，办案人员共发现226个假冒政府网站，其中218个已被关停。使用官方平台 cx.mem.gov.cn 查询同一证书，
系统提示"证件档案编号有误"。</p>
<p>检察官提醒，特种作业操作证只能在应急管理部官方网站查询，扫码后请核对网址是否以 mem.gov.cn 结尾。</p>
</article>
<footer>京华今日 版权所有　<a href="https://beian.miit.gov.cn/">京ICP备18000321号</a></footer>
</body></html>"""


def _news_warning() -> str:
    fakes = ["cx-mem-gov[.]cn", "mem-gov[.]com[.]cn", "yjgl-beijing[.]com", "tzzy-cx[.]xyz"]
    lis = "".join(f"<li><code>{d}</code></li>" for d in fakes)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>警惕！这些"证书查询网站"是假的 - 安全生产周报</title></head>
<body bgcolor="#ffffff"><div id="wrap"><div id="head"><img src="/img/logo.gif" alt="安全生产周报"></div>
<div id="content"><h1>警惕！这些"证书查询网站"是假的</h1><p class="src">2023年05月30日　安全生产周报</p>
<p>近期，多地应急管理部门通报了一批仿冒政府机关的特种作业操作证查询网站。这些网站使用与官方相近的域名，
页面复制了应急管理部网站的页脚、网站标识码甚至党政机关标识，用于为伪造证书"验真"。已通报的部分域名如下（已做处理）：</p>
<ul>{lis}</ul>
<p>正确的查询方式：登录 https://cx.mem.gov.cn ，输入证件号码、姓名和验证码。查询结果显示"证件档案编号有误"的，证书系伪造。</p>
</div><div id="foot">安全生产周报社 主办　京ICP备09031522号</div></div></body></html>"""


def _news_mobile() -> str:
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>花800元买的电工证竟是假的</title></head>
<body style="margin:0;font-size:17px;line-height:1.7;padding:14px;font-family:sans-serif">
<h2>花800元买的电工证竟是假的，扫码还能"查到"</h2><p style="color:#999;font-size:13px">快讯365 · 2023-04-22</p>
<p>工人李某（化名）在网上花800元"免考办证"，拿到的特种作业操作证扫码后显示查询成功。直到用人单位在应急管理部官网核验，
才发现证件信息不存在。</p><p>民警介绍，这类假证的二维码指向的是不法分子搭建的假冒查询网站，网站后台可以随意生成证书信息。</p>
<p>提醒：办理特种作业操作证须参加正规培训和考试，查询请认准官方网址。</p>
<div style="color:#999;font-size:12px">快讯365 <a href="https://beian.miit.gov.cn/">浙ICP备17044455号-3</a></div></body></html>"""


def _tutorial_qa() -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>特种作业操作证怎么查询真伪？_问答365</title></head>
<body><div class="q"><h1>特种作业操作证怎么查询真伪？</h1><p class="ask">提问者：匿名用户　2023-03-15</p></div>
<div class="answers"><div class="best"><h3>最佳答案</h3>
<ol><li>打开浏览器，输入官方网址 <a href="{CX}" rel="nofollow">https://cx.mem.gov.cn</a>；</li>
<li>选择"特种作业操作证"，输入身份证号码（证书编号是T加身份证号）、姓名；</li>
<li>输入图片验证码，点击查询；</li>
<li>显示证书信息（作业类别、准操项目、有效期、发证机关）即为真证；提示"证件档案编号有误"则为假证。</li></ol>
<p>注意：不要相信证书二维码扫出来的其他网站，假证贩子会自己做查询网站。</p></div>
<div class="ans"><p>补充：住建部门的建筑施工特种作业证要到 zlaq.mohurd.gov.cn 查，和应急管理部门的不是一个证。</p></div></div>
<div class="ft">问答365 <a href="https://beian.miit.gov.cn/">苏ICP备20011834号-1</a></div></body></html>"""


def _tutorial_blog() -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>手把手教你查询电工证（附图） | 电气技术笔记</title>
<link rel="stylesheet" href="/wp-content/themes/twentytwenty/style.css"><meta name="generator" content="WordPress 6.1.1"></head>
<body class="single-post"><header><a href="/" class="site-title">电气技术笔记</a><p>一个老电工的技术博客</p></header>
<main><article><h1 class="entry-title">手把手教你查询电工证（附图）</h1><div class="entry-meta">发布于 2023年2月8日 · 分类：考证经验</div>
<div class="entry-content"><p>很多朋友问电工证在哪里查，其实很简单，官方平台是应急管理部的 <a href="{CX}">cx.mem.gov.cn</a>。</p>
<p><img src="/wp-content/uploads/2023/02/cx-step1.png" alt="查询页面截图"></p>
<p>第一步：选择证件类型；第二步：输入证件号码和姓名；第三步：输入验证码后点"查询"。结果会显示作业类别、准操项目和有效期限。</p>
<p>另外提醒一句：网上有很多"证书查询"网站，域名里带 gov、mem、yjgl 的也不一定是官方的，只认 mem.gov.cn。</p></div></article>
<section class="comments"><h3>3 条评论</h3><p>张师傅：查到了，谢谢博主！</p></section></main>
<footer>© 2023 电气技术笔记 · <a href="https://beian.miit.gov.cn/">豫ICP备2021008876号</a></footer></body></html>"""


def negatives_part1() -> list[Negative]:
    return [
        Negative("www.sdanpei.com", "training", single_page(_school_classic()), "济南安培安全技术培训学校",
                 "鲁ICP备15023871号-1"),
        Negative("m.gzdgpx.cn", "training", single_page(_school_mobile()), "广州东冠职业技能培训学校", "粤ICP备19087245号"),
        Negative("www.bjatpx.org.cn", "training", single_page(_school_faq(), ("/", "/faq/", "/index.html")),
                 "北京安泰安全培训中心", "京ICP备16052931号-2"),
        Negative("news.jinghuatoday.cn", "news", single_page(_news_portal(), ("/", "/shehui/2023/0601/226.html")),
                 "北京京华今日传媒有限公司", "京ICP备18000321号"),
        Negative("www.aqsczb.com", "news", single_page(_news_warning(), charset="gbk"), "安全生产周报社",
                 "京ICP备09031522号"),
        Negative("m.kuaixun365.com", "news", single_page(_news_mobile()), "杭州快讯网络科技有限公司", "浙ICP备17044455号-3"),
        Negative("zhidao.wenda365.cn", "tutorial", single_page(_tutorial_qa()), "南京问答信息技术有限公司",
                 "苏ICP备20011834号-1"),
        Negative("blog.dianqi-jishu.com", "tutorial", single_page(_tutorial_blog()), "（个人）", "豫ICP备2021008876号"),
    ]

