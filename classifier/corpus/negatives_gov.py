"""Negative pages, part 1: official government pages, news about fake certificates, how-to-verify tutorials.

Official pages sit on the authorities' real hosts (from :mod:`zhenwei.data.profiles`) with consistent
markers; news and tutorials share the fakes' vocabulary (应急管理部, 证书查询, 特种作业操作证) but are
not impersonation. Each template function is one group. Reads no settings.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from classifier.corpus.blocks import (
    FRAMEWORKS,
    doc,
    esc,
    filler_person,
    gov_footer,
    random_province,
    site_id_local,
)

CX = "https://cx.mem.gov.cn/special?index=0"
CX_TITLE = "特种作业操作证及安全生产知识和管理能力考核合格信息查询"
HEADLINES = ("关于开展{p}安全生产专项整治的通知", "{p}召开防汛抗旱工作会议", "{p}特种作业人员考试计划公告",
             "关于做好{p}汛期安全防范工作的通知", "{p}安全生产月活动综述", "关于{p}危化品企业检查情况的通报",
             "{p}应急演练圆满完成", "关于公布{p}第二批安全培训机构名单的公告")
NEWS_OUTLETS = ("新华网", "人民网", "澎湃新闻", "法治日报", "中国应急管理报", "检察日报", "新京报", "央视新闻客户端")

Page = tuple[str, str, str, str | None]  # url, title, html, authority


def _paras(rng: random.Random, pool: tuple[str, ...], n: int) -> str:
    return "".join(f"<p>{esc(x)}</p>" for x in rng.sample(pool, min(n, len(pool))))


def official_mem_home(rng: random.Random, k: int) -> Page:
    p = random_province(rng)
    news = "".join(f"<li><a href='/xw/yjyw/2023{rng.randint(10, 12)}/t2023_{rng.randint(10**5, 10**6)}.shtml'>"
                   f"{esc(h.format(p=p.name))}</a><span>2023-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}</span></li>"
                   for h in rng.sample(HEADLINES, 5))
    head, foot = gov_footer(rng, "中华人民共和国应急管理部", "bm34000001", random_province(rng), "genuine")
    body = (f"<div class='header'><img src='/images/guohui.png' alt='国徽'><h1>中华人民共和国应急管理部</h1></div>"
            f"<ul class='nav'><li>首页</li><li>机构</li><li>新闻</li><li>政务公开</li><li>服务</li></ul><ul class='list'>{news}</ul>"
            f"<div class='service'><a href='{CX}'>{CX_TITLE}</a></div>{foot}")
    return f"https://www.mem.gov.cn/{'' if k % 2 else 'index.shtml'}", "中华人民共和国应急管理部", \
        doc("中华人民共和国应急管理部", head, body), "mem"


def official_cx_shell(rng: random.Random, k: int) -> Page:
    state = json.dumps({"title": CX_TITLE, "index": k % 3}, ensure_ascii=False)
    body = (f"<noscript><strong>We're sorry but 特种作业操作证查询 doesn't work properly without JavaScript enabled.</strong>"
            f"</noscript><div id='app'></div><script>window.__CFG__={state}</script>"
            f"<script src='/static/js/chunk-libs.{rng.randint(10**7, 10**8):x}.js'></script><script src='/static/js/app.{rng.randint(10**7, 10**8):x}.js'></script>")
    return f"https://cx.mem.gov.cn/special?index={k % 3}", CX_TITLE, doc(CX_TITLE, "", body), "mem"


def official_provincial(rng: random.Random, k: int) -> Page:
    p = random_province(rng)
    host = rng.choice((f"yjt.{p.pinyin}.gov.cn", f"yjgl.{p.pinyin}.gov.cn"))
    head, foot = gov_footer(rng, p.mem, site_id_local(rng, p), p, "genuine")
    fw = FRAMEWORKS[k % len(FRAMEWORKS)]
    items = "".join(f"<li><a href='/art/2023/{rng.randint(1, 12)}/{rng.randint(1, 28)}/art_{rng.randint(1000, 9999)}.html'>"
                    f"{esc(h.format(p=p.full))}</a></li>" for h in rng.sample(HEADLINES, 6))
    svc = f"<div class='bsfw'><h3>办事服务</h3><a href='{CX}'>特种作业操作证查询（应急管理部）</a><a href='/col/col{rng.randint(100, 999)}/'>行政审批</a></div>"
    body = f"<div class='top'><img src='/images/gh.png' alt='国徽'><h1>{esc(p.mem)}</h1></div><div class='{fw.wrap}'><ul>{items}</ul>{svc}</div>{foot}"
    return f"https://{host}/", p.mem, doc(p.mem, head, body, fw), "mem-provincial"


def official_local_notice(rng: random.Random, k: int) -> Page:
    p = random_province(rng)
    city = p.capital if p.capital.endswith(("市", "区", "县")) else p.capital + "市"
    name = f"{city}应急管理局"
    host = f"yjj.{p.initials}{rng.choice(('sz', 'cs', 'cq', 'xa', 'hz'))}.gov.cn"
    head, foot = gov_footer(rng, name, site_id_local(rng, p), p, "genuine")
    person = "、".join(filler_person(rng)[0] for _ in range(4))
    text = (f"<h2>{esc(name)}关于{rng.randint(2022, 2023)}年第{rng.randint(1, 9)}批特种作业操作证考核合格人员的公示</h2>"
            f"<p>经考试考核，以下人员考核合格：{esc(person)}等。证书信息可登录{CX}查询。</p><p>公示期五个工作日。</p>")
    return f"http://{host}/tzgg/{rng.randint(1000, 9999)}.html", name, doc(f"通知公告_{name}", head, f"<h1>{esc(name)}</h1>{text}{foot}"), "mem-local"


def official_mohurd(rng: random.Random, k: int) -> Page:
    p = random_province(rng)
    head, foot = gov_footer(rng, "中华人民共和国住房和城乡建设部", "bm20000001", p, "genuine")
    if k % 2:
        body = (f"<div id='app'><h1>全国工程质量安全监管信息平台</h1><div class='search'><input name='certNum' placeholder='证书编号'>"
                f"<button>查询</button></div><p>建筑施工特种作业操作资格证查询</p></div>{foot}")
        return "https://zlaq.mohurd.gov.cn/", "全国工程质量安全监管信息平台", doc("全国工程质量安全监管信息平台", head, body), "mohurd"
    items = "".join(f"<li>{esc(h)}</li>" for h in rng.sample(("住房和城乡建设部关于建筑施工安全的通知", "城市更新工作推进会召开",
                                                               "关于印发建筑施工特种作业人员管理规定的通知", "工程质量安全提升行动",
                                                               "住房公积金年度报告发布"), 4))
    return "https://www.mohurd.gov.cn/", "中华人民共和国住房和城乡建设部", doc(
        "中华人民共和国住房和城乡建设部", head, f"<h1>中华人民共和国住房和城乡建设部</h1><ul>{items}</ul>{foot}"), "mohurd"


def official_mohurd_local(rng: random.Random, k: int) -> Page:
    p = random_province(rng)
    head, foot = gov_footer(rng, p.mohurd, site_id_local(rng, p), p, "genuine")
    body = (f"<h1>{esc(p.mohurd)}</h1><div class='zxfw'><a href='https://zlaq.mohurd.gov.cn/'>建筑施工特种作业人员证书查询</a>"
            f"<a href='/zwgk/'>政务公开</a></div><ul><li>关于{esc(p.name)}建筑工地安全检查的通报</li></ul>{foot}")
    return f"http://zjt.{p.pinyin}.gov.cn/", p.mohurd, doc(p.mohurd, head, body), "mohurd-local"


def official_other(rng: random.Random, k: int) -> Page:
    name, host, svc = rng.choice((("中华人民共和国人力资源和社会保障部", "www.mohrss.gov.cn", "技能人员职业资格证书查询"),
                                  ("国家市场监督管理总局", "www.samr.gov.cn", "特种设备作业人员证查询"),
                                  ("中华人民共和国公安部", "www.mps.gov.cn", "办事服务")))
    head, foot = gov_footer(rng, name, f"bm{rng.randint(10**7, 10**8 - 1)}", random_province(rng), "genuine")
    body = f"<h1>{esc(name)}</h1><ul class='fw'><li><a href='/fw/'>{esc(svc)}</a></li><li>政策法规</li><li>新闻发布</li></ul>{foot}"
    return f"https://{host}/", name, doc(name, head, body), None


_CASE = ("检察机关通报一起伪造特种作业操作证案件，犯罪团伙搭建假冒应急管理部网站提供“查询验证”。",
         "警方提醒：特种作业操作证唯一官方查询网址为 cx.mem.gov.cn，其他网站查询结果不可信。",
         "涉案网站仿冒应急管理局页面，显示“证书有效”，实际证书系伪造。",
         "办案人员扫描证书二维码后发现跳转到假冒网站，官方系统显示“证件档案编号有误”。",
         "该团伙共制作假证一万余本，涉及电工作业、焊接与热切割作业、高处作业等工种。",
         "应急管理部提醒广大用人单位，核验证书请登录官方平台，谨防假冒网站。",
         "据了解，假网站域名多注册在境外，未进行ICP备案。")


def _news(rng: random.Random, k: int, mobile: bool) -> Page:
    outlet = NEWS_OUTLETS[k % len(NEWS_OUTLETS)] if not mobile else rng.choice(NEWS_OUTLETS)
    title = rng.choice(("假冒应急管理部网站“验证”假证，{n}人被起诉", "揭秘假证产业链：假网站查询“证书有效”",
                        "扫码显示证书有效？小心假冒查询网站", "{n}个假冒政府网站被关停",
                        "应急管理部提醒：谨防假冒证书查询网站", "应急管理部：特种作业操作证查询认准cx.mem.gov.cn")).format(n=rng.randint(10, 300))
    host = rng.choice(("news.example-daily.com", "www.fazhi-ribao.cn", "m.xinwen-app.com", "www.jcrb-news.com"))
    body = f"<div class='art'><h1>{esc(title)}</h1><p class='src'>来源：{outlet}</p>{_paras(rng, _CASE, 4)}</div>"
    if mobile:
        body = f"<div class='m-art' style='max-width:640px'>{body}<div class='share'>分享到微信</div></div>"
    return f"https://{host}/{'m/' if mobile else ''}a/{rng.randint(10**6, 10**7)}.html", title, doc(f"{title}_{outlet}", "", body), None


def news_repost(rng: random.Random, k: int) -> Page:
    # News sites carry the ministry's own announcements under its name as the headline.
    title = rng.choice(("应急管理部关于做好特种作业操作证电子证照推广应用的公告", "应急管理部：全面推行特种作业操作证电子证照",
                        "应急管理部发布特种作业人员安全技术培训考核新规"))
    outlet = rng.choice(NEWS_OUTLETS)
    body = (f"<div class='nav'>{outlet} &gt; 社会</div><h1>{esc(title)}</h1><p class='src'>来源：应急管理部网站　编辑：{esc(filler_person(rng)[0])}</p>"
            f"{_paras(rng, _CASE[4:], 2)}<p>电子证照可通过 {CX} 查询。</p><div class='ft'>{outlet}版权所有</div>")
    return f"https://www.{rng.choice(('xinwen', 'news-daily', 'shehui'))}{rng.randint(1, 99)}.com/{rng.randint(10**6, 10**7)}.html", \
        title, doc(f"{title}_{outlet}", "", body), None


def news_portal(rng: random.Random, k: int) -> Page:
    return _news(rng, k, False)


def news_mobile(rng: random.Random, k: int) -> Page:
    return _news(rng, k, True)


def news_procuratorate(rng: random.Random, k: int) -> Page:
    # A genuine procuratorate page on gov.cn reporting a case: official host, fake-certificate vocabulary.
    p = random_province(rng)
    name = f"{p.full}人民检察院"
    head, foot = gov_footer(rng, name, site_id_local(rng, p), p, "genuine")
    body = f"<h1>{esc(name)}</h1><h2>以案释法：伪造特种作业操作证案</h2>{_paras(rng, _CASE, 5)}{foot}"
    return f"http://www.{p.pinyin}.jcy.gov.cn/jcxw/{rng.randint(1000, 9999)}.html", name, doc(f"以案释法_{name}", head, body), None


def news_wechat(rng: random.Random, k: int) -> Page:
    title = rng.choice(("紧急提醒！这些证书查询网站都是假的", "如何识别假冒的应急管理局网站？", "证书查询认准官网"))
    body = (f"<div id='js_article'><h1 class='rich_media_title'>{esc(title)}</h1><span id='js_name'>安全生产之家</span>"
            f"<div class='rich_media_content'>{_paras(rng, _CASE, 3)}<p>官方网址：{CX}</p></div></div>")
    return f"https://mp.weixin.qq.com/s/{rng.randint(10**9, 10**10):x}", title, doc(title, "", body), None


_STEPS = ("第一步：打开浏览器，输入官方网址 cx.mem.gov.cn。", "第二步：选择“特种作业操作证查询”。",
          "第三步：输入姓名和身份证号，填写验证码。", "第四步：点击查询，核对证号、作业类别、有效期。",
          "注意：网址是判断证书查询平台真伪的唯一标准，以 gov.cn 结尾。", "建筑施工特种作业证请到 zlaq.mohurd.gov.cn 查询。",
          "不要点击搜索结果中的广告链接，假网站常通过SEO排在前面。", "证号格式为 T 加 18 位身份证号。")


def tutorial_blog(rng: random.Random, k: int) -> Page:
    title = rng.choice(("特种作业操作证怎么查询真伪？", "电工证网上查询方法（图文）", "2023年操作证查询官网入口"))
    body = f"<article><h1>{esc(title)}</h1>{_paras(rng, _STEPS, 6)}<img src='/upload/step1.png' alt='查询页面截图'></article>"
    return f"https://www.{rng.choice(('jiaocheng', 'zhidao-blog', 'kepu365', 'howto-cn'))}.com/p/{rng.randint(100, 9999)}", \
        title, doc(title, "", body, FRAMEWORKS[5]), None


def tutorial_qa(rng: random.Random, k: int) -> Page:
    who = filler_person(rng)[0]
    q = rng.choice(("焊工证在哪里查询真假？", "网上查到证书有效就一定是真的吗？", "操作证查询显示档案编号有误怎么办？"))
    body = (f"<div class='question'><h1>{esc(q)}</h1><span>提问者：{esc(who)}</span></div><div class='answer best'>"
            f"{_paras(rng, _STEPS, 4)}</div><div class='answer'>{_paras(rng, _CASE, 2)}</div>")
    return f"https://wenda.{rng.choice(('zhishi', 'wenwen', 'ask-cn'))}.com/q/{rng.randint(10**6, 10**7)}", q, doc(q, "", body), None


def tutorial_baike(rng: random.Random, k: int) -> Page:
    body = (f"<h1>特种作业操作证</h1><div class='lemma-summary'>特种作业操作证是由应急管理部门颁发的资格证书，有效期6年，每3年复审一次。</div>"
            f"<h2>查询方式</h2>{_paras(rng, _STEPS, 3)}<h2>作业类别</h2><ul><li>电工作业</li><li>焊接与热切割作业</li><li>高处作业</li></ul>")
    return f"https://baike.{rng.choice(('cidian', 'wiki-cn', 'zhishiku'))}.com/item/tzzy{k}", "特种作业操作证_百科", doc("特种作业操作证_百科", "", body), None


def tutorial_video(rng: random.Random, k: int) -> Page:
    title = rng.choice(("手把手教你查询电工证", "3分钟学会证书真伪查询", "官网查证书的正确姿势"))
    body = (f"<div class='player'><video src='/v/{rng.randint(1000, 9999)}.mp4' poster='/v/p.jpg'></video></div><h1>{esc(title)}</h1>"
            f"<div class='desc'>{_paras(rng, _STEPS, 2)}</div><div class='comments'><p>{esc(filler_person(rng)[0])}：有用，谢谢</p></div>")
    return f"https://www.{rng.choice(('shipin', 'vlog-cn', 'kanpian'))}.com/video/BV{rng.randint(10**8, 10**9)}", title, doc(title, "", body, FRAMEWORKS[6]), None


TEMPLATES: dict[str, tuple[str, Callable[[random.Random, int], Page]]] = {
    "official-mem-home": ("official_gov", official_mem_home), "official-cx-shell": ("official_gov", official_cx_shell),
    "official-provincial": ("official_gov", official_provincial), "official-local": ("official_gov", official_local_notice),
    "official-mohurd": ("official_gov", official_mohurd), "official-mohurd-local": ("official_gov", official_mohurd_local),
    "official-other": ("official_gov", official_other),
    "news-portal": ("news_fake_cert", news_portal), "news-repost": ("news_fake_cert", news_repost), "news-mobile": ("news_fake_cert", news_mobile),
    "news-procuratorate": ("news_fake_cert", news_procuratorate), "news-wechat": ("news_fake_cert", news_wechat),
    "tutorial-blog": ("tutorial", tutorial_blog), "tutorial-qa": ("tutorial", tutorial_qa),
    "tutorial-baike": ("tutorial", tutorial_baike), "tutorial-video": ("tutorial", tutorial_video),
}
