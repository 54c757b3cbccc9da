"""The sandbox world's content: determinism, the known list's ground truth, kits and their behaviours,
official services, taken-down sites, hostile hosts, DNS and WHOIS. Handlers are called directly."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import zlib
from datetime import date
from html.parser import HTMLParser
from itertools import combinations
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from zhenwei.sandbox.cxquery import captcha_answer
from zhenwei.sandbox.hostile import BOMB_MIB, HUGE_BYTES
from zhenwei.sandbox.kits import KITS
from zhenwei.sandbox.model import HttpRequest
from zhenwei.sandbox.people import MOHURD_CERT_RE, id_check_digit, mem_record, synthetic_id, valid_id
from zhenwei.sandbox.world import KNOWN_SITE_COLUMNS, build_world, registrable

WECHAT = ("Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.47.2560(0x28002F30)")
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
STREAMING = {"huge", "huge_declared", "gzip_bomb", "tarpit"}
# Where the script-driven kits fetch the record from (the page itself only carries the number).
KIT_API = {"wxcloak": "/h5/api/cert.php?certNo=", "vuespa": "/prod-api/certsearch/certInfo/netQuery?certNum=",
           "dzzz": "/dzzz/api.php?act=info&zsbh=", "layuicity": "/api/v1/cert/query?bh="}
NUMBER = re.compile(r"T\d{17}[\dX]|[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新][A-Z]\d{12}")


@pytest.fixture(scope="module")
def world():
    return build_world(2023)


def fetch(world, url, ua=WECHAT, method="GET", body=b"", ctype=""):
    """Call the handler of ``url``'s host the way the HTTP server would; None for NXDOMAIN / refused."""
    parts = urlsplit(url)
    host = world.lookup(parts.hostname)
    if host is None or host.handler is None:
        return None
    headers = {"user-agent": ua, "host": parts.hostname}
    if ctype:
        headers["content-type"] = ctype
    return host.handler(HttpRequest(method, parts.scheme, parts.hostname, parts.path or "/", parts.query, headers,
                                    body))


def header(resp, name):
    return next((v for k, v in resp.headers if k.lower() == name.lower()), None)


def text(resp):
    charset = "gbk" if re.search(rb"charset=(gbk|gb2312)", resp.body[:600] + str(resp.headers).encode(), re.I) else "utf-8"
    return resp.body.decode(charset)


def follow(world, url, ua=WECHAT, limit=6):
    """Follow HTTP redirects only; returns [(url, response)]."""
    hops = []
    for _ in range(limit):
        resp = fetch(world, url, ua)
        hops.append((url, resp))
        location = resp and header(resp, "location")
        if not location:
            break
        url = urljoin(url, location)
    return hops


def digest(world) -> str:
    """Hash of the hosts, records, lists and the bytes of many pages (both user agents)."""
    h = hashlib.sha256()
    hostile = {urlsplit(u).hostname for k, u in world.notes["hostile"].items() if k in STREAMING}
    for name in sorted(world.hosts):
        host = world.hosts[name]
        h.update(repr((name, host.a, host.ns, host.mx, host.txt, host.https, host.wildcard)).encode())
        if host.handler is not None and name not in hostile:
            resp = fetch(world, f"http://{name}/")
            h.update(repr((resp.status, resp.headers)).encode() + resp.body)
    for row in world.known_sites:
        h.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode())
        for ua in (WECHAT, DESKTOP):
            resp = fetch(world, row["url"], ua)
            h.update(b"-" if resp is None else repr((resp.status, resp.headers)).encode() + resp.body)
    for target in world.photo_targets:
        for url, resp in follow(world, target["url"]):
            h.update(url.encode() + (b"-" if resp is None else resp.body))
    h.update(json.dumps([world.whois_records, world.listen_ips, world.photo_targets], sort_keys=True).encode())
    return h.hexdigest()


# -- determinism and shape ---------------------------------------------------------------------------
def test_same_seed_same_world_bytes():
    assert digest(build_world(2023)) == digest(build_world(2023))


def test_other_seed_other_world_same_shape():
    a, b = build_world(2023), build_world(7)
    assert {r["domain"] for r in a.known_sites} != {r["domain"] for r in b.known_sites}
    assert b.notes["known_counts"] == {"total": 226, "live": 8, "down": 218}


@pytest.mark.parametrize("seed", [0, 1, 99, 31337])
def test_many_seeds_build_consistently(seed):
    w = build_world(seed)
    assert len(w.known_sites) == 226 and len(w.notes["known_down"]) == 218


def test_bad_seed_is_refused():
    with pytest.raises(TypeError, match="seed"):
        build_world("2023")


# -- the known list --------------------------------------------------------------------------------
def test_known_list_mirrors_the_case(world):
    rows = world.known_sites
    assert KNOWN_SITE_COLUMNS == ["domain", "url", "first_seen", "source", "note"]
    assert len(rows) == 226 and all(list(r) == KNOWN_SITE_COLUMNS for r in rows)
    assert len({r["domain"] for r in rows}) == 226
    kinds = world.notes["site_kind"]
    down = [r for r in rows if kinds[r["domain"]].startswith("down:")]
    live = [r for r in rows if kinds[r["domain"]].startswith("live:")]
    assert len(down) == 218 and len(live) == 8
    assert sorted(r["domain"] for r in down) == world.notes["known_down"]
    assert len({kinds[r["domain"]] for r in live}) == 8  # the live ones span different kits
    for r in rows:
        assert date(2022, 1, 1) <= date.fromisoformat(r["first_seen"]) <= date(2023, 12, 31)
        assert registrable(urlsplit(r["url"]).hostname) == r["domain"]
        assert r["source"] and r["note"]
    assert any("西城区检察院" in r["source"] for r in rows)
    assert set(world.notes["down_kinds"]) == {"nxdomain", "refused", "suspended", "http404", "parked"}


_SUSPENDED = re.compile(r"暂停访问|已被关停|Account Suspended|has been suspended", re.I)
_PARKED = re.compile(r"出售|for sale|停放")


def test_every_known_site_behaves_per_ground_truth(world):
    for row in world.known_sites:
        kind = world.notes["site_kind"][row["domain"]]
        host = urlsplit(row["url"]).hostname
        if kind == "down:nxdomain":
            assert world.lookup(row["domain"]) is None and world.lookup(host) is None, row
            continue
        assert world.lookup(host) is not None, row
        assert all(ip.startswith("127.") for ip in world.lookup(host).a)
        if urlsplit(row["url"]).scheme == "https" and kind != "down:refused":
            assert world.lookup(host).https, row  # else a TLS failure would hide the ground truth
        resp = fetch(world, row["url"])
        if kind == "down:refused":
            assert resp is None and not set(world.lookup(host).a) & set(world.listen_ips), row
        elif kind == "down:suspended":
            assert resp.status in (200, 403, 451, 503) and _SUSPENDED.search(text(resp)), row
        elif kind == "down:http404":
            assert resp.status == 404 and fetch(world, f"http://{host}/").status == 404, row
        elif kind == "down:parked":
            assert resp.status == 200 and _PARKED.search(text(resp)), row
        else:
            assert kind.startswith("live:") and resp.status == 200, row


# -- kits ----------------------------------------------------------------------------------------------
class _Shape(HTMLParser):
    """Structure of a page: tag/class/id/name tokens, ignoring text."""

    def __init__(self):
        super().__init__()
        self.tokens = set()

    def handle_starttag(self, tag, attrs):
        self.tokens.add(tag)
        for k, v in attrs:
            if k in ("class", "id", "name", "type") and v:
                self.tokens.update(f"{tag}.{k}={part}" for part in v.split())


def _shape(html: str) -> set[str]:
    p = _Shape()
    p.feed(html)
    return p.tokens


def test_at_least_six_structurally_different_kits(world):
    kits = world.notes["kits"]
    assert len(kits) >= 6
    shapes = {}
    for domain, info in world.notes["live_sites"].items():
        if domain in world.notes["known_live"]:
            url = next(r["url"] for r in world.known_sites if r["domain"] == domain)
            shapes[info["kit"]] = _shape(text(fetch(world, url)) + text(fetch(world, info["base"] + "/")))
    assert set(shapes) == set(kits)
    for a, b in combinations(shapes, 2):
        jaccard = len(shapes[a] & shapes[b]) / len(shapes[a] | shapes[b])
        assert jaccard < 0.5, (a, b, jaccard)


def _live(world, kit, known=True):
    domain = next(d for d, i in world.notes["live_sites"].items()
                  if i["kit"] == kit and (d in world.notes["known_live"]) == known)
    return domain, world.notes["live_sites"][domain]


def test_fake_confirms_the_number_in_its_qr_url(world):
    for row in world.known_sites:
        kind = world.notes["site_kind"][row["domain"]]
        if not kind.startswith("live:"):
            continue
        kit, number = kind.split(":", 1)[1], NUMBER.search(unquote(row["url"])).group(0)
        final_url, final = follow(world, row["url"])[-1]
        if kit in KIT_API:
            assert number in text(final) or number in final_url, row
            final = fetch(world, f"{urlsplit(final_url).scheme}://{urlsplit(final_url).hostname}{KIT_API[kit]}{number}")
        body = text(final)
        assert number in body and "有效" in body, row


def test_gbk_kit_really_is_gbk(world):
    domain, info = _live(world, "provgbk")
    url = next(r["url"] for r in world.known_sites if r["domain"] == domain)
    resp = fetch(world, url)
    with pytest.raises(UnicodeDecodeError):
        resp.body.decode("utf-8")
    page = resp.body.decode("gbk")
    assert "该证书真实有效" in page and "特种作业操作证查询结果" in page
    declared = (header(resp, "content-type") or "").lower()
    assert "gbk" in declared or "charset=gb2312" in page
    # POST form -> meta refresh -> GET result
    sfz = url.split("zh=T", 1)[1]
    post = fetch(world, info["base"] + "/cx.asp", method="POST", body=f"sfz={sfz}&xm=&act=search".encode("gbk"),
                 ctype="application/x-www-form-urlencoded")
    assert re.search(r'http-equiv="refresh" content="0;URL=cx.asp\?zh=T', post.body.decode("gbk"))
    assert "查无此证" in text(fetch(world, info["base"] + "/cx.asp?zh=T110101199001011234"))


def test_cloaking_kit_shows_the_fake_only_to_wechat(world):
    for known in (True, False):
        _, info = _live(world, "wxcloak", known)
        url = next(t["url"] for t in world.photo_targets if urlsplit(t["url"]).hostname == info["host"])
        phone, desk = text(fetch(world, url, WECHAT)), text(fetch(world, url, DESKTOP))
        assert "国家安全生产考试" in phone and "/h5/api/cert.php" in phone
        assert phone != desk and "证书" not in desk and "国家安全生产考试" not in desk
    api = fetch(world, info["base"] + "/h5/api/cert.php?certNo=T110101199001011234", DESKTOP)
    assert json.loads(api.body)["data"]["zt"] == "有效"  # on-the-fly back end


def test_shorteners_redirect_with_location(world):
    links = world.notes["shortlinks"]
    assert any(len(chain) == 3 for chain in links.values())  # a 2-hop chain
    for url, chain in links.items():
        hops = follow(world, url)
        assert [u for u, _ in hops] == chain
        for _, resp in hops[:-1]:
            assert resp.status in (301, 302) and header(resp, "location")
        assert hops[-1][1].status == 200
    assert fetch(world, "https://t.dwzn.cn/doesnotexist").status == 404


def test_meta_refresh_and_js_redirects(world):
    kinds = {j["kind"]: j["url"] for j in world.notes["jumps"].values()}
    assert set(kinds) == {"meta", "js", "js_timeout"}
    assert re.search(r'<meta http-equiv="refresh" content="0; url=https?://', text(fetch(world, kinds["meta"])))
    assert re.search(r'window\.location\.href = "https?://', text(fetch(world, kinds["js"])))
    assert "location.replace(" in text(fetch(world, kinds["js_timeout"]))
    _, info = _live(world, "layuicity")
    assert 'http-equiv="refresh" content="1;url=/cert/result.html?bh=T1' in text(
        fetch(world, info["base"] + "/c/T110101199001011234"))
    _, info = _live(world, "dzzz")
    assert 'window.location.href = "/dzzz/show.html?zsbh=T1' in text(fetch(world, info["base"] + "/zs?id=T110101199001011234"))


def test_unknown_numbers_by_kit_policy(world):
    assert {KITS[k].ON_THE_FLY for k in world.notes["kits"]} == {True, False}  # both back-end behaviours exist
    number = "T" + synthetic_id(random.Random("unknown-number"))
    for kit in world.notes["kits"]:
        _, info = _live(world, kit)
        site_kit = KITS[kit]
        if site_kit.AUTHORITY != "mem":
            continue
        url = info["base"] + site_kit.qr_path(number)
        body = text(follow(world, url)[-1][1])
        if kit in KIT_API:
            body = text(fetch(world, info["base"] + KIT_API[kit] + number))
        if site_kit.ON_THE_FLY:
            assert number in body, kit
        else:
            assert re.search(r"查无此证|暂无数据", body), kit


def test_mohurd_kit_numbers_and_validity(world):
    _, info = _live(world, "zjcert")
    url = next(t["url"] for t in world.photo_targets if urlsplit(t["url"]).hostname == info["host"])
    page = text(fetch(world, url))
    number = re.search(r"<dt>证书编号</dt><dd>([^<]+)</dd>", page).group(1)
    assert MOHURD_CERT_RE.match(number)
    until = date.fromisoformat(re.search(r"<dt>有效期至</dt><dd>([^<]+)</dd>", page).group(1))
    assert date(2023, 6, 1) < until <= date(2025, 6, 1)  # two-year validity
    assert "住房和城乡建设部" in page and 'name="SiteIDCode"' in page


def test_markers_copied_forged_and_absent(world):
    pages = {}
    for kit in ("govportal", "provgbk", "vuespa", "tpboot", "dzzz"):
        url = next(r["url"] for r in world.known_sites if world.notes["site_kind"][r["domain"]] == f"live:{kit}")
        pages[kit] = "".join(text(resp) for _, resp in follow(world, url))
    copied = pages["govportal"]
    assert '<meta name="SiteIDCode" content="bm34000001">' in copied and "网站标识码bm34000001" in copied
    assert "bszs.conac.cn/sitename?method=show&amp;id=" in copied and "京ICP备05070218号" in copied
    forged = pages["provgbk"]
    meta = re.search(r'name="SiteIDCode" content="(\d{10})"', forged).group(1)
    footer = re.search(r"网站标识码：(\d{10})", forged).group(1)
    assert meta != footer and 'href="dzjg.html"' in forged
    assert 'href="/conac/sitename?method=show' in pages["vuespa"] and "bszs.conac.cn" not in pages["vuespa"]
    for kit in ("tpboot", "dzzz"):
        assert "SiteIDCode" not in pages[kit] and "网站标识码" not in pages[kit] and "ICP备" not in pages[kit]


# -- official sites ------------------------------------------------------------------------------------
def test_ministry_portal_markers(world):
    page = text(fetch(world, "https://www.mem.gov.cn/"))
    assert '<meta name="SiteIDCode" content="bm34000001">' in page and "主办单位：中华人民共和国应急管理部" in page
    assert re.search(r"https://dcs\.conac\.cn/js/[\w/]+\.js", page)
    assert re.search(r"https://bszs\.conac\.cn/sitename\?method=show&amp;id=[0-9A-F]{32}", page)
    assert re.search(r"京ICP备\d+号", page) and "www.beian.gov.cn/portal/registerSystemInfo?recordcode=" in page
    for host in ("yjgl.beijing.gov.cn", "yjt.shandong.gov.cn"):
        prov = text(fetch(world, f"https://{host}/"))
        code = re.search(r'name="SiteIDCode" content="(\d+)"', prov).group(1)
        assert len(code) == 10 and f"网站标识码：{code}" in prov and "cx.mem.gov.cn" in prov
    assert world.lookup("www.mohurd.gov.cn").https and fetch(world, "https://zlaq.mohurd.gov.cn/").status == 200


def test_official_query_app_and_api(world):
    shell = text(fetch(world, "https://cx.mem.gov.cn/special?index=0"))
    assert "<title>特种作业操作证及安全生产知识和管理能力考核合格信息查询</title>" in shell and "app." in shell
    cap = json.loads(fetch(world, "https://cx.mem.gov.cn/prod-api/certsearch/code").body)
    assert base64.b64decode(cap["img"]).startswith(b"\x89PNG") and cap["uuid"]
    api = "https://cx.mem.gov.cn/prod-api/certsearch/certInfo/netQuery"

    def ask(payload):
        resp = fetch(world, api, method="POST", body=json.dumps(payload).encode(), ctype="application/json")
        return json.loads(resp.body)
    fake_number = re.search(r"T\d{17}[\dX]", next(t["url"] for t in world.photo_targets
                                                   if t["kind"] == "fake:govportal")).group(0)
    assert ask({"certNum": fake_number, "code": "wrong", "uuid": cap["uuid"]})["code"] == 500
    assert ask({"certNum": fake_number, "code": "1", "uuid": "x"})["msg"] == "验证码已失效"
    answer = captcha_answer(world.seed, cap["uuid"])
    miss = ask({"certNum": fake_number, "code": answer, "uuid": cap["uuid"]})
    assert miss == {"msg": "证件档案编号有误", "code": 500}
    real = world.notes["official_numbers"][5]
    hit = ask({"certNum": real, "code": answer, "uuid": cap["uuid"]})
    assert hit["code"] == 200
    assert set(hit["data"][0]) >= {"certNum", "jobCategoryName", "operItemName", "issueOrgName", "validBeginDate",
                                   "validEndDate", "shouldReviewDate", "reviewDate", "certStatus"}
    assert fetch(world, "http://cx.saws.org.cn/").status == 302
    assert header(fetch(world, "http://www.chinasafety.gov.cn/"), "location") == "https://www.mem.gov.cn/"
    for name in world.notes["official_hosts"]:
        assert world.lookup(name).https or world.lookup(name).handler is None


# -- hostile hosts -------------------------------------------------------------------------------------
def test_hostile_hosts(world):
    hostile = world.notes["hostile"]
    assert set(hostile) >= {"huge", "redirect_loop", "gzip_bomb", "binary", "tarpit", "private_ip", "metadata_ip",
                            "redirect_private", "meta_private"}
    assert all(hostile[k] not in {r["url"] for r in world.known_sites} for k in hostile)
    huge = fetch(world, hostile["huge"])
    assert not isinstance(huge.body, bytes)
    first = next(iter(huge.body))
    assert first.startswith(b"<!DOCTYPE html>") and sum(len(c) for c in fetch(world, hostile["huge"]).body) == HUGE_BYTES
    bomb = fetch(world, hostile["gzip_bomb"])
    assert header(bomb, "content-encoding") == "gzip" and len(bomb.body) < 2_000_000
    assert int.from_bytes(bomb.body[-4:], "little") == (BOMB_MIB << 20) % 2**32 and BOMB_MIB << 20 > 10**9
    inflater = zlib.decompressobj(31)
    assert inflater.decompress(bomb.body[:200_000], 50_000_000) == b" " * 50_000_000
    loop_a = fetch(world, hostile["redirect_loop"])
    loop_b = fetch(world, urljoin(hostile["redirect_loop"], header(loop_a, "location")))
    assert urlsplit(header(loop_b, "location")).hostname == urlsplit(hostile["redirect_loop"]).hostname
    binary = fetch(world, hostile["binary"])
    assert header(binary, "content-type") == "text/html" and b"\x00" in binary.body
    assert fetch(world, hostile["tarpit"]).delay >= 30
    assert world.lookup(urlsplit(hostile["private_ip"]).hostname).a == ["10.11.12.13"]
    assert world.lookup(urlsplit(hostile["metadata_ip"]).hostname).a == ["169.254.169.254"]
    assert header(fetch(world, hostile["redirect_private"]), "location").startswith("http://10.20.30.40/")
    assert 'url=http://192.168.1.1/' in text(fetch(world, hostile["meta_private"]))


# -- photo targets, negatives, DNS, WHOIS ----------------------------------------------------------------
def test_photo_targets(world):
    targets = world.photo_targets
    assert 25 <= len(targets) <= 35
    kinds = [t["kind"] for t in targets]
    assert 2 <= kinds.count("official") <= 3 and 1 <= kinds.count("down") <= 2
    assert len({k for k in kinds if k.startswith("fake:")}) >= 6
    assert any(t.get("via", "").startswith("shortener") for t in targets)
    assert any(k == "fake:wxcloak" for k in kinds)
    for t in targets:
        if t["kind"] == "official":
            assert urlsplit(t["url"]).hostname == "cx.mem.gov.cn"
            assert re.search(r"T\d{17}[\dX]", t["url"]).group(0) in world.notes["official_numbers"]
        elif t["kind"].startswith("fake:"):
            assert follow(world, t["url"])[-1][1].status == 200


def test_negatives_are_live_and_not_fakes(world):
    negatives = world.notes["negatives"]
    by_kind = {}
    for host, kind in negatives.items():
        by_kind.setdefault(kind, []).append(host)
        assert host not in world.notes["site_kind"] and registrable(host) not in world.notes["site_kind"]
        assert fetch(world, f"http://{host}/").status == 200
    assert {k for k, v in by_kind.items() if len(v) >= 2} == {"training", "news", "tutorial", "company", "parked",
                                                               "unrelated"}
    for host in by_kind["training"] + by_kind["tutorial"]:
        assert "cx.mem.gov.cn" in text(fetch(world, f"http://{host}/"))


def test_dns_records(world):
    allowed_outside = {"10.11.12.13", "169.254.169.254"}
    for name, host in world.hosts.items():
        assert host.a, name
        assert all(ip.startswith("127.") or ip in allowed_outside for ip in host.a), name
        if host.handler is not None and host.a[0].startswith("127."):
            assert set(host.a) <= set(world.listen_ips), name
    assert all(ip.startswith("127.") for ip in world.listen_ips)
    assert not any(ip.startswith("127.0.66.") for ip in world.listen_ips)
    shared = {}
    for d, kind in world.notes["site_kind"].items():
        if d in world.hosts:
            shared.setdefault(world.hosts[d].a[0], []).append(d)
    assert max(len(v) for v in shared.values()) >= 10  # hosting providers are shared by many fakes
    wild = world.notes["wildcard_zones"][0]
    assert world.lookup(f"anything.at.all.{wild}") is world.hosts[wild] and world.hosts[wild].wildcard
    assert world.hosts["cx-mem-gov.cn"].ns and world.hosts["mem.gov.cn"].mx
    assert any(h.txt for h in world.hosts.values() if h.name in world.notes["site_kind"])


_CNNIC_KEYS = ["Domain Name", "ROID", "Domain Status", "Registrant", "Registrant Contact Email",
               "Sponsoring Registrar", "Name Server", "Registration Time", "Expiration Time"]


def test_whois_records(world):
    live = [d for d, k in world.notes["site_kind"].items() if k.startswith("live:")]
    for domain in live + ["mem.gov.cn", "mohurd.gov.cn", "beijing.gov.cn"]:
        record = world.whois_records[domain]
        if domain.endswith(".cn"):
            keys = [line.split(":", 1)[0] for line in record.splitlines()]
            assert [k for k in keys if k in _CNNIC_KEYS][:2] == ["Domain Name", "ROID"]
            assert set(_CNNIC_KEYS) <= set(keys), domain
            assert record.startswith(f"Domain Name: {domain}\n")
            created = re.search(r"Registration Time: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", record).group(1)
        else:
            assert record.startswith(f"Domain Name: {domain.upper()}\n") and "Registrar IANA ID:" in record
            created = re.search(r"Creation Date: (\d{4}-\d\d-\d\d)", record).group(1)
        if domain in live:
            assert created >= "2022-01-01"  # fakes are young registrations
    held = [d for d, k in world.notes["site_kind"].items() if k == "down:nxdomain" and d in world.whois_records]
    assert held and all("serverHold" in world.whois_records[d] for d in held)


# -- people --------------------------------------------------------------------------------------------
def test_synthetic_ids_are_valid_gb11643():
    assert id_check_digit("11010519491231002") == "X"  # the standard's worked example
    rng = random.Random(5)
    for _ in range(200):
        number = synthetic_id(rng)
        assert valid_id(number)
        rec = mem_record(rng, number)
        assert rec.number == "T" + number and (rec.valid_until - rec.valid_from).days in range(6 * 365 - 1, 6 * 366)
    assert not valid_id("110105194912310021")
