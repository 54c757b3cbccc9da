"""Which profiled authority a page *claims to be*, as opposed to merely mentioning one.

A page claims an authority when the authority's name is how the page presents itself: the whole (or a
separated segment) of ``<title>``, the site-name meta tags, the header / logo / banner, a heading such
as "XX应急管理局证书查询中心", the top of the page, or 主办单位 / 版权所有 / Copyright in the footer; or when it
carries the authority's own 网站标识码. A segment counts as a claim only when what is left after the
name is service wording (证书查询, 官方网站, 平台...). "请到应急管理部官网查询" in a training school's text,
or "应急管理部：严打假冒网站" as a news headline, are mentions.

It also reads the page's *verification-service* semantics: a query form or API for a certificate or ID
number, and a result card stating that a certificate is valid (证书有效) or not found.

Reads no settings.
"""

from __future__ import annotations

import re
from typing import Any

from classifier.document import Document
from zhenwei.profiles import Profile

# How much each place a name appears in says "this page is that authority" (combined as 1 - Π(1 - w)).
WHERE_WEIGHTS = {
    "site_id": 0.45, "title": 0.35, "site_meta": 0.35, "header": 0.35, "footer": 0.35,
    "heading": 0.3, "service": 0.25, "top": 0.2,
}
_SITE_META = ("sitename", "og:site_name", "application-name", "apple-mobile-web-app-title", "og:title")
_SEGMENT_SPLIT = re.compile(r"\s*(?:[-_|｜丨—–·•»>]+|\s{2,}|\s+(?=[A-Za-z]))\s*")
# Wording that may surround an authority's name when the page presents itself as that authority.
_SERVICE_WORDS = sorted("""
中华人民共和国 官方网站 官网 门户网站 门户 网站 首页 主页 证书 证件 操作证 资格证 合格证 特种作业 人员 信息 查询
查验 验证 核验 核查 真伪 验真 系统 平台 中心 服务 在线 网上 电子 办事 大厅 政务 全国 考核 合格 安全生产 知识 管理
能力 作业 操作 资格 建筑施工 结果 详情 个人 档案 数据 公共 综合 统一 入口 登录 欢迎您 欢迎访问 欢迎来到 欢迎光临
欢迎 您好 手机版 移动版 新版 官方 认证 正式 权威 唯一 指定 微信 公众号 国家 及 和 与 的 之 网 站 库 版
电子证照 证照 持证 证明 二维码 扫码 防伪 考试 报名 成绩 资质 公示 办理 监管 登记
""".split(), key=len, reverse=True)
_SERVICE_RE = re.compile("|".join(map(re.escape, _SERVICE_WORDS)))
_ONLY_PUNCT = re.compile(r"^[\W_\d\sA-Za-z]{0,3}$|^[\W_\d\s]*$")
_FOOTER_BEFORE = re.compile(
    r"(?:主办单位|承办单位|主办|承办|版权所有|版权|Copyright|©|\(c\)|（c）)(?:[\s:：©\d\-—–,，.年]|\(c\)|（c）)*$", re.I)
_FOOTER_AFTER = re.compile(r"^[\s:：,，]*(?:版权所有|主办|承办|©|Copyright|All\s+Rights\s+Reserved)", re.I)

_WEAK_WHERE = {"title", "heading", "top", "service"}
_HOLDER_BEFORE = re.compile(
    r"(?:版权所有|Copyright|©|\(c\))\s*[:：]?\s*(?:©|\(c\)|\d{4}(?:\s*[-–—]\s*\d{4})?|\s)*([\u4e00-\u9fffA-Za-z0-9（）()]{2,30})",
    re.I)
_HOLDER_AFTER = re.compile(r"([\u4e00-\u9fff（）()]{2,30})\s*版权所有")
_VALID = re.compile(
    r"(?:证书|证件|该证|此证|操作证)?(?:真实)?有效(?![期日时截起止至开结])(?:证书|证件)?|验证(?:通过|成功)|核验通过"
    r"|查询成功|状态\s*[:：]?\s*正常|^\s*正常\s*$")
_INVALID = re.compile(r"证书无效|证件无效|已过期|已注销|已吊销|已失效|无效证书")
_NOT_FOUND = re.compile(
    r"(?:未查询到|没有查询到|查询不到|未找到|查无)(?:该|此|相关|您的)?(?:证书|证件|人员|持证人|此人)?的?(?:信息|记录|数据|结果)?"
    r"|无此证书|不存在|证件档案编号有误|编号有误|暂无数据|无记录")
_RESULT_LABELS = re.compile(r"查询结果|验证结果|核验结果|证书状态|证件状态|状态|结果|[:：√✔✓!！。.,，\s()（）]")


def _is_claim_segment(segment: str, spans: list[tuple[int, int, str]]) -> bool:
    rest = segment
    for s, e, _ in sorted(spans, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest = _SERVICE_RE.sub(" ", rest)
    return bool(_ONLY_PUNCT.match(rest.strip()))


def _segments(text: str) -> list[str]:
    return [s for s in _SEGMENT_SPLIT.split(text or "") if s]


def claimed_names(text: str, profile: Profile) -> list[str]:
    """Names of ``profile`` that ``text`` (a title, heading, header text) presents itself as."""
    out: list[str] = []
    for seg in _segments(text):
        spans = profile.name_spans(seg)
        if spans and _is_claim_segment(seg, spans):
            out += [name for _, _, name in spans]
    return out


def claimed_services(text: str, profile: Profile) -> list[str]:
    """Official service titles of ``profile`` that ``text`` presents itself as."""
    out: list[str] = []
    for seg in _segments(text):
        spans = profile.service_spans(seg) + profile.name_spans(seg)
        if profile.service_spans(seg) and _is_claim_segment(seg, spans):
            out += [name for _, _, name in profile.service_spans(seg)]
    return out


def footer_claims(footer: str, profile: Profile) -> list[str]:
    """Names in ``footer`` given as 主办单位 / 承办单位 / 版权所有 / Copyright holder."""
    out = []
    for s, e, name in profile.name_spans(footer):
        if _FOOTER_BEFORE.search(footer[max(0, s - 30):s]) or _FOOTER_AFTER.match(footer[e:e + 16]):
            out.append(name)
    return out


def _profile_claim(doc: Document, profile: Profile, site_ids: list[str]) -> dict[str, Any] | None:
    where: dict[str, list[str]] = {}

    def add(kind: str, names: list[str]) -> None:
        if names:
            where.setdefault(kind, [])
            where[kind] += [n for n in dict.fromkeys(names) if n not in where[kind]]

    add("title", claimed_names(doc.title, profile))
    add("site_meta", [n for key in _SITE_META for n in claimed_names(doc.meta.get(key, ""), profile)])
    add("header", [n for seg in doc.header_segments for n in claimed_names(seg, profile)])
    add("heading", [n for seg in doc.headings for n in claimed_names(seg, profile)])
    add("top", [n for seg in doc.top_segments for n in claimed_names(seg, profile)])
    add("footer", footer_claims(doc.footer_text, profile))
    add("site_id", [c for c in site_ids if c in profile.site_id_codes])
    services = [n for text in [doc.title, *doc.headings, *doc.header_segments]
                for n in claimed_services(text, profile)]
    add("service", services)
    if not where:
        return None
    strength = 1.0
    for kind in where:
        strength *= 1.0 - WHERE_WEIGHTS[kind]
    names = [n for kind in ("title", "header", "site_meta", "heading", "footer", "top") for n in where.get(kind, [])]
    # The name the page uses most often for itself; ties go to the longer (fuller) name.
    name = max(names, key=lambda n: (names.count(n), len(n))) if names else profile.name
    return {"authority": profile.id, "name": name, "profile_name": profile.name, "tier": profile.tier,
            "where": list(where), "evidence": where, "strength": round(1.0 - strength, 4)}


def _mentions(doc: Document, profiles: list[Profile], claimed: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()  # a name or host is listed once, under the first profile that has it
    text = doc.visible_text
    lower = text.lower()
    for prof in profiles:
        for name in prof.match_name(text):
            if name not in claimed and name not in seen:
                seen.add(name)
                out.append({"authority": prof.id, "name": name, "where": "text"})
        for host in prof.official_hosts:
            if host not in seen and re.search(rf"(?<![a-z0-9.-]){re.escape(host)}(?![a-z0-9-])", lower):
                seen.add(host)
                out.append({"authority": prof.id, "host": host, "where": "text"})
        for host in prof.official_hosts:
            if host in doc.link_hosts and host != doc.host and host not in seen:
                seen.add(host)
                out.append({"authority": prof.id, "host": host, "where": "link"})
    return out[:30]


def extract_claim(doc: Document, profiles: list[Profile], markers: dict[str, Any] | None = None) -> dict[str, Any]:
    """The authority ``doc`` claims to be (strongest claim; ties go to the longer name, then file order).

    Returns ``{"authority", "name", "profile_name", "tier", "where", "evidence", "strength", "others",
    "mentions"}``; ``authority`` is None when the page claims no profiled authority.
    """
    site_ids = [v for v in ((markers or {}).get("site_id") or {}).values() if isinstance(v, str)]
    claims = [c for c in (_profile_claim(doc, p, site_ids) for p in profiles) if c]
    identities = self_identities(doc, profiles)
    if identities:
        # The page names itself as someone else (某某日报网, 版权所有：某某培训学校): a title or heading that
        # is just an authority's name is then a topic ("应急管理部_某某新闻"), not who the page is.
        claims = [c for c in claims if not set(c["where"]) <= _WEAK_WHERE]
    order = {p.id: i for i, p in enumerate(profiles)}
    claims.sort(key=lambda c: (-c["strength"], -len(c["name"]), order[c["authority"]]))
    claimed_all = {n for c in claims for names in c["evidence"].values() for n in names}
    mentions = _mentions(doc, profiles, claimed_all)
    if not claims:
        return {"authority": None, "name": None, "profile_name": None, "tier": None, "where": [],
                "evidence": {}, "strength": 0.0, "others": [], "mentions": mentions,
                "self_identity": identities}
    best, others = claims[0], claims[1:]
    # The same words ("北京市应急管理局") can fit two tiers' patterns; do not list the echo as another claim.
    others = [{k: c[k] for k in ("authority", "name", "where", "strength")} for c in others
              if c["name"] != best["name"]]
    return {**best, "others": others, "mentions": mentions, "self_identity": identities}


def self_identities(doc: Document, profiles: list[Profile]) -> list[str]:
    """Other entities the page says it is: its site-name meta tags and its footer's copyright holder.

    Only Chinese names with more than service wording count (not "证书查询中心", not a domain, not
    "All Rights Reserved"), and never one that contains a profiled authority's name.
    """
    found = [doc.meta.get(key, "") for key in _SITE_META if key != "og:title"]
    footer = doc.footer_text
    found += [m.group(1) for m in _HOLDER_BEFORE.finditer(footer)]
    found += [m.group(1) for m in _HOLDER_AFTER.finditer(footer)]
    out = []
    for name in found:
        name = name.strip(" :：,，.。")
        core = _SERVICE_RE.sub("", name)
        if len(re.findall(r"[\u4e00-\u9fff]", core)) < 2:
            continue
        if any(p.name_spans(name) for p in profiles) or name in out:
            continue
        out.append(name)
    return out[:5]


def _short_phrase(doc: Document, rx: re.Pattern[str]) -> str | None:
    """A short text (a status label, not prose) that is essentially ``rx``, e.g. "证书状态：有效"."""
    for owner, text in doc.text_nodes:
        if len(text) > 40:
            continue
        m = rx.search(text)
        if not m:
            continue
        rest = _RESULT_LABELS.sub("", rx.sub("", text))
        if len(rest) <= 4:
            return text
    return None


def detect_service(doc: Document, forms: list[dict[str, Any]], endpoints: list[dict[str, Any]],
                   certificate: dict[str, Any] | None) -> dict[str, Any]:
    """Whether the page offers a certificate look-up and shows a result card, and what it says."""
    query_roles = {"cert_number", "id_number"}
    query_form = any(f.get("is_query") for f in forms)
    ajax_query = any(query_roles & {p.get("role") for p in e.get("params", [])} for e in endpoints)
    status, phrase = None, None
    for kind, rx in (("not_found", _NOT_FOUND), ("invalid", _INVALID), ("valid", _VALID)):
        phrase = _short_phrase(doc, rx)
        if phrase:
            status = kind
            break
    cert = certificate or {}
    card_fields = len(cert)
    # A card shows a certificate: its number (or holder ID) and more, or a validity verdict beside at
    # least two fields. A lone "有效" with no certificate shown is not a card.
    has_card = (bool(cert.get("cert_number") or cert.get("id_number")) and card_fields >= 3) or (
        status == "valid" and card_fields >= 2)
    return {"query_form": query_form, "ajax_query": ajax_query, "result_status": status,
            "result_phrase": phrase, "has_result_card": has_card, "certificate_fields": card_fields}
