"""The rule verdict on every fixture page, and the reasons catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifier.extract import page_facts
from classifier.reasons import CATALOGUE, render, template_fields
from classifier.rules import RULE_VERSION, rule_verdict
from zhenwei.textdecode import decode_html

PAGES = Path(__file__).parent / "fixtures" / "pages"

# fixture -> (URL it is served at, verdict, authority id imitated, reason codes that must be present)
CASES = {
    "official_mem_home": ("https://www.mem.gov.cn/", "legitimate", None, {"official_host"}),
    "official_cx_spa": ("https://cx.mem.gov.cn/special?index=0", "legitimate", None, {"official_host", "text_empty"}),
    "official_provincial": ("https://yjt.hebei.gov.cn/", "legitimate", None, {"official_host"}),
    "fake_copied_footer": ("http://cx-mem-gov.cn/index.html", "impersonation", "mem",
                           {"claims_authority_off_domain", "siteid_copied", "badge_wrong_target",
                            "cert_query_form", "lookalike_host", "host_mimics_gov", "gov_markers_off_domain"}),
    "fake_forged_markers_gbk": ("http://www.bjyjglj-cx.com/cx.asp", "impersonation", "mem-provincial",
                                {"siteid_mismatch", "beian_region_mismatch", "beian_wrong_target",
                                 "result_card_valid", "certificate_shown", "icp_missing", "emblem_image"}),
    "fake_nomarker_kit": ("http://hb-yjt.top/query.html", "impersonation", "mem-provincial",
                          {"claims_authority_off_domain", "ajax_query", "icp_missing", "lookalike_host"}),
    "fake_mohurd_card": ("http://zlaq-mohurd.cn/cert", "impersonation", "mohurd",
                         {"claims_authority_off_domain", "result_card_valid", "certificate_shown"}),
    "fake_mobile_result": ("http://tzzy-cx.com/m/r", "impersonation", "mem",
                           {"claims_authority_off_domain", "result_card_valid", "emblem_image"}),
    "fake_image_only": ("http://yjgl-bj.cc/z.php?id=5f3a9c0e7b", "impersonation", "mem-provincial",
                        {"claims_authority_off_domain", "text_empty"}),
    "training_school": ("http://www.antai-peixun.com/", "legitimate", None, {"no_claim", "mentions_only"}),
    "news_article": ("http://news.example-daily.cn/2023/0613/fake-sites.html", "legitimate", None,
                     {"no_claim", "mentions_only"}),
    "tutorial": ("http://www.anquan-zhishi.net/article/123.html", "legitimate", None, {"no_claim", "mentions_only"}),
    "company_lookup": ("http://www.qiye-chaxun.example.com/firm/abc.html", "legitimate", None, {"no_claim"}),
    "parked": ("http://cx-mem-gov.com/", "legitimate", None, {"no_claim"}),
}


def verdict_for(name: str, url: str | None = None) -> dict:
    url = url or CASES[name][0]
    text, _ = decode_html((PAGES / f"{name}.html").read_bytes())
    return rule_verdict(page_facts(text, url), url)


def test_every_fixture_is_covered():
    assert {p.stem for p in PAGES.glob("*.html")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_verdicts(name):
    url, expected, authority, codes = CASES[name]
    v = verdict_for(name)
    assert v["verdict"] == expected
    assert v["rule_version"] == RULE_VERSION
    assert codes <= {r["code"] for r in v["reasons"]}
    json.dumps(v, ensure_ascii=False)
    if expected == "impersonation":
        assert v["authority"]["id"] == authority
        assert 0.6 <= v["score"] <= 0.99
        first = v["reasons"][0]
        assert first["code"] == "claims_authority_off_domain" and first["facts"]["host"] in url
    else:
        assert v["authority"] is None and v["score"] < 0.5
        if name.startswith("official"):
            assert v["score"] <= 0.05


def test_the_same_fake_page_on_the_official_host_is_legitimate():
    assert verdict_for("fake_copied_footer", "https://cx.mem.gov.cn/index.html")["verdict"] == "legitimate"
    # A local government host: only government bodies can register gov.cn, so no forger's site.
    v = verdict_for("fake_copied_footer", "http://www.bjxch.gov.cn/")
    assert v["verdict"] == "legitimate" and v["reasons"][0]["code"] == "gov_host_other_authority"
    assert verdict_for("official_mem_home", "http://mem-gov.cn.example.top/")["verdict"] == "impersonation"


def test_reasons_are_facts_a_prosecutor_can_repeat():
    v = verdict_for("fake_forged_markers_gbk")
    by_code = {r["code"]: r for r in v["reasons"]}
    claim = by_code["claims_authority_off_domain"]
    assert claim["zh"].startswith("页面自称「北京市应急管理局」") and "www.bjyjglj-cx.com" in claim["zh"]
    assert "gov.cn" in claim["zh"] and claim["en"].startswith("Page presents itself as '北京市应急管理局'")
    assert by_code["siteid_mismatch"]["zh"] == "网站标识码 meta（1100000001）与页脚（1100000088）不一致"
    assert v["authority"] == {"id": "mem-provincial", "name": "北京市应急管理局",
                              "profile_name": "省级应急管理厅（局）", "tier": "provincial"}
    # Personal data stays out of the reasons (the certificate record is masked elsewhere).
    assert "110105198811230026" not in json.dumps(v["reasons"], ensure_ascii=False)


def test_score_grows_with_evidence():
    bare = verdict_for("fake_image_only")["score"]
    rich = verdict_for("fake_forged_markers_gbk")["score"]
    assert 0.5 < bare < rich <= 0.99


def test_image_only_page_without_title_cannot_be_called():
    html = '<html><body><img src="/static/guohui.png"><img src="/upload/cert.jpg"></body></html>'
    v = rule_verdict(page_facts(html, "http://yjgl-bj.cc/"), "http://yjgl-bj.cc/")
    assert v["verdict"] == "legitimate" and 0.2 < v["score"] < 0.5
    assert {"text_empty", "emblem_image", "no_claim"} <= {r["code"] for r in v["reasons"]}


def test_gov_markers_without_claim_raise_score_but_not_verdict():
    html = ('<html><head><meta name="SiteIDCode" content="1100000001"><title>证书查询</title></head>'
            '<body><p>欢迎使用</p><div class="footer">网站标识码：1100000001</div></body></html>')
    v = rule_verdict(page_facts(html, "http://cert-cx.top/"), "http://cert-cx.top/")
    assert v["verdict"] == "legitimate" and v["score"] >= 0.15
    assert "gov_markers_off_domain" in {r["code"] for r in v["reasons"]}


def test_binary_and_minimal_facts():
    v = rule_verdict({"binary": True, "text_empty": True}, "http://x.example/")
    assert v["verdict"] == "legitimate" and {"binary_body", "text_empty"} <= {r["code"] for r in v["reasons"]}
    assert rule_verdict({}, "not a url")["verdict"] == "legitimate"


def test_render_catalogue():
    r = render("siteid_mismatch", meta="bm34000001", footer="bm34000002")
    assert r == {"code": "siteid_mismatch", "zh": "网站标识码 meta（bm34000001）与页脚（bm34000002）不一致",
                 "en": "Site ID in the meta tag (bm34000001) differs from the footer (bm34000002)",
                 "weight": 0.08, "facts": {"meta": "bm34000001", "footer": "bm34000002"}}
    assert render("http_error", status=None, url="http://x/")["zh"] == "http://x/ 返回 HTTP —"
    assert render("lookalike_host", weight=0.3, host="a", token="b", official="c")["weight"] == 0.3
    with pytest.raises(KeyError, match="reason 'siteid_mismatch' needs the fact 'footer'"):
        render("siteid_mismatch", meta="x")
    with pytest.raises(KeyError, match="unknown reason code 'nope'"):
        render("nope")


def test_catalogue_templates_agree():
    for code, (weight, zh, en) in CATALOGUE.items():
        assert 0.0 <= weight <= 0.5, code
        assert zh and en, code
        fields = template_fields(code)
        render(code, **{f: "x" for f in fields})  # every template renders with its own fields
    # the pipeline's scan-level reasons exist with the facts it passes
    render("unreachable", kind="nxdomain", detail="no such domain", url="http://x/")
    render("cloaking", similarity=0.12)
    render("hop_refused", detail="blocked", url="http://x/")


SELF_NAMED = {
    # A news site's topic page: the title is the ministry's name, the site names itself in meta and footer.
    "news topic page": ('<html><head><title>应急管理部_某某新闻</title><meta property="og:site_name" content="某某新闻网">'
                        '</head><body><h1>应急管理部</h1><p>相关报道</p>'
                        '<div class="footer">Copyright © 2024 某某新闻网 版权所有</div></body></html>', "legitimate"),
    "school titled with the bureau": ('<html><head><title>北京市应急管理局 - 安泰培训</title></head><body>'
                                      '<div class="footer">版权所有：北京安泰职业技能培训学校</div></body></html>',
                                      "legitimate"),
    # Generic wording or a domain as copyright holder is no other identity.
    "fake with generic footer": ('<html><head><title>北京市应急管理局</title></head><body><h2>北京市应急管理局</h2>'
                                 '<form><input name="zsbh" placeholder="证书编号"></form><div class="footer">'
                                 '版权所有 © 证书查询中心 Copyright © 2023 www.bjyj-cx.com All Rights Reserved</div>'
                                 '</body></html>', "impersonation"),
    # A strong claim (footer sponsor) is not undone by another name in the meta tags.
    "fake sponsor footer": ('<html><head><title>证书查询</title><meta name="application-name" content="查询系统某某科技">'
                            '</head><body><div class="footer">主办单位：北京市应急管理局</div></body></html>',
                            "impersonation"),
}


@pytest.mark.parametrize("case", sorted(SELF_NAMED))
def test_pages_that_name_themselves_otherwise(case):
    html, expected = SELF_NAMED[case]
    v = rule_verdict(page_facts(html, "http://bjyj-cx.com/"), "http://bjyj-cx.com/")
    assert v["verdict"] == expected


def test_name_in_first_lines_alone_is_a_mention_not_a_claim():
    html = ('<html><head><title>企业信息</title></head><body><div id="top-wrap"><table><tr><td>许可机关</td>'
            '<td>北京市应急管理局</td></tr></table><p>' + "正文" * 300 + "</p></div></body></html>")
    v = rule_verdict(page_facts(html, "http://q.example.com/"), "http://q.example.com/")
    assert v["verdict"] == "legitimate"
    assert any(r["code"] == "mentions_only" and "北京市应急管理局" in r["zh"] for r in v["reasons"])
    # The same first line on a page that verifies certificates is how that service presents itself.
    fake = html.replace("</table>", "</table><form><input name='zsbh' placeholder='证书编号'></form>")
    assert rule_verdict(page_facts(fake, "http://q.example.com/"), "http://q.example.com/")["verdict"] == "impersonation"
