"""The catalogue of reasons a verdict can give, in Chinese and English.

A reason states a fact a prosecutor can repeat ("页面自称「北京市应急管理局」，但域名 cx-mem-gov.cn 不在其官方
域名内"), never an opinion. Each code has a Chinese and an English template and a default weight (how
much it adds to the impersonation score when it supports a claim; 0 for neutral facts).
``render(code, **facts)`` fills the templates and returns a plain dict:
``{"code", "zh", "en", "weight", "facts"}``.

Reads no settings.
"""

from __future__ import annotations

import string
from typing import Any

Reason = dict[str, Any]

# code: (weight, zh template, en template)
CATALOGUE: dict[str, tuple[float, str, str]] = {
    # -- the claim and the host ------------------------------------------------------------------
    "claims_authority_off_domain": (
        0.5,
        "页面自称「{name}」（出现在：{where}），但域名 {host} 不在其官方域名内（应为 {official}）",
        "Page presents itself as '{name}' (in: {where_en}) but {host} is not one of its official hosts ({official})"),
    "official_host": (
        0.0,
        "域名 {host} 是「{name}」的官方域名",
        "{host} is an official host of '{name}'"),
    "legacy_official_host": (
        0.0,
        "域名 {host} 是「{name}」的旧官方域名；请核对 WHOIS，确认域名未被他人重新注册",
        "{host} is a former official host of '{name}'; check WHOIS that it has not been re-registered"),
    "gov_host_other_authority": (
        0.0,
        "页面自称「{name}」，域名 {host} 属于政府域名（gov.cn），但不是该机构的官方域名",
        "Page presents itself as '{name}'; {host} is a government (gov.cn) host but not that authority's"),
    "no_claim": (
        0.0,
        "页面未自称任何受保护的机构（应急管理部门、住建部门）",
        "Page does not present itself as any protected authority"),
    "mentions_only": (
        0.0,
        "页面仅在正文中提及「{names}」，未以其名义出现",
        "Page only mentions '{names}' in its text; it does not present itself as them"),
    "not_gov_cn": (
        0.05,
        "域名 {host} 不在 gov.cn / 政务 之下；政府网站必须使用 gov.cn 域名（国办发〔2017〕47号）",
        "{host} is not under gov.cn / .政务; government sites must use gov.cn (Guobanfa [2017] No. 47)"),
    "lookalike_host": (
        0.1,
        "域名 {host} 含有「{token}」，模仿官方域名（{official}）",
        "{host} contains '{token}', imitating the official host ({official})"),
    "host_mimics_gov": (
        0.08,
        "域名 {host} 含有 gov 字样，但不属于 gov.cn",
        "{host} contains 'gov' but is not under gov.cn"),
    # -- gov markers --------------------------------------------------------------------------------
    "siteid_copied": (
        0.1,
        "页面使用「{name}」的网站标识码 {code}，但域名 {host} 不是其官方域名",
        "Page carries the site ID {code} of '{name}' but {host} is not its official host"),
    "siteid_mismatch": (
        0.08,
        "网站标识码 meta（{meta}）与页脚（{footer}）不一致",
        "Site ID in the meta tag ({meta}) differs from the footer ({footer})"),
    "siteid_invalid": (
        0.05,
        "网站标识码「{value}」格式无效（应为 bm+8 位数字或 10 位数字）",
        "Site ID '{value}' has an invalid format (must be 'bm' + 8 digits or 10 digits)"),
    "badge_wrong_target": (
        0.08,
        "「党政机关」标识未链接到 bszs.conac.cn，而是 {target}",
        "The Party/government badge does not link to bszs.conac.cn but to {target}"),
    "badge_bad_id": (
        0.06,
        "「党政机关」标识链接 {target} 中的网站编号格式无效（应为 32 位十六进制）",
        "The Party/government badge link {target} has an invalid site id (must be 32 hex digits)"),
    "beian_wrong_target": (
        0.04,
        "公安备案号链接到 {target}，而不是 beian.gov.cn",
        "The public-security filing links to {target}, not beian.gov.cn"),
    "beian_region_mismatch": (
        0.05,
        "公安备案号 {number} 的地区代码 {region} 与前缀「{prefix}」（应为 {expected}）不符",
        "Public-security filing {number}: region code {region} does not match prefix '{prefix}' (expected {expected})"),
    "beian_record_mismatch": (
        0.04,
        "公安备案号 {number} 的链接指向另一个备案号 {record}",
        "Public-security filing {number} links to a different record {record}"),
    "icp_wrong_target": (
        0.03,
        "ICP 备案号 {number} 链接到 {target}，而不是工信部备案系统（miit.gov.cn）",
        "ICP filing {number} links to {target}, not the MIIT filing system (miit.gov.cn)"),
    "icp_missing": (
        0.03,
        "页面没有 ICP 备案号",
        "Page shows no ICP filing number"),
    "gov_markers_off_domain": (
        0.05,
        "非政府域名 {host} 上出现政府网站标识（{markers}）",
        "Government-site markers ({markers_en}) on a non-government host {host}"),
    # -- what the page does -------------------------------------------------------------------------
    "cert_query_form": (
        0.08,
        "页面提供证书查询表单（字段：{fields}）",
        "Page offers a certificate query form (fields: {fields_en})"),
    "ajax_query": (
        0.08,
        "页面脚本向 {url} 提交证书查询",
        "Page script submits certificate queries to {url}"),
    "verifies_authority_certificate": (
        0.0,
        "页面对「{name}」的证书（{field}：{value}）给出核验结果「{phrase}」，但该证书只能在官方平台 {official} 核验，"
        "域名 {host} 不是官方平台",
        "Page confirms a certificate of '{name}' ({field_en}: {value}) as '{phrase}', but such certificates can "
        "only be verified on the official platform {official}; {host} is not it"),
    "result_card_valid": (
        0.12,
        "页面显示证书查询结果「{phrase}」",
        "Page shows a certificate result '{phrase}'"),
    "certificate_shown": (
        0.05,
        "页面显示证书信息（{fields}）",
        "Page displays a certificate record ({fields_en})"),
    "emblem_image": (
        0.04,
        "页面使用国徽图片",
        "Page shows the national emblem"),
    "text_empty": (
        0.0,
        "页面没有可见文字（可能是纯图片页面），无法从文字判断",
        "Page has no visible text (possibly image-only); text-based checks could not run"),
    "binary_body": (
        0.0,
        "响应内容不是文本（无效字节）",
        "Response body is not text (invalid bytes)"),
    "parse_note": (
        0.0,
        "页面解析说明：{note}",
        "Parsing note: {note}"),
    # -- scan-level (used by pipelines.classification) ----------------------------------------------
    "unreachable": (
        0.0,
        "无法访问 {url}（{kind}）：{detail}",
        "{url} could not be reached ({kind}): {detail}"),
    "http_error": (
        0.0,
        "{url} 返回 HTTP {status}",
        "{url} answered HTTP {status}"),
    "cloaking": (
        0.1,
        "微信/手机与电脑浏览器看到的内容不同（相似度 {similarity}）",
        "WeChat/mobile and desktop views differ (similarity {similarity})"),
    "hop_refused": (
        0.0,
        "未继续访问 {url}：{detail}",
        "Did not follow {url}: {detail}"),
}


class _Facts(dict):
    """Format mapping: None prints as "—"; a missing key is a programming error named clearly."""

    def __init__(self, code: str, facts: dict[str, Any]):
        super().__init__(facts)
        self.code = code

    def __missing__(self, key: str) -> Any:
        raise KeyError(f"reason {self.code!r} needs the fact {key!r}")

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if value is None:
            return "—"
        if isinstance(value, (list, tuple, set)):
            return "、".join(str(v) for v in value) or "—"
        return value


def render(code: str, /, weight: float | None = None, **facts: Any) -> Reason:
    """The reason ``code`` with its templates filled from ``facts``.

    Raises KeyError naming the code when the code is unknown or a fact the templates need is missing.
    """
    if code not in CATALOGUE:
        raise KeyError(f"unknown reason code {code!r}")
    default, zh, en = CATALOGUE[code]
    mapping = _Facts(code, facts)
    fmt = string.Formatter()
    return {
        "code": code,
        "zh": fmt.vformat(zh, (), mapping),
        "en": fmt.vformat(en, (), mapping),
        "weight": default if weight is None else weight,
        "facts": {k: (sorted(v) if isinstance(v, set) else v) for k, v in facts.items()},
    }


def template_fields(code: str) -> set[str]:
    """Names of the facts the templates of ``code`` use (for tests and documentation)."""
    _, zh, en = CATALOGUE[code]
    return {f for text in (zh, en) for _, f, _, _ in string.Formatter().parse(text) if f}
