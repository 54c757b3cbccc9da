"""Page skeletons of the fake kits: ten structurally different ways to render a query, result or portal.

Each layout takes a :class:`Content` (what the page says) and returns HTML. Layouts differ in markup
structure (tables, definition lists, div rows, cards, SPA shells with inline JSON, iframes, image-only
pages), not only in colour, so that held-out families test generalisation. Reads no settings.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass

from classifier.corpus.blocks import Framework, doc, esc


@dataclass
class Content:
    kind: str  # "query" | "result" | "portal"
    claimed: str
    service: str
    title: str
    banner: str
    fields: list  # [(label, value)]
    number: str
    number_label: str
    form_names: tuple[str, str]
    captcha: bool
    footer: str
    head: str
    fw: Framework
    rng: random.Random


def _emblem(c: Content) -> str:
    src = c.rng.choice(("/images/guohui.png", "/static/img/gh_logo.png", "/img/emblem.svg", "/upload/logo.png"))
    return f'<img src="{src}" alt="{c.rng.choice(("国徽", "", "logo"))}" width="60">'


def _form_rows(c: Content, row: str) -> str:
    n1, n2 = c.form_names
    items = [("姓名", n1, "请输入姓名"), (c.number_label, n2, f"请输入{c.number_label}")]
    if c.captcha:
        items.append(("验证码", "yzm", "请输入验证码"))
    out = []
    for label, name, ph in items:
        field = f'<input type="text" name="{name}" class="{c.fw.input}" placeholder="{ph}">'
        if name == "yzm":
            field += '<img src="/captcha.php" alt="验证码">'
        out.append(row.format(label=label, field=field))
    return "".join(out)


def _form(c: Content, row: str = "<p><label>{label}</label>{field}</p>", action: str = "/search.php") -> str:
    method = c.rng.choice(("post", "get"))
    return (f'<form action="{action}" method="{method}" id="queryForm">{_form_rows(c, row)}'
            f'<button type="submit" class="{c.fw.btn}">{c.rng.choice(("查询", "立即查询", "核验", "查 询"))}</button></form>')


def _notice(c: Content) -> str:
    return c.rng.choice(("<p>温馨提示：请输入持证人身份证号码进行查询，本平台数据与全国系统同步。</p>",
                         "<p>说明：证书信息以本系统查询结果为准。如有疑问请联系发证机关。</p>",
                         "<p class='tip'>请如实填写查询信息，查询结果仅供参考。</p>", ""))


def _result_table(c: Content) -> str:
    rows = "".join(f"<tr><td class='l'>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in c.fields)
    return f"<h3 class='ok'>{esc(c.banner)}</h3><table class='{c.fw.table}'>{rows}</table>"


def _result_dl(c: Content) -> str:
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in c.fields)
    return f"<div class='status'><i class='icon-ok'></i>{esc(c.banner)}</div><dl class='info'>{rows}</dl>"


def _result_divs(c: Content) -> str:
    rows = "".join(f"<div class='row'><span class='k'>{esc(k)}：</span><span class='v'>{esc(v)}</span></div>"
                   for k, v in c.fields)
    return f"<div class='{c.fw.card}'><div class='hd'>{esc(c.banner)}</div><img src='/photo/{c.rng.randint(1000, 9999)}.jpg' class='photo'>{rows}</div>"


def _body(c: Content, result: Callable[[Content], str], row: str) -> str:
    if c.kind == "result":
        return result(c)
    return f"<h2>{esc(c.service)}</h2>{_form(c, row)}{_notice(c)}"


def classic_table(c: Content) -> str:
    nav = "".join(f"<td><a href='#'>{x}</a></td>" for x in ("首页", "政务公开", "办事服务", c.title))
    body = _body(c, _result_table, "<tr><td>{label}：</td><td>{field}</td></tr>")
    if c.kind != "result":
        body = body.replace("<form", "<table class='q'><tr><td><form").replace("</form>", "</form></td></tr></table>")
    return doc(f"{c.title}-{c.claimed}", c.head, f"<table width='100%'><tr><td>{_emblem(c)}</td><td><h1>{esc(c.claimed)}</h1>"
               f"</td></tr></table><table class='nav'><tr>{nav}</tr></table><div class='{c.fw.wrap}'>{body}</div>{c.footer}", c.fw)


def div_card(c: Content) -> str:
    body = _body(c, _result_divs, "<div class='form-group'><label>{label}</label>{field}</div>")
    return doc(c.service if c.kind == "query" else f"{c.banner} - {c.claimed}", c.head,
               f"<div class='{c.fw.wrap}'><div class='top'>{_emblem(c)}<span>{esc(c.claimed)}</span></div>"
               f"<div class='{c.fw.card}'>{body}</div></div>{c.footer}", c.fw)


def dl_list(c: Content) -> str:
    body = _body(c, _result_dl, "<li><em>{label}</em>{field}</li>").replace("<form", "<ul class='fl'><form")
    body = body.replace("</form>", "</form></ul>")
    return doc(f"{c.claimed}|{c.title}", c.head, f"<header><h1>{esc(c.claimed)}</h1><p>{esc(c.service)}</p></header>"
               f"<main class='{c.fw.wrap}'>{body}</main><footer>{c.footer}</footer>", c.fw)


def spa_json(c: Content) -> str:
    state = {"site": {"name": c.claimed, "title": c.service}, "page": c.kind}
    if c.kind == "result":
        state["cert"] = {"status": c.banner, "fields": [{"label": k, "value": v} for k, v in c.fields]}
    else:
        state["form"] = {"fields": list(c.form_names), "captcha": c.captcha, "api": "/prod-api/cert/query"}
    blob = json.dumps(state, ensure_ascii=False).replace("</", "<\\/")
    return doc(c.service, c.head, f"<noscript>请开启JavaScript</noscript><div id='app'></div>"
               f"<script>window.__INITIAL_STATE__={blob}</script><script src='/static/js/chunk-vendors.{c.rng.randint(10**7, 10**8)}.js'>"
               f"</script><script src='/static/js/app.js'></script>{c.footer}", c.fw)


def portal(c: Content) -> str:
    news = "".join(f"<li><a href='/xw/{c.rng.randint(100, 999)}.html'>{t}</a><span>2023-0{c.rng.randint(1, 9)}-1{c.rng.randint(0, 9)}</span></li>"
                   for t in c.rng.sample(("关于开展安全生产大检查的通知", "特种作业人员考核工作安排", "应急管理工作会议召开",
                                          "防汛抗旱工作部署", "安全生产月活动启动", "关于证书复审工作的公告"), 4))
    nav = "".join(f"<li><a href='#'>{x}</a></li>" for x in ("首页", "机构概况", "新闻动态", "政务公开", "办事服务", "证书查询"))
    side = _result_table(c) if c.kind == "result" else f"<div class='svc'><h3>{esc(c.title)}</h3>{_form(c)}</div>"
    return doc(c.claimed, c.head, f"<div class='banner'>{_emblem(c)}<h1>{esc(c.claimed)}</h1></div><ul class='nav'>{nav}</ul>"
               f"<div class='{c.fw.wrap}'><div class='news'><h2>工作动态</h2><ul>{news}</ul></div>{side}</div>{c.footer}", c.fw)


def image_only(c: Content) -> str:
    title = c.rng.choice(("", "查询结果", c.title, "证书"))
    imgs = f"{_emblem(c)}<img src='/zs/{c.rng.randint(10**5, 10**6)}.jpg' alt='' style='width:100%'>"
    extra = "" if c.rng.random() < 0.6 else f"<p>{esc(c.banner)}</p>"
    if c.kind == "query":
        imgs += "<a href='/cx.html'><img src='/images/btn_query.png' alt='查询'></a>"
    return doc(title, "", f"<div style='text-align:center'>{imgs}{extra}</div>", None)


def h5_list(c: Content) -> str:
    if c.kind == "result":
        cells = "".join(f"<div class='weui-cell'><div class='weui-cell__hd'>{esc(k)}</div><div class='weui-cell__ft'>{esc(v)}</div></div>"
                        for k, v in c.fields)
        body = f"<div class='weui-msg__icon-area'><i class='weui-icon-success'></i></div><h2>{esc(c.banner)}</h2>{cells}"
    else:
        body = f"<div class='weui-cells__title'>{esc(c.service)}</div>" + _form(c, "<div class='weui-cell'>{label}{field}</div>")
    return doc(c.title, c.head + "<meta name='format-detection' content='telephone=no'>",
               f"<div class='{c.fw.wrap}'><div class='hd'>{esc(c.claimed)}</div>{body}<p class='weui-footer__text'>{esc(c.claimed)} 版权所有</p></div>{c.footer}", c.fw)


def iframe_shell(c: Content) -> str:
    inner = "/cx/result_inner.html" if c.kind == "result" else "/cx/query_inner.html"
    fallback = _result_dl(c) if c.kind == "result" else _form(c)
    return doc(f"{c.claimed}-{c.service}", c.head, f"<div class='top'>{_emblem(c)}{esc(c.claimed)}</div>"
               f"<iframe src='{inner}' width='100%' height='600' frameborder='0'></iframe><noframes>{fallback}</noframes>"
               f"{c.footer}", c.fw)


def cert_card(c: Content) -> str:
    if c.kind == "result":
        spans = "".join(f"<span class='f{i}' style='position:absolute;top:{40 + 26 * i}px;left:180px'>{esc(k)} {esc(v)}</span>"
                        for i, (k, v) in enumerate(c.fields))
        body = (f"<div class='cert' style='position:relative;width:600px;height:400px;background:url(/img/zs_bg.jpg)'>"
                f"<div class='ct'>{_emblem(c)}中华人民共和国特种作业操作证</div><img src='/photo/p.jpg'>{spans}"
                f"<img src='/qr/{esc(c.number)}.png' class='qr'></div><p class='valid'>{esc(c.banner)}</p>")
    else:
        body = f"<div class='{c.fw.card}'><h4>{esc(c.service)}</h4>{_form(c, '<div>{label}{field}</div>', '/verify')}</div>"
    return doc(c.title, c.head, f"<div class='{c.fw.wrap}'>{body}</div>{c.footer}", c.fw)


def ajax_form(c: Content) -> str:
    n1, n2 = c.form_names
    tpl = "".join(f"<li>{esc(k)}：' + d.{chr(97 + i)} + '</li>" for i, (k, _) in enumerate(c.fields))
    script = ("<script src='https://cdn.staticfile.org/jquery/1.8.3/jquery.min.js'></script><script>"
              f"$('#btn').click(function(){{$.ajax({{url:'/api/query.php',type:'POST',data:{{{n1}:$('#a').val(),{n2}:$('#b').val()}},"
              f"success:function(d){{if(d.code==1){{$('#res').html('<h3>{esc(c.banner)}</h3><ul>{tpl}</ul>')}}else{{alert('查无此证')}}}}}})}});</script>")
    if c.kind == "result":
        shown = _result_divs(c)
    else:
        shown = (f"<div class='{c.fw.card}'><h3>{esc(c.service)}</h3><input id='a' name='{n1}' placeholder='姓名' class='{c.fw.input}'>"
                 f"<input id='b' name='{n2}' placeholder='{esc(c.number_label)}' class='{c.fw.input}'>"
                 f"<a id='btn' class='{c.fw.btn}'>查询</a></div>")
    return doc(f"{c.service}_{c.claimed}", c.head, f"<div class='{c.fw.wrap}'><h1>{esc(c.claimed)}</h1>{shown}<div id='res'></div></div>"
               f"{c.footer}{script}", c.fw)


LAYOUTS: dict[str, Callable[[Content], str]] = {
    "classic_table": classic_table, "div_card": div_card, "dl_list": dl_list, "spa_json": spa_json, "portal": portal,
    "image_only": image_only, "h5_list": h5_list, "iframe_shell": iframe_shell, "cert_card": cert_card,
    "ajax_form": ajax_form,
}
