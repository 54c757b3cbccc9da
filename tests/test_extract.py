"""Page decoding and extraction: markers, claims vs mentions, certificates, masking, page flow."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from classifier.certificate import (
    extract_certificate_from_html, extract_certificate_from_json, find_cert_numbers, mask_id, mask_name,
    normalise_date,
)
from classifier.claims import claimed_names, extract_claim
from classifier.document import parse_document
from classifier.extract import page_facts
from classifier.markers import extract_markers
from classifier.pageflow import find_ajax_endpoints, find_query_forms, find_redirects, guess_role
from zhenwei.profiles import find_profile, load_profiles
from zhenwei.textdecode import decode_html, looks_binary

PAGES = Path(__file__).parent / "fixtures" / "pages"


def load(name: str) -> str:
    text, _ = decode_html((PAGES / f"{name}.html").read_bytes())
    return text


def facts_of(name: str, url: str) -> dict:
    return page_facts(load(name), url)


# -- textdecode -----------------------------------------------------------------------------------
CHINESE = "<html><head><meta charset=\"{cs}\"><title>北京市应急管理局</title></head><body>证书有效，姓名：张三</body></html>"


@pytest.mark.parametrize("actual, header, meta, expected", [
    ("gbk", "text/html; charset=utf-8", "utf-8", "gb18030"),   # declares UTF-8, is GBK
    ("gbk", None, "utf-8", "gb18030"),
    ("gbk", "text/html; charset=ISO-8859-1", "gbk", "gb18030"),  # server default charset, GBK body
    ("utf-8", "text/html; charset=gbk", "gb2312", "utf-8"),  # declares GBK, is UTF-8
    ("gb18030", None, "gb2312", "gb18030"),
    ("utf-8", None, "utf-8", "utf-8"),
])
def test_decode_wrong_declarations_give_correct_chinese(actual, header, meta, expected):
    body = CHINESE.format(cs=meta).encode(actual)
    text, used = decode_html(body, header)
    assert "北京市应急管理局" in text and "证书有效" in text
    assert used == expected


def test_decode_gbk_fixture_declared_utf8():
    body = (PAGES / "fake_forged_markers_gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text, used = decode_html(body, "text/html; charset=utf-8")
    assert used == "gb18030" and "北京市应急管理局证书查询中心" in text


def test_decode_bom_truncation_western_and_empty():
    assert decode_html("\ufeff<p>应急</p>".encode("utf-8"))[0] == "<p>应急</p>"
    assert decode_html("<p>应急</p>".encode("utf-16"))[0] == "<p>应急</p>"
    body = ("<p>" + "北京市应急管理局" * 50 + "</p>").encode("utf-8")
    text, used = decode_html(body[:-6])  # cut inside a character, as a 2 MB cap does
    assert used == "utf-8" and text.count("北京市应急管理局") == 49
    western = "<p>Le café est très bon, déjà vu à Paris.</p>".encode("cp1252")
    assert decode_html(western)[0] == "<p>Le café est très bon, déjà vu à Paris.</p>"
    assert decode_html(western, "text/html; charset=ISO-8859-1")[1] == "iso8859-1"
    assert decode_html(b"") == ("", "utf-8")


def test_looks_binary():
    rng = random.Random(7)
    assert looks_binary(bytes(rng.randrange(256) for _ in range(4096)))
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    assert looks_binary(b"<html>\x00\x00\x00<body>")
    assert not looks_binary((PAGES / "fake_forged_markers_gbk.html").read_bytes())
    assert not looks_binary("<p>应急管理部</p>".encode("utf-16"))
    assert not looks_binary(b"")


# -- robustness -----------------------------------------------------------------------------------
@pytest.mark.parametrize("html", [
    "", "   ", None, "<<<>>><html<body", "\x00\x01\x02garbage\x7f", "<?xml version='1.0' encoding='gbk'?><html>x</html>",
    "<div>" * 5000 + "北京市应急管理局" + "</div>" * 10, "<title>" + "a" * 100000,
    bytes(random.Random(3).randrange(256) for _ in range(3000)).decode("latin-1"),
])
def test_page_facts_never_raises_and_is_json(html):
    facts = page_facts(html, "http://x.example/")
    json.dumps(facts, ensure_ascii=False)
    assert set(facts) >= {"title", "text_length", "text_empty", "markers", "claim", "certificate", "parse"}


def test_page_facts_empty_and_huge_inputs_are_noted():
    empty = page_facts("", "http://x.example/")
    assert empty["text_empty"] and "empty document" in empty["parse"]["notes"]
    huge = "<html><head><title>t</title></head><body>" + "<p>填充文字</p>" * 60000 + "</body></html>"
    facts = page_facts(huge, "http://x.example/", max_chars=100_000)
    assert facts["parse"]["truncated"] and facts["title"] == "t"
    assert any("parsed the first 100000" in n for n in facts["parse"]["notes"])


def test_page_facts_is_deterministic():
    html = load("fake_copied_footer")
    assert page_facts(html, "http://cx-mem-gov.cn/") == page_facts(html, "http://cx-mem-gov.cn/")


# -- markers --------------------------------------------------------------------------------------
def test_markers_official_page_consistent():
    m = extract_markers(parse_document(load("official_mem_home"), "https://www.mem.gov.cn/"))
    assert m["site_id"]["meta"] == m["site_id"]["footer"] == m["site_id"]["script"] == "bm34000001"
    assert m["site_id"]["format"]["meta"] == "central"
    assert m["conac"]["script"] and m["conac"]["link_genuine"]
    assert m["sponsor"] == "中华人民共和国应急管理部"
    assert m["icp"]["number"] == "京ICP备05070218号"
    assert m["police"]["link_official"] and m["police"]["region_matches"]
    assert m["findings"] == []


def test_markers_forged_inconsistencies():
    m = extract_markers(parse_document(load("fake_forged_markers_gbk"), "http://www.bjyjglj-cx.com/"))
    codes = {f["code"]: f for f in m["findings"]}
    assert codes["siteid_mismatch"]["meta"] == "1100000001" and codes["siteid_mismatch"]["footer"] == "1100000088"
    assert codes["beian_region_mismatch"]["region"] == "44" and codes["beian_region_mismatch"]["expected"] == "11"
    assert codes["beian_wrong_target"]["target"] == "http://www.bjyjglj-cx.com/beian.html"
    copied = extract_markers(parse_document(load("fake_copied_footer"), "http://cx-mem-gov.cn/"))
    assert [f["code"] for f in copied["findings"]] == ["badge_wrong_target"]


def test_markers_badge_formats():
    html = ('<div class="footer">网站标识码：bm3400001x <a href="https://bszs.conac.cn/sitename?method=show&id=123">'
            '<img src="/red.png"></a></div>')
    m = extract_markers(parse_document(html, "http://x.example/"))
    assert [f["code"] for f in m["findings"]] == ["siteid_invalid", "badge_bad_id"]
    assert m["icp"] is None and m["police"] is None


# -- claims vs mentions ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, claimed", [
    ("北京市应急管理局", ["北京市应急管理局"]),
    ("北京市应急管理局证书查询中心", ["北京市应急管理局"]),
    ("特种作业操作证查询 - 北京市应急管理局", ["北京市应急管理局"]),
    ("欢迎访问北京市西城区应急管理局官方网站", ["北京市西城区应急管理局"]),
    ("北京市西城区应急管理局提醒：警惕假冒证书查询网站", []),
    ("北京市应急管理局颁发的证书全国通用", []),
])
def test_claim_segments(text, claimed):
    profiles = [find_profile("mem-local")]
    assert [n for p in profiles for n in claimed_names(text, p)] == claimed


def test_claims_vs_mentions_on_fixtures():
    profiles = load_profiles()
    school = parse_document(load("training_school"), "http://www.antai-peixun.com/")
    claim = extract_claim(school, profiles, extract_markers(school))
    assert claim["authority"] is None
    assert {m.get("name") for m in claim["mentions"]} >= {"应急管理部", "北京市应急管理局"}
    assert {"authority": "mem", "host": "cx.mem.gov.cn", "where": "text"} in claim["mentions"]
    news = parse_document(load("news_article"), "http://news.example-daily.cn/a.html")
    assert extract_claim(news, profiles)["authority"] is None
    fake = parse_document(load("fake_copied_footer"), "http://cx-mem-gov.cn/")
    claim = extract_claim(fake, profiles, extract_markers(fake))
    assert claim["authority"] == "mem" and claim["name"] == "中华人民共和国应急管理部"
    assert set(claim["where"]) >= {"title", "header", "footer", "site_id"}
    assert 0.8 < claim["strength"] <= 1.0


def test_claim_from_heading_only_kit_and_service_title():
    facts = facts_of("fake_nomarker_kit", "http://hb-yjt.top/query.html")
    assert facts["claim"]["authority"] == "mem-provincial" and facts["claim"]["name"] == "河北省应急管理厅"
    spa = facts_of("official_cx_spa", "https://cx.mem.gov.cn/special?index=0")
    assert spa["claim"]["authority"] == "mem" and spa["claim"]["where"] == ["service"]
    assert spa["text_empty"]  # an SPA shell: the noscript notice is not visible text


def test_service_semantics():
    card = facts_of("fake_mobile_result", "http://tzzy-cx.com/m/r")
    assert card["service"]["result_status"] == "valid" and card["has_result_card"]
    assert card["emblem"]  # CSS background guohui.png
    form = facts_of("fake_copied_footer", "http://cx-mem-gov.cn/")
    assert form["service"]["query_form"] and not form["has_result_card"]
    tutorial = facts_of("tutorial", "http://www.anquan-zhishi.net/a.html")
    # "查询结果显示“证书有效”即为真证" is prose, not a result card.
    assert tutorial["service"]["result_status"] is None and not tutorial["has_result_card"]
    nf = page_facts("<div class='res'>查询结果：未查询到该证书信息</div>", "http://x.example/")
    assert nf["service"]["result_status"] == "not_found"


# -- certificate ----------------------------------------------------------------------------------
def test_certificate_from_html_tables_dl_spans():
    gbk = extract_certificate_from_html(load("fake_forged_markers_gbk"))
    assert gbk == {
        "holder_name": "王五", "gender": "女", "cert_number": "T110105198811230026",
        "id_number": "110105198811230026", "job_category": "焊接与热切割作业",
        "operation_item": "熔化焊接与热切割作业", "first_issued": "2019-07-03", "valid_until": "2025-07-02",
        "review_date": "2022-07-01", "issuer": "北京市应急管理局"}
    dl = extract_certificate_from_html(load("fake_mohurd_card"))
    assert dl["cert_number"] == "京A012020000123" and dl["valid_from"] == "2022-03-01"
    assert dl["valid_until"] == "2024-03-01" and dl["status"] == "有效" and dl["job_category"] == "建筑电工"
    spans = extract_certificate_from_html(load("fake_mobile_result"))
    assert spans["holder_name"] == "张三" and spans["operation_item"] == "低压电工作业"
    assert spans["valid_until"] == "2027-05-11"


def test_certificate_from_text_columns_and_inline_json():
    text = extract_certificate_from_html("<p>姓名：张三 性别：男 证号：T110101199003071234 有效期：2021-05-12 至 2027-05-11</p>")
    assert text == {"holder_name": "张三", "gender": "男", "cert_number": "T110101199003071234",
                    "valid_from": "2021-05-12", "valid_until": "2027-05-11"}
    cols = extract_certificate_from_html(
        "<table><tr><th>姓名</th><th>证书编号</th><th>作业类别</th></tr>"
        "<tr><td>王五</td><td>T110105198811230026</td><td>电工作业</td></tr></table>")
    assert cols == {"holder_name": "王五", "cert_number": "T110105198811230026", "job_category": "电工作业"}
    inline = extract_certificate_from_html(
        '<script>var d = {"xm":"张三","zsbh":"T110101199003071234","zylb":"电工作业"};</script>')
    assert inline["cert_number"] == "T110101199003071234"
    assert extract_certificate_from_html(load("training_school")) == {}
    assert extract_certificate_from_html(load("company_lookup")) == {}


def test_certificate_from_json_official_and_kit_keys():
    official = {"code": 200, "msg": "操作成功", "data": {"total": 1, "rows": [{
        "certNum": "T110101199003071234", "name": "张三", "sex": "男", "jobCategoryName": "电工作业",
        "operItemName": "低压电工作业", "issueOrgName": "北京市应急管理局", "validBeginDate": "2021-05-12",
        "validEndDate": "2027-05-11", "shouldReviewDate": "2024-05-11", "reviewDate": None, "certStatus": "有效"}]}}
    assert extract_certificate_from_json(official) == {
        "holder_name": "张三", "gender": "男", "cert_number": "T110101199003071234", "job_category": "电工作业",
        "operation_item": "低压电工作业", "valid_from": "2021-05-12", "valid_until": "2027-05-11",
        "review_date": "2024-05-11", "issuer": "北京市应急管理局", "status": "有效"}
    kit = {"status": 1, "info": {"xm": "李四", "xb": "女", "sfzh": "130102198505200018", "zsbh": "T130102198505200018",
                                 "zylb": "高处作业", "zcxm": "登高架设作业", "clrq": "20200301",
                                 "yxqz": 1772294400000, "fzjg": "河北省应急管理厅"}}
    rec = extract_certificate_from_json(json.dumps(kit, ensure_ascii=False))
    assert rec["first_issued"] == "2020-03-01" and rec["valid_until"] == "2026-03-01"
    assert rec["id_number"] == "130102198505200018" and rec["gender"] == "女"
    assert extract_certificate_from_json({"name": "电工作业"}) == {}
    assert extract_certificate_from_json("not json") == {}


@pytest.mark.parametrize("value, expected", [
    ("2020年1月5日", "2020-01-05"), ("2020/01/05", "2020-01-05"), ("2020.1.5", "2020-01-05"),
    ("20200105", "2020-01-05"), ("2020-02-30", None), ("长期", None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_masking():
    assert mask_id("110101199003071234") == "110101********1234"
    assert mask_id("T110101199003071234") == "T110101********1234"
    assert mask_id("11010119900307123X") == "110101********123X"
    assert mask_id("110101********1234") == "110101********1234"
    assert mask_id("京A012020000123") == "京A012020000123"
    assert mask_name("张三") == "张**" and mask_name("张三丰") == "张**"
    assert mask_name("欧阳娜娜") == "欧阳**" and mask_name("John Smith") == "J**"


def test_find_cert_numbers():
    assert find_cert_numbers("http://x.example/v?no=T110101199003071234") == ["T110101199003071234"]
    assert find_cert_numbers("http://x.example/?n=%E4%BA%ACA012020000123") == ["京A012020000123"]
    assert find_cert_numbers("http://x.example/v?sfz=110101199003071234") == ["110101199003071234"]
    assert find_cert_numbers("http://x.example/v?t=20230101123456789") == []


# -- page flow ------------------------------------------------------------------------------------
def test_query_forms():
    forms = find_query_forms(load("fake_copied_footer"), "http://cx-mem-gov.cn/index.html")
    assert len(forms) == 1
    form = forms[0]
    assert form["action"] == "http://cx-mem-gov.cn/chaxun.php" and form["method"] == "POST"
    assert [(f["name"], f["role"]) for f in form["fields"]] == [("zjhm", "id_number"), ("xm", "name"), ("yzm", "captcha")]
    assert form["is_query"] and form["has_captcha"] and form["index"] == 0
    html = ('<form action="/s"><input name="q"></form>'
            '<form action="v.php"><table><tr><td>证书编号</td><td><input name="a1"></td></tr>'
            '<tr><td><label for="b">身份证</label></td><td><input id="b" name="b2"></td></tr>'
            '<tr><td>证书类型</td><td><select name="zslx"><option>特种作业</option></select></td></tr></table>'
            '<input type="hidden" name="t" value="1"><button>查询</button></form>')
    forms = find_query_forms(html, "http://x.example/dir/p.html")
    assert forms[0]["index"] == 1 and forms[0]["action"] == "http://x.example/dir/v.php"
    assert [(f["name"], f["role"]) for f in forms[0]["fields"]] == [
        ("a1", "cert_number"), ("b2", "id_number"), ("zslx", "select"), ("t", "hidden")]
    assert not forms[1]["is_query"]


@pytest.mark.parametrize("texts, role", [
    (("请输入证书编号",), "cert_number"), (("", "sfzh"), "id_number"), (("验证码",), "captcha"),
    (("", "certNo"), "cert_number"), (("", "xm"), "name"), (("", "keyword"), "other"),
])
def test_guess_role(texts, role):
    assert guess_role(*texts) == role


AJAX = {
    "$.ajax options": ("""$.ajax({url:"/api/q", type:"post", data:{certNo:$('#cn').val(), name: $("#xm").val()},
                          contentType:"application/json"})""",
                       ("http://f.example/api/q", "POST", True, ["certNo", "name"])),
    "$.get concatenation": ("""$.get('/api/get?type=1&zsbh=' + v, function(r){})""",
                            ("http://f.example/api/get?type=1", "GET", False, ["type", "zsbh"])),
    "$.post": ("""$.post("/api/post", {idcard: x, xm: y}, function(r){}, "json")""",
               ("http://f.example/api/post", "POST", False, ["idcard", "xm"])),
    "constant url": ("""var API = {query: "/api/json"}; $.getJSON(API.query, {cert_no: n})""",
                     ("http://f.example/api/json", "GET", False, ["cert_no"])),
    "fetch json body": ("""fetch('/api/f', {method: 'POST', headers: {'Content-Type': 'application/json'},
                           body: JSON.stringify({certNum: n, code: c})})""",
                        ("http://f.example/api/f", "POST", True, ["certNum", "code"])),
    "fetch template": ("fetch(`/api/f2?idNo=${id}&name=${nm}`)", ("http://f.example/api/f2", "GET", False, ["idNo", "name"])),
    "axios post": ("axios.post('/api/ax', {zsh: n})", ("http://f.example/api/ax", "POST", True, ["zsh"])),
    "axios config": ("axios({url: '/api/ax3', method: 'post', data: {certNo: n}})",
                     ("http://f.example/api/ax3", "POST", True, ["certNo"])),
    "xhr": ("""var x = new XMLHttpRequest(); x.open("POST", "/api/x", true); x.send("zsbh=" + a + "&xm=" + b);""",
            ("http://f.example/api/x", "POST", False, ["zsbh", "xm"])),
    "variable data": ("""var p = {}; p.certNo = x; p["name"] = y; $.post('/api/i', p)""",
                      ("http://f.example/api/i", "POST", False, ["certNo", "name"])),
}


@pytest.mark.parametrize("case", sorted(AJAX))
def test_ajax_endpoints(case):
    code, (url, method, as_json, params) = AJAX[case]
    eps = find_ajax_endpoints(f"<html><body><script>{code}</script></body></html>", "http://f.example/a/b.html")
    assert len(eps) == 1
    ep = eps[0]
    assert (ep["url"], ep["method"], ep["json"], [p["name"] for p in ep["params"]]) == (url, method, as_json, params)


def test_ajax_serialize_uses_form_fields_and_kit_fixture():
    html = ('<form id="f1"><input name="a1" placeholder="身份证号"></form>'
            "<script>$.ajax({url:'/api/s', type:'POST', data: $('#f1').serialize()})</script>")
    (ep,) = find_ajax_endpoints(html, "http://f.example/")
    assert ep["params"] == [{"name": "a1", "role": "id_number"}] and ep["is_query"]
    (kit,) = find_ajax_endpoints(load("fake_nomarker_kit"), "http://hb-yjt.top/query.html")
    assert kit["url"] == "http://hb-yjt.top/api/cert/query" and kit["method"] == "POST"
    assert [(p["name"], p["role"]) for p in kit["params"]] == [("zsbh", "cert_number"), ("sfzh", "id_number")]
    assert find_ajax_endpoints("<script>$.get('/css/x.css')</script>", "http://f.example/") == []


REDIRECTS = {
    '<meta http-equiv="Refresh" content="0;url=/go?x=1">': ("http://f.example/go?x=1", "meta"),
    "<META HTTP-EQUIV='refresh' CONTENT=\"3; URL='http://x.example/p'\">": ("http://x.example/p", "meta"),
    '<meta http-equiv="refresh" content="  0 ;  Url = next.html ">': ("http://f.example/a/next.html", "meta"),
    '<script>window.location.href = "http://t.example/r";</script>': ("http://t.example/r", "js"),
    "<script>location.replace('/m/index.html')</script>": ("http://f.example/m/index.html", "js"),
    '<script>window.location.assign("https://a.example/");</script>': ("https://a.example/", "js"),
    "<script>top.location='x.html'</script>": ("http://f.example/a/x.html", "js"),
    "<script>var base='http://c.example'; location.href = base + '/q';</script>": ("http://c.example/q", "js"),
    "<script>window.onload = function(){ location.href='/loaded.html' }</script>": ("http://f.example/loaded.html", "js"),
    "<script>setTimeout(\"location.href='/later.html'\", 2000);</script>": ("http://f.example/later.html", "js"),
    "<body onload=\"window.location.href='/b.html'\">x</body>": ("http://f.example/b.html", "js"),
}


@pytest.mark.parametrize("html", sorted(REDIRECTS))
def test_redirects(html):
    hops = find_redirects(html, "http://f.example/a/b.html")
    assert [(h["url"], h["kind"]) for h in hops] == [REDIRECTS[html]]


def test_redirects_skip_handlers_strings_and_order_conditionals():
    url = "http://f.example/"
    assert find_redirects("<script>$('#b').click(function(){ location.href='/no.html'; });"
                          "function go(){window.location='/no2.html'}</script>", url) == []
    assert find_redirects("<script>var s = \"location.href='/s.html'\"; // location.href='/c.html'\n</script>", url) == []
    assert find_redirects("<script>$.ajax({url:'/q', success: function(r){ location.href='/r.html' }})</script>", url) == []
    hops = find_redirects("<script>if (/MicroMessenger/i.test(navigator.userAgent)) { location.href = '/wx.html' }"
                          "</script><script>document.location = '/plain.html';</script>", url)
    assert [h["url"] for h in hops] == ["http://f.example/plain.html", "http://f.example/wx.html"]
    assert hops[1]["conditional"] and "MicroMessenger" in hops[1]["condition"]
    assert find_redirects('<frameset><frame src="http://real.example/x"></frameset>', url) == []
    assert find_redirects('<frameset><frame src="http://real.example/x"></frameset>', url, include_frames=True) == [
        {"url": "http://real.example/x", "kind": "frame"}]


def test_page_facts_collects_everything():
    facts = facts_of("official_mem_home", "https://www.mem.gov.cn/")
    assert facts["title"] == "中华人民共和国应急管理部" and facts["gov_host"]
    assert "dcs.conac.cn" in facts["script_hosts"] and "cx.mem.gov.cn" in facts["link_hosts"]
    assert facts["forms"][0]["fields"][0]["name"] == "searchword" and not facts["forms"][0]["is_query"]
    assert facts_of("training_school", "http://www.antai-peixun.com/")["keywords"]["mem"] >= 2
    image = facts_of("fake_image_only", "http://yjgl-bj.cc/z.php")
    assert image["text_empty"] and image["emblem"] and image["title"] == "北京市应急管理局"
    header = page_facts("<p>x</p>", "http://a.example/", headers={"Refresh": "0; url=/next"})
    assert header["redirects"] == [{"url": "http://a.example/next", "kind": "header"}]
    assert page_facts(os.urandom(0), "http://a.example/")["text_empty"]


def test_inputs_of_the_wrong_type_are_named():
    with pytest.raises(TypeError, match="decode_html needs the body as bytes, got str"):
        decode_html("<p>x</p>")
    with pytest.raises(TypeError, match="looks_binary needs the body as bytes, got str"):
        looks_binary("<p>x</p>")


def test_certificate_from_an_lxml_tree():
    import lxml.html

    tree = lxml.html.fromstring("<div><p>姓名：张三</p><p>证号：T110101199003071234</p></div>")
    assert extract_certificate_from_html(tree) == {"holder_name": "张三", "cert_number": "T110101199003071234"}


# spiders.chain still uses FormRequest.from_response, deprecated in Scrapy 2.19 (form2request replaces it).
@pytest.mark.filterwarnings("ignore:FormRequest.from_response")
def test_form_index_matches_scrapy_formnumber():
    from scrapy.http import FormRequest, HtmlResponse

    html = load("fake_copied_footer").replace("<body>", '<body><form action="/search"><input name="q"></form>', 1)
    response = HtmlResponse("http://cx-mem-gov.cn/index.html", body=html.encode("utf-8"), encoding="utf-8")
    form = find_query_forms(response.text, response.url)[0]
    assert form["index"] == 1
    data = {f["name"]: "110101199003071234" for f in form["fields"] if f["role"] == "id_number"}
    request = FormRequest.from_response(response, formnumber=form["index"], formdata=data)
    assert request.url == form["action"] and request.method == form["method"]
    assert b"zjhm=110101199003071234" in request.body
