"""Building blocks of the labelled corpus: CSS frameworks, footers, domains, wording and people.

Every generator in :mod:`classifier.corpus` composes its pages from these pieces, each picked by a
seeded :class:`random.Random`, so the same seed always gives the same corpus. Only synthetic people
(:mod:`zhenwei.sandbox.people`) appear. Reads no settings.
"""

from __future__ import annotations

import hashlib
import html
import random
from dataclasses import dataclass

from zhenwei.sandbox.people import (
    PROVINCES,
    CertRecord,
    Province,
    mask_id,
    mem_record,
    mohurd_record,
    synthetic_id,
    synthetic_name,
)

esc = html.escape


@dataclass(frozen=True)
class Framework:
    """A CSS framework look: the stylesheet and the class names a template family uses."""

    name: str
    css: str  # <link>/<style> markup for <head>
    wrap: str  # container class
    card: str
    btn: str
    table: str
    input: str


FRAMEWORKS: tuple[Framework, ...] = (
    Framework("bs3", '<link rel="stylesheet" href="/static/bootstrap/3.3.7/css/bootstrap.min.css">',
              "container", "panel panel-default", "btn btn-primary", "table table-bordered", "form-control"),
    Framework("bs5", '<link rel="stylesheet" href="https://cdn.bootcdn.net/ajax/libs/bootstrap/5.1.3/css/bootstrap.min.css">',
              "container-fluid", "card shadow-sm", "btn btn-success w-100", "table table-striped", "form-control form-control-lg"),
    Framework("layui", '<link rel="stylesheet" href="/layui/css/layui.css"><script src="/layui/layui.js"></script>',
              "layui-container", "layui-card", "layui-btn layui-btn-normal", "layui-table", "layui-input"),
    Framework("element", '<link rel="stylesheet" href="https://unpkg.com/element-ui/lib/theme-chalk/index.css">',
              "el-main", "el-card is-always-shadow", "el-button el-button--primary", "el-table", "el-input__inner"),
    Framework("weui", '<link rel="stylesheet" href="https://res.wx.qq.com/open/libs/weui/2.4.4/weui.min.css">'
              '<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=0">',
              "page", "weui-cells", "weui-btn weui-btn_primary", "weui-form-preview", "weui-input"),
    Framework("plain", "<style>body{font:14px/1.6 SimSun,serif;background:#f3f3f3}.box{width:980px;margin:0 auto;"
              "background:#fff}.t td{border:1px solid #ccc;padding:6px}</style>",
              "box", "bk", "anniu", "t", "txt"),
    Framework("tailwind", '<script src="https://cdn.tailwindcss.com"></script>',
              "max-w-3xl mx-auto p-4", "rounded-xl border p-6 bg-white", "bg-blue-700 text-white px-4 py-2 rounded",
              "min-w-full divide-y", "border rounded px-3 py-2 w-full"),
    Framework("amaze", '<link rel="stylesheet" href="/assets/css/amazeui.min.css">',
              "am-container", "am-panel am-panel-primary", "am-btn am-btn-danger", "am-table am-table-bordered",
              "am-form-field"),
)

# Domain styles of lookalike hosts (domain-facts.md, "What fakes look like").
TLDS = (".cn", ".com", ".com.cn", ".net", ".top", ".vip", ".xyz", ".cc", ".icu", ".xin")
MEM_TOKENS = ("yjgl", "yjglj", "yjj", "yjt", "aqsc", "tzzy", "zscx", "zhengshu", "chaxun", "tzzycx", "czz")
MOHURD_TOKENS = ("zjt", "zjw", "jzsg", "zlaq", "jsgl", "jzzs", "tzry")
OTHER_TOKENS = {"人社": ("mohrss", "rsj", "zgzs", "osta", "rlzy"), "市场监管": ("samr", "scjg", "gsj", "zljd"),
                "公安": ("mps", "gaj", "jwzx", "xfzs", "ga")}
DOMAIN_STYLES = ("hyphen", "govcn", "pinyin_province", "typo", "word", "digits")


def pick_host(rng: random.Random, official: str, tokens: tuple[str, ...], province: Province, style: str) -> str:
    """A lookalike host name for ``official`` (e.g. cx.mem.gov.cn) in one of :data:`DOMAIN_STYLES`."""
    tld = rng.choice(TLDS)
    labels = official.replace(".gov.cn", "").split(".")
    tok = rng.choice(tokens)
    sub = rng.choice(("", "", "www.", "cx.", "m.", "zs.", "query."))
    if style == "hyphen":
        return sub + "-".join(labels + ["gov"]) + rng.choice((".cn", ".com.cn", ".com", ".net"))
    if style == "govcn":
        return sub + rng.choice((f"{labels[-1]}-gov-cn", f"{tok}govcn", f"gov-cn-{tok}", f"{labels[-1]}gov")) + tld
    if style == "pinyin_province":
        return sub + rng.choice((f"{province.initials}{tok}", f"{province.pinyin}-{tok}", f"{tok}{province.initials}",
                                 f"{province.initials}-{tok}-cx")) + tld
    if style == "typo":
        base = labels[-1]
        typo = rng.choice((base.replace("m", "rn", 1), base + base[-1], base[:-1], base.replace("o", "0", 1),
                           base[::-1] if len(base) < 4 else base[1:]))
        return sub + (typo or base) + rng.choice(("-gov", "gov", "")) + tld
    if style == "word":
        return sub + rng.choice((f"{tok}-cx", f"{tok}search", f"{tok}cha", f"{tok}info", f"{tok}gl")) + tld
    return sub + f"{tok}{rng.randint(1, 999)}" + tld


def page_url(rng: random.Random, host: str, kind: str, number: str = "") -> str:
    scheme = rng.choice(("http", "https", "https"))
    if kind == "result":
        path = rng.choice((f"/result.php?sfz={number}", f"/cx/detail.html?id={number}", f"/zs/{number}.html",
                           f"/index.php/home/index/search?idcard={number}", f"/m/verify?certNo={number}"))
    elif kind == "query":
        path = rng.choice(("/", "/index.html", "/cx/", "/search.asp", "/special?index=0", "/query.html"))
    else:
        path = rng.choice(("/", "/index.html", "/index.htm", "/home"))
    return f"{scheme}://{host}{path}"


def conac_id(text: str) -> str:
    return hashlib.md5(f"corpus:{text}".encode()).hexdigest().upper()


def site_id_local(rng: random.Random, province: Province) -> str:
    return f"{province.code}{rng.randint(0, 9999):04d}{rng.randint(1, 99):02d}00"[:10]


def icp(rng: random.Random, province: Province) -> str:
    return f"{province.abbr}ICP备{rng.randint(10000000, 99999999)}号"


def gov_footer(rng: random.Random, sponsor: str, site_id: str, province: Province, mode: str) -> tuple[str, str]:
    """(head meta markup, footer markup) for one footer mode: genuine, mismatch, partial, none, plain."""
    if mode == "none":
        return "", ""
    if mode == "plain":
        return "", f"<div class='ft'>版权所有 © {rng.randint(2015, 2023)} {esc(sponsor)}</div>"
    meta_id = site_id
    if mode == "mismatch":
        meta_id = site_id[:-2] + f"{(int(site_id[-2:]) + 7) % 100:02d}" if site_id[-2:].isdigit() else site_id + "1"
    head = f'<meta name="SiteName" content="{esc(sponsor)}"><meta name="SiteIDCode" content="{meta_id}">'
    badge = ""
    if mode in ("genuine", "mismatch"):
        target = (f"https://bszs.conac.cn/sitename?method=show&id={conac_id(sponsor)}" if mode == "genuine"
                  else f"http://{rng.choice(('bszs-conac.top', 'conac.cc', 'dcs.conac.vip'))}/s?id={conac_id(sponsor)[:12]}")
        badge = (f'<span id="_ideConac"><a href="{target}"><img src="/images/red.png" alt="党政机关"></a></span>')
    beian = f"{province.abbr}公网安备{province.code}0102{rng.randint(100000, 999999)}号"
    return head, (f"<div class='footer'><p>主办单位：{esc(sponsor)}</p><p>网站标识码：{site_id}　{icp(rng, province)}"
                  f"　<a href='http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={province.code}0102'>{beian}</a>"
                  f"</p>{badge}</div>")


def doc(title: str, head: str, body: str, fw: Framework | None = None, lang: str = "zh-CN") -> str:
    css = fw.css if fw else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>{css}{head}'
            f"</head><body>{body}</body></html>")


def person_record(rng: random.Random, authority: str, province: Province) -> CertRecord:
    if authority.startswith("mohurd"):
        return mohurd_record(rng, province)
    return mem_record(rng, synthetic_id(rng, province), province=province)


def random_province(rng: random.Random) -> Province:
    return rng.choice(PROVINCES)


def filler_person(rng: random.Random) -> tuple[str, str]:
    """A synthetic (name, masked ID) pair for testimonials, rosters and examples."""
    return synthetic_name(rng, rng.random() < 0.6), mask_id(synthetic_id(rng))


__all__ = [
    "DOMAIN_STYLES",
    "FRAMEWORKS",
    "MEM_TOKENS",
    "MOHURD_TOKENS",
    "OTHER_TOKENS",
    "PROVINCES",
    "TLDS",
    "Framework",
    "conac_id",
    "doc",
    "esc",
    "filler_person",
    "gov_footer",
    "icp",
    "page_url",
    "person_record",
    "pick_host",
    "random_province",
    "site_id_local",
]
