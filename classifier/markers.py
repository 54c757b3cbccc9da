"""Government-site markers on a page, their format, and whether they agree with each other.

A genuine Chinese government site identifies itself with a 网站标识码 (``<meta name="SiteIDCode">``,
the footer, the error-report script), the red 党政机关 badge (a script from dcs.conac.cn linking to
``bszs.conac.cn/sitename?method=show&id=<32 hex>``), 主办单位/承办单位 in the footer, an ICP filing and a
public-security (公安) filing linking to beian.gov.cn. Fakes copy these markers, mismatch them, or leave
them out. This module reports what is there, whether each value has a valid format, and the
**consistency findings** that are plain facts (a meta tag disagreeing with the footer, a badge that
links elsewhere, a 公网安备 number whose region code disagrees with its province prefix).

Reads no settings.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from classifier.document import Document, collapse
from zhenwei.profiles import normalise_host

PROVINCE_ABBR = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新"
# GB/T 2260 region code (first two digits) of each province abbreviation, as used in 公网安备 numbers.
REGION_CODES = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
    "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41",
    "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "贵": "52",
    "云": "53", "藏": "54", "陕": "61", "甘": "62", "青": "63", "宁": "64", "新": "65",
}
SITE_ID_CENTRAL = re.compile(r"bm\d{8}")
SITE_ID_LOCAL = re.compile(r"\d{10}")
_FOOTER_SITE_ID = re.compile(r"网站标识码\s*[:：]?\s*([A-Za-z0-9]{1,20})")
_ICP = re.compile(rf"([{PROVINCE_ABBR}])\s*ICP\s*([备证])\s*(\d{{4,12}})\s*号?(?:\s*-\s*(\d{{1,3}}))?", re.I)
_POLICE = re.compile(rf"([{PROVINCE_ABBR}])\s*公网安备\s*(\d{{6,20}})\s*号?")
_SPONSOR = re.compile(r"(主办单位|承办单位|主办|承办)\s*(?:[:：]\s*|(?<=单位)\s+)([^\s|｜,，;；。/:：]{2,40})")
_BADGE_IMG = re.compile(r"conac|dzjg|red\.png|党政机关|party.?gov", re.I)
CONAC_TARGET_HOST = "bszs.conac.cn"


def _site_id_format(value: str | None) -> str | None:
    if not value:
        return None
    if SITE_ID_CENTRAL.fullmatch(value):
        return "central"
    if SITE_ID_LOCAL.fullmatch(value):
        return "local"
    return "invalid"


def _site_ids(doc: Document) -> dict[str, str | None]:
    meta = (doc.meta.get("siteidcode") or "").strip().lower() or None
    m = _FOOTER_SITE_ID.search(doc.footer_text) or _FOOTER_SITE_ID.search(doc.visible_text)
    footer = m.group(1).lower() if m else None
    jiucuo = None
    for el in doc.iter("script"):
        code = el.get("sitecode") or el.get("siteCode")
        if code:
            jiucuo = code.strip().lower()
            break
    return {"meta": meta, "footer": footer, "script": jiucuo}


def _conac(doc: Document) -> dict[str, Any]:
    script = any(normalise_host(urlsplit(src).hostname or "") == "dcs.conac.cn" for src, _ in doc.scripts if src)
    badge_links: list[str] = []
    for el in doc.iter("a"):
        imgs = [i for i in el.iter("img") if _BADGE_IMG.search(f"{i.get('src') or ''} {i.get('alt') or ''}")]
        text = collapse(el.text_content())
        href = (el.get("href") or "").strip()
        if imgs or "党政机关" in text or "conac" in href.lower():
            badge_links.append(href)
    loose_imgs = [src for src, alt in doc.images if _BADGE_IMG.search(f"{src} {alt}")]
    present = script or bool(badge_links) or bool(loose_imgs)
    target, genuine, site_id = None, None, None
    if badge_links:
        target = badge_links[0]
        parts = urlsplit(doc.absolute(target) or target)
        host = normalise_host(parts.hostname or "")
        site_id = (parse_qs(parts.query).get("id") or [None])[0]
        genuine = (host == CONAC_TARGET_HOST and parts.path.rstrip("/") == "/sitename"
                   and bool(site_id and re.fullmatch(r"[0-9A-Fa-f]{32}", site_id)))
    return {"present": present, "script": script, "link": target, "link_genuine": genuine,
            "conac_id": site_id, "image_only": bool(loose_imgs) and not badge_links and not script}


def _icp(doc: Document) -> dict[str, Any] | None:
    m = _ICP.search(doc.footer_text) or _ICP.search(doc.visible_text)
    if not m:
        return None
    prov, kind, num, sub = m.groups()
    number = f"{prov}ICP{kind}{num}号" + (f"-{sub}" if sub else "")
    link = None
    for href, text, _ in doc.links:
        if "ICP" in text.upper() and num in text:
            link = href
            break
    return {"number": number, "province": prov, "kind": "filing" if kind == "备" else "license",
            "link": link, "link_host": normalise_host(urlsplit(link).hostname or "") if link else None}


def _police(doc: Document) -> dict[str, Any] | None:
    m = _POLICE.search(doc.footer_text) or _POLICE.search(doc.visible_text)
    if not m:
        return None
    prov, code = m.groups()
    link = None
    for href, text, el in doc.links:
        if "公网安备" in text or code in href:
            link = href
            break
    link_host = normalise_host(urlsplit(link).hostname or "") if link else None
    record = None
    if link:
        qs = parse_qs(urlsplit(link).query)
        record = (qs.get("recordcode") or qs.get("recordCode") or [None])[0]
    return {
        "number": f"{prov}公网安备{code}号", "province": prov, "code": code,
        "code_valid": len(code) == 14,
        "region_matches": code[:2] == REGION_CODES.get(prov),
        "link": link, "link_host": link_host,
        "link_official": bool(link_host) and (link_host == "beian.gov.cn" or link_host.endswith(".beian.gov.cn")),
        "link_record": record,
    }


def _sponsors(doc: Document) -> dict[str, str | None]:
    out: dict[str, str | None] = {"sponsor": None, "organizer": None}
    for text in (doc.footer_text, doc.visible_text[-3000:]):
        for m in _SPONSOR.finditer(text):
            key = "sponsor" if m.group(1).startswith("主办") else "organizer"
            out[key] = out[key] or m.group(2)
    return out


def extract_markers(doc: Document) -> dict[str, Any]:
    """Gov markers of ``doc``: values, format validity, presence and consistency findings."""
    ids = _site_ids(doc)
    conac = _conac(doc)
    icp = _icp(doc)
    police = _police(doc)
    sponsors = _sponsors(doc)
    findings: list[dict[str, Any]] = []

    values = {k: v for k, v in ids.items() if v}
    for where, value in values.items():
        if _site_id_format(value) == "invalid":
            findings.append({"code": "siteid_invalid", "where": where, "value": value})
    if len(set(values.values())) > 1:
        findings.append({"code": "siteid_mismatch", "meta": ids["meta"] or "—",
                         "footer": ids["footer"] or ids["script"] or "—",
                         "values": values})
    if conac["present"] and not conac["script"] and conac["link"] is None:
        findings.append({"code": "badge_wrong_target", "target": "（无链接 no link）"})
    elif conac["link"] is not None and not conac["link_genuine"]:
        parts = urlsplit(doc.absolute(conac["link"]) or conac["link"])
        if normalise_host(parts.hostname or "") == CONAC_TARGET_HOST:
            findings.append({"code": "badge_bad_id", "target": conac["link"]})
        else:
            findings.append({"code": "badge_wrong_target", "target": conac["link"] or "（空 empty）"})
    if police:
        if not police["region_matches"] or not police["code_valid"]:
            findings.append({"code": "beian_region_mismatch", "number": police["number"],
                             "prefix": police["province"], "region": police["code"][:2],
                             "expected": REGION_CODES.get(police["province"], "?")})
        if police["link"] and not police["link_official"]:
            findings.append({"code": "beian_wrong_target", "target": police["link"]})
        elif police["link_record"] and police["link_record"] != police["code"]:
            findings.append({"code": "beian_record_mismatch", "number": police["number"],
                             "record": police["link_record"]})
    if icp and icp["link_host"] and not (icp["link_host"] == "miit.gov.cn" or icp["link_host"].endswith(".miit.gov.cn")):
        findings.append({"code": "icp_wrong_target", "number": icp["number"], "target": icp["link"]})

    gov_markers = [k for k, present in (
        ("site_id_meta", ids["meta"]), ("site_id_footer", ids["footer"]), ("site_id_script", ids["script"]),
        ("conac_badge", conac["present"]), ("party_gov_text", "党政机关" in doc.footer_text),
    ) if present]
    return {
        "site_id": {**ids, "format": {k: _site_id_format(v) for k, v in ids.items() if v}},
        "conac": conac,
        "sponsor": sponsors["sponsor"],
        "organizer": sponsors["organizer"],
        "icp": icp,
        "police": police,
        "gov_markers": gov_markers,
        "findings": findings,
    }
