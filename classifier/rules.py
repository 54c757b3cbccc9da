"""The transparent foundation rule: a verdict anyone can check by hand.

**A page that presents itself as a profiled authority on a host that is not among that authority's
official hosts is impersonating it.** Everything else (copied or forged gov markers, a certificate
query form, a "证书有效" result card, a lookalike host name) only adds to the score and to the reasons.

Scores: impersonation = 0.5 + 0.2 × claim strength + the weights of the supporting reasons, capped at
0.99; a claim on the authority's own host scores 0.02 (0.05 when its markers disagree); a page that
claims no authority stays below 0.5 (0.03 plus small amounts for facts worth a look, such as gov
markers on a non-government host or a page with no visible text). Reasons state facts, with the
evidence in ``facts``, so a prosecutor can repeat them.

Reads no settings.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from classifier.reasons import Reason, render
from zhenwei.profiles import Profile, is_gov_host, load_profiles, normalise_host

RULE_VERSION = "rules-1"
WHERE_LABELS = {
    "title": ("网页标题", "page title"), "site_meta": ("网站名称元数据", "site-name meta tag"),
    "header": ("页头/标志", "header/logo"), "heading": ("页面标题栏", "heading"),
    "footer": ("页脚主办单位/版权", "footer sponsor/copyright"), "site_id": ("网站标识码", "site ID code"),
    "service": ("官方查询服务名称", "official service title"), "top": ("页面顶部", "top of page"),
}
FIELD_LABELS = {
    "holder_name": ("姓名", "holder"), "gender": ("性别", "gender"), "cert_number": ("证号", "certificate no."),
    "id_number": ("身份证号", "ID number"), "job_category": ("作业类别", "job category"),
    "operation_item": ("准操项目", "operation item"), "first_issued": ("初领日期", "first issued"),
    "valid_from": ("有效期起", "valid from"), "valid_until": ("有效期至", "valid until"),
    "review_date": ("复审日期", "review date"), "issuer": ("签发机关", "issuer"), "status": ("状态", "status"),
    "name": ("姓名", "name"), "captcha": ("验证码", "captcha"),
}
MARKER_LABELS = {
    "site_id_meta": ("SiteIDCode 元数据", "SiteIDCode meta tag"), "site_id_footer": ("页脚网站标识码", "footer site ID"),
    "site_id_script": ("纠错脚本网站标识码", "error-report script site ID"),
    "conac_badge": ("党政机关标识", "Party/government badge"), "party_gov_text": ("“党政机关”字样", "'党政机关' text"),
}
_MARKER_FINDINGS = ("siteid_mismatch", "siteid_invalid", "badge_wrong_target", "badge_bad_id",
                    "beian_wrong_target", "beian_region_mismatch", "beian_record_mismatch", "icp_wrong_target")


def _display_host(host: str) -> str:
    try:
        return ".".join(lab.encode("ascii").decode("idna") if lab.startswith("xn--") else lab
                        for lab in host.split("."))
    except UnicodeError:
        return host


def _official_text(profile: Profile) -> str:
    hosts = list(profile.official_host_suffixes) or list(profile.official_hosts)
    shown = [_display_host(h) for h in hosts[:4]]
    return "、".join(shown) + ("…" if len(hosts) > 4 else "")


def _labels(keys: list[str], lang: int) -> list[str]:
    return [FIELD_LABELS.get(k, (k, k))[lang] for k in keys]


def _finding_reason(finding: dict[str, Any]) -> Reason | None:
    code = finding.get("code")
    if code not in _MARKER_FINDINGS:
        return None
    facts = {k: v for k, v in finding.items() if k != "code"}
    try:
        return render(code, **facts)
    except KeyError:
        return None


def _gov_markers_reason(host: str, markers: list[str]) -> Reason:
    return render("gov_markers_off_domain", host=host, markers=[MARKER_LABELS.get(m, (m, m))[0] for m in markers],
                  markers_en=[MARKER_LABELS.get(m, (m, m))[1] for m in markers], codes=markers)


def _host_reasons(host: str, profile: Profile) -> list[Reason]:
    out = []
    parts = host.replace("-", ".").split(".")
    official_labels = {lab for h in profile.official_hosts for lab in h.split(".")
                       if len(lab) >= 3 and lab not in ("www", "gov", "org", "com")}
    tokens = list(dict.fromkeys([*sorted(official_labels), *profile.host_tokens]))
    for token in tokens:
        if token in parts or (len(token) >= 3 and token in host):
            out.append(render("lookalike_host", host=host, token=token, official=_official_text(profile)))
            break
    if "gov" in host and not is_gov_host(host):
        out.append(render("host_mimics_gov", host=host))
    return out


def _page_reasons(facts: dict[str, Any]) -> list[Reason]:
    """Supporting facts about what the page shows and does (independent of the claim)."""
    out: list[Reason] = []
    markers = facts.get("markers") or {}
    for finding in markers.get("findings") or []:
        reason = _finding_reason(finding)
        if reason:
            out.append(reason)
    service = facts.get("service") or {}
    if service.get("query_form"):
        roles = [f["role"] for form in facts.get("forms") or [] if form.get("is_query")
                 for f in form.get("fields") or [] if f.get("role") not in ("other", "hidden")]
        roles = list(dict.fromkeys(roles)) or ["cert_number"]
        out.append(render("cert_query_form", fields=_labels(roles, 0), fields_en=_labels(roles, 1)))
    if service.get("ajax_query"):
        url = next((e["url"] for e in facts.get("ajax") or [] if e.get("is_query")), "")
        out.append(render("ajax_query", url=url))
    if service.get("result_status") == "valid":
        out.append(render("result_card_valid", phrase=service.get("result_phrase")))
    cert = facts.get("certificate") or {}
    if cert:
        keys = list(cert)
        out.append(render("certificate_shown", fields=_labels(keys, 0), fields_en=_labels(keys, 1)))
    if facts.get("emblem"):
        out.append(render("emblem_image"))
    return out


def _claims(facts: dict[str, Any], profiles: list[Profile]) -> list[tuple[dict[str, Any], Profile]]:
    claim = facts.get("claim") or {}
    by_id = {p.id: p for p in profiles}
    service = facts.get("service") or {}
    verifies = bool(service.get("query_form") or service.get("ajax_query") or service.get("has_result_card")
                    or facts.get("certificate"))
    out = []
    for c in [claim, *(claim.get("others") or [])]:
        prof = by_id.get(c.get("authority") or "")
        if prof is None:
            continue
        if set(c.get("where") or []) <= {"top"} and not verifies:
            # A name among the first lines only (a table cell, a notice) is too weak on its own; with a
            # certificate look-up or result on the page it is how that service presents itself.
            continue
        out.append((c, prof))
    return out


def _where(claim: dict[str, Any]) -> tuple[list[str], list[str]]:
    kinds = claim.get("where") or []
    return ([WHERE_LABELS.get(k, (k, k))[0] for k in kinds], [WHERE_LABELS.get(k, (k, k))[1] for k in kinds])


def _verdict(verdict: str, score: float, reasons: list[Reason], authority: dict | None = None) -> dict[str, Any]:
    return {"verdict": verdict, "score": round(min(max(score, 0.0), 0.99), 4), "authority": authority,
            "reasons": reasons, "rule_version": RULE_VERSION}


def rule_verdict(facts: dict[str, Any], url: str, profiles: list[Profile] | None = None) -> dict[str, Any]:
    """Verdict for one page from its :func:`classifier.extract.page_facts` and its URL.

    Returns ``{"verdict": "impersonation"|"legitimate", "score", "authority": {"id", "name",
    "profile_name", "tier"} | None, "reasons": [Reason...], "rule_version"}``. ``authority`` is the
    authority imitated, so it is set only for impersonation.
    """
    profiles = profiles if profiles is not None else load_profiles()
    facts = facts or {}
    try:
        host = normalise_host(urlsplit(url).hostname or "")
    except ValueError:
        host = ""
    notes: list[Reason] = []
    if facts.get("binary"):
        notes.append(render("binary_body"))
    if facts.get("text_empty"):
        notes.append(render("text_empty"))
    claims = _claims(facts, profiles)

    official = [(c, p) for c, p in claims if p.is_official_host(host)]
    if official:
        claim, prof = official[0]
        reasons = [render("official_host", host=host, name=claim.get("name") or prof.name)]
        if prof.is_legacy_host(host):
            reasons.append(render("legacy_official_host", host=host, name=prof.name))
        findings = [r for f in (facts.get("markers") or {}).get("findings") or [] if (r := _finding_reason(f))]
        return _verdict("legitimate", 0.05 if findings else 0.02, reasons + findings + notes)

    if not claims:
        verifies = None if is_gov_host(host) else _verification_claim(facts, host, profiles)
        if verifies is None:
            return _no_claim(facts, host, notes)
        return _verification_verdict(facts, host, verifies, notes)

    claim, prof = claims[0]
    name = claim.get("name") or prof.name
    where_zh, where_en = _where(claim)
    if is_gov_host(host):
        # Only government bodies can register gov.cn names: a government site naming another authority
        # (reposting a ministry notice, say) is not a forger's site.
        reasons = [render("gov_host_other_authority", name=name, host=host, weight=0.0)]
        return _verdict("legitimate", 0.1, reasons + notes)

    reasons = [render("claims_authority_off_domain", name=name, host=host, where=where_zh, where_en=where_en,
                      official=_official_text(prof), authority=prof.id, strength=claim.get("strength"))]
    reasons.append(render("not_gov_cn", host=host))
    reasons += _host_reasons(host, prof)
    markers = facts.get("markers") or {}
    site_ids = {v for k, v in (markers.get("site_id") or {}).items() if k in ("meta", "footer", "script") and v}
    for p in profiles:
        for code in sorted(site_ids & set(p.site_id_codes)):
            reasons.append(render("siteid_copied", code=code, name=p.name, host=host))
    if markers.get("gov_markers"):
        reasons.append(_gov_markers_reason(host, markers["gov_markers"]))
    if not markers.get("icp"):
        reasons.append(render("icp_missing"))
    reasons += _page_reasons(facts)
    strength = float(claim.get("strength") or 0.0)
    score = 0.5 + 0.2 * strength + sum(r["weight"] for r in reasons[1:])
    authority = {"id": prof.id, "name": name, "profile_name": prof.name, "tier": prof.tier}
    return _verdict("impersonation", score, reasons + notes, authority)


_VALID_STATUS = ("有效", "正常", "valid", "通过")


def _verification_claim(facts: dict[str, Any], host: str,
                        profiles: list[Profile]) -> tuple[Profile, str, str, str] | None:
    """The second foundation rule: a page that *confirms* a profiled authority's certificate.

    The official look-up is the only place such a certificate can be verified ("网址是判断证书查询平台
    真伪的唯一标准"), so a page off the official hosts that shows a certificate issued by a profiled
    authority (issuer named, or a number in its format) together with a "valid" verdict is a fake
    verification service, whether or not it names itself. Returns (profile, name, field, value).
    """
    service = facts.get("service") or {}
    cert = facts.get("certificate") or {}
    status = str(cert.get("status") or "")
    valid = service.get("result_status") == "valid" or any(v in status.lower() for v in _VALID_STATUS)
    if not cert or not valid:
        return None
    for prof in profiles:
        if prof.is_official_host(host):
            return None
    for prof in profiles:
        names = prof.match_name(str(cert.get("issuer") or ""))
        if names:
            return prof, names[0], "issuer", str(cert["issuer"])
    for prof in profiles:
        for key in ("cert_number", "id_number"):
            if cert.get(key) and prof.match_cert_number(str(cert[key])):
                return prof, prof.name, key, str(cert[key])
    return None


def _verification_verdict(facts: dict[str, Any], host: str, found: tuple, notes: list[Reason]) -> dict[str, Any]:
    from classifier.certificate import mask_id

    prof, name, field, value = found
    if field != "issuer":
        value = mask_id(value)  # reasons end up in reports: no full ID numbers there
    service = facts.get("service") or {}
    phrase = service.get("result_phrase") or str((facts.get("certificate") or {}).get("status") or "有效")
    reasons = [render("verifies_authority_certificate", name=name, field=FIELD_LABELS[field][0],
                      field_en=FIELD_LABELS[field][1], value=value, phrase=phrase,
                      official=_official_text(prof), host=host, authority=prof.id)]
    reasons.append(render("not_gov_cn", host=host))
    reasons += _host_reasons(host, prof)
    reasons += [r for r in _page_reasons(facts) if r["code"] != "result_card_valid"]
    score = 0.6 + sum(r["weight"] for r in reasons[1:])
    authority = {"id": prof.id, "name": name, "profile_name": prof.name, "tier": prof.tier}
    return _verdict("impersonation", score, reasons + notes, authority)


def _no_claim(facts: dict[str, Any], host: str, notes: list[Reason]) -> dict[str, Any]:
    reasons = [render("no_claim")]
    claim = facts.get("claim") or {}
    # A claim too weak to count (see _claims) is still a mention.
    mentions = [claim["name"]] if claim.get("authority") and claim.get("name") else []
    mentions += [m["name"] for m in claim.get("mentions") or [] if m.get("name")]
    if mentions:
        reasons.append(render("mentions_only", names=list(dict.fromkeys(mentions))[:5]))
    score = 0.03
    markers = facts.get("markers") or {}
    if markers.get("gov_markers") and host and not is_gov_host(host):
        reasons.append(_gov_markers_reason(host, markers["gov_markers"]))
        score += 0.15
    service = facts.get("service") or {}
    if service.get("query_form") or service.get("ajax_query"):
        score += 0.05
    if service.get("result_status") == "valid":
        score += 0.05
    if facts.get("text_empty") and host and not is_gov_host(host):
        score += 0.15
        if facts.get("emblem"):
            reasons.append(render("emblem_image"))
            score += 0.1
    # Without a claim the rule cannot call a page impersonation; keep the score under 0.5.
    return _verdict("legitimate", min(score, 0.45), reasons + notes)
