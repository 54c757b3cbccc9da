"""The fake sites of the sandbox world: who runs which kit where, and what became of each.

Mirrors the real case: the known list holds :data:`KNOWN_TOTAL` fake sites of which
:data:`KNOWN_DOWN` are already down (NXDOMAIN, refused, suspended, 404, parked, see
:mod:`takendown`); the live ones are one per kit. Beyond the list, each kit also runs on a new domain
the list does not know yet (the campaign came back), and a few jump domains forward to them.

Everything is drawn from ``random.Random`` streams seeded from the world seed.

Reads no settings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from zhenwei.sandbox import takendown
from zhenwei.sandbox.fakedomains import (PARKING_IPS, REFUSED_NET, SEED_DOMAINS, Provider, generate_domains,
                                         provider_for)
from zhenwei.sandbox.kits import KITS
from zhenwei.sandbox.kits.backend import FakeSite
from zhenwei.sandbox.kits.hops import JUMP_KINDS, jump_handler, jump_url
from zhenwei.sandbox.model import Handler, Host
from zhenwei.sandbox.negatives_misc import PARKED_STYLES, PARKING_ZONE
from zhenwei.sandbox.people import PROVINCE_BY_CODE, Province, mohurd_number, synthetic_id, synthetic_name
from zhenwei.sandbox.whoisgen import WORLD_NOW, fake_registration, random_time

KNOWN_TOTAL = 226
KNOWN_DOWN = 218
DOWN_MIX = {"nxdomain": 80, "refused": 40, "suspended": 45, "http404": 28, "parked": 25}
# How many of the 218 down sites each kit had run (sums to KNOWN_DOWN).
DOWN_PER_KIT = {"govportal": 40, "provgbk": 35, "wxcloak": 30, "vuespa": 25, "zjcert": 20, "tpboot": 25,
                "dzzz": 23, "layuicity": 20}
LIVE_KNOWN = {"govportal": "cx-mem-gov.cn", "provgbk": "yjgl-beijing.com", "wxcloak": "gov-cn-mem.vip",
              "vuespa": "mem-gov.com.cn", "zjcert": "zlaq-mohurd.cn", "tpboot": "tzzy-cx.xyz", "dzzz": "zscx.cc",
              "layuicity": "bjyjglj.top"}
HTTPS_KITS = {"govportal", "vuespa", "tpboot", "wxcloak"}
SOURCES = ("西城区检察院线索", "西城区检察院线索", "西城区检察院线索", "公安机关通报", "12377举报", "通信管理局协查",
           "搜索引擎巡查", "用人单位核验发现")
NOTES = ("伪造特种作业操作证二维码指向该站", "扫码显示证书有效", "同一后台模板", "冒用应急管理部门名义",
         "冒用住建部门名义", "页面含国徽及机关名称", "微信扫码打开", "证书编号官方平台查询显示证件档案编号有误")


@dataclass
class FakeWorld:
    """What :func:`build_fakes` adds to the world."""

    hosts: list[Host] = field(default_factory=list)
    whois: dict[str, str] = field(default_factory=dict)
    known: list[dict[str, str]] = field(default_factory=list)
    sites: dict[str, FakeSite] = field(default_factory=dict)  # every fake domain (live, down, extra)
    kind: dict[str, str] = field(default_factory=dict)  # domain -> "live:<kit>" | "down:<kind>"
    extra_live: list[str] = field(default_factory=list)
    jumps: dict[str, dict[str, str]] = field(default_factory=dict)  # jump domain -> {kind, target domain}


def _city(prov: Province) -> str:
    return prov.full + prov.capital if prov.full.endswith("市") else prov.capital


def _make_site(domain: str, kit: str, prov: Province, rng: random.Random, seed: int) -> FakeSite:
    form = rng.random()
    if kit == "wxcloak" and form < 0.5:
        host = "m." + domain
    elif form < 0.6:
        host = domain
    elif form < 0.85:
        host = "www." + domain
    else:
        host = rng.choice(("cx.", "zs.", "chaxun.")) + domain
    scheme = "https" if kit in HTTPS_KITS and rng.random() < 0.8 else "http"
    site = FakeSite(domain=domain, host=host, kit=kit, scheme=scheme, province=prov, variant=rng.randrange(6),
                    seed=seed)
    if kit == "layuicity":
        site.extra["city"] = _city(prov)
    return site


def _web_hosts(site: FakeSite, ip: str, provider: Provider | None, handler: Handler | None, https: bool,
               rng: random.Random, ns: tuple[str, ...] | None = None) -> list[Host]:
    """The apex (with NS and sometimes TXT/MX), www, and the QR URL's sub-domain if it has one."""
    txt = []
    if rng.random() < 0.3:
        txt.append(f"baidu-site-verification=code-{rng.getrandbits(40):010x}")
    if rng.random() < 0.15:
        txt.append("v=spf1 -all")
    mx = [(10, "mx.ym.163.com")] if rng.random() < 0.1 else []
    apex = Host(site.domain, a=[ip], ns=list(ns or (provider.ns if provider else ())), mx=mx, txt=txt,
                handler=handler, https=https)
    out = [apex, Host("www." + site.domain, a=[ip], handler=handler, https=https)]
    if site.host not in (site.domain, "www." + site.domain):
        out.append(Host(site.host, a=[ip], handler=handler, https=https))
    return out


def _first_seen(rng: random.Random, created: datetime) -> str:
    start = max(created + timedelta(days=3), datetime(2022, 1, 10))
    end = min(created + timedelta(days=240), WORLD_NOW - timedelta(days=2))
    return random_time(rng, start, max(start, end)).date().isoformat()


def _row(site: FakeSite, url: str, first_seen: str, rng: random.Random) -> dict[str, str]:
    note = rng.choice(NOTES if site.kit_module.AUTHORITY == "mem" else ("冒用住建部门名义", "扫码显示证书有效",
                                                                        "伪造建筑施工特种作业操作资格证二维码指向该站"))
    if note == "冒用住建部门名义" and site.kit_module.AUTHORITY == "mem":
        note = "冒用应急管理部门名义"
    return {"domain": site.domain, "url": url, "first_seen": first_seen, "source": rng.choice(SOURCES), "note": note}


def _down_number(site: FakeSite, rng: random.Random) -> str:
    if site.kit_module.AUTHORITY == "mohurd":
        return mohurd_number(rng, site.province)
    return "T" + synthetic_id(rng, site.province if rng.random() < 0.7 else None)


def build_fakes(seed: int, reserved: set[str] = frozenset()) -> FakeWorld:
    """The fake sites for ``seed``; generated names avoid ``reserved`` (other sites' domains)."""
    rng = random.Random(f"fakes:{seed}")
    out = FakeWorld()
    taken = set(SEED_DOMAINS) | set(reserved)
    # --- the live ones: one known per kit, one new per kit -------------------------------------
    for kit, domain in LIVE_KNOWN.items():
        prov = PROVINCE_BY_CODE[SEED_DOMAINS[domain][1]]
        out.sites[domain] = _make_site(domain, kit, prov, rng, seed)
    for kit in LIVE_KNOWN:
        if kit == "dzzz":
            domain, prov = "aqsc-zhengshu.icu", PROVINCE_BY_CODE["37"]
        else:
            domain, prov = generate_domains(rng, 1, KITS[kit].AUTHORITY, taken)[0]
        out.sites[domain] = _make_site(domain, kit, prov, rng, seed)
        out.extra_live.append(domain)
    for domain, site in out.sites.items():
        provider = provider_for(site.kit, rng)
        https = site.scheme == "https" or rng.random() < 0.3
        out.hosts += _web_hosts(site, provider.ip, provider, site.kit_module.make_handler(site), https, rng)
        out.kind[domain] = f"live:{site.kit}"
        created = random_time(rng, datetime(2022, 9, 1), WORLD_NOW - timedelta(days=30))
        out.whois[domain] = fake_registration(domain, rng, list(provider.ns), created)
        if domain not in out.extra_live:
            first = max(_first_seen(rng, created), "2023-01-05")
            out.known.append(_row(site, site.qr_url(site.backend.numbers()[0]), first, rng))
    # --- jump domains in front of the new sites ------------------------------------------------
    targets = {"meta": "govportal", "js": "provgbk", "js_timeout": "layuicity"}
    for kind in JUMP_KINDS:
        domain, prov = generate_domains(rng, 1, "mem", taken)[0]
        target = next(out.sites[d] for d in out.extra_live if out.sites[d].kit == targets[kind])
        provider = provider_for(target.kit, rng)
        host = "www." + domain
        out.hosts += [Host(domain, a=[provider.ip], ns=list(provider.ns), handler=jump_handler(kind, target)),
                      Host(host, a=[provider.ip], handler=jump_handler(kind, target))]
        out.whois[domain] = fake_registration(domain, rng, list(provider.ns),
                                              random_time(rng, datetime(2023, 2, 1), WORLD_NOW - timedelta(days=20)))
        out.kind[domain] = f"live:jump-{kind}"
        out.jumps[domain] = {"kind": kind, "target": target.domain, "host": host,
                             "url": jump_url(host, target.backend.numbers()[1])}
    # --- the 218 that are down -----------------------------------------------------------------
    kinds = [k for k, n in DOWN_MIX.items() for _ in range(n)]
    rng.shuffle(kinds)
    kits = [k for k, n in DOWN_PER_KIT.items() for _ in range(n)]
    rng.shuffle(kits)
    refused_ip = 0
    for kit, down in zip(kits, kinds):
        domain, prov = generate_domains(rng, 1, KITS[kit].AUTHORITY, taken)[0]
        site = _make_site(domain, kit, prov, rng, seed)
        out.sites[domain] = site
        out.kind[domain] = f"down:{down}"
        provider = provider_for(kit, rng)
        created = random_time(rng, datetime(2022, 1, 1), datetime(2023, 4, 15))
        first_seen = _first_seen(rng, created)
        out.known.append(_row(site, site.qr_url(_down_number(site, rng)), first_seen, rng))
        https = site.scheme == "https"
        if down == "nxdomain":
            if rng.random() < 0.6:  # suspended at the registry (serverHold); otherwise deleted outright
                out.whois[domain] = fake_registration(domain, rng, list(provider.ns), created,
                                                      statuses=("serverHold", "clientTransferProhibited"))
            continue
        if down == "parked":
            re_registered = random_time(rng, datetime(2023, 3, 1), WORLD_NOW - timedelta(days=5))
            ns = (f"ns1.{PARKING_ZONE}", f"ns2.{PARKING_ZONE}")
            style = rng.choice(PARKED_STYLES)
            out.hosts += _web_hosts(site, rng.choice(PARKING_IPS), None,
                                    takendown.parked_after_expiry(domain, style), https, rng, ns=ns)
            out.whois[domain] = fake_registration(domain, rng, list(ns), re_registered,
                                                  registrant=synthetic_name(rng) if domain.endswith(".cn") else
                                                  "Domain Investor Ltd")
            continue
        out.whois[domain] = fake_registration(domain, rng, list(provider.ns), created)
        if down == "refused":
            refused_ip = refused_ip % 30 + 1
            out.hosts += _web_hosts(site, f"{REFUSED_NET}{refused_ip}", provider, None, https, rng)
        elif down == "suspended":
            out.hosts += _web_hosts(site, provider.ip, provider, takendown.suspended_handler(provider.suspension),
                                    https, rng)
        else:
            out.hosts += _web_hosts(site, provider.ip, provider, takendown.not_found_handler(provider.not_found),
                                    https, rng)
    out.known.sort(key=lambda r: (r["first_seen"], r["domain"]))
    return out

